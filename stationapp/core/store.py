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
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import sqlite_utils

from stationapp.core.errors import DamagedDatabase, StorageError, StoreError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

DB_NAME = "station.db"
LOCK_NAME = "station.lock"
BACKUP_DIR = "backups"
DAILY_BACKUPS_KEPT = 14
BACKUP_CHECK_QUICK = False
"""Which SQLite check guards a backup: the full ``integrity_check`` (finds garbage in a record's
text through the indexes; see docs/architecture.md for its cost) or ``quick_check``."""
GOOD_BACKUP_GLOBS = ("daily-*.db", "manual-*.db")
"""Backups made only after the source passed SQLite's check: the ones a damaged station is sent
back to (``before-migration``/``before-restore`` copies are kept as they were, unchecked)."""
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


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
    """The one-writer guard of a data folder, held while the station is open and released by the
    OS when the process dies (so a crash never leaves the folder locked).

    On Linux and macOS the lock is ``flock`` on the data folder itself (a folder that holds the
    station's files cannot be deleted while they are there), plus ``station.lock`` for older
    versions; deleting ``station.lock`` lets no second writer in. On Windows it is
    ``msvcrt.locking`` on ``station.lock``, which cannot be deleted while it is held open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = None
        self._folder_fd: int | None = None

    def acquire(self) -> None:
        self._folder_fd = _lock_folder(self.path.parent)
        try:
            self._acquire_file()
        except BaseException:
            self._release_folder()
            raise

    def _acquire_file(self) -> None:
        try:
            handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's life
        except OSError as exc:
            raise _open_error(exc, self.path.parent) from exc
        try:
            _lock_file(handle)
        except OSError as exc:
            handle.close()
            raise _already_open(self.path.parent) from exc
        self._file = handle
        make_private(self.path)

    def release(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                _unlock_file(self._file)
            self._file.close()
            self._file = None
        self._release_folder()

    def _release_folder(self) -> None:
        if self._folder_fd is not None:
            os.close(self._folder_fd)  # closing the descriptor drops its flock
            self._folder_fd = None


def _already_open(folder: Path) -> StoreError:
    return StoreError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The station's data folder {folder} is already open in another window or "
            "program. Close the other window first; only one may work on the station's "
            "records at a time.",
        ),
        folder=str(folder),
    )


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock_file(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

    def _lock_folder(folder: Path) -> int | None:
        return None  # station.lock cannot be deleted while it is held open

else:
    import fcntl

    def _lock_file(handle) -> None:
        # flock locks belong to the open file, so a second open in the same process is refused too
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_folder(folder: Path) -> int | None:
        """``flock`` on the folder itself: nothing in it can be deleted to get round it. SQLite
        takes no lock on a folder, so this never meets its own locks."""
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            raise _open_error(exc, folder) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise _already_open(folder) from exc
            return None  # a file system without flock on folders (NFS): station.lock alone
        return fd


_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_NO_PLACE_ERRNOS = {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG, errno.EINVAL}


def _is_read_only_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in _READ_ONLY_ERRNOS:
        return True
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _read_only(folder: Path) -> StorageError:
    return StorageError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The station's data folder {folder} cannot be written to (read-only, or no "
            "permission). Nothing was changed. Choose a folder you can write to, or ask the "
            "person who set up this PC to give write permission.",
        ),
        folder=str(folder),
    )


def disk_full(folder: Path) -> StorageError:
    return StorageError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The disk that holds the station's data ({folder}) is full. Nothing was saved. Free "
            "some space (empty the recycle bin, move photos and videos elsewhere), then try "
            "again.",
        ),
        folder=str(folder),
    )


def disk_failed(folder: Path, reason: str) -> StorageError:
    return StorageError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The disk failed while reading or writing the station's data in {folder} "
            "({reason}). Nothing was saved. The disk may be failing: copy a backup to a USB "
            "stick now (stationapp backup FILE) and call the county center's support.",
        ),
        folder=str(folder),
        reason=reason,
    )


def _open_error(exc: OSError, folder: Path) -> StorageError:
    """Why the data folder could not be opened for writing, in the operator's words."""
    if exc.errno in _FULL_ERRNOS:
        return disk_full(folder)
    if exc.errno == errno.EIO:
        return disk_failed(folder, str(exc))
    return _read_only(folder)


def storage_error(exc: BaseException, data_dir: Path) -> StorageError | None:
    """The ``StorageError`` that says what a failure of the disk or of the database file means
    (full, read-only, damaged, failing), or None when ``exc`` is something else (a bug)."""
    if isinstance(exc, StorageError):
        return exc
    data_dir = Path(data_dir)
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", None) or ""
        text = str(exc).lower()
        if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
            return disk_full(data_dir)
        if (
            name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or "malformed" in text
            or "not a database" in text
            or "could not decode to utf-8" in text
        ):
            return damaged(data_dir, [str(exc)])
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or (
            "readonly" in text
        ):
            return _read_only(data_dir)
        if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
            return disk_failed(data_dir, str(exc))
        return None
    disk_errnos = _FULL_ERRNOS | _READ_ONLY_ERRNOS | {errno.EIO}
    if isinstance(exc, OSError) and exc.errno in disk_errnos:
        return _open_error(exc, data_dir)
    return None


# SQLite's own checks ----------------------------------------------------------------------------


