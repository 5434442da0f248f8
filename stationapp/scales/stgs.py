"""The common ASCII line of 电子秤/计价秤 indicators: ``ST,GS,+  4.876kg\\r\\n``.

Fields: ``ST`` stable, ``US`` unstable, ``OL`` overload; ``GS`` gross, ``NT`` net, ``TR`` tare;
the signed weight (spaces or zeros before it) and its unit. A ``TR`` line gives the tare the
indicator holds; the ``NT`` lines after it carry it. Usually 9600 baud, 8N1.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from stationapp.scales.reading import FrameParser, Reading

LINE = re.compile(
    rb"(?P<state>ST|US|OL),(?P<kind>GS|NT|TR),(?P<sign>[+-])\s*"
    rb"(?P<weight>[0-9.]*[0-9][0-9.]*|[-\s]*)\s*(?P<unit>kg|g|lb|t|jin|KG|G|LB|T)?\s*$"
)


def line(state: str, kind: str, weight: str, unit: str = "kg") -> bytes:
    """The line an indicator sends ("ST", "GS", "-0.125"): what the tests and docs show."""
    sign = "-" if weight.startswith("-") else "+"
    return f"{state},{kind},{sign}{weight.lstrip('+-'):>7}{unit}\r\n".encode("ascii")


class StGsParser(FrameParser):
    model = "st-gs"

    def __init__(self) -> None:
        super().__init__()
        self.tare: Decimal | None = None

    def _next(self, at: float) -> Reading | None:
        while True:
            end = self.buffer.find(b"\n")
            if end < 0:
                return None
            raw, self.buffer = self.buffer[: end + 1], self.buffer[end + 1 :]
            match = LINE.search(raw.rstrip(b"\r\n"))
            net = _weight(match) if match else None
            if match is None or net is None:
                self.garbage += len(raw)
            elif match["kind"] == b"TR":
                self.tare = net
            else:
                return self._reading(match, net, raw, at)

    def _reading(self, match: re.Match[bytes], net: Decimal, raw: bytes, at: float) -> Reading:
        if match["kind"] == b"GS":
            self.tare = None  # back to gross: the indicator's tare no longer applies
        return Reading(
            net=net,
            unit=(match["unit"] or b"kg").decode("ascii").lower(),
            stable=match["state"] == b"ST",
            raw_frame=raw,
            tare=self.tare if match["kind"] == b"NT" else None,
            negative=net < 0,
            overload=match["state"] == b"OL",
            model=self.model,
            at=at,
        )


def _weight(match: re.Match[bytes]) -> Decimal | None:
    """The signed weight of a line; 0 for an overload line showing dashes; None if unreadable."""
    try:
        weight = Decimal(match["weight"].decode("ascii"))
    except InvalidOperation:
        return Decimal(0) if match["state"] == b"OL" else None
    return -weight if match["sign"] == b"-" and weight != 0 else weight
