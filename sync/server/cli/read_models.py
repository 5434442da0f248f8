"""``county-center rebuild-read-models [--station ID]``: build the lines' read models again from
the events the county holds (after migration 0007, or to check them), one station per
transaction.

Prints JSON ``{"stations": n, "events": m}``; exit 1 when the station named is unknown.
"""

from __future__ import annotations

import argparse
import sys

from sync.server.cli import print_json
from sync.server.settings import Settings

COMMAND = "rebuild-read-models"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""
    rebuild = commands.add_parser(
        COMMAND,
        help="build the business lines' read models again from the stored events; prints JSON",
    )
    rebuild.add_argument("--station", help="only this station (default: every station)")


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    if args.command != COMMAND:
        return None
    import sqlalchemy as sa

    from sync.server.lines import rebuild_read_models
    from sync.server.storage import Storage
    from sync.server.tables import stations

    storage = Storage.open(settings)
    try:
        with storage.engine.connect() as conn:
            query = sa.select(stations.c.id).order_by(stations.c.id)
            if args.station:
                query = query.where(stations.c.id == args.station)
            station_ids = list(conn.execute(query).scalars())
        if args.station and not station_ids:
            print(f"county-center: no station has the id {args.station}", file=sys.stderr)
            return 1
        read = 0
        for station_id in station_ids:
            with storage.engine.begin() as conn:
                read += rebuild_read_models(conn, station_id)
    finally:
        storage.close()
    print_json({"stations": len(station_ids), "events": read})
    return 0
