"""``county-center`` commands for the SMS relay.

county-center [--data-dir DIR] sms-provider --name file|aliyun|tencent|modem [--signature S]
              [--station-signatures] [--template NAME=CODE ...] [--params NAME=a,b,c ...]
              [--endpoint URL] [--region R] [--app-id ID] [--port P] [--baud N] [--timeout-s S]
              [--keys-stdin]
county-center [--data-dir DIR] sms-provider --show
county-center [--data-dir DIR] [--database-url URL] sms-relay [--once] [--interval S]

``sms-provider`` writes the relay's settings (``sms-relay.json``) and, with ``--keys-stdin``,
reads the service's two keys from standard input, one a line (Aliyun: AccessKey ID, then
AccessKey secret; Tencent: SecretId, then SecretKey) into the data folder's ``secrets.json``:
keys never travel on a command line, where other users and the shell history see them. Both
print JSON: the settings without the keys, and whether the service is ready.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import threading
from typing import Any

from sync.server.cli import print_json
from sync.server.settings import Settings

KEY_NAMES = {
    "aliyun": ("sms.aliyun.access_key_id", "sms.aliyun.access_key_secret"),
    "tencent": ("sms.tencent.secret_id", "sms.tencent.secret_key"),
}
KEY_PROMPTS = {
    "aliyun": ("AccessKey ID: ", "AccessKey secret: "),
    "tencent": ("SecretId: ", "SecretKey: "),
}


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""
    provider = commands.add_parser(
        "sms-provider", help="choose the SMS service the county relays stations' texts through"
    )
    provider.add_argument("--name", choices=("file", "aliyun", "tencent", "modem"))
    provider.add_argument("--show", action="store_true", help="print the settings and status")
    provider.add_argument("--signature", help="the county's approved signature, without 【】")
    provider.add_argument(
        "--station-signatures", action="store_true",
        help="texts keep their station's signature (each approved on the county's account)",
    )  # fmt: skip
    provider.add_argument(
        "--template", action="append", default=[], metavar="NAME=CODE",
        help="the service's approved template code for a station template, e.g. "
        "parcel_arrival=SMS_465300123",
    )  # fmt: skip
    provider.add_argument(
        "--params", action="append", default=[], metavar="NAME=a,b,c",
        help="the parameters a template sends, in order, e.g. parcel_arrival=carriers,codes",
    )  # fmt: skip
    provider.add_argument("--endpoint", help="the service's address (default: its own)")
    provider.add_argument("--region", help="Tencent: X-TC-Region, e.g. ap-guangzhou")
    provider.add_argument("--app-id", help="Tencent: SmsSdkAppId")
    provider.add_argument("--port", help="modem: COM3, /dev/ttyUSB0")
    provider.add_argument("--baud", type=int, help="modem: serial speed")
    provider.add_argument("--timeout-s", type=int, help="seconds to wait for the service")
    provider.add_argument(
        "--keys-stdin", action="store_true",
        help="read the service's two keys from standard input, one a line",
    )  # fmt: skip

    relay = commands.add_parser("sms-relay", help="send the texts stations handed to the county")
    relay.add_argument("--once", action="store_true", help="one round, then exit")
    relay.add_argument("--interval", type=float, default=5.0, help="seconds between rounds")


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    if args.command == "sms-provider":
        return _sms_provider(args, settings)
    if args.command == "sms-relay":
        return _sms_relay(args, settings)
    return None


def _fail(message: str) -> int:
    print(f"county-center: {message}", file=sys.stderr)
    return 1


# --- sms-provider ------------------------------------------------------------------------------


def _sms_provider(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.relays.sms_provider import RelayConfigError, read_config, write_config

    try:
        if args.name:
            values = _provider_values(args)
        elif args.show:
            values = read_config(settings.data_dir)
        else:
            return _fail("give --name file|aliyun|tencent|modem to choose a service, or --show.")
        if args.keys_stdin:
            if args.name not in KEY_NAMES:
                return _fail(f"the {args.name} service takes no keys; leave out --keys-stdin.")
            _read_keys(settings, args.name)
        if args.name:
            write_config(settings.data_dir, values)
    except (RelayConfigError, ValueError) as error:
        return _fail(str(error))
    print_json({"settings": values, **_status(settings)})
    return 0


def _provider_values(args: argparse.Namespace) -> dict[str, Any]:
    from sync.server.relays.sms_provider import STATION_SIGNATURES

    name = args.name
    values: dict[str, Any] = {"sms.provider": name}
    if args.signature:
        values["sms.signature"] = args.signature.strip().strip("【】 ")
    if args.station_signatures:
        values[STATION_SIGNATURES] = True
    if args.timeout_s:
        values["sms.timeout_s"] = args.timeout_s
    for option, key in (
        (args.endpoint, f"sms.{name}.endpoint"),
        (args.region, "sms.tencent.region"),
        (args.app_id, "sms.tencent.app_id"),
        (args.port, "sms.modem.port"),
        (args.baud, "sms.modem.baud"),
    ):
        if option:
            values[key] = option
    for kind, pairs in (("template", args.template), ("params", args.params)):
        for pair in pairs:
            template, sep, value = pair.partition("=")
            if not sep or not template.strip() or not value.strip():
                raise ValueError(f"write --{kind} as NAME=VALUE, e.g. parcel_arrival=SMS_123.")
            values[f"sms.{name}.{kind}.{template.strip()}"] = value.strip()
    return values


def _read_keys(settings: Settings, name: str) -> None:
    """The two keys from standard input (a prompt that does not echo on a terminal)."""
    from stationapp.core.secrets import SecretStore

    if sys.stdin.isatty():
        keys = [getpass.getpass(prompt) for prompt in KEY_PROMPTS[name]]
    else:
        keys = [sys.stdin.readline().strip() for _ in KEY_NAMES[name]]
    if not all(keys):
        raise ValueError(
            "give both keys on standard input, one a line (e.g. from a file readable by you only)."
        )
    store = SecretStore(settings.data_dir)
    for key_name, value in zip(KEY_NAMES[name], keys, strict=True):
        store.set(key_name, value)


def _status(settings: Settings) -> dict[str, Any]:
    from stationapp.core.errors import UserError
    from sync.server.relays.sms_provider import RelayConfigError, relay_provider

    try:
        status = relay_provider(settings).status()
    except (RelayConfigError, UserError) as error:
        return {"ready": False, "status": str(error)}
    return {"ready": status.ok, "status": status.detail}


# --- sms-relay ---------------------------------------------------------------------------------


def _sms_relay(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.logs import configure_logging
    from sync.server.relays.sms_provider import (
        RelayConfigError,
        keeps_station_signatures,
        relay_provider,
    )
    from sync.server.relays.sms_worker import RelayWorker, relay_once
    from sync.server.storage import Storage

    # the providers' lines (a refusal may echo the number) as the server's: JSON, phones masked
    configure_logging()
    storage = Storage.open(settings)
    try:
        try:
            provider = relay_provider(settings, storage)
        except RelayConfigError as error:
            return _fail(str(error))
        if args.once:
            done = relay_once(
                storage, provider, station_signatures=keeps_station_signatures(settings)
            )
            print_json(done.to_json())
            return 0
        worker = RelayWorker(storage, settings, interval_s=args.interval).start()
        print("county-center: the SMS relay runs; Ctrl+C stops it.", file=sys.stderr)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            worker.stop()
        return 0
    finally:
        storage.close()
