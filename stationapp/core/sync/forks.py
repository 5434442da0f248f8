"""Healing a fork (DESIGN §5): an old backup restored here reused seqs the county already holds.
The county's events after the common point are taken into the log, this station's own unpushed
events moved after them with new seqs (ids unchanged), the tables rebuilt and the heal recorded
in ``sync.forks``; a history edited after it was sent is refused. A mixin of ``StationSync``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Generator
from functools import partial
from typing import TYPE_CHECKING, Any

from stationapp.core import clock, event_store
from stationapp.core.events import Event
from stationapp.core.sync.failures import EDITED, _RoundStopped, _stopped
from stationapp.core.sync.history import HealedFork
from stationapp.core.sync.steps import CountyCall

if TYPE_CHECKING:
    from stationapp.core.line import LineContext
    from sync.client import CountyClient


class ForkHealing:
    """The fork-healing part of ``StationSync``'s round, and the forks healed so far."""

    ctx: LineContext
    conn: sqlite3.Connection

    def _heal_fork(self, client: CountyClient) -> Generator[CountyCall, Any, HealedFork]:
        """DESIGN §5: fetch the county's events from the common point, take them into the log,
        append this station's own unpushed events after them with new seqs (ids unchanged),
        rebuild the tables, record it. Nothing is dropped; an edited history is refused."""
        from sync import client as wire

        # events marked pushed were checked against the county's hash: the chains agree there
        base_seq = self.conn.execute(
            "SELECT coalesce(max(seq), 0) FROM event_log WHERE pushed = 1"
        ).fetchone()[0]
        base_hash = self._hash_at(base_seq)
        theirs = []
        after = base_seq
        try:
            while True:
                page = yield CountyCall(
                    "events", partial(client.events, after_seq=after, limit=500)
                )
                theirs.extend(page.events)
                if not page.more or not page.events:
                    break
                after = page.events[-1].seq
        except wire.SyncFailure as error:
            raise _stopped(error) from error
        ours = self._events_after(base_seq, 2**62)
        matched = 0
        while (
            matched < len(theirs)
            and matched < len(ours)
            and theirs[matched].seq == ours[matched].seq
            and theirs[matched].hash == ours[matched].hash
        ):
            matched += 1
        common_seq = ours[matched - 1].seq if matched else base_seq
        taken, moved = theirs[matched:], ours[matched:]
        first_bad = moved[0].seq if moved else common_seq + 1
        their_ids = {e.id for e in taken}
        if (
            not taken
            or (theirs and theirs[0].prev_hash != base_hash)
            or any(e.id in their_ids for e in moved)
        ):
            raise _RoundStopped(EDITED, f"no fork to heal after seq {common_seq}", seq=first_bad)
        prev_hash = self._hash_at(common_seq) if matched == 0 else ours[matched - 1].hash
        for event in taken:  # the county's chain is checked before anything is written
            if event.prev_hash != prev_hash or event.chain_hash(prev_hash) != event.hash:
                raise _RoundStopped(
                    EDITED, f"county chain broken at seq {event.seq}", seq=event.seq
                )
            prev_hash = event.hash
        moves = self._rewrite_after(common_seq, taken, moved)
        fork = HealedFork(common_seq, taken[-1].seq, len(taken), moves)
        return fork

    def _rewrite_after(self, common_seq: int, taken: list, moved: list[Event]):
        from stationapp.core.event_record import canonical_json
        from stationapp.core.events import chained_row

        log = self.ctx.log
        projections = self.ctx.projections
        moves: list[tuple[str, int, int]] = []
        try:
            with self.ctx.store.transaction() as conn:
                # the tables are emptied and filled again below; references hold at commit
                conn.execute("PRAGMA defer_foreign_keys = ON")
                event_store.delete_after(conn, common_seq)
                event_store.insert(conn, (event_store.pushed_row(e, hash=e.hash) for e in taken))
                seq, prev = taken[-1].seq, taken[-1].hash
                ours = []
                for e in moved:  # our own, unpushed: new seqs after the county's, ids kept
                    seq += 1
                    digest, row = chained_row(
                        prev,
                        seq=seq,
                        id=e.id,
                        type=e.type,
                        entity_id=e.entity_id,
                        occurred_at=e.occurred_at,
                        operator=e.operator,
                        payload_json=canonical_json(e.payload),
                    )
                    ours.append(row)
                    moves.append((e.id, e.seq, seq))
                    prev = digest
                event_store.insert(conn, ours)
                projections.empty_tables(conn)
                replay = projections.replay(conn, log.find_event)
                for event in list(log.iter_events()):
                    projections.project(replay, event)
                conn.execute(
                    "INSERT INTO sync_forks (healed_at, common_seq, county_head_seq, taken,"
                    " moved, moves) VALUES (?,?,?,?,?,?)",
                    (
                        clock.now_iso(),
                        common_seq,
                        taken[-1].seq,
                        len(taken),
                        len(moves),
                        json.dumps(moves),
                    ),
                )
        finally:
            log._head = None  # the head moved (or the rollback left it where it was)
        return moves

    def _hash_at(self, seq: int) -> str:
        return event_store.hash_at(self.conn, seq)

    def forks(self) -> list[HealedFork]:
        rows = self.conn.execute(
            "SELECT common_seq, county_head_seq, taken, moves FROM sync_forks ORDER BY id"
        ).fetchall()
        return [HealedFork(r[0], r[1], r[2], [tuple(m) for m in json.loads(r[3])]) for r in rows]
