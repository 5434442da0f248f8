"""The scale's settings: which port, how fast, which model (flat ``scale.*`` keys)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stationapp.scales import reasons
from stationapp.scales.models import DEFAULT_MODEL, MODELS

BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)


@dataclass(frozen=True)
class ScaleConfig:
    """``port`` is a name (COM3, /dev/ttyUSB0) or a pyserial URL (``loop://``)."""

    port: str
    baudrate: int = 9600
    model: str = DEFAULT_MODEL

    def __post_init__(self) -> None:
        if self.model not in MODELS:
            raise reasons.ScaleError(
                reasons.UNKNOWN_MODEL, model=self.model, models=", ".join(MODELS)
            )
        if self.baudrate not in BAUDRATES:
            raise reasons.ScaleError(reasons.BAD_BAUDRATE, baudrate=self.baudrate)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ScaleConfig | None:
        """The configured scale, or None when no port is set (the weight is typed by hand)."""
        port = str(settings.get("scale.port") or "").strip()
        if not port:
            return None
        raw_baud = str(settings.get("scale.baudrate") or "9600").strip()
        try:
            baudrate = int(raw_baud)
        except ValueError:
            raise reasons.ScaleError(reasons.BAD_BAUDRATE, baudrate=raw_baud) from None
        model = str(settings.get("scale.model") or DEFAULT_MODEL).strip().lower()
        return cls(port=port, baudrate=baudrate, model=model)
