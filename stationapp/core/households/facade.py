"""``st.households``: find a registered household (by 户编号, a name, pinyin initials or a phone
tail), open its log for a period, the totals the reports count, a service without money
(``household.helped``) and the 帮扶台账 export."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stationapp.core.county.households import Household, Households
from stationapp.core.errors import ValidationError
from stationapp.core.event_record import Event
from stationapp.core.households import ledger, reading
from stationapp.core.households.log import HELPED
from stationapp.core.households.periods import Period, period_of, this_month
from stationapp.core.households.reading import LogEntry, StationTotals, Totals
from stationapp.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from stationapp.core.line import LineContext

FIND_LIMIT = 50
SERVICE_KINDS = ("training", "advice", "form", "other")  # 培训, 咨询, 代办表格, 其他
NOTE_MAX = 200
NAME_MAX = 30
_TAIL = re.compile(r"^\d{4}$", re.ASCII)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOP = "\U0010ffff"


@dataclass(frozen=True)
class FoundHousehold:
    """A household of the registry as the log shows it: the registry's row and the names the
    station has met its people by."""

    household: Household
    people: tuple[str, ...] = ()

    @property
    def household_no(self) -> str:
        return self.household.household_no

    @property
    def monitored(self) -> bool:
        """A 监测对象 under 防止返贫监测 (its kind in ``household.monitoring_type``)."""
        return bool(self.household.monitoring_type)


@dataclass(frozen=True)
class HouseholdLogPage:
    """One household's log for a period (None: its whole history)."""

    household_id: str
    household: FoundHousehold | None  # None when the registry no longer lists it
    period: Period | None
    entries: list[LogEntry]
    totals: Totals


class HouseholdLog:
    """``st.households``: the household log (帮扶台账) over the county's registry."""

    def __init__(self, ctx: LineContext) -> None:
        self._conn: sqlite3.Connection = ctx.conn
        self._log = ctx.log
        self._session = ctx.session
        self._registry: Households = ctx.shared["county"].households

    # finding ----------------------------------------------------------------------------------

    def find(self, text: str, *, limit: int = FIND_LIMIT) -> list[FoundHousehold]:
        """Households matching what the operator typed: the registry's own search (户编号,
        the head's name, its pinyin, a village, an ID number), then a phone tail (four digits)
        and the name of a member the station has met (or its pinyin initials)."""
        query = "".join(unicodedata.normalize("NFKC", text or "").split())
        if not query:
            return []
        found: dict[str, Household] = {h.household_no: h for h in self._registry.find(query)}
        if _TAIL.match(query):
            self._take(found, self._by_phone_tail(query, limit), limit)
        self._take(found, self._by_member(query, limit), limit)
        return [self._shown(h) for h in list(found.values())[:limit]]

    def household(self, household_id: str) -> FoundHousehold | None:
        registered = self._registry.get(household_id)
        return self._shown(registered) if registered else None

    # the log ----------------------------------------------------------------------------------

    def log(self, household_id: str, period: Period | str | None = None) -> HouseholdLogPage:
        """The household's rows and totals for ``period`` (a month, quarter or year; None:
        everything the station did for it)."""
        span = None if period is None else period_of(period)
        household_id = household_id.strip()
        return HouseholdLogPage(
            household_id=household_id,
            household=self.household(household_id),
            period=span,
            entries=reading.entries(self._conn, household_id, span),
            totals=reading.totals(self._conn, household_id, span),
        )

    def entries(self, period: Period | str | None = None) -> list[LogEntry]:
        """Every household's log rows in ``period`` (None: this month), for the station's
        printed 帮扶台账."""
        return reading.station_entries(self._conn, period_of(period))

    def totals(self, household_id: str, period: Period | str | None = None) -> Totals:
        span = None if period is None else period_of(period)
        return reading.totals(self._conn, household_id.strip(), span)

    def station_totals(self, period: Period | str | None = None) -> StationTotals:
        """Households helped, the people in them, bought from them... (None: this month)."""
        return reading.station_totals(self._conn, period_of(period))

    def helped_this_month(self) -> int:
        return reading.households_helped(self._conn, this_month())

    def export_ledger(self, period: Period | str, path: Path | None = None) -> bytes:
        """The 帮扶台账 of a month or a year as an XLSX file's bytes (also written to ``path``)."""
        return ledger.export(self._conn, period_of(period), path)

    # a service without money ------------------------------------------------------------------

    def helped(self, household_id: str, *, kind: str, note: str, customer_name: str = "") -> Event:
        """Record a service to a household that moved no money (training, advice, a form
        filled in): ``household.helped``, by the operator on duty."""
        operator = self._session.require_operator()
        household_id = (household_id or "").strip()
        note = " ".join((note or "").split())
        customer_name = " ".join((customer_name or "").split())
        if self._registry.get(household_id) is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "No registered household has the number {household_no}. Find the household "
                    "by its number, the head's name or a phone tail and choose it from the list.",
                ),
                household_no=household_id,
            )
        if kind not in SERVICE_KINDS:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Choose what the service was: training, advice, a form filled in, or other.",
                )
            )
        if len(note) < 2 or len(note) > NOTE_MAX:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Write what was done for the household in 2 to 200 characters, "
                    "e.g. 'filled in the medical insurance claim form'.",
                )
            )
        if len(customer_name) > NAME_MAX:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError", "The person's name is too long: write at most 30 characters."
                )
            )
        payload = {"household_id": household_id, "kind": kind, "note": note}
        if customer_name:
            payload["customer_name"] = customer_name
        with self._log.batch() as batch:
            return batch.append(
                HELPED, entity_id=household_id, payload=payload, operator=operator.id
            )

    # ------------------------------------------------------------------------------------------

    def _shown(self, household: Household) -> FoundHousehold:
        people = tuple(
            row[0]
            for row in self._conn.execute(
                "SELECT name FROM household_people WHERE household_id = ? ORDER BY name",
                (household.household_no,),
            )
        )
        return FoundHousehold(household, people)

    def _by_phone_tail(self, tail: str, limit: int) -> list[str]:
        return [
            row[0]
            for row in self._conn.execute(
                "SELECT household_no FROM county_households WHERE substr(phone_masked, -4) = ?"
                " ORDER BY household_no LIMIT ?",
                (tail, limit),
            )
        ]

    def _by_member(self, query: str, limit: int) -> list[str]:
        if _HAN.search(query):
            columns: tuple[str, ...] = ("name",)
        elif query.isascii() and query.isalpha():
            columns, query = ("initials", "pinyin"), query.lower()
        else:
            return []
        found: list[str] = []
        for column in columns:
            found += [
                row[0]
                for row in self._conn.execute(
                    f"SELECT DISTINCT household_id FROM household_people"
                    f" WHERE {column} >= ? AND {column} < ? ORDER BY household_id LIMIT ?",
                    (query, query + _TOP, limit),
                )
            ]
        return found

    def _take(self, found: dict[str, Household], numbers: list[str], limit: int) -> None:
        for number in numbers:
            if len(found) >= limit:
                return
            if number not in found:
                registered = self._registry.get(number)
                if registered is not None:
                    found[number] = registered
