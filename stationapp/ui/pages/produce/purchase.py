"""收购: the purchase form. Seller (offered by name, initials, 户编号 or phone tail, a
registered household marked: ``seller_offers``), product (the county's catalog offered as typed),
grade, unit, quantity (from the scale when there is one: F8 takes the stable net weight, F7 the
tare), unit price beside the catalog's reference, the amount computed live, paid how; Enter
saves. Today's purchases and the stock below."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.core.changes import Changes
from stationapp.core.county.reference import CatalogItem
from stationapp.core.errors import UserError
from stationapp.core.money import METHODS, format_money
from stationapp.core.produce import PriceFarFromReference, Purchase
from stationapp.core.produce import quantities as q
from stationapp.core.produce.settings import DEFAULT_UNIT, GRADES_KEY
from stationapp.scales import Tare
from stationapp.ui.kit.desk import Outcome, StepHint, ask_no_by_default, shortcut
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.produce.printouts import (
    Rendered,
    print_rendered,
    render_purchase_voucher,
    voucher_maker,
)
from stationapp.ui.pages.produce.scale import ScaleLabel, ScaleLink, ScaleTester
from stationapp.ui.pages.produce.scale_keys import ScaleKeys
from stationapp.ui.pages.produce.seller_offers import SellerOffers
from stationapp.ui.pages.produce.today import TodayPanel
from stationapp.ui.pages.produce.voids import VOID_KEY, RecordVoid
from stationapp.ui.pages.produce.words import method_words

SCALE_STYLE = """
QLabel#scaleReading { font-size: 22px; font-weight: bold; color: #24435c; }
QLabel#scaleReading[state="stable"] { color: #1f6f3f; }
QLabel#scaleReading[state="problem"] { color: #b00020; font-size: 17px; }
"""
WEIGH_KEY = Qt.Key.Key_F8
TARE_KEY = Qt.Key.Key_F7


def reference_fen(item: CatalogItem | None, unit: str) -> int | None:
    """The catalog's reference price per ``unit`` (斤 and kg convert), as the core checks it."""
    if item is None or not item.price_fen or not item.unit:
        return None
    if item.unit == unit:
        return item.price_fen
    per = q.GRAMS_PER_UNIT
    if item.unit in per and unit in per:
        return item.price_fen * per[unit] // per[item.unit]
    return None


