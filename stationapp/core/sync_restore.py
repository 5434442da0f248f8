"""Restore this station onto a new PC from the county center (DESIGN §5, last rule).

The PC was lost; the county center issued a new code for the same station
(``county-center reissue-code``), which also stopped the old PC's token. Into a data folder that
holds no station yet, :func:`download_from_county` trades the code for a new token, fetches the
station's own events page by page from ``/sync/events`` (progress: done of the county's
``head_seq``), checks each page's chain as it comes (seq continuity, ``prev_hash`` links, every
hash recomputed), stores the events verbatim (same id, seq, hash; ``pushed`` = 1), rebuilds the
tables from them and runs ``verify``. :func:`finish_restore` then sets the manager's new PIN:
PIN hashes are local and never travel, so the operators come back from their events without one.

How a restore that stops midway behaves (decided here):

- Everything is built in a staging file, ``county-restore.db`` in the data folder. ``station.db``
  appears only at the very end, by one atomic rename, once every event is in, the chain and the
  rebuilt tables verify, and the manager's new PIN is set. A crash, a dropped connection or a
  closed window therefore never leaves a half station that opens as if whole: the folder still
  holds no station, and the app shows the first-run wizard again.
- The next attempt **resumes**: the events already in the staging file were checked when they
  came, so it asks for the events after its last one. The code was used up by the first
  attempt; the token it gave is kept in ``secrets.json`` (as a joined station keeps it), so the
  same address and code can be typed again. A newer code (reissued meanwhile) works too; a code
  for another station, or another address, starts clean.
- A page that does not chain (a hash that is not what its content gives, a broken link, a seq
  gap, another station's event) is refused: every event of the staging file is dropped (nothing
  kept) and the message says so; the enrolment stays, so trying again needs no new code.
- Other operators than the chosen manager get no usable PIN (their login is refused as a wrong
  PIN); the manager sets theirs again on the operators page.
- Real-name sending keeps only the tail of an ID number and the number sealed to the county's
  key (DESIGN §11), both in the events: nothing local to the lost PC is needed to read them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationapp.core import clock, event_store, privacy, schema
from stationapp.core.data_folder import DB_NAME, LOCK_NAME
from stationapp.core.errors import StateError, UserError
from stationapp.core.events import (
    GENESIS_HASH,
    PROJECTED_TABLES,
    EventLog,
    rebuild_into,
)
from stationapp.core.folder_lock import FolderLock
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.operators import Operator, Operators, validate_pin
from stationapp.core.sync import (
    META_COUNTY_NAME,
    META_COUNTY_URL,
    META_ENROLLED_AT,
    META_TOWNSHIP,
    META_VILLAGE,
    TOKEN_SECRET,
    CountyCall,
    Stepped,
    _check_url,
    trade_code,
)

if TYPE_CHECKING:
    from stationapp.core.station import Station
    from sync.client import CountyClient
    from sync.protocol import WireEvent

STAGING_NAME = "county-restore.db"
META_RESTORE_COMPLETE = "restore.complete"  # "1": every event in and verified; PIN missing
META_RESTORED_AT = "restore.restored_at"
META_RESTORED_EVENTS = "restore.events"

Progress = Callable[[int, int], None]  # (events in, of the county's head_seq)
ClientFactory = Callable[[str, str | None], "CountyClient"]


@dataclass(frozen=True)
class PendingRestore:
    """A restore begun in a data folder and not finished (the staging file)."""

    station_id: str
    station_name: str
    township: str
    village: str
    county_url: str
    events: int  # events in the staging file, each checked when it came
    complete: bool  # every event is in and verified: only the manager's new PIN is missing
    manager_name: str  # the manager whose PIN is set at the end ("" until complete)


# --- what the folder holds -------------------------------------------------------------------


def check_folder_is_free(data_dir: Path) -> None:
    """Refuse a data folder that already holds a station: a restore never replaces one."""
    data_dir = Path(data_dir)
    target = data_dir / DB_NAME
    if not target.exists():
        return
    name = _station_name(target) or str(data_dir)
    raise StateError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "This folder ({folder}) already holds the station {name}. Nothing was changed. "
            "Restore into a new, empty folder instead.",
        ),
        folder=str(data_dir),
        name=name,
    )


def pending_restore(data_dir: Path) -> PendingRestore | None:
    """The restore begun in ``data_dir`` and not finished, if any (the wizard offers to go on)."""
    path = Path(data_dir) / STAGING_NAME
    if not path.exists() or (Path(data_dir) / DB_NAME).exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return _pending(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def abandon_restore(data_dir: Path) -> None:
    """Forget a restore begun here (the staging file and its token): a new station instead."""
    from stationapp.sms.secrets import SecretStore

    data_dir = Path(data_dir)
    with _folder_locked(data_dir):
        if pending_restore(data_dir) is None:
            return
        _remove_staging(data_dir)
        SecretStore(data_dir).delete(TOKEN_SECRET)


# --- the download ----------------------------------------------------------------------------


def download_from_county(
    data_dir: Path,
    server_url: str,
    code: str,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    client_factory: ClientFactory | None = None,
    page_size: int | None = None,
    device_name: str = "",
    app_version: str = "",
) -> PendingRestore:
    """Enrol with the reissued ``code`` (or go on with the token of an earlier attempt), fetch
    and check every event, rebuild the tables and verify, all in the staging file.

    Returns the restore, ``complete``; :func:`finish_restore` sets the manager's PIN and puts
    the station in place. Refusals (a folder that holds a station, a wrong code, a page that
    does not chain, the network gone) are :class:`UserError` in plain words. The county's calls
    are made in this thread; the GUI runs :func:`download_steps` and makes them on a network
    thread (DESIGN §2)."""
    steps = download_steps(
        data_dir,
        server_url,
        code,
        progress=progress,
        should_stop=should_stop,
        client_factory=client_factory,
        page_size=page_size,
        device_name=device_name,
        app_version=app_version,
    )
    return Stepped(steps).run_here()


def download_steps(
    data_dir: Path,
    server_url: str,
    code: str,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    client_factory: ClientFactory | None = None,
    page_size: int | None = None,
    device_name: str = "",
    app_version: str = "",
) -> Generator[CountyCall, Any, PendingRestore]:
    """:func:`download_from_county` as steps (``core.sync.Stepped``): each call to the county
    (enrol, head, a page of events) is handed out; everything else, on the staging file, runs
    in the thread that steps it."""
    data_dir = Path(data_dir)
    check_folder_is_free(data_dir)
    url = _check_url(server_url)
    make_client = client_factory or _default_client
    with _folder_locked(data_dir):
        check_folder_is_free(data_dir)  # again, now that nobody else can write here
        conn, url, token = yield from _enrol_or_resume(
            data_dir, url, code, make_client, device_name=device_name, app_version=app_version
        )
        try:
            client = make_client(url, token)
            try:
                yield from _fetch_all(conn, client, progress, should_stop, page_size)
            finally:
                client.close()
            _rebuild_and_verify(conn)
            pending = _pending(conn)
        finally:
            conn.close()
    assert pending is not None
    return pending


def _enrol_or_resume(
    data_dir: Path,
    url: str,
    code: str,
    make_client: ClientFactory,
    *,
    device_name: str,
    app_version: str,
) -> Generator[CountyCall, Any, tuple[sqlite3.Connection, str, str]]:
    """The staging file and a token that works: an earlier attempt's (its code is used up),
    else the code's. Another county or another station than the staging file's starts clean.
    Returns (staging connection, address, token)."""
    from stationapp.sms.secrets import SecretStore

    secret_store = SecretStore(data_dir)
    conn = _open_kept_staging(data_dir, url)
    if conn is not None:
        kept = secret_store.get(TOKEN_SECRET)
        station_id = _meta(conn, "station_id")
        if kept and (yield from _token_works(make_client(url, kept.reveal()), station_id, url)):
            return conn, url, kept.reveal()
    try:
        url, answer = yield CountyCall(
            "enroll",
            partial(
                trade_code,
                lambda checked: make_client(checked, None),
                url,
                code,
                device_name=device_name,
                app_version=app_version,
            ),
        )
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    secret_store.set(TOKEN_SECRET, answer.token)
    if conn is not None and _meta(conn, "station_id") != answer.station_id:
        conn.close()
        conn = None  # a code for another station: start clean
    if conn is None:
        conn = _create_staging(data_dir)
    with _transaction(conn):
        for key, value in (
            ("station_id", answer.station_id),
            (META_COUNTY_URL, url),
            (META_COUNTY_NAME, answer.station_name),
            (META_TOWNSHIP, answer.township),
            (META_VILLAGE, answer.village),
            (META_ENROLLED_AT, clock.now_iso()),
        ):
            _put_meta(conn, key, value)
    return conn, url, answer.token


def _open_kept_staging(data_dir: Path, url: str) -> sqlite3.Connection | None:
    """The staging file of an earlier attempt at the same county, or None (any other is
    removed: another county's, or a file that is not a database any more)."""
    if not (data_dir / STAGING_NAME).exists():
        return None
    try:
        conn = _open_staging(data_dir)
    except sqlite3.DatabaseError:
        _remove_staging(data_dir)
        return None
    try:
        if _meta(conn, "station_id") and _meta(conn, META_COUNTY_URL) == url:
            return conn
    except sqlite3.DatabaseError:
        pass
    conn.close()
    _remove_staging(data_dir)
    return None


def _token_works(
    client: CountyClient, station_id: str, url: str
) -> Generator[CountyCall, Any, bool]:
    """The kept token still opens this station's records (False: revoked by a newer code)."""
    from sync import client as wire

    try:
        head = yield CountyCall("head", client.head)
        return head.station_id == station_id
    except (wire.Unauthorized, wire.Forbidden):
        return False
    except wire.SyncFailure as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center at {url} cannot be reached now. Check the network and the "
                "address, then try again.",
            ),
            url=url,
        ) from error
    finally:
        client.close()


