"""The household registry as the county keeps it: the registered households (帮扶户名单), written
and listed, and sent to the stations of each township without the heads' full ID numbers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from stationapp.core import idcard
from stationapp.core.event_record import canonical_json
from sync.server import feed
from sync.server.reference.id_keys import withdraw_registry_salt
from sync.server.reference.kinds import (
    Counts,
    Kind,
    as_dict,
    delete_item,
    field_names,
    list_items,
    upsert_items,
)
from sync.server.storage import Storage
from sync.server.tables import households

HOUSEHOLD_TYPES = ("普通农户", "脱贫户")
MONITORING_TYPES = ("", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户")


@dataclass(frozen=True)
class Household:
    """A household as the county keeps it. ``id_masked`` and ``id_hash`` (the head's ID, first
    six and last four, and its HMAC keyed by the registry salt) stay at the county; stations get
    the last four characters and the short tag only (:meth:`feed_data`, DESIGN §11)."""

    household_no: str
    head_name: str
    id_masked: str
    id_hash: str
    members: int
    township: str
    village: str
    natural_village: str
    household_type: str
    monitoring_type: str
    risk_cleared: bool
    causes: tuple[str, ...]
    phone_masked: str
    id_tag: int | None = None  # 0..15, None for a household imported before tags

    def feed_data(self) -> dict[str, Any]:
        data = {**as_dict(self), "causes": list(self.causes)}
        del data["id_masked"], data["id_hash"]
        data["id_tail"] = id_tail_of(self.id_masked)
        if self.id_tag is None:
            del data["id_tag"]
        return data

    def to_row(self) -> dict[str, Any]:
        return {**as_dict(self), "causes": canonical_json(list(self.causes))}

    @classmethod
    def from_row(cls, row: Any) -> Household:
        values = {name: getattr(row, name) for name in field_names(cls)}
        return cls(**{**values, "causes": tuple(json.loads(row.causes))})


def id_tail_of(masked: str) -> str:
    """The last four characters of a masked ID (``530902********1234`` gives ``1234``)."""
    return idcard.tail_of_masked(masked)


HOUSEHOLDS = Kind(
    households, "household_no", "household", Household, lambda h: feed.township_scope(h.township)
)


def upsert_households(storage: Storage, items: Sequence[Household], *, salt: str = "") -> Counts:
    """Add or update households; an unchanged household writes nothing. ``salt`` is accepted
    for older callers; the items carry their hashes and tags already."""
    with storage.engine.begin() as conn:
        withdraw_registry_salt(conn)
        return upsert_items(conn, HOUSEHOLDS, items)


def delete_household(storage: Storage, household_no: str) -> bool:
    with storage.engine.begin() as conn:
        return delete_item(conn, HOUSEHOLDS, household_no)


def list_households(storage: Storage, *, township: str | None = None) -> list[Household]:
    where = [] if township is None else [households.c.township == township]
    return list_items(storage, HOUSEHOLDS, *where)


def household_numbers(storage: Storage, candidates: Iterable[str]) -> set[str]:
    """Which of ``candidates`` are households of the registry."""
    wanted = sorted(set(candidates))
    found: set[str] = set()
    with storage.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            found.update(
                conn.execute(
                    sa.select(households.c.household_no).where(
                        households.c.household_no.in_(wanted[start : start + 500])
                    )
                ).scalars()
            )
    return found
