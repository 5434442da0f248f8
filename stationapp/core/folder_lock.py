"""The one-writer guard of a data folder: a second program (or a second window of this one)
may not open the same folder. An OS lock on the folder itself (and on ``station.lock``, which
older versions and Windows use), released by the OS when the process dies; deleting the lock
file does not let a second writer in.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from stationapp.core.data_folder import make_private
from stationapp.core.errors import StoreError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.storage_errors import _open_error


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
