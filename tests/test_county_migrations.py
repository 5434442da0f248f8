"""The county's Alembic migrations against its table declarations, and migration 0005 on a
database that holds rows (event ids per station; settings back in their own feed scope), on
SQLite and on a real PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from sync.server import feed
from sync.server.storage import MIGRATIONS, create_engine, migrate
from sync.server.tables import events, metadata
from tests.county_db import county_database_url  # noqa: F401  (a fixture)

STAMP = "2026-01-01T00:00:00.000+08:00"
HASH = "0" * 64


@pytest.fixture
def engine(county_database_url):
    engine = create_engine(county_database_url)
    yield engine
    engine.dispose()


def upgrade(engine: sa.Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def same_default(
    _context: MigrationContext,
    _inspected_column: sa.Column,
    _metadata_column: sa.Column,
    inspected_default: str | None,
    _metadata_default: object,
    rendered_metadata_default: str | None,
) -> bool | None:
    """False (no difference) when the database's default is the declared one once the
    parentheses and quotes SQLite's reflection puts around it are taken off (``('')`` for an
    empty string, which Alembic's own comparison misses); None lets Alembic compare the rest."""

    def bare(text: str) -> str:
        text = text.strip()
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1]
        if len(text) >= 2 and text[0] == text[-1] == "'":
            text = text[1:-1]
        return text

    if inspected_default is None or rendered_metadata_default is None:
        return None
    return False if bare(inspected_default) == bare(rendered_metadata_default) else None


def test_the_migrations_give_exactly_the_tables_the_code_declares(engine):
    """Migrated as the server migrates at start, the database holds what ``tables.metadata``
    declares, and nothing else (Alembic's ``compare_metadata``, on SQLite and PostgreSQL).

    Types are compared (``compare_type``: a String(64) migrated as String(40) would cut a hash)
    and so are the database's own defaults (``compare_server_default``: an insert that leaves a
    column out gets it; the migrations set them, so the declarations carry them too; SQLite reads
    an empty string default back in parentheses, see :func:`same_default`). CHECK constraints are
    beyond what Alembic compares; the declarations repeat them by hand."""
    migrate(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": same_default}
        )
        differences = compare_metadata(context, metadata)
    assert differences == []


def insert(conn: sa.Connection, table: str, **values: object) -> None:
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def stations_setting(station_ids: list[str]) -> str:
    return json.dumps([{"id": s} for s in station_ids], separators=(",", ":"))


