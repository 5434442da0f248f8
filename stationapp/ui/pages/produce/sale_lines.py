"""The sale being typed: the goods it may draw on (the station's own stock of a product and grade,
or one consigned lot, each with what is there) and its lines so far, one table row each; Del
removes the line chosen. What a line may take is what is there less what earlier lines take."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from stationapp.core.money import format_money
from stationapp.core.produce import Lot, StockLine
from stationapp.core.produce.quantities import decimal_text
from stationapp.ui.pages.produce.today import table


@dataclass(frozen=True)
class Goods:
    """One goods choice: ``key`` names it, ``drawn`` is what a sale line says to the core."""

    key: tuple[str, ...]
    drawn: dict[str, str]
    product_name: str
    grade: str
    unit: str
    available: Decimal
    consignor: str = ""

    @property
    def name(self) -> str:
        return f"{self.product_name} {self.grade}"


def own_goods(stock: StockLine) -> Goods:
    return Goods(
        key=("own", stock.product, stock.grade, stock.unit),
        drawn={"product": stock.product, "grade": stock.grade, "unit": stock.unit},
        product_name=stock.product_name,
        grade=stock.grade,
        unit=stock.unit,
        available=Decimal(stock.own),
    )


def lot_goods(lot: Lot) -> Goods:
    return Goods(
        key=("lot", lot.id),
        drawn={"lot": lot.id},
        product_name=lot.product_name,
        grade=lot.grade,
        unit=lot.unit,
        available=Decimal(lot.left),
        consignor=lot.consignor_name,
    )


def goods_column_wide(view: QTableWidget, column: int) -> None:
    """The goods column takes the room left; the figures are as wide as they need."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


@dataclass(frozen=True)
class TypedLine:
    """A line of the sale being typed, checked against what is there."""

    goods: Goods
    quantity: Decimal
    price_fen: int
    amount_fen: int

    def for_sale(self) -> dict[str, Any]:
        """The line as ``st.produce.sell`` takes it (the price in fen)."""
        return {
            **self.goods.drawn,
            "quantity": decimal_text(self.quantity),
            "unit_price": self.price_fen,
        }


class SaleLines(QTableWidget):
    """The lines of the sale being typed; ``lines_changed`` after one is added or removed."""

    lines_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        headers = [self.tr("Goods"), self.tr("Quantity"), self.tr("Unit price"), self.tr("Amount")]
        table(headers, view=self)
        goods_column_wide(self, 0)
        self._lines: list[TypedLine] = []
        self.installEventFilter(self)

    def lines(self) -> list[TypedLine]:
        return list(self._lines)

    def taken(self, key: tuple[str, ...]) -> Decimal:
        """What this sale's lines take of one goods choice."""
        return sum((ln.quantity for ln in self._lines if ln.goods.key == key), Decimal(0))

    def total_fen(self) -> int:
        return sum(ln.amount_fen for ln in self._lines)

    def add(self, line: TypedLine) -> None:
        self._lines.append(line)
        self._show()
        self.selectRow(len(self._lines) - 1)

    def remove_chosen(self) -> None:
        row = self.currentRow()
        if 0 <= row < len(self._lines):
            del self._lines[row]
            self._show()
            if self._lines:
                self.selectRow(min(row, len(self._lines) - 1))

    def clear_lines(self) -> None:
        self._lines = []
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:  # type: ignore[attr-defined]
            self.remove_chosen()
            return True
        return super().eventFilter(watched, event)

    def _show(self) -> None:
        self.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            goods = line.goods
            name = f"{goods.name} ({goods.consignor})" if goods.consignor else goods.name
            cells = (
                name,
                f"{decimal_text(line.quantity)} {goods.unit}",
                format_money(line.price_fen),
                format_money(line.amount_fen),
            )
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
        self.lines_changed.emit()
