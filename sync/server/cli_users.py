"""``county-center`` commands for users."""

from __future__ import annotations

import argparse

from sync.server.settings import Settings


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    return None
