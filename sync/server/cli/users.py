"""``county-center`` commands for users.

county-center --data-dir DIR add-user --name N --role supervisor|admin [--township T] \\
    --password-stdin

The password is read from standard input (one line; typed twice, unseen, at a terminal), never
from the command line, where ``ps`` and the shell's history would keep it. Prints
``{"user_id", "name", "role", "township"}``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from sync.server.cli import print_json
from sync.server.settings import Settings

COMMAND = "add-user"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""
    add = commands.add_parser(
        COMMAND, help="add a supervisor or admin of the supervisor web; password on stdin"
    )
    add.add_argument("--name", required=True, help="the name the user logs in with")
    add.add_argument("--role", required=True, choices=("supervisor", "admin"))
    add.add_argument("--township", help="a supervisor's township (not for an admin)")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from standard input (never give it on the command line)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    if args.command != COMMAND:
        return None
    from sync.server.storage import Storage
    from sync.server.users import UserRefused, add_user

    try:
        password = read_password(sys.stdin)
    except UserRefused as refusal:
        return _refused(refusal)
    storage = Storage.open(settings)
    try:
        user = add_user(
            storage,
            name=args.name,
            role=args.role,
            township=args.township,
            password=password,
        )
    except UserRefused as refusal:
        return _refused(refusal)
    finally:
        storage.close()
    answer = {"user_id": user.id, "name": user.name, "role": user.role, "township": user.township}
    print_json(answer)
    return 0


def read_password(stream: TextIO) -> str:
    """One line from a pipe (its line end dropped), or typed twice at a terminal."""
    from sync.server.users import UserRefused

    if stream.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("The same password again: ") != password:
            raise UserRefused("The two passwords differ. Run the command again.")
        return password
    line = stream.readline()
    if not line:
        raise UserRefused(
            "No password came on standard input. Pipe it in, e.g. from a file only you can "
            "read: county-center ... add-user ... --password-stdin < password.txt"
        )
    return line.rstrip("\r\n")


def _refused(refusal: Exception) -> int:
    print(f"county-center: {refusal}", file=sys.stderr)
    return 1
