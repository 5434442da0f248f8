"""The periods the household log is read by: a month (``2026-11``), a quarter (``2026-Q4``) or
a year (``2026``), each a range of business days (Asia/Shanghai, DESIGN §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from stationapp.core import clock
from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

_SHAPE = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>[1-4])))?$")


@dataclass(frozen=True)
class Period:
    """Business days ``first`` to ``last`` (both in), named by ``label``."""

    kind: str  # "month" | "quarter" | "year"
    label: str
    first: date
    last: date

    @property
    def bounds(self) -> tuple[str, str]:
        """The first and last day as the log's ``day`` column holds them."""
        return self.first.isoformat(), self.last.isoformat()


def month(year: int, number: int) -> Period:
    first = date(year, number, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return Period("month", f"{year}-{number:02d}", first, last)


def this_month(day: date | None = None) -> Period:
    """The month of ``day``, or of today's business day."""
    day = day or clock.business_day()
    return month(day.year, day.month)


def period_of(value: Period | str | date | None) -> Period:
    """``value`` read as a period: a Period, ``"2026-11"``, ``"2026-Q4"``, ``"2026"``, a day
    (its month), or None (this month). Anything else is refused with the shapes it takes."""
    if isinstance(value, Period):
        return value
    if value is None or isinstance(value, date):
        return this_month(value)
    found = _SHAPE.match(str(value).strip())
    if found is None or not 1 <= int(found["month"] or 1) <= 12:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Give the period as a month (2026-11), a quarter (2026-Q4) or a year (2026).",
            )
        )
    year = int(found["year"])
    if found["month"]:
        return month(year, int(found["month"]))
    if found["quarter"]:
        number = int(found["quarter"])
        first, last = month(year, 3 * number - 2), month(year, 3 * number)
        return Period("quarter", f"{year}-Q{number}", first.first, last.last)
    return Period("year", str(year), date(year, 1, 1), date(year, 12, 31))
