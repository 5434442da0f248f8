"""A table of orders, one row each, as both the open list and a villager's orders show them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from stationapp.core import clock
from stationapp.core.money import format_money
from stationapp.core.orders.store import Order
from stationapp.core.phone import mask_phone
from stationapp.ui.pages.orders.words import state_word


class OrdersTable(QTableWidget):
    orders_shown = Signal()  # the orders were read again (the chosen one may have changed)

    def __init__(self) -> None:
        super().__init__(0, 8)
        self.orders: list[Order] = []
        self.setHorizontalHeaderLabels(
            [
                self.tr("Order"),
                self.tr("Villager"),
                self.tr("Items"),
                self.tr("Platform"),
                self.tr("State"),
                self.tr("Total"),
                self.tr("Still owed"),
                self.tr("Days"),
            ]
        )
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(36)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def show_orders(self, orders: list[Order]) -> None:
        keep = self.current_order()
        self.orders = orders
        self.setRowCount(len(orders))
        today = clock.business_day()
        for row, order in enumerate(orders):
            items = "、".join(f"{i.name}×{i.quantity}{i.unit}" for i in order.items)
            days = (today - clock.business_day(order.created_at)).days
            cells = (
                order.order_no,
                f"{order.customer_name} {mask_phone(order.customer_phone)}",
                items,
                order.platform,
                state_word(order.state),
                format_money(order.total_fen),
                format_money(order.balance_fen) if order.is_open else "",
                str(days),
            )
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
        ids = [o.id for o in orders]
        if orders:
            self.selectRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        self.orders_shown.emit()

    def current_order(self) -> Order | None:
        row = self.currentRow()
        return self.orders[row] if 0 <= row < len(self.orders) else None
