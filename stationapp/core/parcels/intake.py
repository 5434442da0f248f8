"""Parcel intake (到件入库): a courier's parcels checked and put on the shelves.

``receive`` / ``receive_many`` check the waybill and its carrier, the recipient's phone (or the
label's tail alone: :func:`label_tail`), the shelf and layer, the consent and the name before
anything is written, then write each parcel's ``parcel.received`` with its arrival notice
(``parcels.notice``), marked for the recipient's registered household when there is one
(``parcels.households``). ``known_by_tail`` offers the customers a typed tail may mean
(:class:`KnownRecipient`), ``recipient_households`` the households a recipient may be;
``add_phone`` (补录手机号) gives a tail-only parcel its whole number.
Mixed into :class:`~stationapp.core.parcels.facade.Parcels`, which holds the connection, the
log, the session, the settings and the reading methods these use.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from stationapp.core import clock, ids, phone, pinyin, waybill
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.parcels.households import (
    RecipientHouseholds,
    customer_link,
    household_fields,
    recipient_households,
)
from stationapp.core.parcels.notice import plan_notice
from stationapp.core.parcels.settings import CONSENTS
from stationapp.core.parcels.store import Parcel, next_free_seq, pickup_code
from stationapp.core.text import checked_characters

_RECIPIENT_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the recipient's name"))

TAIL_OFFERS = 8  # known customers offered for a typed tail: digits 1-8 reach each one


@dataclass(frozen=True)
class KnownRecipient:
    """A customer whose number ends in the tail the label shows, as intake offers them."""

    customer_id: str
    name: str
    phone: str
    village_group: str
    last_parcel_at: str  # '' when none of their parcels is on record any more

    @property
    def masked_phone(self) -> str:
        return phone.mask_phone(self.phone)


def label_tail(text: str) -> str | None:
    """The phone's last four digits when that is all a waybill label shows: ``5678``, or the
    label's own ``138****5678`` / ``尾号5678``; None for anything else (a whole number, say)."""
    cleaned = "".join(unicodedata.normalize("NFKC", text or "").split())
    cleaned = cleaned.removeprefix("尾号")
    head, _, tail = cleaned.rpartition("*")
    masked_head = not head or set(head.lstrip("+0123456789")) <= {"*"}
    if len(tail) == 4 and tail.isascii() and tail.isdigit() and masked_head:
        return tail
    return None