def finish_restore(data_dir: Path, manager_pin: str) -> Station:
    """Set the manager's new PIN (recorded as ``operators`` records a PIN reset), put the
    restored station in place and open it, logged in as that manager."""
    from stationapp.core.station import Session, Station

    data_dir = Path(data_dir)
    pin = validate_pin(manager_pin)
    with _folder_locked(data_dir):
        check_folder_is_free(data_dir)
        pending = pending_restore(data_dir)
        if pending is None or not pending.complete:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The station's records have not all come from the county center yet. Run "
                    "the restore again with the county center's address and code.",
                )
            )
        conn = _open_staging(data_dir)
        try:
            manager = _chosen_manager(conn)
            log = EventLog(conn, lambda: _transaction(conn), station_id=pending.station_id)
            session = Session()
            session.operator = manager
            operators = Operators(conn, log, session, lambda: _transaction(conn))
            operators.reset_pin(manager.id, pin)
            with _transaction(conn):
                _lock_other_pins(conn, manager.id)
                _put_meta(conn, META_RESTORED_AT, clock.now_iso())
                _record_in_sync_log(conn, pending)
        finally:
            conn.close()
        for leftover in (DB_NAME + "-wal", DB_NAME + "-shm"):  # of a station.db removed by hand
            (data_dir / leftover).unlink(missing_ok=True)
        os.replace(data_dir / STAGING_NAME, data_dir / DB_NAME)
    station = Station.open(data_dir)
    try:
        station.session.operator = station.operators.get(manager.id)
    except BaseException:
        station.close()
        raise
    return station


