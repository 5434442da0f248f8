"""``county-center backup [FILE] [--keep N]``: a copy of the county's database, while it runs.

Prints JSON ``{"backup": path, "bytes": n}``; exit 1 with the reason on stderr when it fails.
"""

from __future__ import annotations

import argparse
import sys

from sync.server.cli import print_json
from sync.server.settings import Settings


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""
    from sync.server.backup import DEFAULT_KEEP

    backup = commands.add_parser(
        "backup",
        help="copy the county's database (SQLite: backups/county-DATE.db in the data folder; "
        "PostgreSQL: a pg_dump .dump file); prints JSON",
    )
    backup.add_argument(
        "file",
        nargs="?",
        help="where to write: a file, or a folder (ending in /) that gets dated names and keeps "
        "the newest --keep backups; default: backups/ in the data folder",
    )
    backup.add_argument(
        "--keep",
        type=int,
        default=DEFAULT_KEEP,
        help=f"dated backups to keep in the folder (default {DEFAULT_KEEP})",
    )


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    if args.command != "backup":
        return None
    from sync.server.backup import BackupError, backup

    try:
        result = backup(settings, args.file, keep=args.keep)
    except BackupError as exc:
        print(f"county-center: {exc}", file=sys.stderr)
        return 1
    print_json({"backup": str(result.path), "bytes": result.bytes})
    return 0
