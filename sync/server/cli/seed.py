"""``county-center seed-demo``: fill a new county with a demo county (耿马's 孟定镇, 勐永镇 and
勐撒镇, their village points, registered households and a year of each point's work), pushed
through the real sync protocol.

county-center --data-dir DIR [--database-url URL] seed-demo [--url http://127.0.0.1:PORT]
    [--stations 40] [--days 365] [--per-day 28] [--households 300] [--seed 2026]

Without ``--url`` the county is served on 127.0.0.1 (a free port) in this process while the
stations push; with it, a county already running over the same data folder or database takes
the pushes. The users' passwords are new each run and printed once, for the demo only. Prints
JSON ``{"stations", "events", "households", "users": [...], "seconds"}``; exit 1 when the county
holds stations already.
"""

from __future__ import annotations

import argparse
import sys

from sync.server.cli import print_json
from sync.server.settings import Settings

COMMAND = "seed-demo"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""
    seed = commands.add_parser(
        COMMAND, help="fill a new county with a demo county's year of work, pushed over HTTP"
    )
    seed.add_argument("--url", help="a running county to push to (default: one served here)")
    seed.add_argument("--stations", type=int, default=40, help="village points (default 40)")
    seed.add_argument("--days", type=int, default=365, help="days of history (default 365)")
    seed.add_argument(
        "--per-day", type=float, default=28.0, help="events a station-day (default 28)"
    )
    seed.add_argument(
        "--households", type=int, default=300, help="registered households a township"
    )
    seed.add_argument("--seed", type=int, default=2026, help="the same seed, the same county")


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    if args.command != COMMAND:
        return None
    from sync.server.demo.seeding import (
        SeedPlan,
        SeedRefused,
        http_pusher,
        prepare_county,
        seed_county,
        serving,
    )
    from sync.server.storage import Storage

    if min(args.stations, args.days) < 1 or args.per_day <= 0 or args.households < 0:
        print("county-center: stations, days and events a day must be above zero", file=sys.stderr)
        return 2
    plan = SeedPlan(
        stations=args.stations,
        days=args.days,
        per_day=args.per_day,
        households_per_township=args.households,
        seed=args.seed,
    )
    storage = Storage.open(settings)
    try:
        try:
            report = prepare_county(storage, settings, plan)
        except SeedRefused as refusal:
            print(f"county-center: {refusal}", file=sys.stderr)
            return 1

        def progress(station) -> None:
            print(f"{station.plan.name}: {station.events} events", file=sys.stderr)

        if args.url:
            seed_county(report, plan, http_pusher(args.url, plan.batch), progress=progress)
        else:
            with serving(storage, settings) as url:
                seed_county(report, plan, http_pusher(url, plan.batch), progress=progress)
    finally:
        storage.close()
    users = [
        {"name": name, "township": township, "password": password}
        for name, (township, password) in report.users.items()
    ]
    print_json(
        {
            "stations": len(report.stations),
            "events": report.events,
            "households": report.households,
            "users": users,
            "seconds": round(report.generate_seconds + report.push_seconds, 1),
        }
    )
    return 0
