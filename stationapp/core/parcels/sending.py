"""Parcels out (寄件): real-name sending (实名收寄) and the handover to the courier (交件).

The sender's ID is checked (GB 11643 for resident ID cards). The station keeps only its tail
(the last four characters) to show; the whole number is sealed to the county's public key
(setting ``privacy.id_public_key``) in the ``parcel.sent`` event, so it reaches the county, where
the admin can open it for the authorities, while the station that wrote it cannot read it back
(DESIGN §11). A station whose county has sent no key yet keeps the tail alone.

Older ``parcel.sent`` events carry ``id_masked`` and ``id_hash`` (migration ``012_id_numbers``);
they are read through :func:`stationapp.core.idcard.tail_of_masked`.

The sending fee is ``fee_fen`` and ``payment`` as before, and, when money changed hands at the
counter, ``money`` (:class:`stationapp.core.money.Money`): what the day close counts. Older events
without ``money`` replay as they always did: the projection reads ``fee_fen`` and ``payment``.

A sender from one of the county's registered households (脱贫户, 监测对象) is offered as intake
offers a recipient (``parcels.households``): the household the phone's customer is linked to, else
the candidates by phone tail and name. The 户编号 the operator accepts rides on ``parcel.sent`` as
``household_id``, with the sender as ``customer_name`` (who came for the household), so the
household log keeps a row (代寄快递). Sending changes no customer's link; older events without it
replay unmarked.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from stationapp.core import clock, idcard, ids, phone, privacy, waybill
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Event, Replay
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.line import LineContext
from stationapp.core.money import METHODS, Money, foreign_digits
from stationapp.core.parcels.households import (
    RecipientHouseholds,
    household_fields,
    recipient_households,
)
from stationapp.core.projections import Projector
from stationapp.core.text import checked_characters

log = logging.getLogger(__name__)


# 居民身份证, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 护照, 外国人永久居留身份证, 其他
ID_TYPES = ("resident_id", "hk_macao_permit", "taiwan_permit", "passport", "foreign_pr", "other")
PAYMENTS = (*METHODS, "monthly", "other")
"""How a sending fee is paid: a money method, or ``monthly`` (月结: the sender's account is billed
later, nothing changes hands at the counter) or ``other`` (a way the day close cannot count)."""
CATEGORIES = ("documents", "daily_goods", "clothing", "food", "produce", "electronics", "other")
MAX_WEIGHT_G = 70_000  # what one person hands over the counter; heavier goes as freight
MAX_FEE_FEN = 100_000

# the fields named in refusals
_SENDER_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the sender's name"))
_ITEM_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the item's name"))
_ITEM_COUNT = Term(QT_TRANSLATE_NOOP("UserError", "the item count"))
_RECIPIENT_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the recipient's name"))
_ADDRESS = Term(QT_TRANSLATE_NOOP("UserError", "the address"))
_WEIGHT = Term(QT_TRANSLATE_NOOP("UserError", "the weight in grams"))
_FEE = Term(QT_TRANSLATE_NOOP("UserError", "the fee in fen"))


@dataclass(frozen=True)
class SentParcel:
    id: str
    sender_name: str
    sender_phone: str
    id_type: str
    id_tail: str  # the last four characters: all the station keeps of the number
    item_name: str
    item_category: str
    item_count: int
    recipient_name: str
    recipient_phone: str
    recipient_address: str
    carrier: str
    weight_g: int
    fee_fen: int
    payment: str
    waybill: str
    status: str
    sent_at: str
    sent_by: str
    handover_id: str

    @property
    def carrier_name(self) -> str:
        return waybill.CARRIERS.get(self.carrier, self.carrier)

    @property
    def id_masked(self) -> str:
        """The number as screens and receipts show it: ``**************123X``."""
        if not self.id_tail:
            return ""
        return "*" * max(0, idcard.LENGTH - len(self.id_tail)) + self.id_tail


@dataclass(frozen=True)
class HandoverBatch:
    id: str
    carrier: str
    handed_at: str
    operator: str
    parcels: list[SentParcel]


SENT_COLUMNS = ", ".join(f.name for f in fields(SentParcel))


def _sent(replay: Replay, event: Event) -> None:
    p = event.payload
    tail = p["id_tail"] if "id_tail" in p else idcard.tail_of_masked(p.get("id_masked", ""))
    replay.conn.execute(
        f"INSERT INTO sent_parcels ({SENT_COLUMNS}) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?, '')",
        (
            event.entity_id,
            p["sender_name"],
            p["sender_phone"],
            p["id_type"],
            tail,
            p["item_name"],
            p["item_category"],
            p["item_count"],
            p["recipient_name"],
            p["recipient_phone"],
            p["recipient_address"],
            p["carrier"],
            p["weight_g"],
            p["fee_fen"],
            p["payment"],
            p.get("waybill", ""),
            event.occurred_at,
            event.operator,
        ),
    )


def _labelled(replay: Replay, event: Event) -> None:
    replay.conn.execute(
        "UPDATE sent_parcels SET waybill = ? WHERE id = ?",
        (event.payload["waybill"], event.entity_id),
    )


def _handed_over(replay: Replay, event: Event) -> None:
    p = event.payload
    replay.conn.execute(
        "INSERT INTO handovers (id, carrier, handed_at, operator, count) VALUES (?, ?, ?, ?, ?)",
        (event.entity_id, p["carrier"], event.occurred_at, event.operator, len(p["parcel_ids"])),
    )
    replay.conn.executemany(
        "UPDATE sent_parcels SET status = 'handed_over', handover_id = ? WHERE id = ?",
        [(event.entity_id, parcel_id) for parcel_id in p["parcel_ids"]],
    )


def _text(value: str, *, limit: int, what: Term) -> str:
    text = checked_characters(value, what=what)
    if not text:
        raise ValidationError(QT_TRANSLATE_NOOP("UserError", "Fill in {what}."), what=what)
    if len(text) > limit:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "{what} has at most {limit} characters."),
            what=what,
            limit=limit,
        )
    return text


def _choice(value: str, options: tuple[str, ...]) -> str:
    if value not in options:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Choose one of: {options}."),
            options=", ".join(options),
        )
    return value


def _checked_id(id_type: str, number: str, public_key: str | None) -> dict[str, str]:
    """The payload's ID members: the tail, and the whole number sealed to the county's key when
    the station has one; the whole number goes no further than this function."""
    _choice(id_type, ID_TYPES)
    if id_type == "resident_id":
        number = idcard.validate_resident_id(number)
    else:
        number = re.sub(r"\s", "", number or "").upper()
        if not re.fullmatch(r"[A-Z0-9]{5,20}", number):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The document number should be 5 to 20 letters or digits; read it again "
                    "from the document.",
                )
            )
    members = {"id_tail": idcard.id_tail(number)}
    if public_key:
        try:
            members["id_sealed"] = idcard.seal_id(number, public_key)
            members["id_key"] = idcard.public_key_fingerprint(public_key)
        except ValueError:
            log.warning("the county's key for sealing ID numbers is not a key; tail kept only")
    return members


class Sending:
    """``st.sending``: real-name sending and handover batches."""

    def __init__(self, ctx: LineContext) -> None:
        self._conn: sqlite3.Connection = ctx.conn
        self._log = ctx.log
        self._session = ctx.session
        self._settings = ctx.settings
        self._county = ctx.shared["county"]

    def sealing_key(self) -> str | None:
        """The county's public key that real-name sending seals ID numbers to, once sent."""
        key = self._county.setting(privacy.SEAL_KEY_SETTING)
        return key if isinstance(key, str) and key else None

    def sender_households(self, sender_phone: str, sender_name: str = "") -> RecipientHouseholds:
        """The registered household the sender's phone is linked to (shown marked, as intake
        linked it), else those the sender may be: the registry's phone tail is the mobile's last
        four digits, or the head or a person the household log has met has the name."""
        text = (sender_phone or "").strip()
        mobile = phone.normalize_mobile(text, confirmed=True) if phone.is_mobile(text) else ""
        return recipient_households(
            self._conn, self._county.households, mobile=mobile, tail=mobile[-4:], name=sender_name
        )

    def send(
        self,
        *,
        sender_name: str,
        sender_phone: str,
        id_type: str,
        id_number: str,
        item_name: str,
        item_category: str,
        item_count: int,
        recipient_name: str,
        recipient_phone: str,
        recipient_address: str,
        carrier: str,
        weight_g: int,
        fee_fen: int,
        payment: str,
        waybill: str = "",
        confirm_phone: bool = False,
        household_id: str | None = None,
    ) -> SentParcel:
        """寄件: the sender's mobile is recorded for real-name sending; one the numbering plan
        does not list is a warning (``phone.UnlistedNumber``) until ``confirm_phone``.

        ``household_id``: the 户编号 of the sender's registered household (the operator accepted
        the offer, or it was the linked one shown marked), checked against the registry and
        refused when it holds no such number; None or ``""`` leaves the parcel unmarked."""
        operator = self._session.require_operator()
        household = household_fields(self._county.households, linked=None, chosen=household_id)
        id_members = _checked_id(id_type, id_number, self.sealing_key())
        payload: dict[str, Any] = {
            "sender_name": _text(sender_name, limit=20, what=_SENDER_NAME),
            "sender_phone": phone.normalize_mobile(sender_phone, confirmed=confirm_phone),
            "id_type": id_type,
            **id_members,
            "item_name": _text(item_name, limit=30, what=_ITEM_NAME),
            "item_category": _choice(item_category, CATEGORIES),
            "item_count": _whole(item_count, 1, 999, _ITEM_COUNT),
            "recipient_name": _text(recipient_name, limit=20, what=_RECIPIENT_NAME),
            "recipient_phone": _recipient_phone(recipient_phone),
            "recipient_address": _text(recipient_address, limit=120, what=_ADDRESS),
            "carrier": _carrier(carrier),
            "weight_g": _whole(weight_g, 1, MAX_WEIGHT_G, _WEIGHT),
            "fee_fen": _whole(fee_fen, 0, MAX_FEE_FEN, _FEE),
            "payment": _choice(payment, PAYMENTS),
        }
        money = _fee_money(payload["fee_fen"], payment)
        if money is not None:
            payload["money"] = money.to_payload()
        if waybill:
            payload["waybill"] = _waybill(waybill)
        if household:
            payload |= household | {"customer_name": payload["sender_name"]}
        sent_id = ids.uuid7()
        self._log.append("parcel.sent", entity_id=sent_id, payload=payload, operator=operator.id)
        return self.get(sent_id)

    def attach_waybill(self, sent_id: str, number: str) -> Event:
        operator = self._session.require_operator()
        parcel = self.get(sent_id)
        if parcel.status != "sent":
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "This parcel was already handed to the courier; its label is fixed.",
                )
            )
        return self._log.append(
            "parcel.labelled",
            entity_id=sent_id,
            payload={"waybill": _waybill(number)},
            operator=operator.id,
        )

    def get(self, sent_id: str) -> SentParcel:
        row = self._conn.execute(
            f"SELECT {SENT_COLUMNS} FROM sent_parcels WHERE id = ?", (sent_id,)
        ).fetchone()
        if row is None:
            raise StateError(QT_TRANSLATE_NOOP("UserError", "No such sent parcel."))
        return SentParcel(*row)

    def on_day(self, day: date | None = None, *, carrier: str | None = None) -> list[SentParcel]:
        start, end = (
            clock.format_iso(t) for t in clock.business_day_bounds(day or clock.business_day())
        )
        sql = f"SELECT {SENT_COLUMNS} FROM sent_parcels WHERE sent_at >= ? AND sent_at < ?"
        args: list[Any] = [start, end]
        if carrier:
            sql += " AND carrier = ?"
            args.append(carrier)
        return [SentParcel(*r) for r in self._conn.execute(sql + " ORDER BY sent_at", args)]

    def waiting_for_handover(self, carrier: str | None = None) -> list[SentParcel]:
        sql = f"SELECT {SENT_COLUMNS} FROM sent_parcels WHERE status = 'sent'"
        args: list[Any] = []
        if carrier:
            sql += " AND carrier = ?"
            args.append(carrier)
        return [SentParcel(*r) for r in self._conn.execute(sql + " ORDER BY sent_at", args)]

    def hand_over(self, carrier: str) -> HandoverBatch:
        """交件: every sent parcel of this carrier not yet handed over becomes one batch, printed
        as a manifest for the courier's signature."""
        operator = self._session.require_operator()
        carrier = _carrier(carrier)
        parcels = self.waiting_for_handover(carrier)
        if not parcels:
            raise StateError(
                QT_TRANSLATE_NOOP("UserError", "No parcels are waiting for {carrier}'s courier."),
                carrier=waybill.CARRIERS[carrier],
            )
        unlabelled = [p for p in parcels if not p.waybill]
        if unlabelled:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{count} parcels for {carrier} have no waybill yet: scan their labels first.",
                ),
                count=len(unlabelled),
                carrier=waybill.CARRIERS[carrier],
            )
        batch_id = ids.uuid7()
        event = self._log.append(
            "parcel.handed_over",
            entity_id=batch_id,
            payload={"carrier": carrier, "parcel_ids": [p.id for p in parcels]},
            operator=operator.id,
        )
        return HandoverBatch(
            id=batch_id,
            carrier=carrier,
            handed_at=event.occurred_at,
            operator=operator.name,
            parcels=[self.get(p.id) for p in parcels],
        )

    def handover(self, batch_id: str) -> HandoverBatch:
        row = self._conn.execute(
            "SELECT h.id, h.carrier, h.handed_at, coalesce(o.name, h.operator) FROM handovers h"
            " LEFT JOIN operators o ON o.id = h.operator WHERE h.id = ?",
            (batch_id,),
        ).fetchone()
        if row is None:
            raise StateError(QT_TRANSLATE_NOOP("UserError", "No such handover batch."))
        parcels = [
            SentParcel(*r)
            for r in self._conn.execute(
                f"SELECT {SENT_COLUMNS} FROM sent_parcels WHERE handover_id = ? ORDER BY sent_at",
                (batch_id,),
            )
        ]
        return HandoverBatch(*row, parcels=parcels)

    def cutoff(self) -> str:
        """Parcels handed over before this time reach the county the same day (e.g. 14:00)."""
        return self._settings.get("parcels.cutoff")


