"""A copy of the county's database, taken while the county center runs.

SQLite: the online backup API, a consistent snapshot even while stations push, written to
``backups/county-YYYYMMDD-HHMMSS.db`` in the data folder by default. PostgreSQL: ``pg_dump
--format=custom`` to a ``.dump`` file (restored with ``pg_restore``); the URL's password reaches
pg_dump through its environment, never its command line. Only the newest ``keep`` backups of a
backups folder are kept. ``secret.key`` is not in a backup: keep it apart (docs/deploy.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from stationapp.core import clock
from sync.server.settings import Settings
from sync.server.storage import is_sqlite

BACKUP_FOLDER = "backups"
DEFAULT_KEEP = 14
SQLITE_SUFFIX = ".db"
POSTGRES_SUFFIX = ".dump"
# county-20260301-020000.db, and county-20260301-020000-2.db for a second one in that second
DATED_NAME = re.compile(r"^county-(\d{8}-\d{6})(?:-(\d+))?\.(db|dump)$")
# Debian's packages put each major version's programs here; pg_dump must not be older than the
# server, so the newest is tried first
DEBIAN_BINDIRS = "usr/lib/postgresql/*/bin"
PG_DUMP_TIMEOUT_S = 6 * 3600


class BackupError(Exception):
    """The backup could not be made; the text says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    removed: tuple[Path, ...] = ()


def backup(
    settings: Settings,
    target: Path | str | None = None,
    *,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
) -> BackupResult:
    """Back up the county's database to ``target``: a file, or a folder (default: ``backups/``
    in the data folder) that gets a dated name and keeps only its newest ``keep`` backups."""
    if keep < 1:
        raise BackupError(f"--keep {keep} would delete every backup: keep at least 1.")
    sqlite = is_sqlite(settings.url)
    suffix = SQLITE_SUFFIX if sqlite else POSTGRES_SUFFIX
    folder = _folder_of(settings, target)
    path = _dated_path(folder, suffix, now or clock.now()) if folder else Path(str(target))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        if sqlite:
            backup_sqlite(_sqlite_file(settings.url), partial)
        else:
            backup_postgres(settings.url, partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    removed = prune(folder, keep=keep, suffix=suffix) if folder else ()
    return BackupResult(path=path, bytes=path.stat().st_size, removed=tuple(removed))


def _folder_of(settings: Settings, target: Path | str | None) -> Path | None:
    """The backups folder to date names in and prune, or None when ``target`` names a file (a
    folder is one that exists, or a path written with a trailing slash)."""
    if target is None or str(target) == "":
        return settings.data_dir / BACKUP_FOLDER
    if Path(target).is_dir() or str(target).endswith(("/", os.sep)):
        return Path(target)
    return None


def _dated_path(folder: Path, suffix: str, moment: datetime) -> Path:
    stamp = moment.astimezone(clock.SHANGHAI).strftime("%Y%m%d-%H%M%S")
    path = folder / f"county-{stamp}{suffix}"
    counter = 2
    while path.exists():  # two backups in one second: neither overwrites the other
        path = folder / f"county-{stamp}-{counter}{suffix}"
        counter += 1
    return path


def prune(folder: Path, *, keep: int, suffix: str) -> list[Path]:
    """Delete all but the newest ``keep`` dated backups of this kind (suffix) in ``folder``;
    files with other names are never touched."""
    dated = []
    for path in folder.iterdir():
        match = DATED_NAME.match(path.name)
        if match and path.suffix == suffix and path.is_file():
            dated.append(((match[1], int(match[2] or 1)), path))
    dated.sort()
    old = [path for _, path in dated[:-keep]]
    for path in old:
        path.unlink(missing_ok=True)
    return old


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite_file(url: str) -> Path:
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("The county database is in memory; there is nothing to back up.")
    return Path(database)


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite database with its online backup API: a consistent snapshot even while the
    county center writes (WAL readers do not block its writers)."""
    if not source.is_file():
        raise BackupError(
            f"There is no county database at {source}. Check --data-dir (or "
            "--database-url): it is the folder county-center serve uses."
        )
    with (
        contextlib.closing(sqlite3.connect(source, timeout=30)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        try:
            src.backup(dst)  # in one step (pages=-1): one read transaction, one snapshot
        except sqlite3.Error as exc:
            raise BackupError(
                f"SQLite could not copy {source}: {exc}. Check the disk and try again."
            ) from exc


# --- PostgreSQL --------------------------------------------------------------------------------


def find_pg_dump() -> str | None:
    """pg_dump of the newest PostgreSQL installed, else the one on the PATH."""

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", folder.parent.name)) or (0,)

    for folder in sorted(Path("/").glob(DEBIAN_BINDIRS), key=version, reverse=True):
        if (folder / "pg_dump").is_file():
            return str(folder / "pg_dump")
    return shutil.which("pg_dump")


def libpq_target(url: str) -> tuple[str, str | None]:
    """The database URL without its password (for pg_dump's command line) and the password."""
    parsed = sa.engine.make_url(url)
    without = sa.engine.URL.create(  # URL.set(password=None) would keep the password
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return without.render_as_string(hide_password=False), parsed.password


def backup_postgres(url: str, target: Path) -> None:
    """``pg_dump --format=custom`` of the database at ``url`` into ``target``."""
    pg_dump = find_pg_dump()
    if pg_dump is None:
        raise BackupError(
            "pg_dump is not installed. Install PostgreSQL's client programs of the server's "
            "version or newer (Debian: apt-get install postgresql-client) and try again."
        )
    dbname, password = libpq_target(url)
    environment = dict(os.environ)
    if password:
        environment["PGPASSWORD"] = password  # not on the command line: ps would show it
    environment.setdefault("PGCONNECT_TIMEOUT", "15")
    command = [
        pg_dump,
        "--format=custom",
        "--no-password",  # never prompt (cron has no terminal): a missing password fails
        f"--file={target}",
        f"--dbname={dbname}",
    ]
    try:
        done = subprocess.run(
            command,
            env=environment,
            capture_output=True,
            text=True,
            timeout=PG_DUMP_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupError(f"pg_dump could not run: {_hide(str(exc), password)}") from exc
    if done.returncode != 0:
        said = _hide(done.stderr.strip() or done.stdout.strip(), password)
        raise BackupError(
            f"pg_dump failed (exit {done.returncode}): {said} Check --database-url (or "
            "COUNTY_CENTER_DATABASE_URL) and that the server is reachable."
        )


def _hide(text: str, password: str | None) -> str:
    return text.replace(password, "***") if password else text
