"""The county's places and the stations' lists: the townships and villages it knows (published
as the ``places`` setting) and each township's list of its stations (the ``stations`` setting)."""

from __future__ import annotations

import sqlalchemy as sa

from stationapp.core import clock
from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from sync.server.reference.kinds import set_setting
from sync.server.storage import Storage
from sync.server.tables import places, stations

PLACES_SETTING = "places"
STATIONS_SETTING = "stations"
MAX_NAME = 200


def known_townships(conn: sa.Connection) -> set[str]:
    """Townships the county knows: those with places and those with stations."""
    named = conn.execute(sa.select(places.c.township).distinct()).scalars()
    served = conn.execute(sa.select(stations.c.township).distinct()).scalars()
    return set(named) | set(served)


def _clean_name(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "Give the {what} as a name of 1 to 200 characters, like 城关镇."
            ),
            what=Term(what),
        )
    return cleaned


def add_place(storage: Storage, *, township: str, village: str) -> bool:
    """Add a village of a township (False when the county had it); stations get the new list."""
    township = _clean_name(township, QT_TRANSLATE_NOOP("UserError", "township"))
    village = _clean_name(village, QT_TRANSLATE_NOOP("UserError", "village"))
    with storage.engine.begin() as conn:
        known = conn.execute(
            sa.select(places.c.township).where(
                places.c.township == township, places.c.village == village
            )
        ).first()
        if known is None:
            conn.execute(
                places.insert().values(
                    township=township, village=village, created_at=clock.now_iso()
                )
            )
        publish_places(conn)
    return known is None


def list_places(storage: Storage) -> dict[str, list[str]]:
    """{township: [village, ...]}, sorted."""
    with storage.engine.connect() as conn:
        return _places(conn)


def _places(conn: sa.Connection) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in conn.execute(sa.select(places).order_by(places.c.township, places.c.village)):
        found.setdefault(row.township, []).append(row.village)
    return found


def publish_places(conn: sa.Connection) -> bool:
    """The ``places`` setting: {"townships": [{"name", "villages"}]}."""
    value = {
        "townships": [
            {"name": township, "villages": villages} for township, villages in _places(conn).items()
        ]
    }
    return set_setting(conn, PLACES_SETTING, value)


def publish_station_lists(conn: sa.Connection) -> int:
    """The ``stations`` setting of every township: its stations (id, name, township, village).
    Returns how many townships' lists changed. Call it after a station is created."""
    lists: dict[str, list[dict[str, str]]] = {}
    rows = conn.execute(
        sa.select(stations.c.id, stations.c.name, stations.c.township, stations.c.village).order_by(
            stations.c.township, stations.c.name, stations.c.id
        )
    )
    for row in rows:
        lists.setdefault(row.township, []).append(
            {"id": row.id, "name": row.name, "township": row.township, "village": row.village}
        )
    return sum(
        set_setting(conn, STATIONS_SETTING, entries, township=township)
        for township, entries in lists.items()
    )


def refresh_station_lists(storage: Storage) -> int:
    with storage.engine.begin() as conn:
        return publish_station_lists(conn)
