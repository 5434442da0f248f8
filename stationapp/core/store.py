"""The station's SQLite file: one opener per data folder, pragmas, migrations, backups.

The file is ``station.db`` in the data folder. WAL with ``synchronous=FULL`` so that a committed
event (and so a printed receipt) survives a power cut; ``foreign_keys=ON``. A lock file keeps a
second program (or a second window of this one) from opening the same folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import sqlite_utils

from stationapp.core.errors import StoreError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

DB_NAME = "station.db"
LOCK_NAME = "station.lock"
BACKUP_DIR = "backups"
DAILY_BACKUPS_KEPT = 14


def apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are begun explicitly (BEGIN IMMEDIATE)."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


class FolderLock:
    """An OS lock on ``station.lock``: held while the station is open, released by the OS when the
    process dies (so a crash never leaves the folder locked)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = None

    def acquire(self) -> None:
        try:
            handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's life
        except PermissionError as exc:
            raise _read_only(self.path.parent) from exc
        except OSError as exc:
            if _is_read_only_error(exc):
                raise _read_only(self.path.parent) from exc
            raise
        try:
            _lock_file(handle)
        except OSError as exc:
            handle.close()
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The station's data folder {folder} is already open in another window or "
                    "program. Close the other window first; only one may work on the station's "
                    "records at a time.",
                ),
                folder=str(self.path.parent),
            ) from exc
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                _unlock_file(self._file)
            self._file.close()
            self._file = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock_file(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(handle) -> None:
        # flock locks belong to the open file, so a second open in the same process is refused too
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _is_read_only_error(exc: BaseException) -> bool:
    import errno

    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return True
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _read_only(folder: Path) -> StoreError:
    return StoreError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The station's data folder {folder} cannot be written to (read-only, or no "
            "permission). Nothing was changed. Choose a folder you can write to, or ask the "
            "person who set up this PC to give write permission.",
        ),
        folder=str(folder),
    )


class Store:
    """The open ``station.db`` of one data folder."""

    def __init__(self, data_dir: Path, conn: sqlite3.Connection, lock: FolderLock) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._lock = lock

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = False) -> Store:
        data_dir = Path(data_dir)
        path = data_dir / DB_NAME
        if not create and not path.exists():
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "There is no station in {folder}. Run the setup first (stationapp init), or "
                    "choose the folder that holds station.db.",
                ),
                folder=str(data_dir),
            )
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _read_only(data_dir) from exc
        lock = FolderLock(data_dir / LOCK_NAME)
        lock.acquire()
        try:
            _check_writable(data_dir, path)
            conn = connect(path)
            try:
                apply_pragmas(conn)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                conn.close()
                if _is_read_only_error(exc):
                    raise _read_only(data_dir) from exc
                raise StoreError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The station's database {path} is damaged or is not a station database "
                        "({reason}). Restore the latest backup from the backups folder "
                        "(stationapp restore FILE).",
                    ),
                    path=str(path),
                    reason=str(exc),
                ) from exc
        except BaseException:
            lock.release()
            raise
        return cls(data_dir, conn, lock)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any exception rolls everything back."""
        conn = self.conn
        if conn.in_transaction:
            raise RuntimeError("nested transaction")
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def backup_to(self, target: Path) -> Path:
        """A consistent copy through SQLite's online backup API."""
        return backup_database(self.conn, target)

    def backups_dir(self) -> Path:
        folder = self.data_dir / BACKUP_DIR
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def backup_before_migrating(self, now: datetime) -> Path:
        name = f"before-migration-{now.strftime('%Y%m%d-%H%M%S')}.db"
        return self.backup_to(self.backups_dir() / name)

    def daily_backup(self, today: date) -> Path | None:
        """Keep one backup a day, the last 14; returns the new file, or None if today's exists."""
        folder = self.backups_dir()
        target = folder / f"daily-{today.isoformat()}.db"
        if target.exists():
            return None
        self.backup_to(target)
        dailies = sorted(folder.glob("daily-*.db"))
        for old in dailies[:-DAILY_BACKUPS_KEPT]:
            with contextlib.suppress(OSError):
                old.unlink()
        return target

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self._lock.release()


def _check_writable(data_dir: Path, path: Path) -> None:
    probe = data_dir / ".write-probe"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"ok")
        probe.unlink()
        if path.exists():
            with open(path, "r+b"):
                pass
    except OSError as exc:
        raise _read_only(data_dir) from exc


def backup_database(conn: sqlite3.Connection, target: Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        partial.unlink()
    dest = sqlite3.connect(str(partial))
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    os.replace(partial, target)
    return target
