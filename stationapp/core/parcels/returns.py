"""Overdue parcels: reminders and returns to the courier (退回).

``remind`` re-sends an overdue parcel's notice at most once a business day (never for a parcel
known by its phone's tail alone); ``return_to_courier`` gives parcels back in one batch, printed
as a return manifest (``returned_batch``), and cancels their texts not yet gone. Mixed into
:class:`~stationapp.core.parcels.facade.Parcels`.
"""

from __future__ import annotations

from stationapp.core import clock, ids
from stationapp.core.errors import ValidationError
from stationapp.core.events import Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.parcels.notice import cancel_passed_texts
from stationapp.core.parcels.store import Parcel


class ParcelReturns:
    """Reminders and returns, as ``st.parcels`` does them: see
    :class:`~stationapp.core.parcels.facade.Parcels`."""

    def remind(self, parcel_ids: list[str]) -> list[Event]:
        """Re-send the notice for overdue parcels: at most once a business day per parcel."""
        from stationapp.core.sms import facade as sms

        operator = self._session.require_operator()
        today = clock.business_day()
        parcels = [self.get(i) for i in dict.fromkeys(parcel_ids)]
        for parcel in parcels:
            self._check_on_shelf(parcel)
        # a parcel known by its tail alone cannot be texted: it waits for the villager to come
        due = [p for p in parcels if p.last_reminder_day != today.isoformat() and p.number_known]
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