def restore_from_county(
    data_dir: Path,
    server_url: str,
    code: str,
    *,
    manager_pin: str,
    progress: Progress | None = None,
    client_factory: ClientFactory | None = None,
    page_size: int | None = None,
) -> Station:
    """Both steps, for scripts: download, then the manager's PIN; the PIN is checked first."""
    validate_pin(manager_pin)
    download_from_county(
        data_dir,
        server_url,
        code,
        progress=progress,
        client_factory=client_factory,
        page_size=page_size,
    )
    return finish_restore(data_dir, manager_pin)


# --- fetching and checking -------------------------------------------------------------------


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
) -> Generator[CountyCall, Any, None]:
    from sync import client as wire
    from sync import protocol

    station_id = _meta(conn, "station_id")
    seq, digest = _head(conn)
    total = seq
    try:
        head = yield CountyCall("head", client.head)
        total = head.head_seq
        if head.station_id and head.station_id != station_id:
            raise _BrokenChain(seq + 1, f"the head is for station {head.station_id}")
        if seq > head.head_seq:
            # more here than the county holds: not this county's history; start clean
            _drop_events(conn)
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
        _drop_events(conn)
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


def _rebuild_and_verify(conn: sqlite3.Connection) -> None:
    """The tables from the events, then ``verify`` (chain + rebuild-compare) must pass."""
    with _transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("DELETE FROM credentials")  # none before the PIN; a crash may have left some
        for table in PROJECTED_TABLES:
            conn.execute(f"DELETE FROM {table}")
        _put_meta(conn, META_RESTORE_COMPLETE, "0")
    log = EventLog(conn, lambda: _transaction(conn))
    rebuild_into(conn, log.iter_events(), log.find_event)
    result = log.verify(rebuild=True, schema=schema.create_empty)
    if not result.ok:
        _drop_events(conn)
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
        _put_meta(conn, META_RESTORE_COMPLETE, "1")
        _put_meta(conn, META_RESTORED_EVENTS, result.events_checked)


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


# --- the staging file ------------------------------------------------------------------------


def _create_staging(data_dir: Path) -> sqlite3.Connection:
    _remove_staging(data_dir)
    conn = _open_staging(data_dir)  # the current schema, no events
    with _transaction(conn):
        _put_meta(conn, "created_at", clock.now_iso())
        _put_meta(conn, privacy.CLEANED_UP, "1")  # a new file: no older ID data to clean up
        _put_meta(conn, META_RESTORE_COMPLETE, "0")
    return conn


