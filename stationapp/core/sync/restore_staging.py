"""The staging file of a restore from the county, ``county-restore.db`` in the data folder: a
restore is built there and becomes ``station.db`` only at the very end (``core.sync_restore``).
What a folder holds (a station already, a restore begun and not finished), the file made, opened,
emptied and removed, and the manager whose PIN is set at the end."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stationapp.core import clock, event_store, meta, secrets
from stationapp.core.data_folder import DB_NAME, LOCK_NAME
from stationapp.core.errors import StateError
from stationapp.core.events import GENESIS_HASH
from stationapp.core.folder_lock import FolderLock
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.line import StationShape
from stationapp.core.operators import Operator
from stationapp.core.projections import Projections

STAGING_NAME = "county-restore.db"


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
    from stationapp.core.secrets import SecretStore

    data_dir = Path(data_dir)
    with _folder_locked(data_dir):
        if pending_restore(data_dir) is None:
            return
        _remove_staging(data_dir)
        SecretStore(data_dir).delete(secrets.TOKEN_SECRET)


# --- the staging file ------------------------------------------------------------------------


def _create_staging(data_dir: Path, shape: StationShape) -> sqlite3.Connection:
    _remove_staging(data_dir)
    conn = _open_staging(data_dir, shape)  # the current schema, no events
    with _transaction(conn):
        meta.put(conn, meta.CREATED_AT, clock.now_iso())
        meta.put(conn, meta.ID_NUMBERS_CLEANED_UP, "1")  # a new file: no older ID data to clean up
        meta.put(conn, meta.RESTORE_COMPLETE, "0")
    return conn


def _open_staging(data_dir: Path, shape: StationShape) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(Path(data_dir) / STAGING_NAME), isolation_level=None, check_same_thread=False
    )
    # a rollback journal, not WAL: the file is whole by itself when it is renamed into place
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    if shape.pending(conn):
        shape.migrate(conn)  # a staging file from an older version of the app
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


def _drop_events(conn: sqlite3.Connection, projections: Projections) -> None:
    with _transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("DELETE FROM credentials")
        projections.empty_tables(conn)
        event_store.delete_after(conn, 0)
        meta.put(conn, meta.RESTORE_COMPLETE, "0")


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    if event_store.is_compact(conn):
        return event_store.head(conn)
    # a staging file of an app before the compact log, read before it is opened (and migrated)
    row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def _pending(conn: sqlite3.Connection) -> PendingRestore | None:
    station_id = meta.get(conn, meta.STATION_ID)
    if not station_id:
        return None
    complete = meta.get(conn, meta.RESTORE_COMPLETE) == "1"
    manager = _chosen_manager_or_none(conn) if complete else None
    return PendingRestore(
        station_id=station_id,
        station_name=meta.get(conn, meta.COUNTY_NAME),
        township=meta.get(conn, meta.TOWNSHIP),
        village=meta.get(conn, meta.VILLAGE),
        county_url=meta.get(conn, meta.COUNTY_URL),
        events=_head(conn)[0],
        complete=complete,
        manager_name=manager.name if manager else "",
    )


def _chosen_manager_or_none(conn: sqlite3.Connection) -> Operator | None:
    """The manager whose PIN is set: the first active manager account, the one the station's
    own screens name as its manager (``Station.info``)."""
    row = conn.execute(
        "SELECT id, name, role, active FROM operators WHERE role = 'manager' AND active = 1"
        " ORDER BY created_at LIMIT 1"
    ).fetchone()
    return Operator(id=row[0], name=row[1], role=row[2], active=bool(row[3])) if row else None


def _station_name(path: Path) -> str:
    """The name of the station in ``path`` ("" when it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'station.name'").fetchone()
            ident = meta.get(conn, meta.STATION_ID)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return ""
    name = json.loads(row[0]) if row else ""
    if ident:
        return f"{name} ({ident})" if name else ident
    return str(name)
