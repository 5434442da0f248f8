"""``stationapp``: the GUI by default, and the station's command-line work (DESIGN §10)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

from stationapp.core.i18n import QT_TRANSLATE_NOOP, translate


def t(text: str) -> str:
    return translate("cli", text)


def _setup_translation() -> None:
    """Chinese by default (STATIONAPP_LANG=en for English), with the same .qm as the GUI."""
    from stationapp import i18n

    i18n.install_core_translator(os.environ.get("STATIONAPP_LANG", "zh_CN"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stationapp",
        description="Village Station (村级电商服务站): with no command, starts the app.",
    )
    parser.add_argument("--data-dir", type=Path, metavar="DIR", default=None, help=DATA_DIR_HELP)
    # the global options are taken after the command too (stationapp verify --data-dir X); there
    # they default to "not given", so that one given before the command is kept
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS, help=DATA_DIR_HELP
    )
    commands = parser.add_subparsers(dest="command", parser_class=_with(options))

    init = commands.add_parser("init", help="create a new station in the data folder")
    init.add_argument(
        "--name", required=True, help="the station's name, e.g. 孟定镇芒艾村电商服务站"
    )
    init.add_argument("--manager", required=True, help="the manager's name")
    init.add_argument("--pin", required=True, help="the manager's PIN, 4 to 8 digits")
    init.add_argument("--phone", default="", help="the station's contact phone (landline allowed)")

    commands.add_parser(
        "verify", help="check the hash chain and rebuild-compare; exit 1 on a problem"
    )

    backup = commands.add_parser("backup", help="copy the station's database to FILE")
    backup.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="the copy to write, or a folder (a USB stick) to write it into; default: "
        "backups/manual-DATE-TIME.db in the data folder",
    )

    restore = commands.add_parser(
        "restore",
        help="replace the station's database with FILE, or restore the station onto this PC "
        "from the county center (--from-county URL --code CODE)",
    )
    restore.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="the backup to put back (a file `stationapp backup` or the daily backup wrote); "
        "the database it replaces is kept as a copy, named when done",
    )
    restore.add_argument(
        "--from-county", metavar="URL", default=None, help="the county center's address"
    )
    restore.add_argument("--code", default=None, help="the code the county center reissued")
    restore.add_argument(
        "--manager-pin", default=None, help="the manager's new PIN (asked when not given)"
    )

    enroll = commands.add_parser("enroll", help="join the county center with its enrolment code")
    enroll.add_argument("--server", required=True, help="the county center's address")
    enroll.add_argument("--code", required=True, help="the code the county center issued")

    commands.add_parser("sync", help="one sync round with the county center, progress on stderr")

    selftest = commands.add_parser(
        "selftest", help="open the main window offscreen, save a screenshot and a test receipt"
    )
    selftest.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FOLDER",
        help="the folder for the screenshot and the test receipt (made if missing)",
    )
    return parser


DATA_DIR_HELP = (
    "the station's data folder (default: the user's, e.g. ~/.local/share/VillageStation); "
    "may come before or after the command"
)


def _with(options: argparse.ArgumentParser) -> type[argparse.ArgumentParser]:
    """The subcommands' parser class: each also takes ``options`` (the global options)."""

    class CommandParser(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs) -> None:
            kwargs.setdefault("parents", [options])
            super().__init__(*args, **kwargs)

    return CommandParser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command
    if command is None:
        from stationapp.ui.app import run_gui

        return run_gui(args.data_dir)
    _setup_translation()
    from stationapp import paths
    from stationapp.core.errors import UserError

    # a self-test never touches the user's station unless a folder is named
    data_dir = args.data_dir
    if data_dir is None and command != "selftest":
        data_dir = paths.default_data_dir()
    try:
        return COMMANDS[command](data_dir, args)
    except UserError as error:
        print(t(QT_TRANSLATE_NOOP("cli", "Error: ")) + str(error), file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as error:
        from stationapp.core.storage_errors import storage_error

        problem = storage_error(error, data_dir) if data_dir is not None else None
        if problem is None:
            raise
        print(t(QT_TRANSLATE_NOOP("cli", "Error: ")) + str(problem), file=sys.stderr)
        return 2


def _init(data_dir: Path, args: argparse.Namespace) -> int:
    from stationapp.core import Station

    station = Station.create(
        data_dir, name=args.name, manager_name=args.manager, manager_pin=args.pin, phone=args.phone
    )
    info = station.info
    station.close()
    print(
        t(
            QT_TRANSLATE_NOOP("cli", "Station '{name}' created in {folder}. Manager: {manager}.")
        ).format(name=info.name, folder=data_dir, manager=info.manager_name)
    )
    return 0


def _verify(data_dir: Path, args: argparse.Namespace) -> int:
    from stationapp.core import Station
    from stationapp.core.data_folder import DB_NAME
    from stationapp.core.errors import DamagedDatabase
    from stationapp.core.storage_errors import storage_error
    from stationapp.core.store_checks import damaged, file_problems

    try:
        with Station.open(data_dir) as station:
            problems = station.store.check()  # SQLite's own integrity_check first
            if problems:
                raise damaged(data_dir, problems)
            try:
                result = station.events.verify()
            except sqlite3.DatabaseError as exc:  # a record that cannot even be read
                raise storage_error(exc, data_dir) or damaged(data_dir, [str(exc)]) from exc
    except DamagedDatabase as error:
        # refused already while opening (a page read on the way): SQLite's own findings, page by
        # page, from a reader of the file alone
        found = file_problems(data_dir / DB_NAME)
        return _report_damage(damaged(data_dir, found) if found else error)
    if result.ok:
        print(
            t(
                QT_TRANSLATE_NOOP(
                    "cli", "All is well: {count} records checked, chain and tables agree."
                )
            ).format(count=result.events_checked)
        )
        return 0
    print(
        t(
            QT_TRANSLATE_NOOP(
                "cli",
                "PROBLEM: the records do not verify ({count} problems). Do not delete anything; "
                "call the county center's support with this output.",
            )
        ).format(count=len(result.problems)),
        file=sys.stderr,
    )
    for problem in result.problems:
        print("  " + problem, file=sys.stderr)
    return 1


def _report_damage(error: Exception) -> int:
    """verify on a damaged file: in words, what SQLite found, what to do; exit 1."""
    print(
        t(
            QT_TRANSLATE_NOOP(
                "cli", "PROBLEM: the station's database file is damaged. Do not delete anything."
            )
        ),
        file=sys.stderr,
    )
    print(str(error), file=sys.stderr)
    for problem in getattr(error, "problems", [])[:20]:
        print("  " + problem, file=sys.stderr)
    return 1


def _backup(data_dir: Path, args: argparse.Namespace) -> int:
    from stationapp.core import Station

    with Station.open(data_dir) as station:
        target = station.backup(args.file)
    print(t(QT_TRANSLATE_NOOP("cli", "Backup written to {file}.")).format(file=target))
    return 0


def _restore(data_dir: Path, args: argparse.Namespace) -> int:
    from stationapp.core.errors import ValidationError
    from stationapp.core.restore import restore_station

    if args.from_county is not None or args.code is not None:
        if args.file is not None or not args.from_county or not args.code:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Restore either from a backup file (stationapp restore FILE) or from the "
                    "county center (stationapp restore --from-county URL --code CODE), not both.",
                )
            )
        return _restore_from_county(data_dir, args)
    if args.file is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Name the backup file to restore (stationapp restore FILE), or restore from the "
                "county center (stationapp restore --from-county URL --code CODE).",
            )
        )
    saved = restore_station(data_dir, args.file)
    print(
        t(
            QT_TRANSLATE_NOOP(
                "cli", "Restored from {file}. The database it replaced was kept as {saved}."
            )
        ).format(file=args.file, saved=saved or "-")
    )
    return 0


