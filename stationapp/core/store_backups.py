"""Copies of the station's database: SQLite's online backup to a file, and what a target that
cannot take it (full, read-only, no such folder) means, naming the target. Nothing is left
half-written there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from stationapp.core.data_folder import create_private_file
from stationapp.core.errors import StorageError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.storage_errors import _FULL_ERRNOS, _NO_PLACE_ERRNOS, _READ_ONLY_ERRNOS


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
