"""What a stolen station PC gives away (DESIGN §11): migration ``012_id_numbers`` and its
clean-up of the data folder.

Before this migration a station kept what let a thief get a resident ID number back in a
fraction of a second: the sender's masked number (first four, last four) with an HMAC whose key
(``station_meta.id_salt``) was in the same file, and each household's masked number (all but
the birth date) with an HMAC whose key (the county's registry salt, setting
``household.id_salt``) came in the feed. The migration keeps only what is shown (the last four
characters, ``id_tail``) and drops the rest:

- ``sent_parcels``: ``id_masked`` and ``id_hash`` give way to ``id_tail``. Older
  ``parcel.sent`` events keep their payload (the log is hash-chained and the county holds the
  same records), but the key of their HMAC is gone everywhere, so what is left of them is the
  masked number: a region, the tail and about 30,000 birth dates.
- ``county_households``: ``id_masked`` and ``id_hash`` give way to ``id_tail`` and ``id_tag``
  (a short keyed tag, :func:`stationapp.core.idcard.id_tag`; unknown until the county sends the
  household again).
- the two salts are deleted.

Deleted content must not linger in the file: the migration runs with ``secure_delete`` (freed
space is overwritten with zeros), and afterwards the database is rebuilt (``VACUUM``: older
copies of a household row left in free space by earlier feed updates go too) and the WAL
checkpointed and truncated. The backups in the data folder (the one made just before the
migration included) lose the salts and the households' old columns the same way and are rebuilt
too (:func:`scrub_data_folder`). Their events and ``sent_parcels`` rows stay as they were, so
each backup still verifies and restores; restoring one runs this migration again. The rebuild
is paid once per file (about 15 s a GB measured; docs/architecture.md, "Privacy").
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any

from stationapp.core import idcard, meta

MIGRATION = "012_id_numbers"
REGISTRY_SALT_SETTING = "household.id_salt"  # county setting that may no longer be kept
TAG_KEY_SETTING = "household.id_tag_key"  # the county's key for household ID tags (hex)
SEAL_KEY_SETTING = "privacy.id_public_key"  # the county's public key for sealing IDs (base64)
FORBIDDEN_SETTINGS = frozenset({REGISTRY_SALT_SETTING})

log = logging.getLogger(__name__)


def migrate_id_numbers(db: Any) -> None:
    """The body of migration ``012_id_numbers`` (``db``: a sqlite_utils.Database)."""
    conn: sqlite3.Connection = db.conn
    conn.execute("PRAGMA secure_delete = ON")
    conn.create_function("tail_of_masked", 1, idcard.tail_of_masked, deterministic=True)
    conn.execute("ALTER TABLE sent_parcels ADD COLUMN id_tail TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE sent_parcels SET id_tail = tail_of_masked(id_masked)")
    conn.execute("ALTER TABLE sent_parcels DROP COLUMN id_masked")
    conn.execute("ALTER TABLE sent_parcels DROP COLUMN id_hash")
    conn.execute("ALTER TABLE county_households ADD COLUMN id_tail TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE county_households ADD COLUMN id_tag INTEGER")
    conn.execute("UPDATE county_households SET id_tail = tail_of_masked(id_masked)")
    conn.execute("DROP INDEX IF EXISTS county_households_id_hash")
    conn.execute("ALTER TABLE county_households DROP COLUMN id_masked")
    conn.execute("ALTER TABLE county_households DROP COLUMN id_hash")
    conn.execute("CREATE INDEX county_households_id_tail ON county_households (id_tail)")
    _drop_salts(conn)


def _drop_salts(conn: sqlite3.Connection) -> None:
    meta.delete(conn, meta.ID_SALT)
    if _has_table(conn, "county_settings"):
        conn.execute("DELETE FROM county_settings WHERE key = ?", (REGISTRY_SALT_SETTING,))


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        is not None
    )


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def clean_up_pending(conn: sqlite3.Connection, pending: list[str]) -> bool:
    """True when ``012_id_numbers`` has run (it is not among the ``pending`` migrations) but its
    clean-up (:func:`after_migration`) has not finished: right after the migration, or after a
    crash or a full disk in the middle of it."""
    return not meta.has(conn, meta.ID_NUMBERS_CLEANED_UP) and MIGRATION not in pending


def after_migration(conn: sqlite3.Connection, data_dir: Path) -> None:
    """Once ``012_id_numbers`` has run: the file rebuilt (nothing dropped stays in free pages or
    the WAL) and the folder's backups without the salts; then marked done."""
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    scrub_data_folder(data_dir)
    meta.put(conn, meta.ID_NUMBERS_CLEANED_UP, "1")


def scrub_data_folder(data_dir: Path) -> list[Path]:
    """Take the salts and the households' old ID columns out of every database file in the
    data folder's ``backups`` (and a restore's staging file). Returns the files changed."""
    data_dir = Path(data_dir)
    changed = []
    candidates = sorted((data_dir / "backups").glob("*.db"))
    candidates += [p for p in (data_dir / "county-restore.db",) if p.exists()]
    for path in candidates:
        try:
            if scrub_file(path):
                changed.append(path)
        except sqlite3.DatabaseError:
            log.warning("could not take the ID salts out of %s", path, exc_info=True)
    return changed


def scrub_file(path: Path) -> bool:
    """One database file: drop the salts, keep only the tail of the households' IDs; the
    projected tables and the log are left alone (the backup still verifies). True if changed."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        if not _has_table(conn, "station_meta"):
            return False
        conn.execute("BEGIN IMMEDIATE")
        before = conn.total_changes
        _drop_salts(conn)
        if _has_table(conn, "county_households"):
            columns = _columns(conn, "county_households")
            if "id_hash" in columns:
                conn.execute("UPDATE county_households SET id_hash = '' WHERE id_hash != ''")
            if "id_masked" in columns:
                conn.create_function("mask_to_tail", 1, _mask_to_tail, deterministic=True)
                conn.execute(
                    "UPDATE county_households SET id_masked = mask_to_tail(id_masked)"
                    " WHERE id_masked != mask_to_tail(id_masked)"
                )
        changed = conn.total_changes != before
        conn.execute("COMMIT")
        if changed:
            conn.execute("VACUUM")  # older copies in free space go too
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return changed
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.close()


def _mask_to_tail(masked: str | None) -> str:
    tail = idcard.tail_of_masked(masked or "")
    return "*" * (len(masked or "") - len(tail)) + tail if tail else ""
