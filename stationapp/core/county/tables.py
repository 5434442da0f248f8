"""The tables of what the county sends (migration ``007_county``).

They are LOCAL tables, not projections of the station's events: the county owns reference data
(DESIGN §5, "ownership decides conflicts"), so the station keeps the county's latest word on
each item and never rebuilds these tables from its own log. ``verify`` does not compare them
(they are not declared with ``projected_table``) and a fork's rebuild does not empty them.

The feed's cursor lives in ``county_feed`` beside the data it follows and is written in the same
transaction as each page, so a restored backup or a crash never leaves the two apart.
"""

from __future__ import annotations

from typing import Any

FEED_CURSOR = "cursor"  # the row of ``county_feed`` holding the last applied page's cursor


def migrate_county(db: Any) -> None:
    """The body of migration ``007_county`` (``db``: a sqlite_utils.Database)."""
    # the poverty-household registry (帮扶台账's source), this township's households only
    db.execute(
        """
        CREATE TABLE county_households (
            household_no TEXT PRIMARY KEY,
            head_name TEXT NOT NULL,
            initials TEXT NOT NULL DEFAULT '',
            pinyin TEXT NOT NULL DEFAULT '',
            id_masked TEXT NOT NULL DEFAULT '',
            id_hash TEXT NOT NULL DEFAULT '',
            members INTEGER NOT NULL DEFAULT 0,
            township TEXT NOT NULL DEFAULT '',
            village TEXT NOT NULL DEFAULT '',
            natural_village TEXT NOT NULL DEFAULT '',
            household_type TEXT NOT NULL DEFAULT '',
            monitoring_type TEXT NOT NULL DEFAULT '',
            risk_cleared INTEGER NOT NULL DEFAULT 0,
            causes TEXT NOT NULL DEFAULT '[]',
            phone_masked TEXT NOT NULL DEFAULT '',
            cursor TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX county_households_id_hash ON county_households (id_hash)")
    db.execute("CREATE INDEX county_households_name ON county_households (head_name)")
    db.execute("CREATE INDEX county_households_initials ON county_households (initials)")
    db.execute("CREATE INDEX county_households_pinyin ON county_households (pinyin)")
    db.execute("CREATE INDEX county_households_village ON county_households (village, head_name)")
    db.execute(
        "CREATE INDEX county_households_natural_village"
        " ON county_households (natural_village, head_name)"
    )
    db.execute(
        """
        CREATE TABLE county_catalog (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            price_fen INTEGER NOT NULL DEFAULT 0,
            certified INTEGER NOT NULL DEFAULT 0,
            household_no TEXT NOT NULL DEFAULT '',
            cursor TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX county_catalog_category ON county_catalog (category, name)")
    db.execute(
        """
        CREATE TABLE county_billers (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'other',
            account_label TEXT NOT NULL DEFAULT '',
            min_fen INTEGER NOT NULL DEFAULT 0,
            max_fen INTEGER NOT NULL DEFAULT 0,
            fee_fen INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            cursor TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE county_sms_templates (
            name TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            provider_code TEXT NOT NULL DEFAULT '',
            cursor TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE county_announcements (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            published_at TEXT NOT NULL DEFAULT '',
            expires_at TEXT NOT NULL DEFAULT '',
            township TEXT NOT NULL DEFAULT '',
            cursor TEXT NOT NULL DEFAULT ''
        )
        """
    )
    # county-wide settings: value is JSON (the registry salt, the places, the stations...)
    db.execute(
        """
        CREATE TABLE county_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            cursor TEXT NOT NULL DEFAULT ''
        )
        """
    )
    # the county's own events about this station's entities (DESIGN §5): unique by id, not part
    # of the station's chain; ``applied`` 0 with a ``note`` is the "needs attention" list
    db.execute(
        """
        CREATE TABLE county_events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            entity_id TEXT NOT NULL DEFAULT '',
            occurred_at TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL DEFAULT '{}',
            cursor TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            applied INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX county_events_entity ON county_events (entity_id)")
    db.execute("CREATE INDEX county_events_received ON county_events (received_at)")
    # changes of a kind this version does not know (a newer county): kept, not lost
    db.execute(
        """
        CREATE TABLE county_feed_unknown (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            op TEXT NOT NULL,
            data TEXT NOT NULL,
            cursor TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        )
        """
    )
    db.execute("CREATE TABLE county_feed (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # the round's history also says how many of the county's changes it took
    db.execute("ALTER TABLE sync_log ADD COLUMN taken INTEGER NOT NULL DEFAULT 0")
