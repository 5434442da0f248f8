"""Who the purchase and consignment forms offer as the operator types a villager: registered
households (by the head's name, pinyin initials, 户编号 or phone tail), then earlier sellers and
consignors (by name, initials or phone tail)."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Any

from stationapp.core import pinyin

RECENT = 500  # earlier sellers and consignors looked through, newest first
TAIL = 4  # digits of a phone tail; a longer number is a 户编号 (or its start)
ID_LENGTH = 18  # a resident ID number: the registry refuses a mistyped one, not offered here
LIMIT = 8


@dataclass(frozen=True)
class SellerHint:
    """One seller offered: ``phone`` is the whole mobile of an earlier seller, "" for a
    household (the registry keeps only ``phone_masked``); ``household_type`` e.g. 脱贫户."""

    name: str
    phone: str
    phone_masked: str
    household_id: str
    household_type: str
    monitoring_type: str


def find_sellers(conn: sqlite3.Connection, county: Any, text: str) -> list[SellerHint]:
    query = "".join(unicodedata.normalize("NFKC", text or "").split())
    if not query:
        return []
    found: dict[tuple[str, str], SellerHint] = {}
    by_registry = not query.isdigit() or TAIL < len(query) < ID_LENGTH
    households = list(county.households.find(query)) if by_registry else []
    if query.isdigit() and len(query) == TAIL:
        households += [
            county.households.get(row[0])
            for row in conn.execute(
                "SELECT household_no FROM county_households WHERE phone_masked = ? LIMIT ?",
                (f"尾号{query}", LIMIT),
            )
        ]
    for h in households:
        if h is not None:
            found[(h.head_name, h.household_no)] = SellerHint(
                h.head_name, "", h.phone_masked, h.household_no, h.household_type, h.monitoring_type
            )
    rows = conn.execute(
        "SELECT seller_name, seller_phone, household_id, bought_at FROM produce_purchases"
        " UNION ALL SELECT consignor_name, consignor_phone, household_id, consigned_at"
        " FROM produce_lots ORDER BY 4 DESC LIMIT ?",
        (RECENT,),
    ).fetchall()
    for name, phone_text, household, _at in rows:
        if len(found) >= LIMIT:
            break
        hit = phone_text.endswith(query) if query.isdigit() else pinyin.matches(query, name)
        if hit and (name, household) not in found:
            masked = f"尾号{phone_text[-4:]}" if phone_text else ""
            found[(name, household)] = SellerHint(name, phone_text, masked, household, "", "")
    return list(found.values())[:LIMIT]
