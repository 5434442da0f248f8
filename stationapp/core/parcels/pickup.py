"""Pickup (取件出库) and its undo: parcels leave the shelf with the recipient or a proxy.

``pick_up`` checks how the recipient was checked and the proxy's name, refuses the whole pickup if
any parcel is no longer on the shelf (``_check_on_shelf``, also used by reminders and returns),
then writes ``parcel.picked_up`` and cancels the parcels' texts not yet gone (DESIGN §7).
A pickup fee (only when the station turns one on) rides on each parcel's ``parcel.picked_up`` as
``fee_fen`` and ``money``; with no fee there is no ``money`` key at all. ``undo_pickup`` voids a
mistaken pickup on its own business day, before any day close could cover it; the void moves the
opposite of the pickup's ``money`` (:meth:`stationapp.core.money.Money.reversed`). Mixed into
:class:`~stationapp.core.parcels.facade.Parcels`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stationapp.core import clock, phone
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Batch, Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import Money, check_method
from stationapp.core.parcels.notice import cancel_passed_texts
from stationapp.core.parcels.store import Parcel
from stationapp.core.text import checked_characters

_PROXY_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the collector's name"))

VERIFICATIONS = ("code", "phone", "id")


class ParcelPickup:
    """Pickup, as ``st.parcels`` does it: see :class:`~stationapp.core.parcels.facade.Parcels`."""

    def pick_up(
        self,
        parcel_ids: list[str],
        verified_by: str = "code",
        *,
        proxy_name: str = "",
        proxy_phone: str = "",
        paid_by: str = "cash",
    ) -> list[Event]:
        """取件出库: one or several parcels of one person; refused whole if any cannot go.
        ``paid_by`` is how a pickup fee, when the station charges one, was paid."""
        operator = self._session.require_operator()
        check_method(paid_by)
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
        charged = {"money": Money.of(paid_by, fee).to_payload()} if fee else {}
        with self._log.batch() as batch:
            events = [
                batch.append(
                    "parcel.picked_up",
                    entity_id=parcel.id,
                    payload={"verified_by": verified_by, "fee_fen": fee, **charged, **proxy},
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


def hand_out(batch: Batch, parcel_id: str, how: Mapping[str, Any]) -> Event:
    """The pickup another line makes in its own batch (an order delivered with its parcel:
    ``Line.parcel_handout``): the parcel must be on the shelf; no pickup fee (the other line
    takes its own money); the parcel's texts not yet gone are cancelled, as at a pickup."""
    row = batch.conn.execute(
        "SELECT status, pickup_code, waybill FROM parcels WHERE id = ?", (parcel_id,)
    ).fetchone()
    if row is None or row[0] != "waiting":
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Parcel {code} (waybill {waybill}) is not on the shelf any more; hand out what "
                "is there and check the parcel's record.",
            ),
            code=row[1] if row else "?",
            waybill=row[2] if row else "?",
        )
    verified_by = how.get("verified_by", "code")
    if verified_by not in VERIFICATIONS:
        raise ValueError(f"unknown verification {verified_by!r}")
    event = batch.append(
        "parcel.picked_up",
        entity_id=parcel_id,
        payload={"verified_by": verified_by, "fee_fen": 0},
        operator=how["operator"],
    )
    cancel_passed_texts(batch, [parcel_id], reason="parcel.picked_up", operator=how["operator"])
    return event
