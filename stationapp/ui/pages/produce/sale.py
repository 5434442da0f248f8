"""上行: a sale to a buyer through a channel, one line at a time: from the station's own stock or
from a consigned lot (chosen in one list), quantity, unit price, paid how; Enter saves."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from stationapp.core.changes import Changes
from stationapp.core.money import format_money
from stationapp.core.produce import Sale
from stationapp.core.produce import quantities as q
from stationapp.ui.kit.desk import Outcome, StepHint, section_title, shortcut
from stationapp.ui.kit.page import PageContext
from stationapp.ui.pages.produce.simple import SavingForm, field_grid, paid_choice
from stationapp.ui.pages.produce.today import fill, table
from stationapp.ui.pages.produce.voids import VOID_KEY, RecordVoid


class SalePanel(SavingForm):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.buyer = QLineEdit()
        self.channel = QComboBox()
        self.channel.addItems(list(q.CHANNELS))
        self.goods = QComboBox()
        self.quantity = QLineEdit()
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("yuan per unit"))
        self.paid = paid_choice()
        self.save_button = QPushButton(self.tr("Save sale (Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.sales = table(
            [self.tr("Buyer"), self.tr("Channel"), self.tr("Goods"), self.tr("Amount")]
        )
        self.step = StepHint()
        self.step.setText(
            self.tr("Choose the goods, type the quantity and the price; Enter saves.")
        )
        self.message = Outcome()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(
            field_grid(
                [
                    (self.tr("&Buyer:"), [self.buyer, self.channel]),
                    (self.tr("&Goods:"), [self.goods]),
                    (self.tr("&Quantity:"), [self.quantity]),
                    (self.tr("Unit p&rice:"), [self.price, self.paid]),
                ]
            )
        )
        layout.addWidget(self.save_button)
        layout.addWidget(self.step)
        layout.addWidget(self.message)
        layout.addWidget(
            section_title(self.tr("Today's sales (Ctrl+U: the manager voids the one chosen)"))
        )
        layout.addWidget(self.sales, 1)
        self.save_on_enter([self.buyer, self.quantity, self.price], self.save)
        self.voids = RecordVoid(
            self,
            self.sales,
            self.message,
            self.tr("Why is this sale voided? (e.g. the buyer called it off, entered twice)"),
        )
        shortcut(self, VOID_KEY, self.voids.ask)

    def on_shown(self) -> None:
        self.worker.call(self._read, on_done=self._shown, on_error=lambda e: None)
        self.buyer.setFocus()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches("produce") and self.isVisible():
            self.on_shown()

    def _read(self) -> dict[str, Any]:
        produce = self.station.produce
        return {"stock": produce.stock(), "lots": produce.open_lots(), "sales": produce.sales_on()}

    def _shown(self, read: dict[str, Any]) -> None:
        chosen = self.goods.currentData()
        self.goods.clear()
        for s in read["stock"]:
            if s.own != "0":
                line = {"product": s.product, "grade": s.grade, "unit": s.unit}
                text = self.tr("Own stock: {product} {grade}, {quantity} {unit}").format(
                    product=s.product_name, grade=s.grade, quantity=s.own, unit=s.unit
                )
                self.goods.addItem(text, line)
        for lot in read["lots"]:
            text = self.tr("Consigned by {name}: {product} {grade}, {left} {unit} left").format(
                name=lot.consignor_name,
                product=lot.product_name,
                grade=lot.grade,
                left=lot.left,
                unit=lot.unit,
            )
            self.goods.addItem(text, {"lot": lot.id})
        if chosen is not None:
            found = next(
                (i for i in range(self.goods.count()) if self.goods.itemData(i) == chosen), -1
            )
            self.goods.setCurrentIndex(max(found, 0))
        fill(
            self.sales,
            [
                [
                    sale.buyer,
                    sale.channel,
                    ", ".join(f"{ln.product_name} {ln.quantity}{ln.unit}" for ln in sale.lines),
                    format_money(sale.amount_fen),
                ]
                for sale in reversed(read["sales"])
            ],
        )
        self.voids.ids = [sale.id for sale in reversed(read["sales"])]

    def save(self) -> None:
        goods = self.goods.currentData()
        if goods is None:
            self.message.refuse(self.tr("There is nothing in stock or consigned to sell."))
            return
        line = {
            **goods,
            "quantity": self.quantity.text().strip(),
            "unit_price": self.price.text().strip(),
        }
        self.run(
            self.station.produce.sell,
            self._sold,
            buyer=self.buyer.text().strip(),
            channel=self.channel.currentText(),
            lines=[line],
            paid=self.paid.currentData(),
        )

    def _sold(self, sale: Sale) -> None:
        self.message.succeed(
            self.tr("Sold to {buyer}: {amount} received.").format(
                buyer=sale.buyer, amount=format_money(sale.amount_fen)
            )
        )
        self.quantity.clear()
        self.price.clear()
        self.quantity.setFocus()
        self.tell(lines=["produce"])
