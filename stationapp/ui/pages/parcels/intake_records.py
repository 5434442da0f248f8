"""What intake does on the database thread, and the records it passes there and back: the check
of a scanned waybill (its carrier guesses, the same waybill still on the shelf or gone before), the
parcel to record, and the desk's shelves and consent for the batch."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from stationapp.core import Station, phone, waybill
from stationapp.core.parcels.facade import Parcel, Shelf
from stationapp.core.parcels.intake import label_tail


@dataclass(frozen=True)
class WaybillCheck:
    number: str
    candidates: list[waybill.CarrierGuess]
    on_shelf: Parcel | None  # the same waybill still waiting: refused
    left_before: Parcel | None  # taken in before and gone: a re-delivery, to be confirmed


@dataclass(frozen=True)
class Entry:
    """A parcel as the intake desk typed it: the fields of ``st.parcels.receive``, once."""

    waybill: str
    carrier: str
    phone: str
    name: str
    shelf: str
    layer: int
    consent: str
    confirm_redelivery: bool
    confirm_phone: bool = False
    household_id: str | None = None  # None: as the customer is linked; '': link cleared

    def receive_arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``st.parcels.receive`` for this entry."""
        return {RECEIVE_KEYWORDS.get(f.name, f.name): getattr(self, f.name) for f in fields(self)}


# the fields of Entry that ``st.parcels.receive`` names otherwise
RECEIVE_KEYWORDS = {"phone": "recipient_phone", "name": "recipient_name"}


@dataclass(frozen=True)
class DeskSetup:
    shelves: list[Shelf]
    last_shelf: tuple[str, int]
    default_consent: str


# on the database thread -------------------------------------------------------------------------


def check_waybill(station: Station, text: str) -> WaybillCheck:
    number = waybill.normalize_waybill(text)
    earlier = [p for p in station.parcels.find(number, waiting_only=False) if p.waybill == number]
    on_shelf = next((p for p in earlier if p.status == "waiting"), None)
    return WaybillCheck(
        number=number,
        candidates=station.parcels.carrier_candidates(number),
        on_shelf=on_shelf,
        left_before=None if on_shelf else (earlier[0] if earlier else None),
    )


def record_entry(station: Station, entry: Entry) -> Parcel | None:
    """The parcel, or None when the phone is new and the name is still needed."""
    if (
        not entry.name
        and label_tail(entry.phone) is None
        and station.parcels.customer_by_phone(entry.phone) is None
    ):
        # a number the numbering plan does not list is asked about before the name
        phone.normalize_mobile(entry.phone, confirmed=entry.confirm_phone)
        return None
    return station.parcels.receive(**entry.receive_arguments())


def desk_setup(station: Station) -> DeskSetup:
    return DeskSetup(
        shelves=station.parcels.shelves(),
        last_shelf=station.parcels.last_shelf(),
        default_consent=station.settings.get("parcels.default_consent"),
    )
