"""The SMS outbox's tables as migrations create and rebuild them.

``migrate_sms`` is migration ``005_sms_outbox`` (``sms_outbox``, ``sms_subjects``,
``sms_do_not_text``, ``sms_delivery``, ``sms_sends``); ``migrate_sms_relay`` (``008_sms_relay``)
and ``migrate_lean_outbox`` (the outbox's part of ``010_lean_texts``) rebuild ``sms_outbox``,
whose two triggers keep one text per (purpose, entity_key) across it and ``sms_subjects``. How the
``sms.*`` events fill these tables is in ``sms.store``. Shipped migrations never change.
"""

from __future__ import annotations

from typing import Any


def _create_subject_triggers(db: Any) -> None:
    """One (purpose, entity_key) has one text whichever of sms_outbox and sms_subjects holds it:
    the database refuses a key found in the other table, as a unique index would. (Used by 005
    and by 008 and 010, which rebuild sms_outbox; never change it: they have shipped.)"""
    db.execute(
        "CREATE TRIGGER sms_subjects_unique BEFORE INSERT ON sms_subjects"
        " WHEN EXISTS (SELECT 1 FROM sms_outbox"
        " WHERE purpose = NEW.purpose AND entity_key = NEW.entity_key)"
        " BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: sms_outbox.purpose,"
        " sms_outbox.entity_key'); END"
    )
    db.execute(
        "CREATE TRIGGER sms_outbox_unique BEFORE INSERT ON sms_outbox"
        " WHEN EXISTS (SELECT 1 FROM sms_subjects"
        " WHERE purpose = NEW.purpose AND entity_key = NEW.entity_key)"
        " BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: sms_subjects.purpose,"
        " sms_subjects.entity_key'); END"
    )


