"""The station's SQLite file: one opener per data folder, pragmas, migrations, backups.

The file is ``station.db`` in the data folder. WAL with ``synchronous=FULL`` so that a committed
event (and so a printed receipt) survives a power cut; ``foreign_keys=ON``. An OS lock on the data
folder itself (and on ``station.lock``, which older versions and Windows use) keeps a second
program (or a second window of this one) from opening the same folder; deleting the lock file
does not let a second writer in.

The disk is named, not hidden: a full disk, a read-only place and a damaged file are
``StorageError``s with a message that says what to do (``storage_error``). SQLite's own checks
(``PRAGMA quick_check`` / ``integrity_check``) guard every backup: a damaged database is never
copied over a good day. On Linux the folder is the user's alone (0700, its files 0600).

The parts live beside it: the lock in ``folder_lock``, the disk's failures in ``storage_errors``,
SQLite's checks in ``store_checks``, backup files in ``store_backups``, the folder's files and
their modes in ``data_folder``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import sqlite_utils

from stationapp.core.data_folder import (
    BACKUP_DIR,
    DB_NAME,
    LOCK_NAME,
    create_private_file,
    make_private,
    private_folder,
    tighten_data_folder,
)
from stationapp.core.errors import DamagedDatabase, StorageError, StoreError
from stationapp.core.folder_lock import FolderLock
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.storage_errors import _open_error, storage_error
from stationapp.core.store_backups import backup_database
from stationapp.core.store_checks import BACKUP_CHECK_QUICK, damaged, integrity_problems

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
            private_folder(data_dir)
        except OSError as exc:
            raise _open_error(exc, data_dir) from exc
        lock = FolderLock(data_dir / LOCK_NAME)
        lock.acquire()
        try:
            _check_writable(data_dir, path)
            tighten_data_folder(data_dir)
            if create and not path.exists():
                try:
                    create_private_file(path)  # -wal and -shm get its mode from SQLite
                except OSError as exc:
                    raise _open_error(exc, data_dir) from exc
            conn = connect(path)
            try:
                apply_pragmas(conn)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                conn.close()
                problem = storage_error(exc, data_dir)
                if isinstance(problem, DamagedDatabase) or problem is None:
                    raise damaged(data_dir, [str(exc)]) from exc
                raise problem from exc
            for name in (DB_NAME + "-wal", DB_NAME + "-shm"):
                make_private(data_dir / name)
        except BaseException:
            lock.release()
            raise
        return cls(data_dir, conn, lock)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any exception rolls everything back. A failure of the disk
        or the file (full, read-only, damaged) comes out as a ``StorageError`` that says what to
        do, never as a raw sqlite3 error."""
        conn = self.conn
        if conn.in_transaction:
            raise RuntimeError("nested transaction")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            problem = self._storage_error(exc)
            if problem is None:
                raise
            raise problem from exc
        try:
            yield conn
            conn.execute("COMMIT")  # a full disk may refuse the commit itself
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            problem = self._storage_error(exc)
            if problem is not None and problem is not exc:
                raise problem from exc
            raise

    def _storage_error(self, exc: BaseException) -> StorageError | None:
        return storage_error(exc, self.data_dir)

    def check(self, *, quick: bool = False, source: sqlite3.Connection | None = None) -> list[str]:
        """SQLite's own check of the open database ([] when it is sound)."""
        return integrity_problems(source or self.conn, quick=quick)

    def require_sound(
        self, *, quick: bool = False, source: sqlite3.Connection | None = None
    ) -> None:
        """Refuse (``DamagedDatabase``, naming the backup to go back to) when SQLite's check
        finds damage."""
        problems = self.check(quick=quick, source=source)
        if problems:
            raise damaged(self.data_dir, problems)

    def backup_to(
        self, target: Path, *, check: bool = True, source: sqlite3.Connection | None = None
    ) -> Path:
        """A consistent copy through SQLite's online backup API; with ``check`` the source must
        pass SQLite's check first (a damaged database is never copied over a backup).
        ``source``: a reader of the same file (:meth:`open_reader`) instead of the store's own
        connection, for a copy made beside the database thread."""
        if check:
            self.require_sound(quick=BACKUP_CHECK_QUICK, source=source)
        return backup_database(source or self.conn, target)

    def open_reader(self) -> sqlite3.Connection:
        """A read-only connection of its own to ``station.db``, for a thread beside the database
        thread: in WAL mode it reads a snapshot while the station goes on writing."""
        try:
            return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise storage_error(exc, self.data_dir) or StoreError(str(exc)) from exc

    def backups_dir(self) -> Path:
        try:
            return private_folder(self.data_dir / BACKUP_DIR)
        except OSError as exc:
            raise _open_error(exc, self.data_dir) from exc

    def backup_before_migrating(self, now: datetime) -> Path:
        """The file as it was, before an upgrade changes it (kept unchecked, as it was)."""
        name = f"before-migration-{now.strftime('%Y%m%d-%H%M%S')}.db"
        return self.backup_to(self.backups_dir() / name, check=False)

    def daily_backup(self, today: date, *, source: sqlite3.Connection | None = None) -> Path | None:
        """Keep one backup a day, the last 14; returns the new file, or None if today's exists.

        The database must pass SQLite's check first: a damaged one raises ``DamagedDatabase``
        and no backup is written or removed, so the last good day is never pushed out. Old
        dailies go only after the new one is written whole. ``source`` as for
        :meth:`backup_to`."""
        folder = self.backups_dir()
        target = folder / f"daily-{today.isoformat()}.db"
        if target.exists():
            return None
        try:
            self.backup_to(target, source=source)
        except DamagedDatabase:
            raise
        except StorageError as exc:  # the station's own disk: full, read-only, failing
            cause = exc.__cause__
            raise (storage_error(cause, self.data_dir) if cause else None) or exc from cause
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
            handle.flush()
            os.fsync(handle.fileno())  # a full disk says so here, not at the first parcel
        probe.unlink()
        if path.exists():
            with open(path, "r+b"):
                pass
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.unlink()
        raise _open_error(exc, data_dir) from exc
