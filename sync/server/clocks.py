"""Station clocks (DESIGN §5): "a station clock more than 5 minutes off the county's is shown to
the operator and flagged to the supervisor".

Every call of the station carries its wall time (``X-Station-Time``); every answer carries the
county's time when the call arrived (``X-County-Time``), so both ends compute the same skew:
station minus county, in seconds. :class:`StationClockMiddleware` measures it and keeps the last
one per station in ``station_clocks`` (migration 0004), with ``off_since`` set while the clock is
more than ``MAX_CLOCK_SKEW_S`` off: :func:`flagged_clocks` is the supervisor's list.

It also names the token's station for the request log (``scope["state"]["station_id"]``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stationapp.core.clock import SHANGHAI, format_iso
from sync import protocol
from sync.server.stations import keyed_hash
from sync.server.storage import Storage
from sync.server.tables import station_clocks, stations

log = logging.getLogger("county_center.clocks")

MAX_CLOCK_SKEW_S = protocol.MAX_CLOCK_SKEW_S
REWRITE_AFTER_S = 600  # an unchanged skew is written again after this long (measured_at moves)
REWRITE_WHEN_MOVED_S = 2  # or when it moved by this much
KNOWN_TOKENS = 10_000  # token hashes remembered with their station...
KNOWN_FOR_S = 60.0  # ...for this long (a reissued code revokes a token)


def county_now() -> datetime:
    """The county's own clock (never the station's ``stationapp.core.clock``, which tests move)."""
    return datetime.now(SHANGHAI)


@dataclass(frozen=True)
class StationClock:
    station_id: str
    skew_seconds: int  # station minus county: negative when the station's clock is behind
    station_time: str
    measured_at: str
    off_since: str | None

    @property
    def flagged(self) -> bool:
        return self.off_since is not None


def skew_seconds(station_time: str, county_time: datetime) -> float | None:
    """Station minus county, in seconds; None for a header that is not an ISO time with offset."""
    if not station_time or len(station_time) > 64:
        return None
    try:
        moment = datetime.fromisoformat(station_time.strip())
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return (moment - county_time).total_seconds()


def record_skew(
    storage: Storage, station_id: str, *, skew: int, station_time: str, measured_at: str
) -> StationClock:
    """Keep ``skew`` as the station's last measured one; a clock off starts (or continues) the
    flag, a clock right again clears it."""
    off = abs(skew) > MAX_CLOCK_SKEW_S
    was_off_since: str | None = None
    for attempt in range(2):  # a second try when a parallel call inserted the row first
        try:
            with storage.engine.begin() as conn:
                row = conn.execute(
                    sa.select(station_clocks.c.off_since).where(
                        station_clocks.c.station_id == station_id
                    )
                ).first()
                was_off_since = row.off_since if row else None
                off_since = (was_off_since or measured_at) if off else None
                values = {
                    "skew_seconds": skew,
                    "station_time": station_time[:64],
                    "measured_at": measured_at,
                    "off_since": off_since,
                }
                if row is None:
                    conn.execute(station_clocks.insert().values(station_id=station_id, **values))
                else:
                    conn.execute(
                        station_clocks.update()
                        .where(station_clocks.c.station_id == station_id)
                        .values(**values)
                    )
            break
        except sa.exc.IntegrityError:
            if attempt:
                raise
    if off and was_off_since is None:
        log.warning(
            "the station's clock is %d seconds %s the county's",
            abs(skew),
            "ahead of" if skew > 0 else "behind",
            extra={"station_id": station_id},
        )
    return StationClock(station_id, skew, station_time[:64], measured_at, off_since)


def station_clock(storage: Storage, station_id: str) -> StationClock | None:
    with storage.engine.connect() as conn:
        row = conn.execute(
            sa.select(station_clocks).where(station_clocks.c.station_id == station_id)
        ).first()
    return _clock(row) if row else None


def flagged_clocks(storage: Storage) -> list[StationClock]:
    """Stations whose last measured clock is more than five minutes off, longest first."""
    with storage.engine.connect() as conn:
        rows = conn.execute(
            sa.select(station_clocks)
            .where(station_clocks.c.off_since.is_not(None))
            .order_by(station_clocks.c.off_since, station_clocks.c.station_id)
        ).all()
    return [_clock(row) for row in rows]


def _clock(row: Any) -> StationClock:
    return StationClock(
        row.station_id, row.skew_seconds, row.station_time, row.measured_at, row.off_since
    )


class StationClockMiddleware:
    """Stamps every answer with the county's time and measures the station's clock."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        storage: Storage,
        secret: str,
        now: Callable[[], datetime] = county_now,
    ) -> None:
        self.app = app
        self.storage = storage
        self.secret = secret
        self.now = now
        # token hash -> (station id, until when, monotonic): tokens themselves are never kept
        self._stations: dict[str, tuple[str, float]] = {}
        self._written: dict[str, tuple[int, float]] = {}  # station id -> (skew, monotonic)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        arrived = self.now()
        headers = Headers(scope=scope)
        token_hash = _token_hash(self.secret, headers.get("authorization", ""))
        station_id = await self._station_of(token_hash) if token_hash else None
        state = scope.setdefault("state", {})  # the request log reads station_id there
        if station_id:
            state["station_id"] = station_id
            station_time = headers.get(protocol.STATION_TIME_HEADER, "")
            skew = skew_seconds(station_time, arrived)
            if skew is not None and self._worth_writing(station_id, round(skew)):
                await self._record(
                    token_hash, station_id, round(skew), station_time, format_iso(arrived)
                )
        status = 500

        async def send_with_time(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append(
                    protocol.COUNTY_TIME_HEADER, format_iso(arrived)
                )
            await send(message)

        await self.app(scope, receive, send_with_time)
        if station_id and status == 401:  # the token was revoked since it was looked up
            self._stations.pop(token_hash, None)
            state.pop("station_id", None)

    async def _station_of(self, token_hash: str) -> str | None:
        known = self._stations.get(token_hash)
        if known is not None and known[1] > time.monotonic():
            return known[0]
        station_id = await run_in_threadpool(self._lookup, token_hash)
        if station_id is None:
            self._stations.pop(token_hash, None)
            return None
        if len(self._stations) >= KNOWN_TOKENS:
            self._stations.clear()
        self._stations[token_hash] = (station_id, time.monotonic() + KNOWN_FOR_S)
        return station_id

    def _lookup(self, token_hash: str) -> str | None:
        try:
            with self.storage.engine.connect() as conn:
                return conn.execute(
                    sa.select(stations.c.id).where(stations.c.token_hash == token_hash)
                ).scalar()
        except sa.exc.SQLAlchemyError:
            log.exception("could not look the token's station up")
            return None

    def _worth_writing(self, station_id: str, skew: int) -> bool:
        last = self._written.get(station_id)
        if last is None:
            return True
        last_skew, written = last
        return (
            abs(skew - last_skew) >= REWRITE_WHEN_MOVED_S
            or time.monotonic() - written >= REWRITE_AFTER_S
        )

    async def _record(
        self, token_hash: str, station_id: str, skew: int, station_time: str, measured_at: str
    ) -> None:
        def record() -> bool:
            # the token is asked again (not the cache): a revoked one's PC is not the station's
            if self._lookup(token_hash) != station_id:
                return False
            record_skew(
                self.storage,
                station_id,
                skew=skew,
                station_time=station_time,
                measured_at=measured_at,
            )
            return True

        try:
            recorded = await run_in_threadpool(record)
        except sa.exc.SQLAlchemyError:  # the clock must never fail a sync
            log.exception("could not record the station's clock")
            return
        if recorded:
            self._written[station_id] = (skew, time.monotonic())
        else:
            self._stations.pop(token_hash, None)


def _token_hash(secret: str, authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return ""
    return keyed_hash(secret, token)
