"""一位村民的代购单 (found as on the new order form: phone tail, name, pinyin initials or the whole
mobile) with the chosen order's return and refunds, and today's totals: orders taken, placed,
arrived, delivered, and the money (the platforms' refunds to the station's accounts apart)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from stationapp.core import Station, phone
from stationapp.core.changes import Changes
from stationapp.core.money import format_money
from stationapp.core.orders import OrderDayTotals
from stationapp.core.orders.store import Order
from stationapp.ui.kit.desk import StepHint, scan_field, section_title
from stationapp.ui.kit.page import PageContext
from stationapp.ui.pages.orders.order_desk import OrderDesk
from stationapp.ui.pages.orders.villagers import find_villagers


@dataclass(frozen=True)
class VillagerOrders:
    query: str
    orders: list[Order]


def orders_of(station: Station, text: str) -> VillagerOrders:
    """Every order of each villager ``text`` finds (by the whole mobile, or as the search finds)."""
    query = text.strip()
    numbers = [phone.normalize_mobile(query)] if phone.is_mobile(query) else []
    numbers += [v.phone for v in find_villagers(station, query) if v.phone]
    orders: dict[str, Order] = {}
    for number in dict.fromkeys(numbers):
        for order in station.orders.of_customer(number):
            orders.setdefault(order.id, order)
    return VillagerOrders(query, list(orders.values()))


class VillagerOrdersPanel(OrderDesk):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.search = scan_field(self.tr("Phone's last 4 digits, whole phone, name or initials"))
        self.search.returnPressed.connect(self.find)
        self.totals = QLabel()
        self.totals.setObjectName("stepHint")
        self.totals.setWordWrap(True)
        self.hint = StepHint()
        self.hint.setText(
            self.tr(
                "On an order: the same letters as on the open orders; R records a return after "
                "delivery. Ctrl+P prints its slip."
            )
            + " "
            + self.tr(
                "B sends a returned order's goods back; F records the platform's refund of a "
                "cancelled or returned order."
            )
        )
        self.query = ""
        row = QHBoxLayout()
        label = QLabel(self.tr("&Villager:"))
        label.setBuddy(self.search)
        row.addWidget(label)
        row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.steps)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(section_title(self.tr("Today")))
        layout.addWidget(self.totals)
        self.setFocusProxy(self.search)

    def on_shown(self) -> None:
        if not self.steps.isVisible():
            self.search.setFocus()
            self.search.selectAll()
        self._read_totals()
        self.refresh()

    def _read_totals(self) -> None:
        self.worker.call(
            self.station.orders.day_totals, on_done=self._show_totals, on_error=self._refuse
        )

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if self.isVisible():
            self._read_totals()

    @Slot()
    def find(self) -> None:
        text = self.search.text().strip()
        if text:
            self.worker.call(
                orders_of, self.station, text, on_done=self._show_found, on_error=self._refuse
            )

    def refresh(self) -> None:
        if self.query:
            self.worker.call(
                orders_of, self.station, self.query, on_done=self._show_found, on_error=self._refuse
            )

    def _show_found(self, found: VillagerOrders) -> None:
        searched = found.query != self.query  # a new search, not the list read again
        self.query = found.query
        self.table.show_orders(found.orders)
        if not searched:
            return
        if found.orders:
            self.message.clear_message()
            self.table.setFocus()
        else:
            self.message.refuse(self.tr("No orders found for {text}.").format(text=found.query))

    def _show_totals(self, day: OrderDayTotals) -> None:
        self.totals.setText(
            self.tr(
                "New {created} (deposits {deposits}), placed {placed} (paid {paid}), arrived "
                "{arrived}, delivered {delivered} (taken {taken}, fees {fees}), cancelled "
                "{cancelled}, returned {returned} (refunded {refunded})."
            ).format(
                created=day.created,
                deposits=format_money(day.deposits_fen),
                placed=day.placed,
                paid=format_money(day.paid_fen),
                arrived=day.arrived,
                delivered=day.delivered,
                taken=format_money(day.taken_fen),
                fees=format_money(day.fees_fen),
                cancelled=day.cancelled,
                returned=day.returned,
                refunded=format_money(day.refunded_fen),
            )
            + " "
            + self.tr(
                "The platforms refunded {money} to the station's accounts (%n time(s)).",
                "",
                day.platform_refunds,
            ).format(money=format_money(day.platform_refunded_fen))
        )
