"""The items of the order being typed, one row each; Del removes the row chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from stationapp.core.money import format_money
from stationapp.ui.pages.orders.quote import fen_of


class ItemsTable(QTableWidget):
    changed_items = Signal()

    def __init__(self) -> None:
        super().__init__(0, 6)
        self._items: list[dict[str, Any]] = []
        self.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Spec"),
                self.tr("Qty"),
                self.tr("Unit"),
                self.tr("Unit price"),
                self.tr("Amount"),
            ]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.installEventFilter(self)

    def typed(self) -> list[dict[str, Any]]:
        return list(self._items)

    def add(self, item: dict[str, Any]) -> None:
        self._items.append(item)
        self._show()

    def setRowCount(self, rows: int) -> None:
        if rows == 0:
            self._items = []
        super().setRowCount(rows)
        if rows == 0:
            self.changed_items.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:  # type: ignore[attr-defined]
            row = self.currentRow()
            if 0 <= row < len(self._items):
                del self._items[row]
                self._show()
            return True
        return super().eventFilter(watched, event)

    def _show(self) -> None:
        super().setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            price = fen_of(item["unit_price"])
            cells = (
                item["name"],
                item["spec"],
                item["quantity"],
                item["unit"],
                format_money(price) if price is not None else item["unit_price"],
                format_money(item["amount_fen"]),
            )
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
        self.changed_items.emit()
