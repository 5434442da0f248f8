"""The county's billers (缴费单位): the utilities and insurers stations take payments for, with
each one's limits and fee, written, deleted and listed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from sync.server.reference.kinds import Counts, Kind, as_dict, delete_item, list_items, upsert_items
from sync.server.storage import Storage
from sync.server.tables import billers

BILLER_KINDS = ("electricity", "water", "phone", "insurance", "other")


@dataclass(frozen=True)
class Biller:
    code: str
    name: str
    kind: str
    account_label: str
    min_fen: int
    max_fen: int
    fee_fen: int
    active: bool = True

    def feed_data(self) -> dict[str, Any]:
        return as_dict(self)


BILLERS = Kind(billers, "code", "biller", Biller)


def upsert_billers(storage: Storage, items: Sequence[Biller]) -> Counts:
    for item in items:
        _check_biller(item)
    with storage.engine.begin() as conn:
        return upsert_items(conn, BILLERS, items)


def _check_biller(item: Biller) -> None:
    if item.kind not in BILLER_KINDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The biller {code} has the kind {kind}; use one of {kinds}.",
            ),
            code=item.code,
            kind=item.kind,
            kinds=", ".join(BILLER_KINDS),
        )
    if not item.code or not item.name or not 0 <= item.min_fen <= item.max_fen or item.fee_fen < 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The biller {code} needs a code, a name, a lowest amount not above the highest "
                "and a fee of 0 or more.",
            ),
            code=item.code or "?",
        )


def delete_biller(storage: Storage, code: str) -> bool:
    with storage.engine.begin() as conn:
        return delete_item(conn, BILLERS, code)


def list_billers(storage: Storage) -> list[Biller]:
    return list_items(storage, BILLERS)
