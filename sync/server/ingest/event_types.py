"""The event types this county center knows (DESIGN §4). Any other type is stored and flagged
for review, never refused: a newer station app may send types the county does not know yet."""

from __future__ import annotations

KNOWN_EVENT_TYPES = frozenset(
    {
        "parcel.received",
        "parcel.labelled",
        "parcel.notified",
        "parcel.picked_up",
        "parcel.returned",
        "parcel.phone_added",
        "parcel.sent",
        "parcel.handed_over",
        "order.created",
        "order.placed",
        "order.shipped",
        "order.arrived",
        "order.delivered",
        "order.cancelled",
        "order.returned",
        "order.return_sent",
        "order.platform_refunded",
        "produce.bought",
        "produce.consigned",
        "produce.sold",
        "produce.settled",
        "household.helped",
        "bill.requested",
        "bill.submitted",
        "bill.paid",
        "bill.failed",
        "bill.refunded",
        "sms.queued",
        "sms.sent",
        "sms.failed",
        "sms.relay_requested",
        "sms.cancelled",
        "sms.do_not_text_added",
        "sms.do_not_text_removed",
        "day.closed",
        "event.voided",
        "operator.added",
        "operator.changed",
        "settings.changed",
        "receipt.printed",
    }
)


def is_known(event_type: str) -> bool:
    return event_type in KNOWN_EVENT_TYPES