def migrate_sms(db: Any) -> None:
    """The body of migration ``005_sms_outbox`` (``db``: a sqlite_utils.Database)."""
    db.execute(
        """
        CREATE TABLE sms_outbox (
            id TEXT PRIMARY KEY,
            purpose TEXT NOT NULL,
            entity_key TEXT NOT NULL,
            phone TEXT NOT NULL,
            template TEXT NOT NULL,
            params TEXT NOT NULL,
            text TEXT NOT NULL,
            chars INTEGER NOT NULL,
            parts INTEGER NOT NULL,
            group_key TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL DEFAULT '',
            last_code TEXT NOT NULL DEFAULT '',
            last_error TEXT NOT NULL DEFAULT '',
            retryable INTEGER NOT NULL DEFAULT 0,
            provider TEXT NOT NULL DEFAULT '',
            provider_message_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            requeued_at TEXT NOT NULL DEFAULT '',
            sent_at TEXT NOT NULL DEFAULT '',
            UNIQUE (purpose, entity_key)
        )
        """
    )
    # small partial indexes: queued and failed texts are few beside the sent ones
    db.execute(
        "CREATE INDEX sms_outbox_queued ON sms_outbox (next_attempt_at) WHERE status = 'queued'"
    )
    db.execute("CREATE INDEX sms_outbox_group ON sms_outbox (group_key) WHERE status = 'queued'")
    db.execute("CREATE INDEX sms_outbox_failed ON sms_outbox (id) WHERE status = 'failed'")
    # the parcels that joined a grouped text after its first: with sms_outbox's own unique
    # key, one (purpose, entity_key) has one text whichever table holds it; the triggers make
    # the database refuse a key found in the other table, as a unique index would
    db.execute(
        "CREATE TABLE sms_subjects (purpose TEXT NOT NULL, entity_key TEXT NOT NULL,"
        " text_id TEXT NOT NULL, PRIMARY KEY (purpose, entity_key)) WITHOUT ROWID"
    )
    _create_subject_triggers(db)
    db.execute(
        """
        CREATE TABLE sms_do_not_text (
            phone TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE sms_delivery (
            text_id TEXT PRIMARY KEY,
            claimed_at TEXT NOT NULL DEFAULT '',
            held_code TEXT NOT NULL DEFAULT '',
            held_until TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        "CREATE TABLE sms_sends (id INTEGER PRIMARY KEY, phone TEXT NOT NULL,"
        " sent_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX sms_sends_phone ON sms_sends (phone, sent_at)")


def migrate_sms_relay(db: Any) -> None:
    """The body of migration ``008_sms_relay``: a text may be ``relayed`` (handed to the county
    center); ``relayed_at`` says when, ``via`` who reported its fate ("" the station itself,
    ``county``). SQLite cannot change a CHECK in place, so ``sms_outbox`` is rebuilt; its two
    triggers name it and go first, then come back as they were."""
    db.execute("DROP TRIGGER sms_subjects_unique")
    db.execute("DROP TRIGGER sms_outbox_unique")
    db.execute(
        """
        CREATE TABLE sms_outbox_relay (
            id TEXT PRIMARY KEY,
            purpose TEXT NOT NULL,
            entity_key TEXT NOT NULL,
            phone TEXT NOT NULL,
            template TEXT NOT NULL,
            params TEXT NOT NULL,
            text TEXT NOT NULL,
            chars INTEGER NOT NULL,
            parts INTEGER NOT NULL,
            group_key TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('queued', 'relayed', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL DEFAULT '',
            last_code TEXT NOT NULL DEFAULT '',
            last_error TEXT NOT NULL DEFAULT '',
            retryable INTEGER NOT NULL DEFAULT 0,
            provider TEXT NOT NULL DEFAULT '',
            provider_message_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            requeued_at TEXT NOT NULL DEFAULT '',
            sent_at TEXT NOT NULL DEFAULT '',
            relayed_at TEXT NOT NULL DEFAULT '',
            via TEXT NOT NULL DEFAULT '',
            UNIQUE (purpose, entity_key)
        )
        """
    )
    columns = (
        "id, purpose, entity_key, phone, template, params, text, chars, parts, group_key, status,"
        " attempts, next_attempt_at, last_code, last_error, retryable, provider,"
        " provider_message_id, created_at, requeued_at, sent_at"
    )
    db.execute(f"INSERT INTO sms_outbox_relay ({columns}) SELECT {columns} FROM sms_outbox")
    db.execute("DROP TABLE sms_outbox")
    db.execute("ALTER TABLE sms_outbox_relay RENAME TO sms_outbox")
    db.execute(
        "CREATE INDEX sms_outbox_queued ON sms_outbox (next_attempt_at) WHERE status = 'queued'"
    )
    db.execute("CREATE INDEX sms_outbox_group ON sms_outbox (group_key) WHERE status = 'queued'")
    db.execute("CREATE INDEX sms_outbox_failed ON sms_outbox (id) WHERE status = 'failed'")
    db.execute("CREATE INDEX sms_outbox_relayed ON sms_outbox (id) WHERE status = 'relayed'")
    _create_subject_triggers(db)


def migrate_lean_outbox(db: Any) -> None:
    """The outbox's part of migration ``010_lean_texts``: ``sms_outbox`` keeps the signature
    instead of the rendered text (rendered again on read, exactly: templates are frozen). The
    signature is what the stored text carries in its 【】. Rebuilt as 008 did, triggers first."""
    db.execute("DROP TRIGGER sms_subjects_unique")
    db.execute("DROP TRIGGER sms_outbox_unique")
    db.execute(
        """
        CREATE TABLE sms_outbox_lean (
            id TEXT PRIMARY KEY,
            purpose TEXT NOT NULL,
            entity_key TEXT NOT NULL,
            phone TEXT NOT NULL,
            template TEXT NOT NULL,
            params TEXT NOT NULL,
            signature TEXT NOT NULL DEFAULT '',
            chars INTEGER NOT NULL,
            parts INTEGER NOT NULL,
            group_key TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('queued', 'relayed', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL DEFAULT '',
            last_code TEXT NOT NULL DEFAULT '',
            last_error TEXT NOT NULL DEFAULT '',
            retryable INTEGER NOT NULL DEFAULT 0,
            provider TEXT NOT NULL DEFAULT '',
            provider_message_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            requeued_at TEXT NOT NULL DEFAULT '',
            sent_at TEXT NOT NULL DEFAULT '',
            relayed_at TEXT NOT NULL DEFAULT '',
            via TEXT NOT NULL DEFAULT '',
            UNIQUE (purpose, entity_key)
        )
        """
    )
    kept = (
        "id, purpose, entity_key, phone, template, params, chars, parts, group_key, status,"
        " attempts, next_attempt_at, last_code, last_error, retryable, provider,"
        " provider_message_id, created_at, requeued_at, sent_at, relayed_at, via"
    )
    signature = (
        "CASE WHEN substr(text, 1, 1) = '【' AND instr(text, '】') > 1"
        " THEN substr(text, 2, instr(text, '】') - 2) ELSE '' END"
    )
    db.execute(
        f"INSERT INTO sms_outbox_lean ({kept}, signature) SELECT {kept}, {signature}"
        " FROM sms_outbox"
    )
    db.execute("DROP TABLE sms_outbox")
    db.execute("ALTER TABLE sms_outbox_lean RENAME TO sms_outbox")
    db.execute(
        "CREATE INDEX sms_outbox_queued ON sms_outbox (next_attempt_at) WHERE status = 'queued'"
    )
    db.execute("CREATE INDEX sms_outbox_group ON sms_outbox (group_key) WHERE status = 'queued'")
    db.execute("CREATE INDEX sms_outbox_failed ON sms_outbox (id) WHERE status = 'failed'")
    db.execute("CREATE INDEX sms_outbox_relayed ON sms_outbox (id) WHERE status = 'relayed'")
    _create_subject_triggers(db)
