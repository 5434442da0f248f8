""" "Test the scale": open the port, read a few seconds, say what came and what to change."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from stationapp.scales import reasons
from stationapp.scales.config import ScaleConfig
from stationapp.scales.models import MODELS
from stationapp.scales.port import DISCONNECTED, open_port
from stationapp.scales.reading import FrameParser, Reading
from stationapp.scales.reasons import ScaleError

ENOUGH_FRAMES = 5  # the scale has clearly answered: no need to wait the full time


@dataclass(frozen=True)
class ScaleCheck:
    """What a few seconds on the port showed. ``error`` is None when the configured model read
    frames; ``model_seen`` is the model whose parser read the most frames (None: no frame)."""

    port: str
    seconds: float
    bytes_seen: int = 0
    frames: int = 0
    garbage_bytes: int = 0
    last: Reading | None = None
    model_seen: str | None = None
    error: ScaleError | None = None
    frames_per_model: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def check_scale(config: ScaleConfig, *, seconds: float = 3.0) -> ScaleCheck:
    """Read ``config``'s port for up to ``seconds`` with every model's parser at once; never
    raises: a missing or busy port, silence, garbage or another model are in ``error``."""
    started = time.monotonic()
    try:
        port = open_port(config)
    except ScaleError as error:
        return ScaleCheck(config.port, 0.0, error=error)
    parsers = {name: make() for name, make in MODELS.items()}
    last: dict[str, Reading] = {}
    seen, error = 0, None
    try:
        while time.monotonic() - started < seconds:
            data = port.read(max(1, port.in_waiting))
            seen += len(data)
            for name, parser in parsers.items():
                for reading in parser.feed(data, time.monotonic()):
                    last[name] = reading
            if parsers[config.model].frames >= ENOUGH_FRAMES:
                break
    except DISCONNECTED:
        error = ScaleError(reasons.UNPLUGGED, port=config.port)
    finally:
        port.close()
    return _verdict(config, parsers, last, seen, time.monotonic() - started, error)


def _verdict(
    config: ScaleConfig,
    parsers: dict[str, FrameParser],
    last: dict[str, Reading],
    seen: int,
    seconds: float,
    error: ScaleError | None,
) -> ScaleCheck:
    counts = {name: parser.frames for name, parser in parsers.items()}
    best = max(counts, key=lambda name: counts[name])
    model_seen = best if counts[best] else None
    mine = parsers[config.model]
    if error is None and mine.frames == 0:
        if model_seen is not None:
            error = ScaleError(reasons.OTHER_MODEL, found=model_seen, model=config.model)
        elif seen:
            error = ScaleError(reasons.GARBAGE, port=config.port, baudrate=config.baudrate)
        else:
            error = ScaleError(reasons.SILENT, port=config.port)
    return ScaleCheck(
        port=config.port,
        seconds=round(seconds, 3),
        bytes_seen=seen,
        frames=mine.frames,
        garbage_bytes=mine.garbage,
        last=last.get(config.model),
        model_seen=model_seen,
        error=error,
        frames_per_model=counts,
    )
