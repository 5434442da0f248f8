"""``st.county``: what the county sent, as the screens read it (households, billers, the
catalog, SMS templates, announcements, county settings, county events). Taking a page of the
county's feed in is :mod:`stationapp.core.county.feed`; ``st.county.apply_page`` hands it there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stationapp.core import meta
from stationapp.core.county.feed import PageTaken, apply_page, read_cursor
from stationapp.core.county.households import Household, Households
from stationapp.core.county.reference import (
    Announcement,
    Biller,
    CatalogItem,
    CountyEventRecord,
    SmsTemplate,
    read_announcements,
    read_billers,
    read_catalog,
    read_county_events,
    read_setting,
    read_template,
)

if TYPE_CHECKING:
    from stationapp.core.line import LineContext


@dataclass(frozen=True)
class CountyDataTaken:
    """Told to every screen after a round took changes from the county's feed: the screens
    that show the county's data (announcements, billers...) read it again."""

    taken: int
    kinds: frozenset[str]


class CountyData:
    """``st.county``: what the county sent, as the screens read it, and the page taker.

    Like the station, not thread-safe: call it from the station's one database thread."""

    def __init__(self, ctx: LineContext) -> None:
        self._log = ctx.log
        self._conn: sqlite3.Connection = ctx.conn
        self._handlers = ctx.county_handlers  # each line's answer to the county's events
        self.households = Households(self._conn, self.setting)

    def apply_page(self, changes: Iterable[Any], next_cursor: str) -> PageTaken:
        return apply_page(self._log, changes, next_cursor, handlers=self._handlers)

    def cursor(self) -> str:
        return read_cursor(self._conn)

    def household(self, household_no: str) -> Household | None:
        """The household with this 户编号, or None."""
        return self.households.get(household_no)

    def billers(self, *, active_only: bool = True) -> list[Biller]:
        return read_billers(self._conn, active_only=active_only)

    def catalog(self, category: str | None = None) -> list[CatalogItem]:
        return read_catalog(self._conn, category)

    def template(self, name: str) -> SmsTemplate | None:
        return read_template(self._conn, name)

    def announcements(
        self, now: str | datetime | None = None, *, limit: int | None = None
    ) -> list[Announcement]:
        township = meta.get(self._conn, meta.TOWNSHIP)  # the station's, from joining the county
        return read_announcements(self._conn, now=now, township=township, limit=limit)

    def setting(self, key: str, default: Any = None) -> Any:
        return read_setting(self._conn, key, default)

    def county_events(
        self, *, needs_attention: bool = False, entity_id: str | None = None, limit: int = 200
    ) -> list[CountyEventRecord]:
        return read_county_events(
            self._conn, needs_attention=needs_attention, entity_id=entity_id, limit=limit
        )
