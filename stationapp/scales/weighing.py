"""Taking a weight: the latest stable reading, repeated, not stale; refusals say what to do."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from stationapp.scales import reasons
from stationapp.scales.reading import Reading
from stationapp.scales.reasons import ScaleError

# grams per unit: the scale's units, and 斤 (500 g) that village produce is priced in
GRAMS_PER_UNIT = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "斤": Decimal(500),
    "jin": Decimal(500),
    "lb": Decimal("453.59237"),
    "t": Decimal(1_000_000),
}
PLACES = Decimal("0.001")  # a purchase records at most three decimals
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


def in_unit(weight: Decimal, unit: str, wanted: str) -> Decimal:
    """``weight`` given in ``unit`` as ``wanted`` (4.876 kg -> 9.752 斤), to three decimals."""
    grams = weight * GRAMS_PER_UNIT[unit]
    return (grams / GRAMS_PER_UNIT[wanted]).quantize(PLACES, rounding=ROUND_HALF_UP)


def weighing_record(reading: Reading, *, unit: str, tare: Tare | None = None) -> dict[str, str]:
    """How a weight taken from the scale is recorded with a purchase, in the purchase's ``unit``:
    ``{"source": "scale", "gross", "tare", "net", "frame"}``. ``tare`` is what the tare key
    took: the indicator's own (its net frames are net already) or the empty basket (subtracted
    here); without one the weight is the net and no gross or tare is recorded."""
    record = {"source": "scale"}
    if tare is None:
        record["net"] = _text(in_unit(reading.net, reading.unit, unit))
    else:
        tare_weight = in_unit(tare.weight, tare.unit, unit)
        weight = in_unit(reading.net, reading.unit, unit)
        gross = weight + tare_weight if tare.from_indicator else weight
        record.update(gross=_text(gross), tare=_text(tare_weight), net=_text(gross - tare_weight))
    record["frame"] = reading.raw_text
    return record


def _text(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
