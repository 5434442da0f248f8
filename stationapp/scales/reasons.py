"""What the scale says when it cannot give a weight, as the operator reads it.

English sources in context ``"UserError"`` (shown through :class:`ScaleError`); each says what is
wrong and what to do. With no weight from the scale the operator can always type it by hand.
"""

from __future__ import annotations

from stationapp.core.errors import UserError
from stationapp.core.i18n import QT_TRANSLATE_NOOP


class ScaleError(UserError):
    """The scale cannot give a weight now (a port missing or busy, a cable out, a moving load);
    ``detail`` keeps the system's own words for the log."""

    def __init__(self, text: str, /, detail: str = "", **params: object) -> None:
        super().__init__(text, **params)
        self.detail = detail


# --- the port ---------------------------------------------------------------------------------
PORT_NOT_SET = QT_TRANSLATE_NOOP(
    "UserError",
    "No scale port is set. Enter the scale's port (like COM3 or /dev/ttyUSB0) in the scale "
    "settings, or type the weight by hand.",
)
PORT_MISSING = QT_TRANSLATE_NOOP(
    "UserError",
    "There is no port {port} on this computer. Plug the scale's cable in, then choose its port "
    "(like COM3 or /dev/ttyUSB0) in the scale settings.",
)
PORT_BUSY = QT_TRANSLATE_NOOP(
    "UserError",
    "The port {port} is in use by another program (the scale's own tool, the SMS modem). Close "
    "that program, or choose the scale's own port in the scale settings.",
)
UNPLUGGED = QT_TRANSLATE_NOOP(
    "UserError",
    "The scale on {port} stopped answering: its cable came out or it was switched off. Plug it "
    "back in and the weight comes back by itself; type the weight by hand meanwhile.",
)
SILENT = QT_TRANSLATE_NOOP(
    "UserError",
    "The scale on {port} sends nothing. Check that it is switched on, that its cable is in, and "
    "that its output is set to continuous.",
)
GARBAGE = QT_TRANSLATE_NOOP(
    "UserError",
    "Data comes from {port} but it cannot be read as weights. The baud rate ({baudrate}) is "
    "probably wrong: try 9600, then 1200, in the scale settings.",
)
OTHER_MODEL = QT_TRANSLATE_NOOP(
    "UserError",
    "The scale sends {found} frames, not {model} frames. Choose {found} as the scale model in "
    "the scale settings.",
)

# --- the settings -----------------------------------------------------------------------------
UNKNOWN_MODEL = QT_TRANSLATE_NOOP(
    "UserError",
    "There is no scale model {model}. Choose one of: {models}.",
)
BAD_BAUDRATE = QT_TRANSLATE_NOOP(
    "UserError",
    "{baudrate} is not a baud rate a scale uses. Enter 9600 (the usual one), or 1200, 2400, 4800.",
)

# --- taking a weight --------------------------------------------------------------------------
NO_READING = QT_TRANSLATE_NOOP(
    "UserError",
    "No weight has come from the scale yet. Wait a moment, or type the weight by hand.",
)
STALE = QT_TRANSLATE_NOOP(
    "UserError",
    "The scale's last weight is {age_ms} ms old: the scale has gone quiet. Check its cable, or "
    "type the weight by hand.",
)
UNSTABLE = QT_TRANSLATE_NOOP(
    "UserError",
    "The weight is still moving. Wait until the scale shows it steady, then take it again.",
)
NEGATIVE = QT_TRANSLATE_NOOP(
    "UserError",
    "The scale shows a weight below zero. Empty the scale and zero it, then weigh again.",
)
OVERLOAD = QT_TRANSLATE_NOOP(
    "UserError",
    "The scale is overloaded. Take some off and weigh the produce in parts.",
)
NOTHING_ON = QT_TRANSLATE_NOOP(
    "UserError",
    "The scale shows zero. Put the produce on the scale, then take the weight.",
)