def _restore_from_county(data_dir: Path, args: argparse.Namespace) -> int:
    from stationapp import __version__
    from stationapp.core.operators import validate_pin
    from stationapp.core.station import download_from_county, finish_restore

    def progress(done: int, total: int) -> None:
        print(
            t(QT_TRANSLATE_NOOP("cli", "Restored {done} of {total} records.")).format(
                done=done, total=total
            ),
            file=sys.stderr,
            flush=True,
        )

    if args.manager_pin is not None:
        validate_pin(args.manager_pin)  # a script's typo is caught before anything is fetched
    pending = download_from_county(
        data_dir, args.from_county, args.code, progress=progress, app_version=__version__
    )
    pin = args.manager_pin
    if pin is None:
        pin = _ask_new_pin(pending.manager_name)
    station = finish_restore(data_dir, pin)
    try:
        info = station.info
        manager = station.operator.name if station.operator else pending.manager_name
        count = station.events.count()
    finally:
        station.close()
    print(
        t(
            QT_TRANSLATE_NOOP(
                "cli",
                "Station '{name}' ({station_id}) restored from the county center into {folder}: "
                "{count} records, verified. The manager {manager} logs in with the new PIN and "
                "sets the other operators' PINs again (设置 → 操作员).",
            )
        ).format(
            name=info.name,
            station_id=info.station_id,
            folder=data_dir,
            count=count,
            manager=manager,
        )
    )
    return 0


