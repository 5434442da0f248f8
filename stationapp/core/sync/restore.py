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

import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from stationapp.core import clock, meta
from stationapp.core.data_folder import DB_NAME
from stationapp.core.errors import StateError
from stationapp.core.events import EventLog
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.line import StationShape
from stationapp.core.operators import Operator, Operators, Session, validate_pin
from stationapp.core.sync.restore_download import ClientFactory, Progress, download_from_county
from stationapp.core.sync.restore_staging import (
    STAGING_NAME,
    PendingRestore,
    _chosen_manager_or_none,
    _folder_locked,
    _open_staging,
    _transaction,
    check_folder_is_free,
    pending_restore,
)


def finish_restore(data_dir: Path, manager_pin: str, *, shape: StationShape) -> Any:
    """Set the manager's new PIN (recorded as ``operators`` records a PIN reset), put the
    restored station in place and open it (``shape.open_station``), logged in as that manager."""

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
        conn = _open_staging(data_dir, shape)
        try:
            manager = _chosen_manager(conn)
            log = EventLog(
                conn,
                lambda: _transaction(conn),
                projections=shape.projections,
                station_id=pending.station_id,
            )
            session = Session()
            session.operator = manager
            operators = Operators(conn, log, session, lambda: _transaction(conn))
            operators.reset_pin(manager.id, pin)
            with _transaction(conn):
                _lock_other_pins(conn, manager.id)
                meta.put(conn, meta.RESTORED_AT, clock.now_iso())
                _record_in_sync_log(conn, pending)
        finally:
            conn.close()
        for leftover in (DB_NAME + "-wal", DB_NAME + "-shm"):  # of a station.db removed by hand
            (data_dir / leftover).unlink(missing_ok=True)
        os.replace(data_dir / STAGING_NAME, data_dir / DB_NAME)
    station = shape.open_station(data_dir)
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
    shape: StationShape,
) -> Any:
    """Both steps, for scripts: download, then the manager's PIN; the PIN is checked first."""
    validate_pin(manager_pin)
    download_from_county(
        data_dir,
        server_url,
        code,
        progress=progress,
        client_factory=client_factory,
        page_size=page_size,
        shape=shape,
    )
    return finish_restore(data_dir, manager_pin, shape=shape)


# --- the manager -----------------------------------------------------------------------------


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
