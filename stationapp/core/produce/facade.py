"""``st.produce``: buying villagers' produce (收购), taking goods in to sell for them (代销),
selling on (上行) and settling with consignors, with the reads the produce page shows."""

from __future__ import annotations

import sqlite3

from stationapp.core.line import LineContext
from stationapp.core.produce.buying import Buying
from stationapp.core.produce.selling import Selling
from stationapp.core.produce.views import Reading


class Produce(Buying, Selling, Reading):
    """``st.produce``. Like the station, not thread-safe: one database thread calls it."""

    def __init__(self, ctx: LineContext) -> None:
        self._conn: sqlite3.Connection = ctx.conn
        self._log = ctx.log
        self._session = ctx.session
        self._settings = ctx.settings
        self._county = ctx.shared["county"]