def _open_staging(data_dir: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(Path(data_dir) / STAGING_NAME), isolation_level=None, check_same_thread=False
    )
    # a rollback journal, not WAL: the file is whole by itself when it is renamed into place
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    if schema.pending(conn):
        schema.migrate(conn)  # a staging file from an older version of the app
    return conn


def _remove_staging(data_dir: Path) -> None:
    for name in (STAGING_NAME, STAGING_NAME + "-journal"):
        (Path(data_dir) / name).unlink(missing_ok=True)


@contextlib.contextmanager
def _folder_locked(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FolderLock(data_dir / LOCK_NAME)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _drop_events(conn: sqlite3.Connection) -> None:
    with _transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("DELETE FROM credentials")
        for table in PROJECTED_TABLES:
            conn.execute(f"DELETE FROM {table}")
        event_store.delete_after(conn, 0)
        _put_meta(conn, META_RESTORE_COMPLETE, "0")


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    if event_store.is_compact(conn):
        return event_store.head(conn)
    # a staging file of an app before the compact log, read before it is opened (and migrated)
    row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def _pending(conn: sqlite3.Connection) -> PendingRestore | None:
    station_id = _meta(conn, "station_id")
    if not station_id:
        return None
    complete = _meta(conn, META_RESTORE_COMPLETE) == "1"
    manager = _chosen_manager_or_none(conn) if complete else None
    return PendingRestore(
        station_id=station_id,
        station_name=_meta(conn, META_COUNTY_NAME),
        township=_meta(conn, META_TOWNSHIP),
        village=_meta(conn, META_VILLAGE),
        county_url=_meta(conn, META_COUNTY_URL),
        events=_head(conn)[0],
        complete=complete,
        manager_name=manager.name if manager else "",
    )


# --- the manager -----------------------------------------------------------------------------


def _chosen_manager_or_none(conn: sqlite3.Connection) -> Operator | None:
    """The manager whose PIN is set: the first active manager account, the one the station's
    own screens name as its manager (``Station.info``)."""
    row = conn.execute(
        "SELECT id, name, role, active FROM operators WHERE role = 'manager' AND active = 1"
        " ORDER BY created_at LIMIT 1"
    ).fetchone()
    return Operator(id=row[0], name=row[1], role=row[2], active=bool(row[3])) if row else None


def _chosen_manager(conn: sqlite3.Connection) -> Operator:
    manager = _chosen_manager_or_none(conn)
    if manager is None:  # pragma: no cover - refused when the download finished
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The station's records name no active manager (站长), so no one could log in. "
                "Call the county center's support.",
            )
        )
    return manager


def _lock_other_pins(conn: sqlite3.Connection, manager_id: str) -> None:
    """Every other account gets a PIN hash no PIN gives: refused at login until the manager
    sets its PIN again (the old hashes stayed on the lost PC)."""
    rows = conn.execute(
        "SELECT id FROM operators WHERE id != ?"
        " AND id NOT IN (SELECT operator_id FROM credentials)",
        (manager_id,),
    ).fetchall()
    for (operator_id,) in rows:
        conn.execute(
            "INSERT INTO credentials (operator_id, salt, pin_hash) VALUES (?, ?, ?)",
            (operator_id, secrets.token_bytes(16), secrets.token_bytes(32)),
        )


def _record_in_sync_log(conn: sqlite3.Connection, pending: PendingRestore) -> None:
    """The 同步 page's history shows the restore as a round that brought the county's head."""
    now = clock.now_iso()
    conn.execute(
        "INSERT INTO sync_log (started_at, finished_at, ok, head_seq, waiting, detail)"
        " VALUES (?, ?, 1, ?, 0, ?)",
        (now, now, pending.events, f"restored {pending.events} events from the county center"),
    )


# --- small helpers ---------------------------------------------------------------------------


def _default_client(url: str, token: str | None) -> CountyClient:
    from sync.client import CountyClient

    return CountyClient(url, token)


def _meta(conn: sqlite3.Connection | None, key: str) -> str:
    if conn is None:
        return ""
    row = conn.execute("SELECT value FROM station_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else ""


def _put_meta(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO station_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )


def _station_name(path: Path) -> str:
    """The name of the station in ``path`` ("" when it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'station.name'").fetchone()
            ident = conn.execute(
                "SELECT value FROM station_meta WHERE key = 'station_id'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return ""
    name = json.loads(row[0]) if row else ""
    if ident and ident[0]:
        return f"{name} ({ident[0]})" if name else ident[0]
    return str(name)
