"""The station's clock: aware times in Asia/Shanghai, ISO 8601 with offset, and the business day.

Every "now" in the core comes from :func:`now`, so tests can replace the clock with
:func:`set_clock` (a :class:`ManualClock` is handy) instead of patching ``datetime``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

SHANGHAI = ZoneInfo("Asia/Shanghai")

ClockFunction = Callable[[], datetime]

_clock: ClockFunction | None = None


def set_clock(fn: ClockFunction | None) -> None:
    """Make :func:`now` ask ``fn`` (aware datetimes); ``None`` restores the real clock."""
    global _clock
    _clock = fn


def now() -> datetime:
    """The current time, aware, in Asia/Shanghai."""
    if _clock is None:
        return datetime.now(SHANGHAI)
    current = _clock()
    if current.tzinfo is None or current.utcoffset() is None:
        raise ValueError("the station clock returned a naive datetime; give it a time zone")
    return current.astimezone(SHANGHAI)


def format_iso(moment: datetime) -> str:
    """``2026-11-22T09:30:00.123+08:00``: the form every stored and sent time takes."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("times are stored with their offset; this datetime is naive")
    return moment.isoformat(timespec="milliseconds")


def minute_text(iso: str) -> str:
    """``2026-11-22 09:30`` from a stored ISO time, for messages and screens (empty stays empty)."""
    return iso[:16].replace("T", " ")


def now_iso() -> str:
    """The current time as ISO 8601 with milliseconds and offset, in Asia/Shanghai."""
    return format_iso(now())


def parse_iso(text: str) -> datetime:
    """Read an ISO 8601 time that carries its offset (``Z`` counts); the offset is kept."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{value} is not a time; write it like 2026-11-22T09:30:00+08:00.",
            ),
            value=text,
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The time {value} has no time zone offset; "
                "write it like 2026-11-22T09:30:00+08:00.",
            ),
            value=text,
        )
    return moment


def business_day(at: datetime | date | str | None = None) -> date:
    """The station's day of ``at`` (now when omitted): the calendar day in Asia/Shanghai.

    An event at 2026-11-22T17:30Z belongs to business day 2026-11-23.
    """
    if at is None:
        return now().date()
    if isinstance(at, str):
        at = parse_iso(at)
    if isinstance(at, datetime):
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("a naive datetime has no business day; give it a time zone")
        return at.astimezone(SHANGHAI).date()
    return at


def business_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first instant of ``day`` and of the next day, in Asia/Shanghai (half-open range)."""
    start = datetime.combine(day, time(0), tzinfo=SHANGHAI)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=SHANGHAI)


class ManualClock:
    """A clock for tests and demos that only moves when told: ``set_clock(ManualClock(start))``."""

    def __init__(self, start: datetime | str) -> None:
        moment = parse_iso(start) if isinstance(start, str) else start
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("a ManualClock needs an aware start time")
        self.current = moment

    def __call__(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Move forward by ``delta`` or by ``timedelta(**parts)``; returns the new time."""
        self.current += delta if delta is not None else timedelta(**parts)
        return self.current


def to_moment(at: datetime | str | None) -> datetime:
    """``at`` (default: now) as a time in Asia/Shanghai."""
    if at is None:
        return now()
    moment = parse_iso(at) if isinstance(at, str) else at
    return moment.astimezone(SHANGHAI)


def iso(moment: datetime) -> str:
    """Stored times compare as strings: always Asia/Shanghai, milliseconds, offset."""
    return format_iso(moment.astimezone(SHANGHAI))
