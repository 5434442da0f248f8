"""Putting a backup back in place of the station's database (``stationapp restore FILE``)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from stationapp.core import clock
from stationapp.core.data_folder import DB_NAME, LOCK_NAME, make_private, private_folder
from stationapp.core.errors import StoreError, ValidationError
from stationapp.core.events import EventLog
from stationapp.core.folder_lock import FolderLock
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.store_backups import backup_database
from stationapp.core.store_checks import file_problems


def check_backup(path: Path) -> int:
    """The backup is a station database whose event chain holds; returns its event count."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "The file {file} does not exist. Check the name."),
            file=str(path),
        )
    problems = file_problems(path)  # SQLite's own check: a damaged backup is not put back
    if problems and not problems[0].startswith("file is not a database"):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The backup {file} is damaged ({problem}); it was not restored. Choose another "
                "backup.",
            ),
            file=str(path),
            problem=problems[0],
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            # `events` is the view of the compact log, or the table of a backup made before
            # migration 009: both answer, and verify_chain reads either storage
            conn.execute("SELECT count(*) FROM events").fetchone()
            result = EventLog(conn, None).verify_chain()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The file {file} is not a station backup ({reason}). Choose a file from the "
                "backups folder.",
            ),
            file=str(path),
            reason=str(exc),
        ) from exc
    if not result.ok:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The backup {file} does not verify ({problem}); it was not restored. Choose "
                "another backup.",
            ),
            file=str(path),
            problem=result.problems[0],
        )
    return result.events_checked


def restore_station(data_dir: Path, backup: Path) -> Path | None:
    """Replace ``station.db`` with ``backup``; the database it replaces is kept in backups/.

    Returns the path the replaced database was saved to (None when there was none)."""
    data_dir = Path(data_dir)
    check_backup(backup)
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FolderLock(data_dir / LOCK_NAME)
    lock.acquire()
    try:
        target = data_dir / DB_NAME
        saved = None
        if target.exists():
            stamp = clock.now().strftime("%Y%m%d-%H%M%S")
            saved = _keep_replaced(target, data_dir / "backups" / f"before-restore-{stamp}.db")
        source = sqlite3.connect(f"file:{Path(backup)}?mode=ro", uri=True)
        try:
            incoming = backup_database(source, data_dir / (DB_NAME + ".restoring"))
        finally:
            source.close()
        for leftover in (DB_NAME + "-wal", DB_NAME + "-shm"):
            (data_dir / leftover).unlink(missing_ok=True)
        # an older schema is migrated (after its own backup) when the station next opens
        os.replace(incoming, target)
        make_private(target)
    except OSError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "UserError", "The restore could not write to {folder} ({reason}). Nothing was lost."
            ),
            folder=str(data_dir),
            reason=str(exc),
        ) from exc
    finally:
        lock.release()
    return saved


def _keep_replaced(current: Path, saved: Path) -> Path:
    """Keep the database being replaced: through SQLite's backup API, or byte for byte when it
    is too damaged for SQLite to read (it is kept as it was, for the county's support)."""
    private_folder(saved.parent)
    try:
        conn = sqlite3.connect(str(current))
        try:
            return backup_database(conn, saved)
        finally:
            conn.close()
    except (StoreError, sqlite3.Error):
        shutil.copyfile(current, saved)
        make_private(saved)
        return saved
