"""What every admin page reads first: the guard that keeps a query to the county admin (a
supervisor is answered 404, as for a page that is not there), the places the forms offer, and
the one transaction an action shares with its audit line."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import cast

import sqlalchemy as sa
from fastapi import HTTPException

from sync.server.storage import Storage
from sync.server.tables import places, stations
from sync.server.web.auth import Viewer


def admin_only(viewer: Viewer) -> None:
    """404 for anyone but the county admin: the admin queries' own check, under the route's."""
    if not viewer.admin:
        raise HTTPException(status_code=404)


def known_places(conn: sa.Connection, viewer: Viewer) -> tuple[list[str], list[str]]:
    """(townships, villages) the county knows, from its places list and its stations: what the
    forms offer to pick from, so a township is written the same way each time."""
    admin_only(viewer)
    townships: set[str] = set()
    villages: set[str] = set()
    for township, village in conn.execute(sa.select(places.c.township, places.c.village)):
        townships.add(township)
        villages.add(village)
    for township, village in conn.execute(sa.select(stations.c.township, stations.c.village)):
        townships.add(township)
        villages.add(village)
    return sorted(townships), sorted(villages)


class _OneConnection:
    """An engine stand-in whose ``begin()`` and ``connect()`` give one open connection."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def begin(self) -> contextlib.nullcontext[sa.Connection]:
        return contextlib.nullcontext(self.conn)

    def connect(self) -> contextlib.nullcontext[sa.Connection]:
        return contextlib.nullcontext(self.conn)


@contextlib.contextmanager
def one_transaction(storage: Storage) -> Iterator[tuple[Storage, sa.Connection]]:
    """A transaction, and a :class:`Storage` over it: the county's own functions (which open
    their transactions on ``storage.engine``) then write in it, and the admin action's audit
    line commits with what they wrote or not at all; the rules stay theirs alone."""
    with storage.engine.begin() as conn:
        yield Storage(cast(sa.Engine, _OneConnection(conn))), conn
