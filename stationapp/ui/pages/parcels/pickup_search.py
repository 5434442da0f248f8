"""What the pickup search finds, on the database thread: what was asked for, then every other
waiting parcel of the same people; and the check of the recipient the search itself implies (a
pickup code, a phone or its last 4 digits, else the ID card)."""

from __future__ import annotations

from dataclasses import dataclass

from stationapp.core import Station, phone
from stationapp.core.parcels.facade import Parcel


@dataclass(frozen=True)
class Found:
    query: str
    parcels: list[Parcel]
    people: int  # how many recipients (phones) the parcels belong to


def search_parcels(station: Station, text: str, waiting_only: bool) -> Found:
    """What was asked for, then every other waiting parcel of the same people: a villager who
    shows one code takes all that is theirs."""
    found = station.parcels.find(text, waiting_only=waiting_only)
    phones = list(dict.fromkeys(p.recipient_phone for p in found if p.number_known))
    parcels = {p.id: p for p in found}
    for number in phones:
        for parcel in station.parcels.waiting_for(number):
            parcels.setdefault(parcel.id, parcel)
    # a parcel known by its label's tail alone: its tail and name are all that tell its person
    unknown = {(p.phone_tail, p.recipient_name) for p in found if not p.number_known}
    return Found(query=text, parcels=list(parcels.values()), people=len(phones) + len(unknown))


def verification_for(query: str) -> str:
    """The check the search itself implies: a pickup code, a phone (tail), else the ID card."""
    text = query.strip()
    if text.count("-") == 2:
        return "code"
    if (text.isdigit() and len(text) == 4) or phone.is_mobile(text):
        return "phone"
    return "id"
