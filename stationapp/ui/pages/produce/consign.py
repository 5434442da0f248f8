"""代销: a villager's goods taken in to sell for them (consignor, offered as typed with a
registered household marked, as the purchase form offers its sellers; product, grade, unit,
quantity, asking price, commission as a percent or per unit; Enter saves), and the lots to settle
(goods sold, not paid for yet: choose one and Ctrl+J pays the consignor) or still selling."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from stationapp.core.changes import Changes
from stationapp.core.money import format_money
from stationapp.core.phone import mask_phone
from stationapp.core.produce import Lot, Settlement
from stationapp.core.produce import quantities as q
from stationapp.core.produce.settings import DEFAULT_UNIT, GRADES_KEY
from stationapp.ui.kit.desk import Outcome, StepHint, section_title, shortcut
from stationapp.ui.kit.page import PageContext
from stationapp.ui.pages.produce.printouts import (
    Rendered,
    print_rendered,
    render_lot_slip,
    voucher_maker,
)
from stationapp.ui.pages.produce.seller_offers import SellerOffers, household_marker
from stationapp.ui.pages.produce.simple import SavingForm, field_grid, paid_choice
from stationapp.ui.pages.produce.today import fill, table


def _open_or_to_settle(to_settle: list[Lot], still_open: list[Lot]) -> list[Lot]:
    """The lots to settle first, then those with goods still to sell, each once."""
    seen = {lot.id for lot in to_settle}
    return [*to_settle, *(lot for lot in still_open if lot.id not in seen)]


class ConsignPanel(SellerOffers, SavingForm):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lots: list[Lot] = []
        self.consignor = QLineEdit()
        self.consignor.setPlaceholderText(
            self.tr("name, initials, household no. or last 4 digits of the phone")
        )
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("mobile (optional)"))
        self.offer_sellers(self.consignor, self.phone)
        self.product = QLineEdit()
        self.grade = QComboBox()
        self.unit = QComboBox()
        self.unit.addItems(list(q.UNITS))
        self.quantity = QLineEdit()
        self.asking = QLineEdit()
        self.asking.setPlaceholderText(self.tr("yuan per unit"))
        self.commission = QLineEdit()
        self.commission_kind = QComboBox()
        self.commission_kind.addItem(self.tr("% of the proceeds"), "percent")
        self.commission_kind.addItem(self.tr("yuan per unit sold"), "per_unit")
        self.save_button = QPushButton(self.tr("Take in (Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)

        self.to_settle = table(
            [
                self.tr("Consignor"),
                self.tr("Product"),
                self.tr("Taken in"),
                self.tr("Sold"),
                self.tr("Settled"),
                self.tr("Proceeds"),
            ]
        )
        self.paid = paid_choice()
        self.settle_button = QPushButton(self.tr("Settle the lot chosen (Ctrl+J)"))
        self.settle_button.clicked.connect(self.settle)
        self.print_button = QPushButton(self.tr("Print the slip (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_slip)
        settle_row = QHBoxLayout()
        settle_row.addWidget(self.paid)
        settle_row.addWidget(self.settle_button)
        settle_row.addWidget(self.print_button)
        settle_row.addStretch(1)

        self.step = StepHint()
        self.step.setText(
            self.tr("Type what the villager brings to sell; Enter takes it in. Ctrl+J settles.")
        )
        self.message = Outcome()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(
            field_grid(
                [
                    (self.tr("&Consignor:"), [self.consignor, self.household, self.phone]),
                    (self.tr("&Product:"), [self.product, self.grade]),
                    (self.tr("&Quantity:"), [self.quantity, self.unit]),
                    (self.tr("&Asking price:"), [self.asking]),
                    (self.tr("Co&mmission:"), [self.commission, self.commission_kind]),
                ]
            )
        )
        layout.addWidget(self.save_button)
        layout.addWidget(self.step)
        layout.addWidget(self.message)
        layout.addWidget(section_title(self.tr("Consigned lots: to settle, or not sold out")))
        layout.addWidget(self.to_settle, 1)
        layout.addLayout(settle_row)
        fields = [self.consignor, self.phone, self.product, self.quantity, self.asking]
        self.save_on_enter([*fields, self.commission], self.save)
        shortcut(self, "Ctrl+J", self.settle)
        shortcut(self, "Ctrl+P", self.print_slip)
        self.last: tuple[str, Settlement | None] | None = None  # the lot and its settlement

    def on_shown(self) -> None:
        self.worker.call(self._read, on_done=self._shown, on_error=lambda e: None)
        self.consignor.setFocus()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches("produce") and self.isVisible():
            self.on_shown()

    def _read(self) -> dict[str, Any]:
        settings = self.station.settings
        return {
            "grades": list(settings.get(GRADES_KEY)),
            "unit": settings.get(DEFAULT_UNIT),
            "lots": _open_or_to_settle(
                self.station.produce.lots_to_settle(), self.station.produce.open_lots()
            ),
        }

    def _shown(self, read: dict[str, Any]) -> None:
        if self.grade.count() == 0:
            self.grade.addItems(read["grades"])
            self.unit.setCurrentText(read["unit"])
        self.lots = read["lots"]
        fill(
            self.to_settle,
            [
                [
                    lot.consignor_name
                    + (f" {mask_phone(lot.consignor_phone)}" if lot.consignor_phone else ""),
                    f"{lot.product_name} {lot.grade}",
                    f"{lot.quantity} {lot.unit}",
                    f"{lot.sold} {lot.unit}",
                    f"{lot.settled} {lot.unit}",
                    format_money(lot.sold_fen),
                ]
                for lot in self.lots
            ],
        )
        if self.lots:
            self.to_settle.selectRow(0)

    def save(self) -> None:
        if self.offer_open():  # Enter took an offer
            return
        rule = self.commission_kind.currentData()
        self.run(
            self.station.produce.consign,
            self._taken_in,
            consignor=self.consignor.text().strip(),
            consignor_phone=self.phone.text().strip(),
            product=self.product.text().strip(),
            grade=self.grade.currentText(),
            unit=self.unit.currentText(),
            quantity=self.quantity.text().strip(),
            asking_price=self.asking.text().strip(),
            **{f"commission_{rule}": self.commission.text().strip()},
            **self.household_field(),
        )

    def _taken_in(self, lot: Lot) -> None:
        chosen = self.chosen
        marked = chosen is not None and chosen.household_id == lot.household_id
        self.message.succeed(
            self.tr("Taken in {quantity} {unit} {product} from {consignor} to sell.").format(
                quantity=lot.quantity,
                unit=lot.unit,
                product=lot.product_name,
                consignor=lot.consignor_name + (household_marker(chosen) if marked else ""),
            )
        )
        self.last = (lot.id, None)
        for field in (self.consignor, self.phone, self.product, self.quantity, self.asking):
            field.clear()
        self.forget_seller()
        self.consignor.setFocus()
        self.tell(lines=["produce"])

    def settle(self) -> None:
        row = self.to_settle.currentRow()
        if not 0 <= row < len(self.lots):
            self.message.refuse(self.tr("Choose a lot in the list first."))
            return
        lot = self.lots[row]
        self.run(
            self.station.produce.settle,
            lambda settlement: self._settled(lot, settlement),
            lot_id=lot.id,
            paid=self.paid.currentData(),
        )

    def _settled(self, lot: Lot, settlement: Settlement) -> None:
        self.last = (lot.id, settlement)
        self.message.succeed(
            self.tr("Settled: pay {consignor} {amount} (commission {commission}).").format(
                consignor=lot.consignor_name,
                amount=format_money(settlement.paid_fen),
                commission=format_money(settlement.commission_fen),
            )
        )
        self.tell(lines=["produce"])

    def print_slip(self) -> None:
        """Ctrl+P: the slip of the lot just taken in, or of the settlement just made."""
        if self.last is None:
            self.message.refuse(self.tr("Take in or settle a lot first; then Ctrl+P prints."))
            return
        if voucher_maker("consignment_slip") is None:
            self.message.refuse(self.tr("This station cannot print consignment slips yet."))
            return
        lot_id, settlement = self.last
        self.worker.call(
            render_lot_slip,
            self.station,
            lot_id,
            settlement=settlement,
            operator_name=self.operator.name,
            on_done=self._print,
            on_error=lambda error: self.message.refuse(str(error)),
        )

    def _print(self, rendered: Rendered) -> None:
        if print_rendered(rendered, self):
            self.message.show_success(self.tr("The slip was printed or saved."))
        else:
            self.message.show_success(self.tr("Printing was cancelled."))
