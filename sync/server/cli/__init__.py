"""``county-center``: run the county center and do its admin work from the command line.

county-center [--data-dir DIR] [--database-url URL] serve [--host H] [--port P]
    [--header-timeout S] [--body-timeout S] [--keep-alive S] [--limit-concurrency N]
county-center [--data-dir DIR] create-station --name N --township T --village V
county-center [--data-dir DIR] reissue-code --station ID

Further commands live in this package's modules (``COMMAND_MODULES``: backup, keys, reference,
seed, sms, users), each with ``add_commands(commands)`` to declare its subparsers and
``run(args, settings) -> int | None`` that answers None for a command that is not its own.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from sync.server import settings as settings_module
from sync.server.serving import ServeLimits, uvicorn_config
from sync.server.settings import Settings, SettingsError, ensure_secret_file, load_settings

COMMAND_MODULES = (
    "sync.server.cli.backup",
    "sync.server.cli.keys",
    "sync.server.cli.read_models",
    "sync.server.cli.reference",
    "sync.server.cli.seed",
    "sync.server.cli.sms",
    "sync.server.cli.users",
)


def _command_modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in COMMAND_MODULES]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="county-center", description="The county center.")
    parser.add_argument("--data-dir", help="folder of county.db and secret.key")
    parser.add_argument("--database-url", help="e.g. postgresql://user@host/county")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the county center's web server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    limits = ServeLimits()
    serve.add_argument(
        "--header-timeout",
        type=float,
        default=limits.header_timeout,
        help="seconds a client has to send a request's line and headers (default %(default)s)",
    )
    serve.add_argument(
        "--body-timeout",
        type=float,
        default=limits.body_timeout,
        help="seconds a request body may stall between two reads (default %(default)s)",
    )
    serve.add_argument(
        "--keep-alive",
        type=int,
        default=limits.keep_alive,
        help="seconds an idle connection is kept between requests (default %(default)s)",
    )
    serve.add_argument(
        "--limit-concurrency",
        type=int,
        default=limits.limit_concurrency,
        help="connections at once; beyond it requests are answered 503 (default %(default)s)",
    )

    create = commands.add_parser("create-station", help="add a station; prints its code")
    create.add_argument("--name", required=True)
    create.add_argument("--township", required=True)
    create.add_argument("--village", required=True)

    reissue = commands.add_parser(
        "reissue-code", help="a new code for a station whose PC was lost; revokes its token"
    )
    reissue.add_argument("--station", required=True)
    for module in _command_modules():
        module.add_commands(commands)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    data_dir = args.data_dir or os.environ.get(settings_module.ENV_DATA_DIR) or "county-data"
    if not os.environ.get(settings_module.ENV_SECRET):
        ensure_secret_file(Path(data_dir))
    return load_settings(data_dir, args.database_url)


def print_json(value: dict[str, Any]) -> None:
    """A command's answer: one line of JSON, Chinese as it is (every command prints this way)."""
    print(json.dumps(value, ensure_ascii=False))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
    except SettingsError as exc:
        print(f"county-center: {exc}", file=sys.stderr)
        return 2
    from sync.server import stations
    from sync.server.storage import Storage

    for module in _command_modules():
        answer = module.run(args, settings)
        if answer is not None:
            return answer
    if args.command == "serve":
        import uvicorn

        from sync.server.app import create_app
        from sync.server.logs import configure_logging

        log_config = configure_logging()  # JSON lines on stderr, from the migrations on
        limits = ServeLimits(
            header_timeout=args.header_timeout,
            body_timeout=args.body_timeout,
            keep_alive=args.keep_alive,
            limit_concurrency=args.limit_concurrency,
        )
        config = uvicorn_config(  # our request log replaces uvicorn's access log
            create_app(settings),
            host=args.host,
            port=args.port,
            limits=limits,
            log_config=log_config,
            access_log=False,
        )
        uvicorn.Server(config).run()
        return 0
    storage = Storage.open(settings)
    try:
        if args.command == "create-station":
            try:
                station_id, code = stations.create_station(
                    storage,
                    settings.token_secret,
                    name=args.name,
                    township=args.township,
                    village=args.village,
                )
            except stations.StationRefused as exc:
                print(f"county-center: {exc}", file=sys.stderr)
                return 1
        else:
            station_id = args.station
            try:
                code = stations.reissue_code(storage, settings.token_secret, station_id)
            except LookupError:
                print(
                    f"county-center: no station has the id {station_id}. Check the id "
                    "(create-station printed it).",
                    file=sys.stderr,
                )
                return 1
        print_json({"station_id": station_id, "enrollment_code": code})
    finally:
        storage.close()
    return 0