def _ask_new_pin(manager_name: str) -> str:
    """The manager's new PIN: typed twice at a terminal, or one line from a pipe."""
    from stationapp.core.errors import ValidationError

    prompt = t(
        QT_TRANSLATE_NOOP("cli", "New PIN for the manager {manager} (4 to 8 digits): ")
    ).format(manager=manager_name)
    if not sys.stdin.isatty():
        print(prompt, file=sys.stderr, flush=True)
        return sys.stdin.readline().strip()
    import getpass

    pin = getpass.getpass(prompt)
    again = getpass.getpass(t(QT_TRANSLATE_NOOP("cli", "The same PIN again: ")))
    if pin != again:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The two PINs are not the same. Run the same command again: the records that "
                "came are kept, only the PIN is asked again.",
            )
        )
    return pin


def _enroll(data_dir: Path, args: argparse.Namespace) -> int:
    from stationapp import __version__
    from stationapp.core import Station

    with Station.open(data_dir) as station:
        joined = station.sync.enroll(args.server, args.code, app_version=__version__)
    print(
        t(
            QT_TRANSLATE_NOOP(
                "cli", "Joined the county center as {name} ({township} {village}), id {station_id}."
            )
        ).format(
            name=joined.station_name,
            township=joined.township,
            village=joined.village,
            station_id=joined.station_id,
        )
    )
    return 0


def _sync(data_dir: Path, args: argparse.Namespace) -> int:
    from stationapp.core import Station

    def progress(done: int, total: int) -> None:
        print(
            t(QT_TRANSLATE_NOOP("cli", "Sent {done} of {total} records.")).format(
                done=done, total=total
            ),
            file=sys.stderr,
            flush=True,
        )

    with Station.open(data_dir) as station:
        report = station.sync.run(progress=progress)
    if report.ok:
        print(
            t(
                QT_TRANSLATE_NOOP(
                    "cli",
                    "Synced: the county holds {head} records of this station ({accepted} new); "
                    "{waiting} waiting.",
                )
            ).format(head=report.head_seq, accepted=report.accepted, waiting=report.waiting)
        )
        return 0
    print(report.message, file=sys.stderr)
    return 1


def _selftest(data_dir: Path | None, args: argparse.Namespace) -> int:
    from stationapp.ui.selftest import run_selftest

    return run_selftest(data_dir, args.out)


COMMANDS = {
    "init": _init,
    "verify": _verify,
    "backup": _backup,
    "restore": _restore,
    "enroll": _enroll,
    "sync": _sync,
    "selftest": _selftest,
}


if __name__ == "__main__":
    sys.exit(main())