def integrity_problems(
    conn: sqlite3.Connection, *, quick: bool = False, limit: int = 20
) -> list[str]:
    """What SQLite's own check finds wrong in the file ([] when it is sound).

    ``integrity_check`` also compares every index with its table, so garbage in a record's text
    is found; ``quick_check`` checks the pages and records only, in about half the time."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def file_problems(path: Path, *, quick: bool = False) -> list[str]:
    """SQLite's check of a database file that is not open (a backup)."""
    try:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return integrity_problems(conn, quick=quick, limit=1)
    finally:
        conn.close()


def newest_good_backup(data_dir: Path, *, tries: int = 3) -> Path | None:
    """The newest daily or manual backup whose file still passes SQLite's quick check."""
    folder = Path(data_dir) / BACKUP_DIR
    if not folder.is_dir():
        return None
    candidates: list[Path] = []
    for pattern in GOOD_BACKUP_GLOBS:
        candidates.extend(folder.glob(pattern))
    candidates.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    for path in candidates[:tries]:
        if not file_problems(path, quick=True):
            return path
    return None


def damaged(data_dir: Path, problems: list[str]) -> DamagedDatabase:
    """The station's database is damaged: what to do, naming the backup to go back to."""
    data_dir = Path(data_dir)
    problem = problems[0] if problems else ""
    backup = newest_good_backup(data_dir)
    if backup is not None:
        return DamagedDatabase(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The station's database {path} is damaged ({problem}). Stop working on it. "
                "Restore the newest good backup, {name} in the backups folder (stationapp "
                "restore {backup}); then sync with the county center to bring back what was "
                "recorded after it. Call the county center's support if you are unsure.",
            ),
            problems=problems,
            path=str(data_dir / DB_NAME),
            problem=problem,
            name=backup.name,
            backup=str(backup),
        )
    return DamagedDatabase(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The station's database {path} is damaged ({problem}) and there is no good backup "
            "in the backups folder. Stop working on it and call the county center's support: "
            "they issue a code to restore the station from the county center (stationapp "
            "restore --from-county URL --code CODE).",
        ),
        problems=problems,
        path=str(data_dir / DB_NAME),
        problem=problem,
    )


# files the user alone may read -----------------------------------------------------------------


def make_private(path: Path, *, folder: bool = False) -> None:
    """0700 for a folder, 0600 for a file, on Linux and macOS; on Windows the user's profile
    (AppData) already keeps other users out. A file we do not own, or a read-only place, is
    left as it is."""
    if os.name != "posix":
        return
    wanted = PRIVATE_DIR_MODE if folder else PRIVATE_FILE_MODE
    with contextlib.suppress(OSError):
        info = os.stat(path)
        if stat.S_IMODE(info.st_mode) != wanted and info.st_uid == os.geteuid():
            os.chmod(path, wanted)


def private_folder(folder: Path) -> Path:
    """Make ``folder`` (and missing parents) and keep it the user's alone."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    make_private(folder, folder=True)
    return folder


def create_private_file(path: Path) -> None:
    """Create ``path`` (empty) with mode 0600 if it does not exist yet, so that SQLite, which
    gives its -wal and -shm the database's mode, and appenders keep it private."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    os.close(fd)
    make_private(path)


def tighten_data_folder(data_dir: Path) -> None:
    """Existing files of a data folder made before 0600 (the database, its -wal/-shm, backups,
    logs, the SMS outbox file) become the user's alone."""
    data_dir = Path(data_dir)
    make_private(data_dir, folder=True)
    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", LOCK_NAME, "sms-outbox.txt"):
        make_private(data_dir / name)
    for sub in (BACKUP_DIR, "logs"):
        folder = data_dir / sub
        if folder.is_dir():
            make_private(folder, folder=True)
            with contextlib.suppress(OSError):
                for child in folder.iterdir():
                    make_private(child, folder=child.is_dir())


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


def backup_database(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the open database to ``target`` (0600) through SQLite's online backup API; a target
    that is full, read-only or impossible is a ``StorageError`` naming it, and nothing is left
    half-written there."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        create_private_file(partial)
    except OSError as exc:
        raise _backup_error(target, exc) from exc
    try:
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise _backup_error(target, exc) from exc
    return target


def _backup_error(target: Path, exc: BaseException) -> StorageError:
    number = exc.errno if isinstance(exc, OSError) else None
    name = getattr(exc, "sqlite_errorname", None) or ""
    text = str(exc).lower()
    if number in _FULL_ERRNOS or name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StorageError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The backup could not be written to {file}: the disk there is full. Nothing was "
                "changed at the station. Choose another place (a USB stick with free space) or "
                "free some space, then try again.",
            ),
            file=str(target),
        )
    if number in _READ_ONLY_ERRNOS or name.startswith(("SQLITE_READONLY", "SQLITE_PERM")):
        return StorageError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The backup could not be written to {file}: that place is read-only or may not "
                "be written to (a write-protected USB stick?). Nothing was changed at the "
                "station. Choose another place.",
            ),
            file=str(target),
        )
    if number in _NO_PLACE_ERRNOS or number == errno.EEXIST or name.startswith("SQLITE_CANTOPEN"):
        return StorageError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The backup could not be written to {file}: there is no such folder, or a part "
                "of the path is a file. Nothing was changed at the station. Name a file in a "
                "folder that exists.",
            ),
            file=str(target),
        )
    return StorageError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The backup could not be written to {file} ({reason}). Nothing was changed at the "
            "station. Choose another place.",
        ),
        file=str(target),
        reason=str(exc),
    )
