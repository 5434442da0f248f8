"""The proxy purchase line's rows and projectors: ``orders`` and ``order_items`` kept from the
``order.*`` events, and the reverts of the steps a manager may void (DESIGN §4, docs/orders.md).

A step may be voided only while it is the order's last: the revert refuses when a later step
depends on it (a placing voided after the goods shipped, say). Delivered and returned move the
villager's money against goods handed over and are never voided; a return records the refund.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from stationapp.core.errors import StateError
from stationapp.core.events import Event, Replay
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import money_of
from stationapp.core.projections import Projector

# the states an order goes through; "voided": its creation voided by the manager
TO_PLACE, PLACED, SHIPPED, ARRIVED = "to_place", "placed", "shipped", "arrived"
DELIVERED, CANCELLED, RETURNED, VOIDED = "delivered", "cancelled", "returned", "voided"
OPEN_STATES = (TO_PLACE, PLACED, SHIPPED, ARRIVED)
STATE_NAMES: dict[str, Term] = {
    TO_PLACE: Term(QT_TRANSLATE_NOOP("UserError", "waiting to be placed")),
    PLACED: Term(QT_TRANSLATE_NOOP("UserError", "placed")),
    SHIPPED: Term(QT_TRANSLATE_NOOP("UserError", "shipped")),
    ARRIVED: Term(QT_TRANSLATE_NOOP("UserError", "arrived")),
    DELIVERED: Term(QT_TRANSLATE_NOOP("UserError", "delivered")),
    CANCELLED: Term(QT_TRANSLATE_NOOP("UserError", "cancelled")),
    RETURNED: Term(QT_TRANSLATE_NOOP("UserError", "returned")),
    VOIDED: Term(QT_TRANSLATE_NOOP("UserError", "voided")),
}

ORDER_COLUMNS = (
    "id, order_no, customer_name, customer_phone, household_id, platform, state, quoted_fen,"
    " fee_fen, fee_waived_fen, deposit_fen, platform_order_no, paid_fen, paid_from, waybill,"
    " parcel_id, arrived_how, taken_fen, refunded_fen, reason, return_note, created_at,"
    " created_by, placed_at, shipped_at, arrived_at, delivered_at, delivered_by, cancelled_at,"
    " returned_at, return_sent_id, return_carrier, return_waybill, platform_refunded_fen"
)


@dataclass(frozen=True)
class OrderItem:
    """One thing ordered: its quantity is a decimal string with its unit, its amount the
    quantity times the unit price rounded half up to the fen once."""

    name: str
    spec: str
    quantity: str
    unit: str
    unit_price_fen: int
    amount_fen: int


@dataclass(frozen=True)
class Order:
    """An order as the screens read it; money in fen, '' for a step not taken yet."""

    id: str
    order_no: str
    customer_name: str
    customer_phone: str
    household_id: str
    platform: str
    state: str
    quoted_fen: int
    fee_fen: int
    fee_waived_fen: int
    deposit_fen: int
    platform_order_no: str
    paid_fen: int
    paid_from: str
    waybill: str
    parcel_id: str
    arrived_how: str
    taken_fen: int
    refunded_fen: int
    reason: str
    return_note: str
    created_at: str
    created_by: str
    placed_at: str
    shipped_at: str
    arrived_at: str
    delivered_at: str
    delivered_by: str
    cancelled_at: str
    returned_at: str
    return_sent_id: str  # the sending (st.sending) that took the goods back, '' when none
    return_carrier: str
    return_waybill: str
    platform_refunded_fen: int  # what the platform gave back to the station's account
    items: tuple[OrderItem, ...] = ()
    # the household's kind as the county's registry gives it now (a 监测对象's kind first, else
    # 脱贫户 / 普通农户), '' for a villager of no registered household: the marker screens and
    # the slip show, read with the order (``OrderReading.get``), never stored with it
    household_kind: str = ""

    @property
    def goods_fen(self) -> int:
        """What the goods cost: the price actually paid once placed, the quote before."""
        return self.paid_fen if self.placed_at else self.quoted_fen

    @property
    def total_fen(self) -> int:
        return self.goods_fen + self.fee_fen

    @property
    def balance_fen(self) -> int:
        """What the villager still owes (negative: change due to them), before delivery."""
        return self.total_fen - self.deposit_fen - self.taken_fen

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def read_order(conn: sqlite3.Connection, order_id: str) -> Order | None:
    row = conn.execute(f"SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        return None
    items = conn.execute(
        "SELECT name, spec, quantity, unit, unit_price_fen, amount_fen FROM order_items"
        " WHERE order_id = ? ORDER BY line_no",
        (order_id,),
    ).fetchall()
    return Order(*row, items=tuple(OrderItem(*item) for item in items))


def _money_fen(payload: dict[str, Any]) -> int:
    money = money_of(payload)
    return money.total if money is not None else 0


def _created(replay: Replay, event: Event) -> None:
    p = event.payload
    conn = replay.conn
    conn.execute(
        "INSERT INTO orders (id, order_no, customer_name, customer_phone, household_id, platform,"
        " state, quoted_fen, fee_fen, fee_waived_fen, deposit_fen, created_at, created_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.entity_id,
            p["order_no"],
            p["name"],
            p["phone"],
            p.get("household_id", ""),
            p["platform"],
            TO_PLACE,
            p["quoted_fen"],
            p["fee_fen"],
            p.get("fee_waived_fen", 0),
            _money_fen(p),
            event.occurred_at,
            event.operator,
        ),
    )
    conn.executemany(
        "INSERT INTO order_items (order_id, line_no, name, spec, quantity, unit, unit_price_fen,"
        " amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                event.entity_id,
                n,
                i["name"],
                i["spec"],
                i["quantity"],
                i["unit"],
                i["unit_price_fen"],
                i["amount_fen"],
            )
            for n, i in enumerate(p["items"], start=1)
        ],
    )


def _set(replay: Replay, event: Event, **columns: Any) -> None:
    names = ", ".join(f"{name} = ?" for name in columns)
    replay.conn.execute(
        f"UPDATE orders SET {names} WHERE id = ?", (*columns.values(), event.entity_id)
    )


def _placed(replay: Replay, event: Event) -> None:
    p = event.payload
    _set(
        replay,
        event,
        state=PLACED,
        platform_order_no=p["platform_order_no"],
        paid_fen=p["paid_fen"],
        paid_from=money_of(p).entries[0].method,
        placed_at=event.occurred_at,
    )


def _shipped(replay: Replay, event: Event) -> None:
    _set(
        replay, event, state=SHIPPED, waybill=event.payload["waybill"], shipped_at=event.occurred_at
    )


def _arrived(replay: Replay, event: Event) -> None:
    p = event.payload
    _set(
        replay,
        event,
        state=ARRIVED,
        arrived_how=p["how"],
        parcel_id=p.get("parcel_id", ""),
        arrived_at=event.occurred_at,
    )


def _delivered(replay: Replay, event: Event) -> None:
    _set(
        replay,
        event,
        state=DELIVERED,
        taken_fen=_money_fen(event.payload),
        delivered_at=event.occurred_at,
        delivered_by=event.operator,
    )


def _cancelled(replay: Replay, event: Event) -> None:
    _set(
        replay,
        event,
        state=CANCELLED,
        refunded_fen=-_money_fen(event.payload),
        reason=event.payload["reason"],
        cancelled_at=event.occurred_at,
    )


def _returned(replay: Replay, event: Event) -> None:
    p = event.payload
    _set(
        replay,
        event,
        state=RETURNED,
        refunded_fen=-_money_fen(p),
        reason=p["reason"],
        return_note=p.get("return_note", ""),
        returned_at=event.occurred_at,
    )


def _return_sent(replay: Replay, event: Event) -> None:
    p = event.payload
    _set(
        replay,
        event,
        return_sent_id=p["sent_id"],
        return_carrier=p["carrier"],
        return_waybill=p.get("waybill", ""),
        return_sent_at=event.occurred_at,
    )


def _platform_refunded(replay: Replay, event: Event) -> None:
    entry = money_of(event.payload).entries[0]
    replay.conn.execute(
        "INSERT INTO order_platform_refunds (event_id, order_id, account, fen, refunded_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (event.id, event.entity_id, entry.method, entry.fen, event.occurred_at),
    )
    replay.conn.execute(
        "UPDATE orders SET platform_refunded_fen = platform_refunded_fen + ? WHERE id = ?",
        (entry.fen, event.entity_id),
    )


# --- voids: only the order's last step, and never the handing over ---------------------------


def _state_of(replay: Replay, event: Event) -> str:
    row = replay.conn.execute(
        "SELECT state FROM orders WHERE id = ?", (event.entity_id,)
    ).fetchone()
    return row[0] if row else ""


def _last_step_only(replay: Replay, event: Event, state: str) -> None:
    if _state_of(replay, event) != state:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "A later step of this order depends on the one to void; void the later steps "
                "first, the last one first.",
            )
        )


def _revert_created(replay: Replay, event: Event) -> None:
    _last_step_only(replay, event, TO_PLACE)
    _set(replay, event, state=VOIDED)


def _revert_placed(replay: Replay, event: Event) -> None:
    _last_step_only(replay, event, PLACED)
    _set(
        replay, event, state=TO_PLACE, platform_order_no="", paid_fen=0, paid_from="", placed_at=""
    )


def _revert_shipped(replay: Replay, event: Event) -> None:
    _last_step_only(replay, event, SHIPPED)
    _set(replay, event, state=PLACED, waybill="", shipped_at="")


def _revert_arrived(replay: Replay, event: Event) -> None:
    _last_step_only(replay, event, ARRIVED)
    shipped = replay.conn.execute(
        "SELECT shipped_at FROM orders WHERE id = ?", (event.entity_id,)
    ).fetchone()[0]
    _set(
        replay,
        event,
        state=SHIPPED if shipped else PLACED,
        arrived_how="",
        parcel_id="",
        arrived_at="",
    )


def _revert_cancelled(replay: Replay, event: Event) -> None:
    _last_step_only(replay, event, CANCELLED)
    _no_platform_refund(replay, event)
    placed, shipped, arrived = replay.conn.execute(
        "SELECT placed_at, shipped_at, arrived_at FROM orders WHERE id = ?", (event.entity_id,)
    ).fetchone()
    state = ARRIVED if arrived else SHIPPED if shipped else PLACED if placed else TO_PLACE
    _set(replay, event, state=state, refunded_fen=0, reason="", cancelled_at="")


def _no_platform_refund(replay: Replay, event: Event) -> None:
    refunded = replay.conn.execute(
        "SELECT 1 FROM order_platform_refunds WHERE order_id = ? LIMIT 1", (event.entity_id,)
    ).fetchone()
    if refunded:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "A later step of this order depends on the one to void; void the later steps "
                "first, the last one first.",
            )
        )


def _revert_return_sent(replay: Replay, event: Event) -> None:
    _set(replay, event, return_sent_id="", return_carrier="", return_waybill="", return_sent_at="")


def _revert_platform_refunded(replay: Replay, event: Event) -> None:
    replay.conn.execute("DELETE FROM order_platform_refunds WHERE event_id = ?", (event.id,))
    fen = money_of(event.payload).entries[0].fen
    replay.conn.execute(
        "UPDATE orders SET platform_refunded_fen = platform_refunded_fen - ? WHERE id = ?",
        (fen, event.entity_id),
    )


PROJECTORS: dict[str, Projector] = {
    "order.created": Projector(_created, revert=_revert_created),
    "order.placed": Projector(_placed, revert=_revert_placed),
    "order.shipped": Projector(_shipped, revert=_revert_shipped),
    "order.arrived": Projector(_arrived, revert=_revert_arrived),
    "order.delivered": Projector(_delivered),
    "order.cancelled": Projector(_cancelled, revert=_revert_cancelled),
    "order.returned": Projector(_returned),
    "order.return_sent": Projector(_return_sent, revert=_revert_return_sent),
    "order.platform_refunded": Projector(_platform_refunded, revert=_revert_platform_refunded),
}
PROJECTED_TABLES: dict[str, str] = {
    "orders": "id",
    "order_items": "order_id, line_no",
    "order_platform_refunds": "event_id",
}
