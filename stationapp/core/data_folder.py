"""The data folder's files, and keeping them the user's alone.

Where the station's files live in its data folder (``station.db``, ``station.lock``, the
``backups`` folder), and the modes that keep them private: on Linux and macOS the folder is the
user's alone (0700, its files 0600); on Windows the user's profile already keeps others out.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

DB_NAME = "station.db"
LOCK_NAME = "station.lock"
BACKUP_DIR = "backups"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


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
