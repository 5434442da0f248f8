"""The scale models the station reads: the one list a new model joins (name -> new parser)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from stationapp.scales import reasons
from stationapp.scales.reading import FrameParser
from stationapp.scales.stgs import StGsParser
from stationapp.scales.xk3190 import XK3190Parser

MODELS: dict[str, Callable[[], FrameParser]] = {
    "xk3190-a9": XK3190Parser,
    "xk3190-a9-reversed": partial(XK3190Parser, lowest_first=True),
    "st-gs": StGsParser,
}
DEFAULT_MODEL = "xk3190-a9"


def make_parser(model: str) -> FrameParser:
    """A fresh parser for ``model`` (each port needs its own: parsers keep partial frames)."""
    try:
        return MODELS[model]()
    except KeyError:
        raise reasons.ScaleError(
            reasons.UNKNOWN_MODEL, model=model, models=", ".join(MODELS)
        ) from None
