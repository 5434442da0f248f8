"""Under the purchase form: today's purchases with their totals (weight, amount, households) and
the stock, each a plain table redrawn from the core's reads."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import clock
from stationapp.core.money import format_money
from stationapp.core.phone import mask_phone
from stationapp.core.produce import PurchaseDay, StockLine
from stationapp.ui.kit.desk import section_title


def table(headers: list[str], view: QTableWidget | None = None) -> QTableWidget:
    """A read-only table of whole rows with stretched columns (``view`` set up so, if given)."""
    view = view if view is not None else QTableWidget()
    view.setColumnCount(len(headers))
    view.setHorizontalHeaderLabels(headers)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


def fill(view: QTableWidget, rows: list[list[str]]) -> None:
    view.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            view.setItem(r, c, QTableWidgetItem(text))


class TodayPanel(QWidget):
    """Today's purchases (left) and the stock (right)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purchases = table(
            [
                self.tr("Time"),
                self.tr("Seller"),
                self.tr("Product"),
                self.tr("Quantity"),
                self.tr("Amount"),
                self.tr("Weighed"),
            ]
        )
        self.totals = QLabel()
        self.totals.setObjectName("stepHint")
        self.stock = table(
            [self.tr("Product"), self.tr("Grade"), self.tr("Own"), self.tr("Consigned")]
        )
        left = QVBoxLayout()
        left.addWidget(
            section_title(self.tr("Today's purchases (Ctrl+U: the manager voids the one chosen)"))
        )
        left.addWidget(self.purchases, 1)
        left.addWidget(self.totals)
        right = QVBoxLayout()
        right.addWidget(section_title(self.tr("Stock")))
        right.addWidget(self.stock, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def show_day(self, day: PurchaseDay) -> None:
        rows = []
        for p in reversed(day.purchases):
            seller = p.seller_name + (f" {mask_phone(p.seller_phone)}" if p.seller_phone else "")
            if p.household_id:
                seller += self.tr(" (household)")
            rows.append(
                [
                    clock.minute_text(p.bought_at)[-5:],
                    seller,
                    f"{p.product_name} {p.grade}",
                    f"{p.quantity} {p.unit}",
                    format_money(p.amount_fen),
                    self.tr("scale") if p.source == "scale" else self.tr("typed"),
                ]
            )
        fill(self.purchases, rows)
        self.totals.setText(
            self.tr(
                "Today: {count} purchases, {jin} jin ({kg} kg), {amount},"
                " {households} registered households"
            ).format(
                count=day.count,
                jin=day.jin,
                kg=day.kg,
                amount=format_money(day.amount_fen),
                households=day.households,
            )
        )

    def show_stock(self, stock: list[StockLine]) -> None:
        fill(
            self.stock,
            [
                [s.product_name, s.grade, f"{s.own} {s.unit}", f"{s.consigned} {s.unit}"]
                for s in stock
            ],
        )
