"""SQLite's own checks of the station's database, and the backup a damaged station goes back to.

``PRAGMA quick_check`` / ``integrity_check`` of the open database or of a backup file; the
newest daily or manual backup that still passes; and ``damaged``, the ``DamagedDatabase`` that
says what to do, naming that backup (or the county center when there is none).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from stationapp.core.data_folder import BACKUP_DIR, DB_NAME
from stationapp.core.errors import DamagedDatabase
from stationapp.core.i18n import QT_TRANSLATE_NOOP

BACKUP_CHECK_QUICK = False
"""Which SQLite check guards a backup: the full ``integrity_check`` (finds garbage in a record's
text through the indexes; see docs/architecture.md for its cost) or ``quick_check``."""
GOOD_BACKUP_GLOBS = ("daily-*.db", "manual-*.db")
"""Backups made only after the source passed SQLite's check: the ones a damaged station is sent
back to (``before-migration``/``before-restore`` copies are kept as they were, unchecked)."""


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
