"""Which of the county's registered households (脱贫户, 监测对象) a parcel's recipient belongs to,
so that intake marks the parcel for the household log (代收快递) as the work is done.

A customer keeps the household the operator accepted (``customers.household_id``): the next
parcel for that phone is marked without asking. ``parcel.received`` carries the parcel's
``household_id`` (the household log's follower keeps its row) and, when the customer's link
changes, ``customer_household`` (the 户编号 accepted, or ``""``: cleared), which its projector
writes on the customer, so a replay gives the same row.

A recipient not linked yet is offered the households whose registry phone (kept masked,
``尾号5678``) ends in the same four digits and those whose head, or a person the household log
has met (its ``household_people``), has the recipient's name: each through an index.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from stationapp.core.county.households import Household
from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

OFFERS = 5  # households offered for one recipient, best first
_LOOKED_AT = 20  # rows read per way of matching


@dataclass(frozen=True)
class RecipientHouseholds:
    """What intake shows for a recipient: the household the customer is linked to (marked
    without asking), else the households it may be (offered, best first)."""

    linked: Household | None = None
    candidates: list[Household] = field(default_factory=list)


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def customer_link(conn: sqlite3.Connection, mobile: str) -> str:
    """The 户编号 the phone's customer is linked to ('' for none); the customer is the first
    one known by the phone, as at intake."""
    row = conn.execute(
        "SELECT household_id FROM customers WHERE phone = ? ORDER BY created_at LIMIT 1",
        (mobile,),
    ).fetchone()
    return row[0] if row else ""


def recipient_households(
    conn: sqlite3.Connection, registry: Any, *, mobile: str, tail: str, name: str
) -> RecipientHouseholds:
    """The linked household of ``mobile``'s customer, else the candidates by ``tail`` (the
    phone's last four digits) and by ``name`` (a label's ``张*`` only ranks the tail's)."""
    if mobile:
        linked = customer_link(conn, mobile)
        registered = registry.get(linked) if linked else None
        if registered is not None:
            return RecipientHouseholds(linked=registered)
    name = _clean(name)
    masked = "*" in name
    by_tail = _numbers(
        conn,
        "SELECT household_no FROM county_households WHERE substr(phone_masked, -4) = ?",
        tail if len(tail) == 4 else "",
    )
    by_name = set()
    if name and not masked:
        by_name = _numbers(
            conn, "SELECT household_no FROM county_households WHERE head_name = ?", name
        ) | _numbers(
            conn, "SELECT DISTINCT household_id FROM household_people WHERE name = ?", name
        )
    surname = name.split("*")[0] if masked else ""
    found = [h for h in map(registry.get, sorted(by_tail | by_name)) if h is not None]

    def rank(household: Household) -> tuple[int, int, str]:
        score = 2 * (household.household_no in by_tail) + 2 * (household.household_no in by_name)
        fits = bool(surname) and household.head_name.startswith(surname)
        return (-(score + fits), household.household_no not in by_tail, household.household_no)

    return RecipientHouseholds(candidates=sorted(found, key=rank)[:OFFERS])


def _numbers(conn: sqlite3.Connection, select: str, value: str) -> set[str]:
    if not value:
        return set()
    return {row[0] for row in conn.execute(f"{select} LIMIT ?", (value, _LOOKED_AT))}


def household_fields(registry: Any, *, linked: str | None, chosen: str | None) -> dict[str, str]:
    """The payload fields of ``parcel.received`` about the recipient's household.

    ``linked``: the customer's link (``""`` for none, a new customer's too; None when the
    parcel has no customer: the label showed only the tail). ``chosen``: None, as the customer
    is linked; a 户编号, the operator accepted it (it must be the registry's); ``""``, the
    operator said the recipient is not the linked household's (link cleared, parcel unmarked)."""
    if chosen is None:
        return {"household_id": linked} if linked and registry.get(linked) is not None else {}
    if not _clean(chosen):
        return {"customer_household": ""} if linked else {}
    registered = registry.get(chosen)
    if registered is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "No registered household has the number {household_no}. Find the household "
                "by its number, the head's name or a phone tail and choose it from the list.",
            ),
            household_no=_clean(chosen),
        )
    fields = {"household_id": registered.household_no}
    if linked is not None and linked != registered.household_no:
        fields["customer_household"] = registered.household_no
    return fields
