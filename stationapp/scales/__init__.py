"""The electronic scale (电子秤) of produce buying: frames from a serial port into weights.

No Qt here, and no business line: the produce page owns a :class:`ScaleReader`, shows each
:class:`Reading` beside the quantity field and, when the operator takes the weight, records
:meth:`ScaleReader.take_stable_net` with its raw frame as :func:`weighing_record` shapes it.
:func:`check_scale` is the settings' "test the scale" button. A model is a parser listed in
:data:`MODELS`; docs/scales.md tells the formats.

Settings read by :meth:`ScaleConfig.from_settings` (flat keys):

==============  ==========  =================================================================
key             default     meaning
==============  ==========  =================================================================
scale.port      (empty)     COM3, /dev/ttyUSB0 or a pyserial URL; empty: weights are typed
scale.baudrate  9600        the indicator's serial speed (1200 on some older ones)
scale.model     xk3190-a9   xk3190-a9 | xk3190-a9-reversed | st-gs
==============  ==========  =================================================================
"""

from __future__ import annotations

from stationapp.scales.check import ScaleCheck, check_scale
from stationapp.scales.config import BAUDRATES, ScaleConfig
from stationapp.scales.models import DEFAULT_MODEL, MODELS, make_parser
from stationapp.scales.reader import (
    CONNECTED,
    DISCONNECTED_STATE,
    SILENT,
    STOPPED,
    ScaleReader,
    ScaleStatus,
)
from stationapp.scales.reading import FrameParser, Reading
from stationapp.scales.reasons import ScaleError
from stationapp.scales.weighing import Tare, WeightWatch, in_unit, weighing_record

__all__ = [
    "BAUDRATES",
    "CONNECTED",
    "DEFAULT_MODEL",
    "DISCONNECTED_STATE",
    "MODELS",
    "SILENT",
    "STOPPED",
    "FrameParser",
    "Reading",
    "ScaleCheck",
    "ScaleConfig",
    "ScaleError",
    "ScaleReader",
    "ScaleStatus",
    "Tare",
    "WeightWatch",
    "check_scale",
    "in_unit",
    "make_parser",
    "weighing_record",
]
