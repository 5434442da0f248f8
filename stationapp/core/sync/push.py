"""Pushing a station's events to the county in a round (DESIGN §5): the county's head asked and
checked against the local chain, the events it lacks sent in seq order in batches that grow
while the link is quick and shrink after a timeout (``sync.pacing.Batcher``, kept between
rounds), and events marked ``pushed`` only once the county's answer is in. A mixin of
``StationSync``."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Generator
from functools import partial
from typing import TYPE_CHECKING, Any

from stationapp.core import event_store
from stationapp.core.events import Event
from stationapp.core.sync.failures import (
    CHAIN_CONFLICT,
    DIVERGED,
    FORBIDDEN,
    INVALID_EVENT,
    NO_PROGRESS,
    _RoundStopped,
    _stopped,
)
from stationapp.core.sync.history import SyncReport
from stationapp.core.sync.steps import CountyCall, RoundSteps

if TYPE_CHECKING:
    from stationapp.core.line import LineContext
    from sync.client import CountyClient
    from sync.pacing import Batcher

MAX_TRIES_PER_ROUND = 4  # timeouts in a row, each with a smaller batch, before the round stops

Progress = Callable[[int, int], None]  # (events the county now holds of this round, to send)


class Pushing:
    """The push half of ``StationSync``'s round: head, batches, events marked pushed."""

    ctx: LineContext
    conn: sqlite3.Connection
    _batcher: Batcher | None

    def _push_all(
        self, client: CountyClient, report: SyncReport, progress: Progress | None
    ) -> RoundSteps:
        from sync import client as wire

        if self._batcher is None:
            from sync.pacing import Batcher

            self._batcher = Batcher()
        batcher = self._batcher
        station_id = self.station_id
        county_seq = first_seq = yield from self._take_head(client, report)

        def tell() -> None:
            # of what the county lacked at the start, and what was recorded since (the
            # operator works on while the round's calls wait on the link)
            if progress is not None:
                progress(county_seq - first_seq, self.ctx.log.head()[0] - first_seq)

        tell()
        tries = 0
        while True:
            events = self._events_after(county_seq, batcher.size)
            if not events:
                return
            batch = batcher.cut([wire_event(e) for e in events])
            try:  # compressed and sent by the call, off the database thread
                own_head = self.ctx.log.head()[0]  # the county learns what still waits here
                answer, seconds = yield CountyCall(
                    "push", partial(_timed, client.push, station_id, batch, own_head)
                )
            except (wire.TimedOut, wire.TooLarge) as error:
                # a slow link or a body too big: smaller batches, from where the county is
                batcher.timed_out()
                tries += 1
                if tries >= MAX_TRIES_PER_ROUND:
                    raise _stopped(error) from error
                county_seq = yield from self._take_head(client, report)
                tell()
                continue
            except wire.SyncFailure as error:
                stop = _stopped(error)
                if stop.error not in (CHAIN_CONFLICT, INVALID_EVENT):
                    # after a failure, ask where the county is: maybe it took the batch
                    with contextlib.suppress(_RoundStopped):
                        yield from self._take_head(client, report)
                raise stop from error
            tries = 0
            report.batches += 1
            report.accepted += answer.accepted
            report.duplicates += answer.duplicates
            if answer.head_seq <= county_seq:
                raise _RoundStopped(NO_PROGRESS, f"head stayed at {answer.head_seq}")
            self._check_against_local(answer.head_seq, answer.head_hash, DIVERGED)
            self._mark_pushed(answer.head_seq)
            report.head_seq, report.head_hash = answer.head_seq, answer.head_hash
            batcher.went_well(seconds)
            county_seq = answer.head_seq
            tell()

    def _take_head(
        self, client: CountyClient, report: SyncReport
    ) -> Generator[CountyCall, Any, int]:
        """Ask the county's head, check it against the local chain, mark what it holds."""
        from sync import client as wire

        try:
            head = yield CountyCall("head", client.head)
        except wire.SyncFailure as error:
            raise _stopped(error) from error
        if head.station_id and head.station_id != self.station_id:
            raise _RoundStopped(FORBIDDEN, f"head is for station {head.station_id}")
        self._check_against_local(head.head_seq, head.head_hash, CHAIN_CONFLICT)
        self._mark_pushed(head.head_seq)
        report.head_seq, report.head_hash = head.head_seq, head.head_hash
        return head.head_seq

    def _check_against_local(self, seq: int, digest: str, error: str) -> None:
        if seq == 0:
            return
        local = event_store.hash_at(self.conn, seq)
        if not local:
            raise _RoundStopped(
                error, f"the county holds seq {seq}, beyond the local head", seq=seq
            )
        if local != digest:
            raise _RoundStopped(error, f"seq {seq}: county hash {digest} != local {local}", seq=seq)

    def _events_after(self, seq: int, limit: int) -> list[Event]:
        return self.ctx.log.events_after(seq, limit)

    def _mark_pushed(self, up_to_seq: int) -> None:
        if up_to_seq <= 0:
            return
        with self.ctx.store.transaction() as conn:
            event_store.mark_pushed(conn, up_to_seq)


def _timed(send: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """``send(*args)`` and the seconds it took (the batcher's measure: the link alone, not the
    wait for the database thread)."""
    started = time.monotonic()
    return send(*args), time.monotonic() - started


def wire_event(event: Event) -> dict[str, Any]:
    """An event as pushed: no prev_hash/hash (the county recomputes them), no station_id (the
    push names it once)."""
    return {
        "id": event.id,
        "seq": event.seq,
        "type": event.type,
        "entity_id": event.entity_id,
        "occurred_at": event.occurred_at,
        "operator": event.operator,
        "payload": event.payload,
    }
