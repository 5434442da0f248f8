"""Reading the orders: one order, the open ones by state (and the overdue: placed, not arrived
after ``orders.overdue_days``), a villager's, and the business day's totals. Each query walks an
index of ``015_orders``, so none grows with the history. Mixed into ``Orders``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from stationapp.core import clock, phone
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.orders.store import (
    OPEN_STATES,
    PLACED,
    SHIPPED,
    STATE_NAMES,
    Order,
    read_order,
)

OVERDUE = "overdue"
LIST_LIMIT = 200


@dataclass(frozen=True)
class OrderDayTotals:
    """One business day of proxy purchase: how many orders each step saw and the money."""

    created: int
    deposits_fen: int
    placed: int
    paid_fen: int  # paid out to the platforms from the station's accounts
    arrived: int
    delivered: int
    taken_fen: int  # balances taken at delivery (change given counts against it)
    fees_fen: int  # service fees of the orders delivered
    cancelled: int
    returned: int
    refunded_fen: int  # deposits and returns given back
    platform_refunds: int = 0  # refunds the platforms made to the station's accounts
    platform_refunded_fen: int = 0  # what they came to (money in, not the villagers')


class OrderReading:
    """Reading, as ``st.orders`` does it: see :class:`~stationapp.core.orders.facade.Orders`."""

    def get(self, order_id: str) -> Order:
        order = read_order(self._conn, order_id)
        if order is None:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "There is no order {order}; search for it by the villager."
                ),
                order=order_id,
            )
        if order.household_id:
            household = self._county.household(order.household_id)
            if household is not None:
                kind = household.monitoring_type or household.household_type
                order = replace(order, household_kind=kind)
        return order

    def _in_state(self, order_id: str, *states: str) -> Order:
        """The order, when it is in one of ``states``; else the step is refused (StateError)."""
        order = self.get(order_id)
        if order.state not in states:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Order {order} is {state}; that step cannot be taken now.",
                ),
                order=order.order_no,
                state=STATE_NAMES[order.state],
            )
        return order

    def _list(self, where: str, params: tuple, limit: int = LIST_LIMIT) -> list[Order]:
        rows = self._conn.execute(
            f"SELECT id FROM orders WHERE {where} LIMIT ?", (*params, limit)
        ).fetchall()
        return [self.get(row[0]) for row in rows]

    def open_orders(self, state: str) -> list[Order]:
        """The open orders in one state, oldest first: ``to_place``, ``placed``, ``shipped``,
        ``arrived``, or ``overdue`` (placed or shipped, not arrived after the setting's days)."""
        if state == OVERDUE:
            start, _ = clock.business_day_bounds(
                clock.business_day() - timedelta(days=self._overdue_days())
            )
            cutoff = clock.format_iso(start)
            return [
                order
                for wanted in (PLACED, SHIPPED)
                for order in self._list(
                    "state = ? AND placed_at < ? ORDER BY placed_at", (wanted, cutoff)
                )
            ]
        if state not in OPEN_STATES:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "Choose which open orders to show: {states}."),
                states=", ".join((*OPEN_STATES, OVERDUE)),
            )
        return self._list("state = ? ORDER BY created_at", (state,))

    def _overdue_days(self) -> int:
        return int(self._settings.get("orders.overdue_days"))

    def of_customer(self, mobile: str, *, limit: int = 50) -> list[Order]:
        """A villager's orders by their phone, newest first."""
        number = phone.normalize_mobile(mobile)
        return self._list("customer_phone = ? ORDER BY created_at DESC", (number,), limit)

    def open_count(self) -> int:
        marks = ", ".join("?" * len(OPEN_STATES))
        return self._conn.execute(
            f"SELECT count(*) FROM orders WHERE state IN ({marks})", OPEN_STATES
        ).fetchone()[0]

    def day_totals(self, day: date | None = None) -> OrderDayTotals:
        """The business day's orders and money, from the steps taken that day."""
        day = day or clock.business_day()
        bounds = tuple(clock.format_iso(t) for t in clock.business_day_bounds(day))

        def sums(step: str, *columns: str) -> tuple[int, ...]:
            picked = "".join(f", coalesce(sum({c}), 0)" for c in columns)
            return self._conn.execute(
                f"SELECT count(*){picked} FROM orders WHERE {step}_at >= ? AND {step}_at < ?"
                " AND state != 'voided'",
                bounds,
            ).fetchone()

        created, deposits = sums("created", "deposit_fen")
        placed, paid = sums("placed", "paid_fen")
        (arrived,) = sums("arrived")
        delivered, taken, fees = sums("delivered", "taken_fen", "fee_fen")
        cancelled, refunds_cancelled = sums("cancelled", "refunded_fen")
        returned, refunds_returned = sums("returned", "refunded_fen")
        platform_refunds, platform_refunded = self._conn.execute(
            "SELECT count(*), coalesce(sum(fen), 0) FROM order_platform_refunds"
            " WHERE refunded_at >= ? AND refunded_at < ?",
            bounds,
        ).fetchone()
        return OrderDayTotals(
            created=created,
            deposits_fen=deposits,
            placed=placed,
            paid_fen=paid,
            arrived=arrived,
            delivered=delivered,
            taken_fen=taken,
            fees_fen=fees,
            cancelled=cancelled,
            returned=returned,
            refunded_fen=refunds_cancelled + refunds_returned,
            platform_refunds=platform_refunds,
            platform_refunded_fen=platform_refunded,
        )

    def arrived_today(self) -> int:
        start, end = (clock.format_iso(t) for t in clock.business_day_bounds(clock.business_day()))
        return self._conn.execute(
            "SELECT count(*) FROM orders WHERE arrived_at >= ? AND arrived_at < ?", (start, end)
        ).fetchone()[0]