def _whole(value: Any, low: int, high: int, what: Term) -> int:
    try:
        # int() reads every script's digits; only 0-9 (and full-width ０-９) are taken
        number = low - 1 if foreign_digits(str(value)) else int(str(value).strip())
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "{what} must be a whole number from {low} to {high}."),
            what=what,
            low=low,
            high=high,
        )
    return number


def _fee_money(fee_fen: int, payment: str) -> Money | None:
    """The fee as the entries the day close counts: none for a free parcel, a monthly account
    (paid to the courier later) or ``other`` (no method the close could count it under)."""
    if fee_fen == 0 or payment not in METHODS:
        return None
    return Money.of(payment, fee_fen)


def _recipient_phone(value: str) -> str:
    # a recipient far away may give a landline; the courier calls it
    text = (value or "").strip()
    if phone.is_mobile(text):
        return phone.normalize_mobile(text)
    return phone.normalize_contact_phone(text)


def _carrier(value: str) -> str:
    code = (value or "").strip().upper()
    if code not in waybill.CARRIERS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "Unknown carrier '{carrier}'. Choose one from the list."
            ),
            carrier=value,
        )
    return code


def _waybill(value: str) -> str:
    return waybill.normalize_waybill(value)


# what this module adds to its line's projections (the line's __init__ gathers them)
PROJECTORS: dict[str, Projector] = {
    "parcel.sent": Projector(_sent),
    "parcel.labelled": Projector(_labelled),
    "parcel.handed_over": Projector(_handed_over),
}
PROJECTED_TABLES: dict[str, str] = {
    "sent_parcels": "id",
    "handovers": "id",
}
