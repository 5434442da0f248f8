"""``station_meta``: local facts about this installation that are not events (the enrolled
station's id, the county's address and the names it gave, the chain check's point, restore and
migration marks). Every read and write of the table goes through here; the keys are named once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

STATION_ID = "station_id"  # '' until enrolment (DESIGN §3: not hashed)
CREATED_AT = "created_at"
CHAIN_CHECKED = "chain_checked"  # "seq hash": the last event a passing chain check reached

# what the county's enrolment answer left (the sync line writes them, the screens read them)
COUNTY_URL = "county.url"
COUNTY_NAME = "county.station_name"
TOWNSHIP = "county.township"
VILLAGE = "county.village"
ENROLLED_AT = "county.enrolled_at"
CLOCK_SKEW = "county.clock_skew_s"  # this PC's clock minus the county's, last measured
CLOCK_MEASURED_AT = "county.clock_measured_at"

# a restore from the county onto a new PC (sync line)
RESTORE_COMPLETE = "restore.complete"  # "1": every event in and verified; PIN missing
RESTORED_AT = "restore.restored_at"
RESTORED_EVENTS = "restore.events"

# migration 012's privacy marks
ID_SALT = "id_salt"  # the dropped station salt
ID_NUMBERS_CLEANED_UP = "id_numbers_cleaned_up"  # the clean-up after 012 has finished


def get(conn: sqlite3.Connection | None, key: str) -> str:
    """The value kept under ``key``; "" when there is none (or no connection)."""
    if conn is None:
        return ""
    row = conn.execute("SELECT value FROM station_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else ""


def has(conn: sqlite3.Connection, key: str) -> bool:
    row = conn.execute("SELECT 1 FROM station_meta WHERE key = ?", (key,)).fetchone()
    return row is not None


def put(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO station_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )


def delete(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM station_meta WHERE key = ?", (key,))


def is_enrolled(conn: sqlite3.Connection, data_dir: Path) -> bool:
    """Joined to a county center: it gave this station its id and address here, and its token
    is kept in the data folder's ``secrets.json``."""
    from stationapp.core.secrets import TOKEN_SECRET, SecretStore

    return bool(
        get(conn, STATION_ID) and get(conn, COUNTY_URL) and SecretStore(data_dir).get(TOKEN_SECRET)
    )
