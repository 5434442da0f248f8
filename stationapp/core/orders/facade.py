"""``st.orders``: the proxy purchase line's steps (代购), each checked before it is written and
refused, writing nothing, in a state that does not allow it (docs/orders.md).

created → placed → shipped → arrived → delivered (→ returned); cancelled from any open state.
Arrival also comes from parcel intake (``arrival.parcel_arrival``); delivery hands out the
linked parcel through the parcels line's ``LineContext.parcel_handout`` in the same batch.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from stationapp.core import clock, ids, waybill
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.line import LineContext
from stationapp.core.money import (
    Money,
    check_method,
    format_money,
    money_of,
    parse_money,
    refund_within,
)
from stationapp.core.orders import checks
from stationapp.core.orders.arrival import cancel_order_text, record_arrival
from stationapp.core.orders.reading import OrderReading
from stationapp.core.orders.returns import ACCOUNTS, OrderReturns
from stationapp.core.orders.store import (
    ARRIVED,
    DELIVERED,
    OPEN_STATES,
    PLACED,
    SHIPPED,
    TO_PLACE,
    Order,
)

WAIVED_FOR_HOUSEHOLD = "registered_household"
_DEPOSIT = Term(QT_TRANSLATE_NOOP("UserError", "deposit"))
_REFUND = Term(QT_TRANSLATE_NOOP("UserError", "refund"))
_ORDER_TYPES = ("order.placed", "order.shipped", "order.arrived", "order.cancelled")


class Orders(OrderReading, OrderReturns):
    """``st.orders``: new orders and their steps; reading in ``OrderReading``, the return
    parcel and the platform's refund in ``OrderReturns``."""

    def __init__(self, ctx: LineContext) -> None:
        self._conn: sqlite3.Connection = ctx.conn
        self._log = ctx.log
        self._session = ctx.session
        self._settings = ctx.settings
        self._county = ctx.shared["county"]
        self._handout = ctx.parcel_handout

    # created ------------------------------------------------------------------------------------

    def create(
        self,
        *,
        customer: dict[str, Any],
        items: list[dict[str, Any]],
        platform: str,
        fee: int | str | None = None,
        deposit: Money | None = None,
    ) -> Order:
        """A new order: the villager (``name``, ``phone``, ``household_id`` when registered),
        the items, the platform, the service fee (None: the platform's setting; waived for a
        registered household when ``orders.waive_fee_for_households``) and the deposit."""
        operator = self._session.require_operator()
        name, mobile, household = checks.checked_customer(customer)
        if household and self._county.household(household) is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "No registered household {household} is known here; check the number, or "
                    "leave it empty.",
                ),
                household=household,
            )
        platform = checks.checked_platform(platform)
        lines = checks.checked_items(items)
        quoted = sum(item["amount_fen"] for item in lines)
        if fee is None:
            spec = self._settings.get("orders.fees").get(platform, {"fen": 0})
            fee_fen = checks.fee_of(spec, quoted)
        else:
            fee_fen = parse_money(fee)
        payload: dict[str, Any] = {
            "order_no": self._next_order_no(),
            "name": name,
            "phone": mobile,
            "platform": platform,
            "items": lines,
            "quoted_fen": quoted,
            "fee_fen": fee_fen,
        }
        if household:
            payload["household_id"] = household
            if fee_fen and self._settings.get("orders.waive_fee_for_households"):
                payload.update(
                    fee_fen=0, fee_waived_fen=fee_fen, fee_waived_reason=WAIVED_FOR_HOUSEHOLD
                )
        checks.money_in(deposit, _DEPOSIT)
        if deposit is not None:
            if deposit.total > quoted + payload["fee_fen"]:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The deposit {deposit} is more than the order's {total}; take at most "
                        "the whole.",
                    ),
                    deposit=format_money(deposit.total),
                    total=format_money(quoted + payload["fee_fen"]),
                )
            payload["money"] = deposit.to_payload()
        order_id = ids.uuid7()
        with self._log.batch() as batch:
            batch.append("order.created", entity_id=order_id, payload=payload, operator=operator.id)
        return self.get(order_id)

    def _next_order_no(self) -> str:
        """``D061203``: D, the business day's month and day, its count of orders (from 01)."""
        day = clock.business_day()
        start, end = (clock.format_iso(t) for t in clock.business_day_bounds(day))
        count = self._conn.execute(
            "SELECT count(*) FROM orders WHERE created_at >= ? AND created_at < ?", (start, end)
        ).fetchone()[0]
        return f"D{day:%m%d}{count + 1:02d}"

    # the steps ----------------------------------------------------------------------------------

    def place(
        self, order_id: str, *, platform_order_no: str, paid: int | str, account: str
    ) -> Event:
        """下单: the platform's order number and the price actually paid, from which account."""
        operator = self._session.require_operator()
        self._in_state(order_id, TO_PLACE)
        number = "".join((platform_order_no or "").split())
        if not 4 <= len(number) <= 40 or not number.isascii():
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Type the platform's order number as it shows (4 to 40 characters).",
                )
            )
        paid_fen = parse_money(paid, allow_zero=False)
        if check_method(account) not in ACCOUNTS:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "An order is paid from one of the station's accounts: wechat, alipay or bank.",
                )
            )
        payload = {
            "platform_order_no": number,
            "paid_fen": paid_fen,
            "money": Money.of(account, -paid_fen).to_payload(),
        }
        with self._log.batch() as batch:
            return batch.append(
                "order.placed", entity_id=order_id, payload=payload, operator=operator.id
            )

    def ship(self, order_id: str, *, waybill_no: str) -> Event:
        """发货: the platform's waybill, so that the parcel's intake finds the order."""
        operator = self._session.require_operator()
        order = self._in_state(order_id, PLACED)
        number = waybill.normalize_waybill(waybill_no)
        other = self._conn.execute(
            "SELECT order_no FROM orders WHERE waybill = ? AND state = ? AND id != ?",
            (number, SHIPPED, order.id),
        ).fetchone()
        if other:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Waybill {waybill} is already order {order}'s; check the number."
                ),
                waybill=number,
                order=other[0],
            )
        waiting = self._waiting_parcel(waybill=number)
        if waiting:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Waybill {waybill} is already on the shelf at {code}: mark the order arrived "
                    "with that parcel.",
                ),
                waybill=number,
                code=waiting[1],
            )
        with self._log.batch() as batch:
            return batch.append(
                "order.shipped",
                entity_id=order_id,
                payload={"waybill": number},
                operator=operator.id,
            )

    def _waiting_parcel(self, *, waybill: str = "", parcel_id: str = "") -> tuple[str, str] | None:
        """A parcel still on the shelf (id, pickup code), read from the parcels line's table."""
        column, value = ("waybill", waybill) if waybill else ("id", parcel_id)
        return self._conn.execute(
            f"SELECT id, pickup_code FROM parcels WHERE {column} = ? AND status = 'waiting'",
            (value,),
        ).fetchone()

    def arrive(self, order_id: str, *, parcel_id: str = "") -> Event:
        """到货 by hand, or linked to a parcel already on the shelf; the villager is texted."""
        operator = self._session.require_operator()
        order = self._in_state(order_id, PLACED, SHIPPED)
        code = ""
        if parcel_id:
            waiting = self._waiting_parcel(parcel_id=parcel_id)
            if waiting is None:
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError", "That parcel is not on the shelf; choose one that is."
                    )
                )
            linked = self._conn.execute(
                "SELECT order_no FROM orders WHERE parcel_id = ? AND state = ?",
                (parcel_id, ARRIVED),
            ).fetchone()
            if linked:
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError", "That parcel is already order {order}'s; choose another."
                    ),
                    order=linked[0],
                )
            code = waiting[1]
        with self._log.batch() as batch:
            return record_arrival(
                batch,
                order,
                how="parcel" if parcel_id else "hand",
                operator=operator.id,
                parcel_id=parcel_id,
                code=code,
            )

    def deliver(
        self, order_id: str, *, money: Money | None = None, verified_by: str = "code"
    ) -> Event:
        """交付: the balance taken (or change given, below zero) and how; the linked parcel is
        picked up in the same step. The money must come to the balance exactly."""
        operator = self._session.require_operator()
        order = self._in_state(order_id, ARRIVED)
        moved = money.total if money is not None else 0
        if moved != order.balance_fen:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Order {order} has {balance} still to settle (below zero: change to give); "
                    "the money entered comes to {moved}.",
                ),
                order=order.order_no,
                balance=format_money(order.balance_fen),
                moved=format_money(moved),
            )
        payload: dict[str, Any] = {"balance_fen": order.balance_fen, **_household(order)}
        if money is not None:
            payload["money"] = money.to_payload()
        hand_out = order.parcel_id and self._waiting_parcel(parcel_id=order.parcel_id)
        with self._log.batch() as batch:
            event = batch.append(
                "order.delivered", entity_id=order_id, payload=payload, operator=operator.id
            )
            if hand_out and self._handout is not None:
                how = {"operator": operator.id, "verified_by": verified_by}
                self._handout(batch, order.parcel_id, how)
            cancel_order_text(batch, order_id, operator=operator.id)
            return event

    def cancel(self, order_id: str, *, reason: str, refund: Money | None = None) -> Event:
        """取消 before delivery: the reason, and the deposit given back (never more, by method)."""
        operator = self._session.require_operator()
        order = self._in_state(order_id, *OPEN_STATES)
        reason = checks.checked_reason(reason)
        checks.money_out(refund, _REFUND)
        payload: dict[str, Any] = {"reason": reason, **_household(order)}
        if refund is not None:
            self._check_refund(order, refund, with_delivery=False)
            payload["money"] = refund.to_payload()
        with self._log.batch() as batch:
            event = batch.append(
                "order.cancelled", entity_id=order_id, payload=payload, operator=operator.id
            )
            cancel_order_text(batch, order_id, operator=operator.id)
            return event

    def record_return(
        self, order_id: str, *, reason: str, refund: Money | None = None, return_note: str = ""
    ) -> Event:
        """退货 after delivery: the refund (never more than the villager paid, by method) and a
        note of the return parcel (its waybill, say), if any."""
        operator = self._session.require_operator()
        order = self._in_state(order_id, DELIVERED)
        payload: dict[str, Any] = {"reason": checks.checked_reason(reason), **_household(order)}
        note = checks.checked_note(return_note)
        if note:
            payload["return_note"] = note
        checks.money_out(refund, _REFUND)
        if refund is not None:
            self._check_refund(order, refund, with_delivery=True)
            payload["money"] = refund.to_payload()
        with self._log.batch() as batch:
            return batch.append(
                "order.returned", entity_id=order_id, payload=payload, operator=operator.id
            )

    def _check_refund(self, order: Order, refund: Money, *, with_delivery: bool) -> None:
        types = ("order.created", "order.delivered") if with_delivery else ("order.created",)
        entries = []
        for kind in types:
            for event in self._log.events_of(order.id, type=kind):
                money = money_of(event.payload)
                entries.extend(money.entries if money else ())
        if not entries:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Order {order} took no money from the villager; refund nothing."
                ),
                order=order.order_no,
            )
        refund_within(Money(tuple(entries)), refund)

    # voids --------------------------------------------------------------------------------------

    def undo_last_step(self, order_id: str, *, reason: str) -> Event:
        """A step entered by mistake, voided by the manager: only the order's last step (placed,
        shipped, arrived, cancelled, or the order itself while nothing followed)."""
        manager = self._session.require_manager()
        order = self.get(order_id)
        steps = [
            event
            for event in self._log.events_of(order.id)
            if event.type.startswith("order.") and not self._is_voided(event.id)
        ]
        last = steps[-1]
        if last.type in ("order.delivered", "order.returned"):
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "A delivery or a return is not undone: record a return or a refund instead.",
                )
            )
        return self._log.void(last.id, reason=reason, operator=manager.id)

    def _is_voided(self, event_id: str) -> bool:
        return (
            self._conn.execute(
                "SELECT 1 FROM voided_events WHERE event_id = ?", (event_id,)
            ).fetchone()
            is not None
        )


def _household(order: Order) -> dict[str, str]:
    """The 户编号 on the steps that move money with a registered household (the household log
    keeps each of them); the station's own payment to the platform carries none."""
    return {"household_id": order.household_id} if order.household_id else {}
