"""Record ids: RFC 9562 UUIDv7 strings, ordered by creation time.

Layout (128 bits): 48-bit Unix milliseconds, version 7, 12-bit ``rand_a`` used as a counter
that starts at 0 each millisecond (RFC 9562 §6.2 method 1; ids then share more bytes, and a push
to the county packs smaller), variant ``10``, 62 random bits. Within one process every id is greater
than the one before, even within one millisecond or when the wall clock steps back: the counter
then advances, and when it runs out the timestamp borrows the next millisecond. Ids carry the
real time (not :mod:`stationapp.core.clock`, which tests may freeze), so they stay unique.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

_COUNTER_MAX = 0xFFF
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_lock = threading.Lock()
_last_ms = -1
_counter = 0


def _unix_ms() -> int:
    return time.time_ns() // 1_000_000


def uuid7() -> str:
    """A new UUIDv7 like ``0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8f``, greater than the last one."""
    global _last_ms, _counter
    with _lock:
        ms = _unix_ms()
        if ms > _last_ms:
            _last_ms, _counter = ms, 0
        elif _counter < _COUNTER_MAX:
            _counter += 1
        else:
            _last_ms, _counter = _last_ms + 1, 0
        ms, counter = _last_ms, _counter
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= secrets.randbits(62)
    return str(uuid.UUID(int=value))


def uuid7_time(value: str) -> datetime:
    """When the UUIDv7 ``value`` was made (millisecond precision, aware, UTC)."""
    try:
        parsed = uuid.UUID(value.strip())
    except (AttributeError, ValueError):
        parsed = None
    if parsed is None or parsed.version != 7 or parsed.variant != uuid.RFC_4122:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{value} is not a record id of this app; an id looks like "
                "0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8f. Scan the receipt's QR code again.",
            ),
            value=value,
        )
    return _EPOCH + timedelta(milliseconds=parsed.int >> 80)
