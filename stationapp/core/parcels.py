"""Parcels in (快递到站): intake onto the shelves, pickup, reminders, returns, shelf checks.

Each command validates first, then writes its events in one transaction; the ``parcels`` table
is the projection of ``parcel.*`` events. A parcel's arrival text rides on its
``parcel.received`` (``parcel_notice``); reminders queue texts of their own.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stationapp.core import clock, ids, phone, pinyin, waybill
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Event, EventLog
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.parcel_notice import cancel_passed_texts, plan_notice
from stationapp.core.parcel_store import (
    PARCEL_COLUMNS,
    Parcel,
    Shelf,
    next_free_seq,
    pickup_code,
    row_to_parcel,
)
from stationapp.core.parcel_views import ParcelDaySummary, ShelfCheck, ShelfQuery, day_summary
from stationapp.core.settings import CONSENTS, Settings
from stationapp.core.text import checked_characters

_RECIPIENT_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the recipient's name"))
_PROXY_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the collector's name"))

__all__ = [
    "KnownRecipient",
    "Parcel",
    "ParcelDaySummary",
    "Parcels",
    "Shelf",
    "ShelfCheck",
    "ShelfQuery",
    "label_tail",
]

VERIFICATIONS = ("code", "phone", "id")
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


class Parcels:
    """``st.parcels``."""

    def __init__(self, conn: sqlite3.Connection, log: EventLog, session, settings: Settings):
        self._conn = conn
        self._log = log
        self._session = session
        self._settings = settings

    # reading ------------------------------------------------------------------------------------

    def get(self, parcel_id: str) -> Parcel:
        row = self._conn.execute(
            f"SELECT {PARCEL_COLUMNS} FROM parcels WHERE id = ?", (parcel_id,)
        ).fetchone()
        if row is None:
            raise StateError(QT_TRANSLATE_NOOP("UserError", "No such parcel. Search for it again."))
        return row_to_parcel(row)

    def _select(self, where: str, args: tuple, *, limit: int = 200) -> list[Parcel]:
        rows = self._conn.execute(
            f"SELECT {PARCEL_COLUMNS} FROM parcels WHERE {where}"
            f" ORDER BY received_at DESC LIMIT {int(limit)}",
            args,
        ).fetchall()
        return [row_to_parcel(r) for r in rows]

    def find(self, query: str, *, waiting_only: bool = True) -> list[Parcel]:
        """Pickup code, last four digits of the phone, whole phone, waybill, or name / pinyin
        initials: every matching parcel (waiting ones only, unless asked)."""
        text = (query or "").strip()
        if not text:
            return []
        status = " AND status = 'waiting'" if waiting_only else ""
        upper = text.upper().replace(" ", "")
        if upper.count("-") == 2:
            return self._select(f"pickup_code = ?{status}", (upper,))
        digits = "".join(ch for ch in text if ch.isdigit())
        if text.isdigit() and len(text) == 4:
            return self._select(f"phone_tail = ?{status}", (text,))
        if phone.is_mobile(text):
            return self._select(f"recipient_phone = ?{status}", (phone.normalize_mobile(text),))
        try:
            number = waybill.normalize_waybill(text)
        except ValidationError:
            number = ""
        if number and (len(digits) >= 8 or any(ch.isdigit() for ch in number)):
            return self._select(f"waybill = ?{status}", (number,))
        key = pinyin.initials(text) if text.isascii() else text
        like = f"%{key.lower()}%" if text.isascii() else f"%{text}%"
        if waiting_only:
            # from the waiting parcels (their own index), each one's customer by its key: the
            # cost follows what is on the shelves, not the station's history or its customers
            return self._select(
                "status = 'waiting' AND EXISTS (SELECT 1 FROM customers c"
                " WHERE c.id = parcels.customer_id AND (c.search_key LIKE ? OR c.name LIKE ?))",
                (like, f"%{text}%"),
            )
        # through the phone index: every parcel of a customer carries the customer's phone
        named = "FROM customers WHERE search_key LIKE ? OR name LIKE ?"
        return self._select(
            f"recipient_phone IN (SELECT phone {named}) AND customer_id IN (SELECT id {named})"
            f"{status}",
            (like, f"%{text}%", like, f"%{text}%"),
        )

    def waiting_for(self, recipient_phone: str) -> list[Parcel]:
        return self._select(
            "recipient_phone = ? AND status = 'waiting'", (phone.normalize_mobile(recipient_phone),)
        )

    def carrier_candidates(self, number: str) -> list[waybill.CarrierGuess]:
        number = waybill.normalize_waybill(number)
        prefix = waybill.learning_prefix(number)
        row = self._conn.execute(
            "SELECT carrier FROM carrier_prefixes WHERE prefix = ?", (prefix,)
        ).fetchone()
        return waybill.carrier_candidates(number, {prefix: row[0]} if row else None)

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

    def customer_by_phone(self, mobile: str) -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT id, name, phone FROM customers WHERE phone = ? ORDER BY created_at LIMIT 1",
            (phone.normalize_mobile(mobile),),
        ).fetchone()
        return dict(row) if row else None

    def last_shelf(self) -> tuple[str, int]:
        """Where the last intake went: the next one goes there too, unless changed."""
        row = self._conn.execute(  # the last row written: rowid order is intake order
            "SELECT shelf, layer FROM parcels ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
        if row:
            return row[0], row[1]
        first = self.shelves()[0]
        return first.name, 1

    def shelves(self) -> list[Shelf]:
        return [Shelf(s["name"], int(s["layers"])) for s in self._settings.get("parcels.shelves")]

    def overdue(self, days: int | None = None, *, today: date | None = None) -> list[Parcel]:
        days = self._settings.get("parcels.overdue_days") if days is None else days
        today = today or clock.business_day()
        start, _ = clock.business_day_bounds(today - timedelta(days=days))
        return self._select(
            "status = 'waiting' AND received_at < ?", (clock.format_iso(start),), limit=100_000
        )

    def due_for_return(self, *, today: date | None = None) -> list[Parcel]:
        return self.overdue(self._settings.get("parcels.return_days"), today=today)

    def shelf_list(
        self, *, shelf: str | None = None, status: str = "waiting", overdue_only: bool = False
    ) -> ShelfQuery:
        # the history of picked-up parcels streams through parcels_received in the list's order;
        # `+status` keeps SQLite off parcels_picked_up (pickup-time order: it would sort them all)
        where, args = ["+status = ?" if status == "picked_up" else "status = ?"], [status]
        if shelf:
            where.append("shelf = ?")
            args.append(shelf)
        if overdue_only:
            start, _ = clock.business_day_bounds(
                clock.business_day() - timedelta(days=self._settings.get("parcels.overdue_days"))
            )
            where.append("received_at < ?")
            args.append(clock.format_iso(start))
        return ShelfQuery(self._conn, " AND ".join(where), tuple(args))

    # intake -------------------------------------------------------------------------------------

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
    ) -> Parcel:
        """到件入库: validate everything, then the parcel, its customer and its SMS notice in one
        event (the notice rides on ``parcel.received``: see ``parcel_notice``). Returns the parcel
        with its pickup code."""
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
                notice = payload["phone"] and plan_notice(
                    batch.conn,
                    payload,
                    code=pickup_code(payload["shelf"], payload["layer"], payload["seq"]),
                    at=at,
                    pickup_days=self._settings.get("sms.pickup_days"),
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
            return payload
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
        else:
            payload["customer_id"] = customer["id"]
            known = customer["name"]
            if name and name != known and "*" not in name:
                payload["customer_name"] = {"name": name, "search_key": pinyin.search_key(name)}
            name = name or known
        payload["name"] = name
        return payload

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

    # pickup -------------------------------------------------------------------------------------

    def pick_up(
        self,
        parcel_ids: list[str],
        verified_by: str = "code",
        *,
        proxy_name: str = "",
        proxy_phone: str = "",
    ) -> list[Event]:
        """取件出库: one or several parcels of one person; refused whole if any cannot go."""
        operator = self._session.require_operator()
        if verified_by not in VERIFICATIONS:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Say how the recipient was checked: pickup code, phone or ID."
                )
            )
        if not parcel_ids:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "Choose the parcels to hand out first.")
            )
        proxy_name = checked_characters(proxy_name, what=_PROXY_NAME)
        proxy = {}
        if proxy_name or proxy_phone:
            if not proxy_name:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Someone else is collecting: type their name as well as their phone.",
                    )
                )
            proxy = {"proxy_name": proxy_name, "proxy_phone": phone.normalize_mobile(proxy_phone)}
        parcels = [self.get(i) for i in dict.fromkeys(parcel_ids)]
        for parcel in parcels:
            self._check_on_shelf(parcel)
        fee = self._settings.get("parcels.pickup_fee_fen")
        with self._log.batch() as batch:
            events = [
                batch.append(
                    "parcel.picked_up",
                    entity_id=parcel.id,
                    payload={"verified_by": verified_by, "fee_fen": fee, **proxy},
                    operator=operator.id,
                )
                for parcel in parcels
            ]
            # their texts not yet gone are cancelled: the villager has the parcel (DESIGN §7)
            cancel_passed_texts(
                batch, [p.id for p in parcels], reason="parcel.picked_up", operator=operator.id
            )
            return events

    def _check_on_shelf(self, parcel: Parcel) -> None:
        if parcel.status == "picked_up":
            who = parcel.proxy_name or parcel.recipient_name or parcel.masked_phone
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Parcel {code} (waybill {waybill}) was already picked up by {who} on {when}. "
                    "It is not on the shelf.",
                ),
                code=parcel.pickup_code,
                waybill=parcel.waybill,
                who=who,
                when=clock.minute_text(parcel.picked_up_at),
            )
        if parcel.status == "returned":
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Parcel {code} (waybill {waybill}) was returned to the courier on {when}. "
                    "It is not on the shelf.",
                ),
                code=parcel.pickup_code,
                waybill=parcel.waybill,
                when=clock.minute_text(parcel.returned_at),
            )

    def undo_pickup(self, parcel_id: str, reason: str) -> Event:
        """A pickup by mistake, undone by the manager on the same business day."""
        manager = self._session.require_manager()
        parcel = self.get(parcel_id)
        if parcel.status != "picked_up":
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Parcel {code} is not picked up; there is nothing to undo."
                ),
                code=parcel.pickup_code,
            )
        if clock.business_day(parcel.picked_up_at) != clock.business_day():
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "A pickup can only be undone on the day it happened ({day}). Call the "
                    "county center to correct an older one.",
                ),
                day=clock.business_day(parcel.picked_up_at).isoformat(),
            )
        # by type: the parcel's arrival text's sms.sent/sms.failed carry the parcel's id too
        pickups = self._log.events_of(parcel_id, type="parcel.picked_up")
        return self._log.void(pickups[-1].id, reason=reason, operator=manager.id)

    # overdue and returns ------------------------------------------------------------------------

    def remind(self, parcel_ids: list[str]) -> list[Event]:
        """Re-send the notice for overdue parcels: at most once a business day per parcel."""
        from stationapp.core import sms

        operator = self._session.require_operator()
        today = clock.business_day()
        parcels = [self.get(i) for i in dict.fromkeys(parcel_ids)]
        for parcel in parcels:
            self._check_on_shelf(parcel)
        # a parcel known by its tail alone cannot be texted: it waits for the villager to come
        due = [
            p for p in parcels if p.last_reminder_day != today.isoformat() and p.number_known
        ]
        with self._log.batch() as batch:
            events = []
            for parcel in due:
                events.append(
                    batch.append(
                        "parcel.notified",
                        entity_id=parcel.id,
                        payload={"kind": "reminder", "day": today.isoformat()},
                        operator=operator.id,
                    )
                )
                sms.queue_text(
                    batch,
                    purpose="parcel_reminder",
                    entity_key=f"{parcel.id}:{today.isoformat()}",
                    phone=parcel.recipient_phone,
                    template="parcel_reminder",
                    params={"codes": parcel.pickup_code, "days": str(parcel.age_days(today))},
                    operator=operator.id,
                    group_key=f"parcel_reminder:{parcel.recipient_phone}:{today.isoformat()}",
                )
            return events

    def return_to_courier(self, parcel_ids: list[str], reason: str) -> list[Event]:
        """退回: the parcels go back to the courier; one batch, printed as a return manifest."""
        operator = self._session.require_operator()
        reason = " ".join((reason or "").split())
        if len(reason) < 2:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Write why the parcels go back (at least two characters), e.g. 超期未取.",
                )
            )
        parcels = [self.get(i) for i in dict.fromkeys(parcel_ids)]
        if not parcels:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "Choose the parcels to return first.")
            )
        for parcel in parcels:
            self._check_on_shelf(parcel)
        batch_id = ids.uuid7()
        with self._log.batch() as batch:
            events = [
                batch.append(
                    "parcel.returned",
                    entity_id=parcel.id,
                    payload={"reason": reason, "batch_id": batch_id},
                    operator=operator.id,
                )
                for parcel in parcels
            ]
            cancel_passed_texts(
                batch, [p.id for p in parcels], reason="parcel.returned", operator=operator.id
            )
            return events

    def returned_batch(self, batch_id: str) -> list[Parcel]:
        return self._select("return_batch = ?", (batch_id,), limit=100_000)

    # shelf check --------------------------------------------------------------------------------

    def check_shelf(self, shelf: str, scanned: list[str]) -> ShelfCheck:
        """盘点: what should be on the shelf against what was scanned (waybills or codes)."""
        name = (shelf or "").strip().upper()
        if name not in {s.name for s in self.shelves()}:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "There is no shelf {shelf}."), shelf=name
            )
        on_shelf = self._select("status = 'waiting' AND shelf = ?", (name,), limit=1_000_000)
        by_key: dict[str, Parcel] = {}
        for parcel in on_shelf:
            by_key[parcel.waybill] = parcel
            by_key[parcel.pickup_code] = parcel
        seen: dict[str, Parcel] = {}
        unexpected: list[str] = []
        for text in scanned:
            key = text.strip().upper()
            if not key:
                continue
            parcel = by_key.get(key)
            if parcel is None:
                try:
                    parcel = by_key.get(waybill.normalize_waybill(key))
                except ValidationError:
                    parcel = None
            if parcel is None:
                if key not in unexpected:
                    unexpected.append(key)
            else:
                seen[parcel.id] = parcel
        missing = [p for p in on_shelf if p.id not in seen]
        return ShelfCheck(found=list(seen.values()), missing=missing, unexpected=unexpected)

    # the day ------------------------------------------------------------------------------------

    def day_summary(self, day: date | None = None) -> ParcelDaySummary:
        return day_summary(self._conn, self._settings.get("parcels.overdue_days"), day)
