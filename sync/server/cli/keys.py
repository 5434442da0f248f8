"""``county-center`` commands for the key that real-name sending seals ID numbers to (DESIGN §11).

county-center create-id-key --private-key FILE [--replace]
    Makes a key pair. The private key is written to FILE (0600; refused when FILE exists or lies
    inside the county's data folder, whose backups and exports would carry it); the public key
    goes to every station as the setting ``privacy.id_public_key``. Prints
    ``{"public_key", "fingerprint", "private_key_file"}``. ``--replace`` makes a new pair when
    one was given already: records sealed before stay sealed to the old key, so keep its file.

county-center open-id --station ID --event ID --private-key FILE
    The whole ID number of one ``parcel.sent`` record, for the authorities. Prints
    ``{"station_id", "event_id", "sender_name", "id_type", "id_number"}``; exit 1 with the reason
    when the record does not exist, holds no sealed number (sent before the station had the
    key) or was sealed to another key.

The private key is read from its file only; it never enters the database, a log or an export.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from sync.server.cli import print_json
from sync.server.settings import Settings

CREATE = "create-id-key"
OPEN = "open-id"
COMMANDS = (CREATE, OPEN)

log = logging.getLogger("county_center.id_key")


class KeyRefused(Exception):
    pass


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Declare this module's subcommands."""
    create = commands.add_parser(
        CREATE,
        help="make the key pair that stations seal senders' ID numbers to; the private key "
        "goes to a file outside the data folder, the public key to every station",
    )
    create.add_argument(
        "--private-key",
        required=True,
        help="the new file for the private key (kept offline or on the admin's PC; not inside "
        "the data folder)",
    )
    create.add_argument(
        "--replace",
        action="store_true",
        help="make a new pair although stations have one (keep the old private key's file: "
        "records sealed to it need it)",
    )
    opener = commands.add_parser(
        OPEN, help="show the whole ID number of one real-name sending record, for the authorities"
    )
    opener.add_argument("--station", required=True, help="the station's id")
    opener.add_argument("--event", required=True, help="the parcel.sent record's event id")
    opener.add_argument("--private-key", required=True, help="the private key's file")


def run(args: argparse.Namespace, settings: Settings) -> int | None:
    """Carry out ``args.command`` if it is one of this module's; None otherwise."""
    if args.command not in COMMANDS:
        return None
    from sync.server.storage import Storage

    storage = Storage.open(settings)
    try:
        if args.command == CREATE:
            answer = create_key(storage, settings, Path(args.private_key), replace=args.replace)
        else:
            answer = open_record(storage, args.station, args.event, Path(args.private_key))
    except (KeyRefused, ValueError) as refusal:
        print(f"county-center: {refusal}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"county-center: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 1
    finally:
        storage.close()
    print_json(answer)
    return 0


def create_key(storage, settings: Settings, path: Path, *, replace: bool) -> dict[str, str]:
    from stationapp.core import idcard
    from sync.server.reference import id_keys

    path = path.expanduser().absolute()
    data_dir = Path(settings.data_dir).expanduser().resolve()
    if path.parent.resolve() == data_dir or data_dir in path.parent.resolve().parents:
        raise KeyRefused(
            f"{path} is inside the data folder {data_dir}, whose backups would carry the private "
            "key; choose a file elsewhere (the admin's PC, a USB stick kept locked away)."
        )
    if path.exists():
        raise KeyRefused(f"{path} exists; choose a new file (an older key must be kept).")
    given = id_keys.id_public_key(storage)
    if given and not replace:
        raise KeyRefused(
            "the stations have a key already (fingerprint "
            f"{idcard.public_key_fingerprint(given)}); add --replace to make a new one, and keep "
            "the old private key's file for the records sealed to it."
        )
    private, public = idcard.new_key_pair()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(private + "\n")
    id_keys.publish_id_public_key(storage, public)
    fingerprint = idcard.public_key_fingerprint(public)
    log.info("a new key for sealing ID numbers, fingerprint %s", fingerprint)
    return {"public_key": public, "fingerprint": fingerprint, "private_key_file": str(path)}


def open_record(storage, station_id: str, event_id: str, key_file: Path) -> dict[str, str]:
    import sqlalchemy as sa

    from stationapp.core import idcard
    from sync.server.tables import events

    private = key_file.read_text(encoding="ascii").strip()
    with storage.engine.connect() as conn:
        row = conn.execute(
            sa.select(events.c.type, events.c.payload).where(
                events.c.station_id == station_id, events.c.id == event_id
            )
        ).first()
    if row is None or row.type != "parcel.sent":
        raise KeyRefused(f"the county holds no parcel.sent record {event_id} of {station_id}.")
    payload = json.loads(row.payload)
    sealed = payload.get("id_sealed")
    if not sealed:
        raise KeyRefused(
            "this record holds no sealed ID number: it was sent before the station had the "
            f"county's key; the station kept only its last four ({payload.get('id_tail', '')})."
        )
    held = idcard.public_key_fingerprint(idcard.public_key_of(private))
    sealed_to = payload.get("id_key", "")
    if sealed_to and sealed_to != held:
        raise KeyRefused(
            f"this record was sealed to the key {sealed_to}; {key_file} is the key {held}. "
            "Use the private key file of that key (an older one, if the key was replaced)."
        )
    number = idcard.open_sealed_id(sealed, private)
    log.info("the ID number of record %s of station %s was opened", event_id, station_id)
    return {
        "station_id": station_id,
        "event_id": event_id,
        "sender_name": payload.get("sender_name", ""),
        "id_type": payload.get("id_type", ""),
        "id_number": number,
    }
