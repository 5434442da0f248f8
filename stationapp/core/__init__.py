"""The station's domain: pure Python, no Qt anywhere below here.

``from stationapp.core import Station, UserError`` is the facade's address (DESIGN §10). The
errors are light and load at once; ``Station`` and the other names load on first use, so a
kernel module (``stationapp.core.clock``, ``stationapp.core.event_record``) can be imported,
by the county server for one, without loading every line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from stationapp.core.errors import (
    PermissionDenied,
    StateError,
    StoreError,
    UserError,
    ValidationError,
)

if TYPE_CHECKING:
    from stationapp.core.event_record import Event
    from stationapp.core.operators import Operator
    from stationapp.core.station import Station, StationInfo, TodayFigures
    from stationapp.core.verify import VerifyResult

_LAZY = {
    "Event": "stationapp.core.event_record",
    "Operator": "stationapp.core.operators",
    "Station": "stationapp.core.station",
    "StationInfo": "stationapp.core.station",
    "TodayFigures": "stationapp.core.station",
    "VerifyResult": "stationapp.core.verify",
}

__all__ = [
    "Event",
    "Operator",
    "PermissionDenied",
    "StateError",
    "Station",
    "StationInfo",
    "StoreError",
    "TodayFigures",
    "UserError",
    "ValidationError",
    "VerifyResult",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stationapp.core' has no attribute {name!r}")
    return getattr(import_module(module), name)
