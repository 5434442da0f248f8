"""Opening the scale's serial port, and what a failed open means to the operator."""

from __future__ import annotations

import errno
from typing import Any

import serial

from stationapp.scales import reasons
from stationapp.scales.config import ScaleConfig
from stationapp.scales.reasons import ScaleError

# errno values of a port held by another program (Linux, macOS; Windows says "Access is denied")
BUSY = (errno.EBUSY, errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK)

# what a port that disappears under a read raises (an unplugged USB cable, a hung-up pty)
DISCONNECTED = (serial.SerialException, OSError)


def open_port(config: ScaleConfig, *, timeout_s: float = 0.05) -> Any:
    """The open port (8N1, exclusive, reads return after ``timeout_s``), or ScaleError."""
    if not config.port:
        raise ScaleError(reasons.PORT_NOT_SET)
    try:
        return serial.serial_for_url(
            config.port, baudrate=config.baudrate, timeout=timeout_s, exclusive=True
        )
    except (serial.SerialException, OSError, ValueError) as error:
        raise port_error(config.port, error) from None


def port_error(port: str, error: BaseException) -> ScaleError:
    """PORT_BUSY or PORT_MISSING for a failed open, with the system's words kept for the log."""
    code = getattr(error, "errno", None)
    words = str(error).lower()
    busy = code in BUSY or "denied" in words or "lock" in words or "busy" in words
    return ScaleError(reasons.PORT_BUSY if busy else reasons.PORT_MISSING, str(error), port=port)
