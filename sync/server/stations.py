"""Stations: creation, enrolment codes, tokens (32 random bytes, only their keyed hash stored)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock, ids
from stationapp.core.event_store import GENESIS_HASH
from sync import protocol
from sync.server.errors import SyncError
from sync.server.storage import Storage
from sync.server.tables import stations

# no 0/O, 1/I/L: a code is read off paper and typed by hand
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
MAX_PLACE_NAME = 200  # the width of the stations table's name, township and village columns


class StationRefused(ValueError):
    """A station the county does not create as asked; the text says what to do. ``reason``
    (``no_name``, ``too_long``, ``control``) and ``what`` (name, township, village) let the
    admin pages say it in Chinese."""

    def __init__(self, message: str, *, reason: str, what: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.what = what


@dataclass(frozen=True)
class StationRecord:
    id: str
    name: str
    township: str
    village: str
    head_seq: int
    head_hash: str

    @classmethod
    def from_row(cls, row: Any) -> StationRecord:
        return cls(row.id, row.name, row.township, row.village, row.head_seq, row.head_hash)


def keyed_hash(secret: str, value: str) -> str:
    return hmac.new(secret.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()


def new_code() -> str:
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalize_code(code: str) -> str:
    """What the operator typed, without spaces, dashes or case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def station_names(name: str, township: str, village: str) -> tuple[str, str, str]:
    """The station's name, township and village with their spaces tidied;
    :class:`StationRefused` for one that is empty, too long, or has control characters."""
    cleaned = []
    for what, value in (("name", name), ("township", township), ("village", village)):
        tidy = " ".join(value.split())
        if not tidy:
            raise StationRefused(
                f"The station's {what} is empty. Give it.", reason="empty", what=what
            )
        if len(tidy) > MAX_PLACE_NAME:
            raise StationRefused(
                f"The station's {what} is longer than {MAX_PLACE_NAME} characters. Shorten it.",
                reason="too_long",
                what=what,
            )
        if not tidy.isprintable():
            raise StationRefused(
                f"The station's {what} has control characters. Type it again.",
                reason="control",
                what=what,
            )
        cleaned.append(tidy)
    return cleaned[0], cleaned[1], cleaned[2]


def create_station(
    storage: Storage,
    secret: str,
    *,
    name: str,
    township: str,
    village: str,
    in_transaction: Callable[[sa.Connection, str], None] | None = None,
) -> tuple[str, str]:
    """A new station and its one-time enrolment code: (station_id, enrollment_code).
    :class:`StationRefused` for an empty or overlong name, township or village, with nothing
    written. ``in_transaction(conn, station_id)`` runs in the insert's transaction (the admin
    pages' audit line)."""
    name, township, village = station_names(name, township, village)
    station_id = ids.uuid7()
    code = new_code()
    with storage.engine.begin() as conn:
        conn.execute(
            stations.insert().values(
                id=station_id,
                name=name,
                township=township,
                village=village,
                code_hash=keyed_hash(secret, normalize_code(code)),
                code_used=False,
                token_hash=None,
                device_name="",
                app_version="",
                head_seq=0,
                head_hash=GENESIS_HASH,
                created_at=clock.now_iso(),
            )
        )
        # the township's stations learn of the new one through the feed (setting `stations`)
        from sync.server.reference.places import publish_station_lists

        publish_station_lists(conn)
        if in_transaction is not None:
            in_transaction(conn, station_id)
    return station_id, code


def reissue_code(
    storage: Storage,
    secret: str,
    station_id: str,
    *,
    in_transaction: Callable[[sa.Connection], None] | None = None,
) -> str:
    """A new code for a station whose PC was lost; its current token and any earlier code stop
    working at once. ``in_transaction`` runs in the update's transaction."""
    code = new_code()
    with storage.engine.begin() as conn:
        result = conn.execute(
            stations.update()
            .where(stations.c.id == station_id)
            .values(
                code_hash=keyed_hash(secret, normalize_code(code)),
                code_used=False,
                token_hash=None,
            )
        )
        if result.rowcount != 1:
            raise LookupError(station_id)
        if in_transaction is not None:
            in_transaction(conn)
    return code


def enroll(
    storage: Storage, secret: str, *, code: str, device_name: str, app_version: str
) -> tuple[StationRecord, str]:
    """Trade a code for a token, once: (station, token)."""
    code_hash = keyed_hash(secret, normalize_code(code))
    token = secrets.token_urlsafe(32)
    with storage.engine.begin() as conn:
        row = conn.execute(
            sa.select(stations).where(stations.c.code_hash == code_hash).with_for_update()
        ).first()
        if row is None:
            raise SyncError(
                protocol.UNKNOWN_CODE,
                "No station has this enrolment code. Check the code on the county's letter.",
            )
        if row.code_used:
            raise SyncError(
                protocol.CODE_USED,
                "This enrolment code was already used. Ask the county center for a new code.",
            )
        conn.execute(
            stations.update()
            .where(stations.c.id == row.id)
            .values(
                code_used=True,
                token_hash=keyed_hash(secret, token),
                device_name=device_name,
                app_version=app_version,
                enrolled_at=clock.now_iso(),
            )
        )
    return StationRecord.from_row(row), token


def station_for_token(storage: Storage, secret: str, token: str) -> StationRecord | None:
    if not token:
        return None
    with storage.engine.connect() as conn:
        row = conn.execute(
            sa.select(stations).where(stations.c.token_hash == keyed_hash(secret, token))
        ).first()
    return StationRecord.from_row(row) if row else None