class ParcelIntake:
    """Intake, as ``st.parcels`` does it: see :class:`~stationapp.core.parcels.facade.Parcels`."""

    def known_by_tail(self, tail: str) -> list[KnownRecipient]:
        """The customers whose phone ends in ``tail`` (what a GB/T 41833 label shows), the one
        with the latest parcel first: the repeat recipient is one key away."""
        rows = self._conn.execute(
            "SELECT c.id, c.name, c.phone, c.village_group,"
            " (SELECT max(received_at) FROM parcels p WHERE p.recipient_phone = c.phone) AS last"
            " FROM customers c WHERE substr(c.phone, -4) = ? AND c.phone != ''"
            " ORDER BY c.created_at",
            (tail,),
        ).fetchall()
        first_of_phone: dict[str, KnownRecipient] = {}
        for row in rows:  # one customer per phone: the first one known, as at intake
            first_of_phone.setdefault(row[2], KnownRecipient(*row[:4], row[4] or ""))
        offers = sorted(first_of_phone.values(), key=lambda k: k.last_parcel_at, reverse=True)
        return offers[:TAIL_OFFERS]

    def recipient_households(
        self, recipient_phone: str, recipient_name: str = ""
    ) -> RecipientHouseholds:
        """The registered household the phone's customer is linked to (intake marks the parcel
        without asking), else those the recipient may be: the registry's phone tail is the
        phone's (or the label's) last four digits, or the head or a person met has the name."""
        tail = label_tail(recipient_phone)
        mobile = ""
        if tail is None and phone.is_mobile(recipient_phone):
            mobile = phone.normalize_mobile(recipient_phone, confirmed=True)
            tail = mobile[-4:]
        return recipient_households(
            self._conn,
            self._county.households,
            mobile=mobile,
            tail=tail or "",
            name=recipient_name,
        )

    def receive(
        self,
        *,
        waybill: str,
        recipient_phone: str,
        recipient_name: str = "",
        carrier: str | None = None,
        shelf: str | None = None,
        layer: int | None = None,
        consent: str | None = None,
        confirm_redelivery: bool = False,
        confirm_phone: bool = False,
        household_id: str | None = None,
    ) -> Parcel:
        """到件入库: validate everything, then the parcel, its customer and its SMS notice in one
        event (the notice rides on ``parcel.received``: see ``parcels.notice``). Returns the parcel
        with its pickup code.

        ``household_id``: None marks the parcel for the household the customer is linked to, if
        any; a 户编号 (the operator accepted the offer) marks it and links the customer; ``""``
        leaves it unmarked and clears a wrong link."""
        return self.receive_many(
            [
                {
                    "waybill": waybill,
                    "recipient_phone": recipient_phone,
                    "recipient_name": recipient_name,
                    "carrier": carrier,
                    "shelf": shelf,
                    "layer": layer,
                    "consent": consent,
                    "confirm_redelivery": confirm_redelivery,
                    "confirm_phone": confirm_phone,
                    "household_id": household_id,
                }
            ]
        )[0]

    def receive_many(self, items: list[dict[str, Any]]) -> list[Parcel]:
        """Several intakes in one transaction, all or nothing (a courier's delivery list, an
        import): each item takes the keyword arguments of :meth:`receive`."""
        operator = self._session.require_operator()
        parcel_ids = []
        with self._log.batch() as batch:
            for item in items:
                parcel_id = ids.uuid7()
                payload = self._intake_payload(**item)
                payload["seq"] = next_free_seq(batch.conn, payload["shelf"], payload["layer"])
                at = clock.now()
                code = pickup_code(payload["shelf"], payload["layer"], payload["seq"])
                texted = self._texted_by_a_line(batch, parcel_id, payload, code, operator.id)
                if texted:  # a line's own parcel (an order's): its rows name the household
                    payload.pop("household_id", None)
                notice = (
                    not texted
                    and payload["phone"]
                    and plan_notice(
                        batch.conn,
                        payload,
                        code=code,
                        at=at,
                        pickup_days=self._settings.get("sms.pickup_days"),
                    )
                )
                if notice:
                    payload["notice"] = notice
                batch.append(
                    "parcel.received",
                    entity_id=parcel_id,
                    payload=payload,
                    operator=operator.id,
                    occurred_at=clock.format_iso(at),
                )
                parcel_ids.append(parcel_id)
        return [self.get(parcel_id) for parcel_id in parcel_ids]

    def _texted_by_a_line(
        self, batch: Any, parcel_id: str, payload: dict[str, Any], code: str, operator: str
    ) -> bool:
        """Each line's word on the parcel (an order whose waybill it is): a line that texts the
        villager itself says so, and the parcel then carries no arrival notice of its own."""
        parcel = {
            "id": parcel_id,
            "waybill": payload["waybill"],
            "carrier": payload["carrier"],
            "phone": payload["phone"],
            "customer_id": payload.get("customer_id", ""),
            "code": code,
            "operator": operator,
        }
        texted = False
        for arrival in self._arrivals:
            texted = arrival(batch, parcel) or texted
        return texted

    def _intake_payload(
        self,
        *,
        waybill: str,
        recipient_phone: str,
        recipient_name: str = "",
        carrier: str | None = None,
        shelf: str | None = None,
        layer: int | None = None,
        consent: str | None = None,
        confirm_redelivery: bool = False,
        confirm_phone: bool = False,
        household_id: str | None = None,
    ) -> dict[str, Any]:
        """Everything checked before anything is written; the event's payload but its seq."""
        number, carrier_code, confirmed = self._checked_waybill(waybill, carrier)
        tail = label_tail(recipient_phone)
        mobile = "" if tail else self._checked_recipient_phone(recipient_phone, confirm_phone)
        shelf_name, layer_no = self._checked_slot(shelf, layer)
        consent = consent or self._settings.get("parcels.default_consent")
        if consent not in CONSENTS:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "Choose how the recipient agreed: {options}."),
                options=", ".join(CONSENTS),
            )
        self._check_not_waiting(number, confirm_redelivery)
        name = checked_characters(recipient_name, what=_RECIPIENT_NAME)
        if len(name) > 20:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "A name has at most 20 characters; shorten it.")
            )
        payload: dict[str, Any] = {
            "waybill": number,
            "carrier": carrier_code,
            "phone": mobile,
            "consent": consent,
            "shelf": shelf_name,
            "layer": layer_no,
        }
        if confirmed:
            payload["carrier_confirmed"] = True
        if tail:  # the label showed only the tail: the parcel waits under tail and name, untexted
            if not name:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The label shows only the phone's last four digits: type the name it "
                        "prints too (张* is fine). No text can be sent until the number is known.",
                    )
                )
            payload["tail"] = tail
            payload["name"] = name
            # no customer to remember it on: only this parcel is marked
            return payload | household_fields(
                self._county.households, linked=None, chosen=household_id
            )
        customer = self.customer_by_phone(mobile)
        if customer is None:
            if not name:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "This phone is new to the station: type the recipient's name as the "
                        "waybill prints it (张* is fine).",
                    )
                )
            payload["customer_id"] = ids.uuid7()
            payload["new_customer"] = {"search_key": pinyin.search_key(name)}
            linked = ""
        else:
            payload["customer_id"] = customer["id"]
            known = customer["name"]
            if name and name != known and "*" not in name:
                payload["customer_name"] = {"name": name, "search_key": pinyin.search_key(name)}
            name = name or known
            linked = customer_link(self._conn, mobile)
        payload["name"] = name
        return payload | household_fields(
            self._county.households, linked=linked, chosen=household_id
        )

    def _checked_recipient_phone(self, text: str, confirmed: bool) -> str:
        """A new number the numbering plan does not list is a warning the operator confirms
        (``confirm_phone``); a customer's number the station already knows is not asked again."""
        try:
            return phone.normalize_mobile(text, confirmed=confirmed)
        except phone.UnlistedNumber as warning:
            if self.customer_by_phone(warning.number) is None:
                raise
            return warning.number

    def _checked_waybill(self, text: str, carrier: str | None) -> tuple[str, str, bool]:
        number = waybill.normalize_waybill(text)
        if carrier:
            carrier = carrier.strip().upper()
            if carrier not in waybill.CARRIERS:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "UserError", "Unknown carrier '{carrier}'. Choose one from the list."
                    ),
                    carrier=carrier,
                )
            return number, carrier, True
        candidates = self.carrier_candidates(number)
        if not candidates:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The carrier of waybill {waybill} cannot be told from its number. Choose the "
                    "carrier.",
                ),
                waybill=number,
            )
        return number, candidates[0].carrier, False

    def _checked_slot(self, shelf: str | None, layer: int | None) -> tuple[str, int]:
        if shelf is None or layer is None:
            last_shelf, last_layer = self.last_shelf()
            if shelf is None and layer is None:
                return last_shelf, last_layer
            shelf = shelf if shelf is not None else last_shelf
            layer = layer if layer is not None else last_layer
        name = shelf.strip().upper()
        shelves = {s.name: s for s in self.shelves()}
        if name not in shelves:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "There is no shelf {shelf}. The shelves are {shelves}; add shelves in "
                    "Settings.",
                ),
                shelf=name,
                shelves=", ".join(shelves),
            )
        try:
            layer_no = int(layer)
        except (TypeError, ValueError):
            layer_no = 0
        if not 1 <= layer_no <= shelves[name].layers:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Shelf {shelf} has layers 1 to {layers}; choose one of them."
                ),
                shelf=name,
                layers=shelves[name].layers,
            )
        return name, layer_no

    def _check_not_waiting(self, number: str, confirm_redelivery: bool) -> None:
        earlier = self._select("waybill = ?", (number,), limit=5)
        for parcel in earlier:
            if parcel.status == "waiting":
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Waybill {waybill} is already on the shelf at {code} (since {since}). "
                        "Do not take it in twice.",
                    ),
                    waybill=number,
                    code=parcel.pickup_code,
                    since=clock.minute_text(parcel.received_at),
                )
        if earlier and not confirm_redelivery:
            last = earlier[0]
            when = clock.minute_text(last.picked_up_at or last.returned_at)
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Waybill {waybill} was taken in before and left the station on {when}. If "
                    "the courier delivered it again, confirm the re-delivery.",
                ),
                waybill=number,
                when=when,
            )

    def add_phone(self, parcel_id: str, recipient_phone: str) -> Event:
        """补录手机号: the whole number of a parcel taken in with the tail alone (the villager came
        or called). It must end in the tail the label showed; the customer is the one known by
        that number, or a new one under the parcel's name. No text is queued: the villager is
        the one who just told the number."""
        operator = self._session.require_operator()
        parcel = self.get(parcel_id)
        if parcel.number_known:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Parcel {code} already has its recipient's number ({phone})."
                ),
                code=parcel.pickup_code,
                phone=parcel.masked_phone,
            )
        mobile = phone.normalize_mobile(recipient_phone)
        if mobile[-4:] != parcel.phone_tail:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{phone} does not end in {tail}, the tail on parcel {code}'s label. Check "
                    "the number with the villager.",
                ),
                phone=phone.mask_phone(mobile),
                tail=parcel.phone_tail,
                code=parcel.pickup_code,
            )
        customer = self.customer_by_phone(mobile)
        payload: dict[str, Any] = {"phone": mobile}
        if customer is None:
            payload["customer_id"] = ids.uuid7()
            payload["new_customer"] = {
                "name": parcel.recipient_name,
                "search_key": pinyin.search_key(parcel.recipient_name),
            }
        else:
            payload["customer_id"] = customer["id"]
        with self._log.batch() as batch:
            return batch.append(
                "parcel.phone_added", entity_id=parcel.id, payload=payload, operator=operator.id
            )
