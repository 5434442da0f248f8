"""``county-center`` commands for reference data.

county-center import-households FILE.xlsx|FILE.csv
county-center import-catalog FILE       (编码, 名称, 类别, 单位, 参考价(元), 消费帮扶认证, 户编号)
county-center import-billers FILE       (编码, 名称, 类别, 户号名称, 最低金额(元), 最高金额(元),
                                         手续费(元), 启用)
county-center set-sms-template --name N --text T [--provider-code C]
county-center announce --title T --body B [--township T] [--expires YYYY-MM-DD]
county-center withdraw-announcement --id ID
county-center add-place --township T --village V

Each prints one JSON line; bad input prints why on stderr and exits 1 with nothing written
(the registry writes the households it can take and reports the rows it refused).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationapp.core.errors import UserError
from sync.server.cli import print_json
from sync.server.settings import Settings

if TYPE_CHECKING:
    from sync.server.reference.catalog_import import RowProblem
    from sync.server.reference.kinds import Counts
    from sync.server.storage import Storage

COMMANDS = (
    "import-households",
    "import-catalog",
    "import-billers",
    "set-sms-template",
    "announce",
    "withdraw-announcement",
    "add-place",
)
SHOWN_REFUSALS = 50  # the rest are in the report file


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""
    households = commands.add_parser(
        "import-households", help="import the poverty-household registry (XLSX or CSV)"
    )
    households.add_argument("file")
    catalog = commands.add_parser("import-catalog", help="import the catalog (XLSX or CSV)")
    catalog.add_argument("file")
    billers = commands.add_parser("import-billers", help="import the billers (XLSX or CSV)")
    billers.add_argument("file")
    template = commands.add_parser("set-sms-template", help="add or change an SMS template")
    template.add_argument("--name", required=True, help="e.g. parcel_arrival")
    template.add_argument("--text", required=True, help="the text, with {params}")
    template.add_argument("--provider-code", default="", help="the provider's template code")
    announce = commands.add_parser("announce", help="publish an announcement to the stations")
    announce.add_argument("--title", required=True)
    announce.add_argument("--body", required=True)
    announce.add_argument("--township", default="", help="only this township's stations")
    announce.add_argument("--expires", default="", help="last day shown, YYYY-MM-DD")
    withdraw = commands.add_parser("withdraw-announcement", help="take an announcement back")
    withdraw.add_argument("--id", required=True)
    place = commands.add_parser("add-place", help="add a village of a township")
    place.add_argument("--township", required=True)
    place.add_argument("--village", required=True)


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    if args.command not in COMMANDS:
        return None
    from sync.server.reference import places
    from sync.server.storage import Storage

    storage = Storage.open(settings)
    try:
        handler = _HANDLERS[args.command]
        answer = handler(args, settings, storage)
        places.refresh_station_lists(storage)
    except UserError as refusal:
        return _fail(str(refusal))
    except _Refused as refused:
        return _fail(refused.message, refused.lines)
    except OSError as exc:  # a file that cannot be read, or a report that cannot be written
        return _fail(f"{exc.strerror}: {exc.filename}. Check the file and the folder's rights.")
    finally:
        storage.close()
    print_json(answer)
    return 0


class _Refused(Exception):
    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.lines = lines


def _fail(message: str, lines: Sequence[str] = ()) -> int:
    print(f"county-center: {message}", file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    return 1


def _import_households(
    args: argparse.Namespace, settings: Settings, storage: Storage
) -> dict[str, Any]:
    from sync.server.reference import id_keys
    from sync.server.reference.households_import import import_households, refused_lines

    result = import_households(
        storage, Path(args.file), salt=id_keys.registry_salt(settings.data_dir, storage)
    )
    lines = refused_lines(result.refused)
    if lines:
        print(f"{len(lines)} 行未导入：", file=sys.stderr)
        for line in lines[:SHOWN_REFUSALS]:
            print(f"  {line}", file=sys.stderr)
        if len(lines) > SHOWN_REFUSALS:
            print(
                f"  …… 另有 {len(lines) - SHOWN_REFUSALS} 行，见 {result.report}", file=sys.stderr
            )
    return {
        "households": result.households,
        "persons": result.persons,
        "added": result.counts.added,
        "changed": result.counts.changed,
        "unchanged": result.counts.unchanged,
        "refused_rows": len(result.refused),
        "report": str(result.report),
    }


def _counts(items: int, counts: Counts) -> dict[str, int]:
    return {
        "items": items,
        "added": counts.added,
        "changed": counts.changed,
        "unchanged": counts.unchanged,
    }


def _refuse_rows(path: str, problems: Sequence[RowProblem]) -> None:
    if problems:
        raise _Refused(
            f"{len(problems)} rows of {Path(path).name} cannot be taken; nothing was imported. "
            "Correct them and import the file again:",
            [problem.line() for problem in problems],
        )


def _import_catalog(
    args: argparse.Namespace, _settings: Settings, storage: Storage
) -> dict[str, Any]:
    from sync.server.reference import catalog, household_registry
    from sync.server.reference.catalog_import import read_catalog

    items, problems = read_catalog(
        Path(args.file), households=lambda nos: household_registry.household_numbers(storage, nos)
    )
    _refuse_rows(args.file, problems)
    return _counts(len(items), catalog.upsert_catalog_items(storage, items))


def _import_billers(
    args: argparse.Namespace, _settings: Settings, storage: Storage
) -> dict[str, Any]:
    from sync.server.reference import billers
    from sync.server.reference.catalog_import import read_billers

    items, problems = read_billers(Path(args.file))
    _refuse_rows(args.file, problems)
    return _counts(len(items), billers.upsert_billers(storage, items))


def _set_sms_template(
    args: argparse.Namespace, _settings: Settings, storage: Storage
) -> dict[str, Any]:
    from sync.server.reference import sms_templates

    changed = sms_templates.set_sms_template(
        storage, name=args.name, text=args.text, provider_code=args.provider_code
    )
    return {"name": args.name.strip(), "changed": changed}


def _announce(args: argparse.Namespace, _settings: Settings, storage: Storage) -> dict[str, Any]:
    from sync.server.reference import announcements

    expires_on = None
    if args.expires:
        try:
            expires_on = date.fromisoformat(args.expires.strip())
        except ValueError:
            raise _Refused(
                f"--expires {args.expires} is not a date; write it like 2026-12-31.", []
            ) from None
    item = announcements.announce(
        storage, title=args.title, body=args.body, township=args.township, expires_on=expires_on
    )
    return {
        "id": item.id,
        "title": item.title,
        "township": item.township,
        "published_at": item.published_at,
        "expires_at": item.expires_at,
    }


def _withdraw_announcement(
    args: argparse.Namespace, _settings: Settings, storage: Storage
) -> dict[str, Any]:
    from sync.server.reference import announcements

    item = announcements.withdraw_announcement(storage, args.id.strip())
    return {"id": item.id, "title": item.title, "withdrawn": True}


def _add_place(args: argparse.Namespace, _settings: Settings, storage: Storage) -> dict[str, Any]:
    from sync.server.reference import places

    added = places.add_place(storage, township=args.township, village=args.village)
    return {
        "township": " ".join(args.township.split()),
        "village": " ".join(args.village.split()),
        "added": added,
    }


_HANDLERS = {
    "import-households": _import_households,
    "import-catalog": _import_catalog,
    "import-billers": _import_billers,
    "set-sms-template": _set_sms_template,
    "announce": _announce,
    "withdraw-announcement": _withdraw_announcement,
    "add-place": _add_place,
}
