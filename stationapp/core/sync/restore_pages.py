"""Fetching and checking a restore's events (``core.sync_restore``): the county's events asked
page by page after the staging file's last one, each page's chain checked as it comes (seq
continuity, ``prev_hash`` links, every hash recomputed) and stored verbatim, then the tables
rebuilt and ``verify`` run; a page that does not chain drops every event, and a lost network is
said in plain words with what came kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from stationapp.core import event_store, meta
from stationapp.core.errors import StateError, UserError
from stationapp.core.events import GENESIS_HASH, EventLog
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.line import StationShape
from stationapp.core.projections import Projections
from stationapp.core.sync.restore_staging import (
    _chosen_manager_or_none,
    _drop_events,
    _head,
    _transaction,
)
from stationapp.core.sync.steps import CountyCall

if TYPE_CHECKING:
    from sync.client import CountyClient
    from sync.protocol import WireEvent

Progress = Callable[[int, int], None]  # (events in, of the county's head_seq)


class _BrokenChain(Exception):
    def __init__(self, seq: int, why: str) -> None:
        super().__init__(f"seq {seq}: {why}")
        self.seq = seq


def _fetch_all(
    conn: sqlite3.Connection,
    client: CountyClient,
    progress: Progress | None,
    should_stop: Callable[[], bool] | None,
    page_size: int | None,
    projections: Projections,
) -> Generator[CountyCall, Any, None]:
    from sync import client as wire
    from sync import protocol

    station_id = meta.get(conn, meta.STATION_ID)
    seq, digest = _head(conn)
    total = seq
    try:
        head = yield CountyCall("head", client.head)
        total = head.head_seq
        if head.station_id and head.station_id != station_id:
            raise _BrokenChain(seq + 1, f"the head is for station {head.station_id}")
        if seq > head.head_seq:
            # more here than the county holds: not this county's history; start clean
            _drop_events(conn, projections)
            seq, digest = 0, GENESIS_HASH
        if progress is not None:
            progress(seq, total)
        while True:
            if should_stop is not None and should_stop():
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The restore was stopped after {done} of {total} records. What came is "
                        "kept: restore again with the same address and code to go on.",
                    ),
                    done=seq,
                    total=total,
                )
            page = yield CountyCall(
                "events",
                partial(client.events, after_seq=seq, limit=page_size or protocol.DEFAULT_PAGE),
            )
            if page.events:
                seq, digest = _store_page(conn, station_id, page.events, seq, digest)
            if progress is not None:
                progress(seq, max(total, seq))
            if not page.more or not page.events:
                break
        if (seq, digest) != (head.head_seq, head.head_hash):
            head = yield CountyCall("head", client.head)  # it may have taken more meanwhile
            total = head.head_seq
            if seq != head.head_seq:
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The county center sent {done} of the {total} records it holds of this "
                        "station. What came is kept: restore again later to go on; if this "
                        "stays, call the county center's support.",
                    ),
                    done=seq,
                    total=total,
                )
            if digest != head.head_hash:
                raise _BrokenChain(seq, "the last record is not the county's head")
    except _BrokenChain as broken:
        _drop_events(conn, projections)
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The records that came from the county center do not fit together at record "
                "{seq} (changed on the way?). Nothing was kept. Try again, on another network "
                "if you can; if this stays, call the county center's support.",
            ),
            seq=broken.seq,
        ) from broken
    except wire.SyncFailure as error:
        raise _network_refusal(error, seq, total) from error


def _store_page(
    conn: sqlite3.Connection,
    station_id: str,
    events: Sequence[WireEvent],
    seq: int,
    digest: str,
) -> tuple[int, str]:
    """Check the page's chain from (seq, digest), then store it in one transaction."""
    rows = []
    for event in events:
        expected = seq + 1
        if event.seq != expected:
            raise _BrokenChain(expected, f"seq {event.seq} where {expected} was due")
        if event.station_id and event.station_id != station_id:
            raise _BrokenChain(expected, f"an event of station {event.station_id}")
        if event.prev_hash is not None and event.prev_hash != digest:
            raise _BrokenChain(expected, "prev_hash is not the hash of the record before")
        recomputed = event.chain_hash(digest)
        if event.hash is not None and event.hash != recomputed:
            raise _BrokenChain(expected, "the content does not give its hash")
        rows.append(event_store.pushed_row(event, hash=recomputed))
        seq, digest = event.seq, recomputed
    try:
        with _transaction(conn):
            event_store.insert(conn, rows)
    except sqlite3.IntegrityError as error:  # an id seen before under another seq
        raise _BrokenChain(rows[0][0], f"a record id came twice ({error})") from error
    return seq, digest


def _rebuild_and_verify(conn: sqlite3.Connection, shape: StationShape) -> None:
    """The tables from the events, then ``verify`` (chain + rebuild-compare) must pass."""
    with _transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("DELETE FROM credentials")  # none before the PIN; a crash may have left some
        shape.projections.empty_tables(conn)
        meta.put(conn, meta.RESTORE_COMPLETE, "0")
    log = EventLog(conn, lambda: _transaction(conn), projections=shape.projections)
    shape.projections.rebuild_into(conn, log.iter_events(), log.find_event)
    result = log.verify(rebuild=True, schema=shape.create_empty)
    if not result.ok:
        _drop_events(conn, shape.projections)
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The records from the county center do not verify ({problem}). Nothing was "
                "kept. Call the county center's support.",
            ),
            problem=result.problems[0],
        )
    if _chosen_manager_or_none(conn) is None:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The station's records name no active manager (站长), so no one could log in. "
                "Call the county center's support.",
            )
        )
    with _transaction(conn):
        meta.put(conn, meta.RESTORE_COMPLETE, "1")
        meta.put(conn, meta.RESTORED_EVENTS, result.events_checked)


def _network_refusal(error: Exception, done: int, total: int) -> UserError:
    from sync import client as wire

    if isinstance(error, wire.Unauthorized | wire.Forbidden):
        return StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center no longer accepts this restore (a newer code was issued "
                "meanwhile?). Ask the county center for the newest code for this station and "
                "type it here; the {done} records that came are kept.",
            ),
            done=done,
        )
    if isinstance(error, wire.UpdateRequired):
        return StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center needs a newer version of this app. Update the app, then "
                "restore again; the {done} records that came are kept.",
            ),
            done=done,
        )
    if isinstance(error, wire.NotTheCounty):
        return StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Something other than the county center answered (a Wi-Fi login page?). Log "
                "in to the network in a browser, then restore again with the same address and "
                "code; the {done} records that came are kept.",
            ),
            done=done,
        )
    return StateError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The connection to the county center was lost after {done} of {total} records. "
            "What came is kept: check the network, then restore again with the same address "
            "and code to go on.",
        ),
        done=done,
        total=total,
    )
