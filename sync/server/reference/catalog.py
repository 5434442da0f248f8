"""The county's catalog (商品目录): products with unit and reference price, the certified ones
linked to a registered household, written, deleted and listed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from sync.server.reference.household_registry import household_numbers
from sync.server.reference.kinds import Counts, Kind, as_dict, delete_item, list_items, upsert_items
from sync.server.storage import Storage
from sync.server.tables import catalog_items


@dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    category: str
    unit: str
    price_fen: int
    certified: bool
    household_no: str = ""

    def feed_data(self) -> dict[str, Any]:
        return as_dict(self)


CATALOG = Kind(catalog_items, "code", "catalog", CatalogItem)


def upsert_catalog_items(storage: Storage, items: Sequence[CatalogItem]) -> Counts:
    for item in items:
        _check_catalog_item(item)
    linked = {item.household_no for item in items if item.household_no}
    missing = sorted(linked - household_numbers(storage, linked))
    if missing:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The catalog links households the registry does not hold ({numbers}); import "
                "the household registry first or correct the 户编号.",
            ),
            numbers=", ".join(missing[:5]),
        )
    with storage.engine.begin() as conn:
        return upsert_items(conn, CATALOG, items)


def _check_catalog_item(item: CatalogItem) -> None:
    if not item.code or not item.name or item.price_fen < 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The catalog item {code} needs a code, a name and a price of 0 or more.",
            ),
            code=item.code or "?",
        )


def delete_catalog_item(storage: Storage, code: str) -> bool:
    with storage.engine.begin() as conn:
        return delete_item(conn, CATALOG, code)


def list_catalog(storage: Storage) -> list[CatalogItem]:
    return list_items(storage, CATALOG)
