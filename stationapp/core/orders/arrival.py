"""An order's arrival (到货): marked by hand, linked to a parcel already on the shelf, or found
by parcel intake when the shipped order's waybill is scanned (``Line.parcel_arrival``).

On each path the villager gets one "order arrived" text through the SMS line's queue, about the
order (its number, what came, what is still owed), instead of the parcel's own arrival notice:
the hook tells intake it texted, so the parcel carries no notice of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stationapp.core.events import Batch, Event
from stationapp.core.money import fen_to_yuan_str
from stationapp.core.orders.store import SHIPPED, Order, read_order
from stationapp.core.sms.do_not_text import cancel_queued_texts
from stationapp.core.sms.queue import queue_text

PURPOSE = "order_arrival"
TEMPLATE = "order_arrival"  # 尚需付{balance}元
TEMPLATE_PAID = "order_arrival_paid"  # nothing owed


def goods_text(order: Order) -> str:
    """What came, for the text: the first item's name, ``等3件`` when there are more."""
    first = order.items[0].name if order.items else order.platform
    return first if len(order.items) <= 1 else f"{first}等{len(order.items)}件"


def record_arrival(
    batch: Batch,
    order: Order,
    *,
    how: str,
    operator: str,
    parcel_id: str = "",
    code: str = "",
) -> Event:
    """``order.arrived`` and its text, in ``batch``. ``how``: ``hand``, ``parcel`` (linked to a
    parcel on the shelf) or ``intake`` (its waybill scanned); ``code``: the parcel's pickup code."""
    payload: dict[str, Any] = {"how": how}
    if parcel_id:
        payload["parcel_id"] = parcel_id
    if code:
        payload["code"] = code
    event = batch.append("order.arrived", entity_id=order.id, payload=payload, operator=operator)
    balance = order.balance_fen
    params = {"item": goods_text(order), "order_no": order.order_no}
    if balance > 0:
        params["balance"] = fen_to_yuan_str(balance)
    queue_text(
        batch,
        purpose=PURPOSE,
        entity_key=order.id,
        phone=order.customer_phone,
        template=TEMPLATE if balance > 0 else TEMPLATE_PAID,
        params=params,
        operator=operator,
    )
    return event


def shipped_order_of(conn: Any, waybill: str) -> Order | None:
    """The shipped order waiting for this waybill, if any (one at most: shipping refuses a
    waybill another shipped order has), by the index on waybill and state."""
    row = conn.execute(
        "SELECT id FROM orders WHERE waybill = ? AND state = ? LIMIT 1", (waybill, SHIPPED)
    ).fetchone()
    return read_order(conn, row[0]) if row else None


def parcel_arrival(batch: Batch, parcel: Mapping[str, Any]) -> bool:
    """The parcels line's intake asking: is this parcel an order's? If a shipped order waits
    for its waybill, the order arrives linked to it and the villager gets the order's text;
    True tells intake to queue no arrival notice of the parcel's own."""
    order = shipped_order_of(batch.conn, parcel["waybill"])
    if order is None:
        return False
    record_arrival(
        batch,
        order,
        how="intake",
        operator=parcel["operator"],
        parcel_id=parcel["id"],
        code=parcel["code"],
    )
    return True


def cancel_order_text(batch: Batch, order_id: str, *, operator: str) -> None:
    """The order's arrival text still waiting in the queue is not sent any more (the villager
    came, or the order was cancelled); one being sent right now, or gone, is left alone."""
    row = batch.conn.execute(
        "SELECT o.id FROM sms_outbox o LEFT JOIN sms_delivery d ON d.text_id = o.id"
        " WHERE o.purpose = ? AND o.entity_key = ? AND o.status = 'queued'"
        " AND coalesce(d.claimed_at, '') = ''",
        (PURPOSE, order_id),
    ).fetchone()
    if row is not None:
        cancel_queued_texts(batch, [row[0]], code="cancelled", operator=operator)
