"""Taking a weight: the latest stable reading, repeated, not stale; refusals say what to do."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from decimal import Decimal

from stationapp.scales import reasons
from stationapp.scales.reading import Reading
from stationapp.scales.reasons import ScaleError

MAX_AGE_MS = 1000  # a scale in continuous mode sends several frames a second
REPEATS = 2  # the indicator's stable flag seen twice with the same weight (DOMAIN: "repeated")


@dataclass(frozen=True)
class Tare:
    """A tare: the indicator's own (``from_indicator``) or the stable weight of the empty
    container now on the scale, with the frame it came from."""

    weight: Decimal
    unit: str
    from_indicator: bool
    raw_frame: bytes


class WeightWatch:
    """Keeps the latest reading and how many stable frames in a row showed its weight; safe to
    ask from another thread than the one that notes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: Reading | None = None
        self._run = 0

    @property
    def latest(self) -> Reading | None:
        return self._latest

    def note(self, reading: Reading) -> None:
        with self._lock:
            previous = self._latest
            same = previous is not None and previous.stable and previous.net == reading.net
            self._run = (self._run + 1 if same else 1) if reading.stable else 0
            self._latest = reading

    def take_stable_net(
        self, *, max_age_ms: float = MAX_AGE_MS, repeats: int = REPEATS, now: float | None = None
    ) -> Reading:
        """The stable net weight to record, or ScaleError saying why not (none yet, stale,
        moving, overloaded, below zero, zero)."""
        with self._lock:
            reading, run = self._latest, self._run
        if reading is None:
            raise ScaleError(reasons.NO_READING)
        age_ms = ((time.monotonic() if now is None else now) - reading.at) * 1000
        if age_ms > max_age_ms:
            raise ScaleError(reasons.STALE, age_ms=int(age_ms))
        if reading.overload:
            raise ScaleError(reasons.OVERLOAD)
        if not reading.stable or run < repeats:
            raise ScaleError(reasons.UNSTABLE)
        if reading.net < 0:
            raise ScaleError(reasons.NEGATIVE)
        if reading.net == 0:
            raise ScaleError(reasons.NOTHING_ON)
        return reading

    def take_tare(self, *, max_age_ms: float = MAX_AGE_MS, now: float | None = None) -> Tare:
        """The indicator's tare when its frames carry one, else the stable weight of the empty
        container on the scale (the produce page subtracts it from the next weights)."""
        reading = self._latest
        if reading is not None and reading.tare is not None:
            age_ms = ((time.monotonic() if now is None else now) - reading.at) * 1000
            if age_ms <= max_age_ms:
                return Tare(reading.tare, reading.unit, True, reading.raw_frame)
        reading = self.take_stable_net(max_age_ms=max_age_ms, now=now)
        return Tare(reading.net, reading.unit, False, reading.raw_frame)
