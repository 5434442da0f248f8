"""A weight as the scale sent it, and the small piece that cuts frames out of the port's bytes."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal

# Bytes kept while waiting for the end of a frame: a frame is 12-20 bytes, so more than this
# without one is noise (a wrong baud rate) and is dropped rather than kept growing.
MAX_BUFFER = 256


@dataclass(frozen=True)
class Reading:
    """One frame from the scale. ``net`` is signed (below zero when ``negative``); ``tare`` is the
    indicator's own tare when the format carries it; ``raw_frame`` is kept with the purchase;
    ``at`` is ``time.monotonic()`` when the frame's last byte was read."""

    net: Decimal
    unit: str
    stable: bool
    raw_frame: bytes
    tare: Decimal | None = None
    negative: bool = False
    overload: bool = False
    model: str = ""
    at: float = 0.0

    @property
    def raw_text(self) -> str:
        """The frame as text for the event log (control bytes as ``\\x02``)."""
        return (
            self.raw_frame.decode("ascii", "backslashreplace")
            .encode("unicode_escape")
            .decode("ascii")
        )


class FrameParser(ABC):
    """Turns bytes into readings: keeps a partial frame for the next bytes, skips what is not a
    frame and counts it in ``garbage`` (many skipped bytes and no frame: a wrong baud rate)."""

    model = ""

    def __init__(self) -> None:
        self.buffer = b""
        self.frames = 0
        self.garbage = 0

    def feed(self, data: bytes, at: float = 0.0) -> list[Reading]:
        """The readings completed by ``data`` (``at``: when it was read), oldest first."""
        self.buffer += data
        readings = []
        while True:
            reading = self._next(at)
            if reading is None:
                break
            readings.append(reading)
            self.frames += 1
        if len(self.buffer) > MAX_BUFFER:
            self._skip(len(self.buffer) - MAX_BUFFER)
        return readings

    def _skip(self, count: int) -> None:
        self.garbage += count
        self.buffer = self.buffer[count:]

    @abstractmethod
    def _next(self, at: float) -> Reading | None:
        """Cut the next frame off the front of ``buffer`` (skipping garbage before it), or None
        when the buffer holds no whole frame yet: each model's parser says how."""
