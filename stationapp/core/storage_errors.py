"""What a failure of the disk or of the database file means, in the operator's words.

A full disk, a read-only place, a failing disk and a damaged file are ``StorageError``s with a
message that says what to do (``storage_error``), never a raw sqlite3 or OS error.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from stationapp.core.errors import StorageError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.store_checks import damaged

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
