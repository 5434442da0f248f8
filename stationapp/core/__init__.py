"""The station's domain: pure Python, no Qt anywhere below here."""

from stationapp.core.errors import (
    PermissionDenied,
    StateError,
    StoreError,
    UserError,
    ValidationError,
)
from stationapp.core.events import Event, VerifyResult
from stationapp.core.operators import Operator
from stationapp.core.station import Station, StationInfo, TodayFigures

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