def test_0005_keeps_the_events_and_puts_each_township_s_settings_back_in_its_scope(engine):
    upgrade(engine, "0004")
    x_list, y_list = stations_setting(["sx"]), stations_setting(["sy"])
    with engine.begin() as conn:
        for station, township in (("sx", "勐撒镇"), ("sy", "勐永镇")):
            insert(
                conn,
                "stations",
                id=station,
                name=station,
                township=township,
                village="村",
                created_at=STAMP,
            )
        insert(
            conn,
            "events",
            station_id="sx",
            seq=1,
            id="e1",
            type="settings.changed",
            entity_id="",
            occurred_at=STAMP,
            operator="",
            payload="{}",
            prev_hash=HASH,
            hash=HASH,
            received_at=STAMP,
            flagged=False,
        )
        for township, value in (("勐撒镇", x_list), ("勐永镇", y_list), ("", '{"townships":[]}')):
            insert(
                conn,
                "county_settings",
                name="places" if not township else "stations",
                township=township,
                value=value,
                updated_at=STAMP,
            )
        # what publishing Y's list did before: X's list tombstoned in X's scope
        conn.execute(sa.text("UPDATE feed_clock SET last_cursor = 3"))
        rows = [
            (1, "township:勐撒镇", "stations", "delete", "{}"),
            (2, "township:勐永镇", "stations", "upsert", '{"value":' + y_list + "}"),
            (3, "*", "places", "upsert", '{"value":{"townships":[]}}'),
        ]
        for cursor, scope, key, op, data in rows:
            insert(
                conn,
                "feed_log",
                cursor=cursor,
                scope=scope,
                kind="setting",
                key=key,
                op=op,
                data=data,
            )
    upgrade(engine, "head")
    with engine.connect() as conn:
        x_page = feed.read_page(conn, feed.scopes_of("sx", "勐撒镇"), after="", limit=10)
        y_page = feed.read_page(conn, feed.scopes_of("sy", "勐永镇"), after="", limit=10)
        kept = conn.execute(sa.select(events.c.station_id, events.c.id)).all()
    x_changes = {(c.key, c.op): c for c in x_page.changes()}
    assert set(x_changes) == {("places", "upsert"), ("stations", "upsert")}
    assert x_changes["stations", "upsert"].data == {"value": json.loads(x_list)}
    assert int(x_changes["stations", "upsert"].cursor) > 3  # stations that took the tombstone
    assert x_changes["places", "upsert"].cursor == "3"  # a right row is left alone
    assert [(c.cursor, c.key, c.data) for c in y_page.changes() if c.key == "stations"] == [
        ("2", "stations", {"value": json.loads(y_list)})
    ]
    assert kept == [("sx", "e1")]
    with engine.begin() as conn:  # the same event id, at another station: its own
        conn.execute(
            events.insert().values(
                station_id="sy",
                seq=1,
                id="e1",
                type="settings.changed",
                entity_id="",
                occurred_at=STAMP,
                operator="",
                payload="{}",
                prev_hash=HASH,
                hash=HASH,
                received_at=STAMP,
                flagged=False,
            )
        )
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(
            events.insert().values(
                station_id="sy",
                seq=2,
                id="e1",
                type="settings.changed",
                entity_id="",
                occurred_at=STAMP,
                operator="",
                payload="{}",
                prev_hash=HASH,
                hash=HASH,
                received_at=STAMP,
                flagged=False,
            )
        )


def test_0011_sums_the_household_log_per_month_and_0010_gets_its_totals_back(engine):
    upgrade(engine, "0010")
    log = [  # household, day, type, paid out, paid in (fen)
        ("h1", "2026-03-02", "produce.bought", 5000, 0),
        ("h1", "2026-03-30", "produce.bought", 2500, 500),
        ("h1", "2026-04-01", "household.helped", 0, 0),
        ("h2", "2026-04-09", "parcel.received", 0, 300),
    ]
    with engine.begin() as conn:
        insert(
            conn, "stations", id="s1", name="s1", township="勐撒镇", village="村", created_at=STAMP
        )
        for n, (household, day, kind, paid_out, paid_in) in enumerate(log):
            income = max(0, paid_out - paid_in) if kind == "produce.bought" else 0
            insert(
                conn,
                "county_household_log",
                station_id="s1",
                event_id=f"e{n}",
                household_id=household,
                type=kind,
                day=day,
                occurred_at=day + "T09:00:00.000+08:00",
                operator="",
                person="",
                paid_in_fen=paid_in,
                paid_out_fen=paid_out,
                income_fen=income,
                bought_fen=income,
                fee_waived_fen=0,
                service="training" if kind == "household.helped" else "",
                product="",
                grade="",
                quantity="",
                unit="",
            )
    upgrade(engine, "head")
    figures = "household_id, month, count, paid_in_fen, paid_out_fen, income_fen, services"
    with engine.connect() as conn:
        months = conn.execute(
            sa.text(f"SELECT {figures} FROM county_household_months ORDER BY 1, 2")
        ).all()
    assert [tuple(row) for row in months] == [
        ("h1", "2026-03", 2, 500, 7500, 7000, 0),
        ("h1", "2026-04", 1, 0, 0, 0, 1),
        ("h2", "2026-04", 1, 300, 0, 0, 0),
    ]
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
    with engine.connect() as conn:
        totals = conn.execute(
            sa.text(
                "SELECT household_id, count, income_fen, services "
                "FROM county_household_totals ORDER BY 1"
            )
        ).all()
    assert [tuple(row) for row in totals] == [("h1", 3, 7000, 1), ("h2", 1, 0, 0)]