class PurchasePanel(ScaleKeys, SellerOffers, Page):
    """The 收购 desk; the scale link lives while the page does (``stop_scale`` ends it)."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.catalog: dict[str, CatalogItem] = {}
        self.tare: Tare | None = None
        self.weighing: dict[str, str] | None = None  # the scale's, until the quantity is edited
        self.busy = False
        self.last: Purchase | None = None
        self.last_weighing: dict[str, str] | None = None
        self.link: ScaleLink | None = None
        self.tester: ScaleTester | None = None
        self.check_seconds = 3.0

        self.seller = QLineEdit()
        self.seller.setPlaceholderText(self.tr("name, initials or last 4 digits of the phone"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("mobile (optional)"))
        self.offer_sellers(self.seller, self.phone)

        self.product = QLineEdit()
        self.product.setPlaceholderText(self.tr("catalog name or code, or type a new one"))
        self.product_completer = QCompleter(QStringListModel(self), self)
        self.product_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.product.setCompleter(self.product_completer)
        self.product.textChanged.connect(self._recompute)
        self.grade = QComboBox()
        self.unit = QComboBox()
        self.unit.addItems(list(q.UNITS))
        self.unit.currentTextChanged.connect(self._unit_changed)

        self.quantity = QLineEdit()
        self.quantity.textEdited.connect(self._quantity_typed)
        self.quantity.textChanged.connect(self._recompute)
        self.scale_label = ScaleLabel()
        self.setStyleSheet(SCALE_STYLE)
        self.scale_keys = QLabel(self.tr("F8 take the weight · F7 tare · Ctrl+T test"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("yuan per unit"))
        self.price.textChanged.connect(self._recompute)
        self.reference = QLabel()
        self.amount = QLabel()
        self.amount.setObjectName("bigFigure")

        self.paid_by = QButtonGroup(self)
        paid_row = QHBoxLayout()
        for number, method in enumerate(METHODS, start=1):
            button = QRadioButton(f"{method_words(method)} Alt+{number}")
            button.setProperty("method", method)
            self.paid_by.addButton(button, number)
            paid_row.addWidget(button)
        self.paid_by.button(1).setChecked(True)
        paid_row.addStretch(1)

        self.save_button = QPushButton(self.tr("Save purchase (Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.voucher_button = QPushButton(self.tr("Print voucher (Ctrl+P)"))
        self.voucher_button.clicked.connect(self.print_voucher)
        self.voucher_button.setEnabled(False)
        self.step = StepHint()
        self.message = Outcome()
        self.today = TodayPanel()
        self.voids = RecordVoid(
            self,
            self.today.purchases,
            self.message,
            self.tr("Why is this purchase voided? (e.g. weighed wrong, entered twice)"),
        )

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        rows: list[tuple[str, list[QWidget]]] = [
            (self.tr("&Seller:"), [self.seller, self.household, self.phone]),
            (self.tr("&Product:"), [self.product, self.grade, self.unit]),
            (self.tr("&Quantity:"), [self.quantity, self.scale_label, self.scale_keys]),
            (self.tr("Unit p&rice:"), [self.price, self.reference, self.amount]),
        ]
        for r, (text, widgets) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(widgets[0])
            grid.addWidget(label, r, 0)
            for c, widget in enumerate(widgets, start=1):
                grid.addWidget(widget, r, c)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Paid by:")))
        buttons.addLayout(paid_row, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.voucher_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.step)
        layout.addWidget(self.message)
        layout.addWidget(self.today, 1)

        for field in (self.seller, self.phone, self.product, self.quantity, self.price):
            field.returnPressed.connect(self.save)
        shortcut(self, WEIGH_KEY, self.take_weight)
        shortcut(self, TARE_KEY, self.take_tare)
        shortcut(self, "Ctrl+T", self.test_scale)
        shortcut(self, "Ctrl+P", self.print_voucher)
        shortcut(self, VOID_KEY, self.voids.ask)
        for number in range(1, len(METHODS) + 1):
            shortcut(self, f"Alt+{number}", self.paid_by.button(number).click)
        self.setTabOrder(self.seller, self.phone)
        self.setTabOrder(self.phone, self.product)
        self.setTabOrder(self.product, self.grade)
        self.setTabOrder(self.grade, self.unit)
        self.setTabOrder(self.unit, self.quantity)
        self.setTabOrder(self.quantity, self.price)
        self.scale_label.hide()
        self.scale_keys.hide()
        self.step.setText(
            self.tr("Type the seller, the product, the quantity and the price; Enter saves.")
        )
        self._recompute()

    # --- the page --------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.worker.call(self._read_setup, on_done=self._setup_read, on_error=self._refused)
        self.refresh()
        self.seller.setFocus()

    def on_changed(self, changes: Changes) -> None:
        if changes.changed_setting("scale.", "produce."):
            self.stop_scale()  # read again with the new port, speed or model
            self.scale_label.hide()
            self.scale_keys.hide()
            self.worker.call(self._read_setup, on_done=self._setup_read, on_error=self._refused)
        if changes.touches("produce") and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.worker.call(self._read_today, on_done=self._today_read, on_error=self._refused)

    def _read_setup(self) -> dict[str, Any]:
        settings = self.station.settings
        return {
            "grades": list(settings.get(GRADES_KEY)),
            "unit": settings.get(DEFAULT_UNIT),
            "catalog": self.station.county.catalog(),
            "scale": {k: settings.get(k) for k in ("scale.port", "scale.baudrate", "scale.model")},
        }

    def _setup_read(self, setup: dict[str, Any]) -> None:
        grade = self.grade.currentText()
        self.grade.clear()
        self.grade.addItems(setup["grades"])
        if grade in setup["grades"]:
            self.grade.setCurrentText(grade)
        if not self.quantity.text():
            self.unit.setCurrentText(setup["unit"])
        self.catalog = {}
        for item in setup["catalog"]:
            self.catalog[item.name] = item
            self.catalog[item.code] = item
        self.product_completer.model().setStringList(sorted({i.name for i in setup["catalog"]}))
        if self.link is None:
            self.start_scale(setup["scale"])
        self._recompute()

    def _read_today(self) -> tuple[Any, Any]:
        return self.station.produce.purchases_on(), self.station.produce.stock()

    def _today_read(self, read: tuple[Any, Any]) -> None:
        self.today.show_day(read[0])
        self.voids.ids = [p.id for p in reversed(read[0].purchases)]
        self.today.show_stock(read[1])

    # --- as the operator types -------------------------------------------------------------------

    def _quantity_typed(self, _text: str) -> None:
        self.weighing = None  # a typed figure is typed, whatever the scale said

    def _unit_changed(self, unit: str) -> None:
        self.scale_label.set_unit(unit)
        self.weighing = None
        self._recompute()

    def _recompute(self) -> None:
        """The reference price beside the price, the amount as the core will round it."""
        reference = reference_fen(
            self.catalog.get(self.product.text().strip()), self.unit.currentText()
        )
        self.reference.setText(
            self.tr("Reference {price}/{unit}").format(
                price=format_money(reference), unit=self.unit.currentText()
            )
            if reference is not None
            else ""
        )
        self.amount.setText(format_money(self.amount_now() or 0))

    def amount_now(self) -> int | None:
        try:
            quantity = q.parse_quantity(self.quantity.text())
            return q.amount_fen(quantity, q.unit_price_fen(self.price.text().strip()))
        except (UserError, ValueError, ArithmeticError):
            return None

    # --- saving ----------------------------------------------------------------------------------

    def form(self) -> dict[str, Any]:
        button = self.paid_by.checkedButton()
        fields: dict[str, Any] = {
            "seller": self.seller.text().strip(),
            "seller_phone": self.phone.text().strip(),
            "product": self.product.text().strip(),
            "grade": self.grade.currentText(),
            "unit": self.unit.currentText(),
            "quantity": self.quantity.text().strip(),
            "unit_price": self.price.text().strip(),
            "paid": button.property("method") if button else "cash",
        }
        fields.update(self.household_field())
        if self.weighing is not None:
            fields["weighing"] = dict(self.weighing)
        return fields

    def save(self, *, confirm_price: bool = False) -> None:
        if self.busy or self.offer_open():
            return
        self.busy = True
        fields = self.form()
        self.call_holding_keys(
            self.station.produce.buy,
            **fields,
            confirm_price=confirm_price,
            on_done=lambda purchase: self._saved(purchase, fields.get("weighing")),
            on_error=lambda error: self._save_refused(error, fields),
        )

    def _saved(self, purchase: Purchase, weighing: dict[str, str] | None = None) -> None:
        self.busy = False
        self.last = purchase
        self.last_weighing = weighing
        self.voucher_button.setEnabled(voucher_maker() is not None)
        self.message.succeed(
            self.tr("Bought {quantity} {unit} {product} from {seller}: pay {amount}.").format(
                quantity=purchase.quantity,
                unit=purchase.unit,
                product=purchase.product_name,
                seller=purchase.seller_name,
                amount=format_money(purchase.amount_fen),
            )
        )
        for field in (self.seller, self.phone, self.quantity, self.price):
            field.clear()
        self.forget_seller()
        self.weighing = None
        # the basket's tare stays for the next purchase: the same basket is weighed again
        self.seller.setFocus()
        self.tell(lines=["produce"])

    def _save_refused(self, error: UserError, fields: dict[str, Any]) -> None:
        self.busy = False
        if isinstance(error, PriceFarFromReference):
            self.message.refuse(str(error))
            ask_no_by_default(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Check the price"),
                str(error) + "\n\n" + self.tr("Buy at this price? Y: yes, N: no."),
                name="confirmPrice",
                on_answer=lambda _box, yes: self.save(confirm_price=True) if yes else None,
            )
            return
        self.message.refuse(str(error))

    def _refused(self, error: UserError) -> None:
        self.message.refuse(str(error))

    # --- the voucher -----------------------------------------------------------------------------

    def print_voucher(self) -> None:
        """Ctrl+P: the voucher of the purchase just saved, for the seller to sign."""
        if self.last is None:
            self.message.refuse(self.tr("Save a purchase first; then Ctrl+P prints its voucher."))
            return
        if voucher_maker() is None:
            self.message.refuse(self.tr("This station cannot print purchase vouchers yet."))
            return
        self.worker.call(
            render_purchase_voucher,
            self.station,
            self.last.id,
            weighing=self.last_weighing,
            operator_name=self.operator.name,
            on_done=self._print,
            on_error=self._refused,
        )

    def _print(self, rendered: Rendered) -> None:
        if print_rendered(rendered, self):
            self.message.show_success(self.tr("The purchase voucher was printed or saved."))
        else:
            self.message.show_success(self.tr("Printing was cancelled."))
        self.seller.setFocus()
