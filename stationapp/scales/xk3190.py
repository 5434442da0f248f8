"""耀华 XK3190-A9 continuous output: 12-byte frames, the weight's stability told by repeats.

``STX | sign | 6 digits | decimals | XOR hi | XOR lo | ETX``: the XOR of bytes 2-9 written as two
upper-case hex characters. Some indicators (and modes) send the six digits lowest first. The frame
carries no stable flag and no tare, so a weight is stable when it came the same in ``repeats``
frames in a row (at 9600 baud the A9 sends 10-20 frames a second).
"""

from __future__ import annotations

from decimal import Decimal
from functools import reduce

from stationapp.scales.reading import FrameParser, Reading

STX, ETX = 0x02, 0x03
FRAME = 12


def checksum(body: bytes) -> bytes:
    """The two check characters of bytes 2-9 (sign, digits, decimals)."""
    return f"{reduce(lambda a, b: a ^ b, body, 0):02X}".encode("ascii")


def frame(weight: str, *, lowest_first: bool = False) -> bytes:
    """The frame an A9 sends for ``weight`` ("52.30", "-0.5"): what the tests and docs show."""
    sign = b"-" if weight.startswith("-") else b"+"
    whole, _, fraction = weight.lstrip("+-").partition(".")
    digits = f"{int(whole + fraction):06d}"[-6:]
    if lowest_first:
        digits = digits[::-1]
    body = sign + digits.encode("ascii") + str(len(fraction)).encode("ascii")
    return bytes([STX]) + body + checksum(body) + bytes([ETX])


class XK3190Parser(FrameParser):
    model = "xk3190-a9"

    def __init__(self, *, lowest_first: bool = False, repeats: int = 3, unit: str = "kg") -> None:
        super().__init__()
        self.lowest_first = lowest_first
        self.repeats = repeats
        self.unit = unit
        self._last: Decimal | None = None
        self._run = 0
        if lowest_first:
            self.model = "xk3190-a9-reversed"

    def _next(self, at: float) -> Reading | None:
        while True:
            start = self.buffer.find(bytes([STX]))
            if start < 0:
                self._skip(len(self.buffer))
                return None
            self._skip(start)
            if len(self.buffer) < FRAME:
                return None
            reading = self._read(self.buffer[:FRAME], at)
            if reading is None:
                self._skip(1)  # not a frame after all: look for the next STX
                continue
            self.buffer = self.buffer[FRAME:]
            return reading

    def _read(self, raw: bytes, at: float) -> Reading | None:
        body = raw[1:9]
        sign, digits, decimals = body[:1], body[1:7], body[7:8]
        if raw[11] != ETX or raw[9:11] != checksum(body) or sign not in (b"+", b"-"):
            return None
        if not (digits.isdigit() and decimals.isdigit()) or int(decimals) > 4:
            return None
        text = digits.decode("ascii")
        if self.lowest_first:
            text = text[::-1]
        places = int(decimals)
        weight = Decimal(f"{text[:-places]}.{text[-places:]}" if places else text)
        negative = sign == b"-" and weight != 0
        net = -weight if negative else weight
        self._run = self._run + 1 if net == self._last else 1
        self._last = net
        return Reading(
            net=net,
            unit=self.unit,
            stable=self._run >= self.repeats,
            raw_frame=raw,
            negative=negative,
            model=self.model,
            at=at,
        )
