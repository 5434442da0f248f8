"""上行: a whole sale to a buyer through a channel. Its lines are drawn from the station's own
stock (product and grade) or from consigned lots, each with quantity and unit price; Enter in the
price adds the line, Del removes the one chosen, Ctrl+Enter saves the sale as one event. Each
goods choice shows what is left once this sale's lines are taken; a line beyond it is refused
here before anything is written (and the core refuses it again)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.money import format_money
from stationapp.core.produce import Sale
from stationapp.core.produce import quantities as q
from stationapp.core.produce.selling import MAX_LINES
from stationapp.ui.kit.desk import Outcome, StepHint, section_title, shortcut
from stationapp.ui.kit.page import PageContext
from stationapp.ui.pages.produce.sale_lines import (
    Goods,
    SaleLines,
    TypedLine,
    goods_column_wide,
    lot_goods,
    own_goods,
)
from stationapp.ui.pages.produce.simple import SavingForm, paid_choice
from stationapp.ui.pages.produce.today import fill, table
from stationapp.ui.pages.produce.voids import VOID_KEY, RecordVoid

SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SalePanel(SavingForm):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.choices: list[Goods] = []
        self.buyer = QLineEdit()
        self.buyer.setPlaceholderText(self.tr("the buyer's name"))
        self.channel = QComboBox()
        self.channel.addItems(list(q.CHANNELS))
        self.goods = QComboBox()
        self.quantity = QLineEdit()
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("yuan per unit"))
        self.line_amount = QLabel()
        self.quantity.textChanged.connect(self._show_line_amount)
        self.price.textChanged.connect(self._show_line_amount)
        self.add_button = QPushButton(self.tr("Add the line (Enter)"))
        self.add_button.clicked.connect(self.add_line)
        self.lines = SaleLines()
        self.lines.lines_changed.connect(self._lines_changed)
        self.total = QLabel()
        self.total.setObjectName("sectionTitle")
        self.paid = paid_choice()
        self.save_button = QPushButton(self.tr("Save the sale (Ctrl+Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.sales = table(
            [self.tr("Buyer"), self.tr("Channel"), self.tr("Goods"), self.tr("Amount")]
        )
        goods_column_wide(self.sales, 2)
        self.step = StepHint()
        self.step.setText(
            self.tr(
                "Choose the goods, type the quantity and the price; Enter adds the line. "
                "Del removes the line chosen; Ctrl+Enter saves the sale."
            )
        )
        self.message = Outcome()
        self._lay_out()
        self.buyer.returnPressed.connect(self.channel.setFocus)
        self.quantity.returnPressed.connect(self.price.setFocus)
        self.price.returnPressed.connect(self.add_line)
        for combo in (self.channel, self.goods, self.paid):
            combo.installEventFilter(self)
        for keys in SAVE_KEYS:
            shortcut(self, keys, self.save)
        self.voids = RecordVoid(
            self,
            self.sales,
            self.message,
            self.tr("Why is this sale voided? (e.g. the buyer called it off, entered twice)"),
        )
        shortcut(self, VOID_KEY, self.voids.ask)
        self._lines_changed()

    def _lay_out(self) -> None:
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        rows = (
            (self.tr("&Buyer:"), self.buyer, self.channel),
            (self.tr("&Goods:"), self.goods, None),
            (self.tr("&Quantity:"), self.quantity, self.line_amount),
            (self.tr("Unit p&rice:"), self.price, self.add_button),
        )
        for r, (text, field, beside) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(field)
            form.addWidget(label, r, 0)
            form.addWidget(field, r, 1, 1, 1 if beside else 2)
            if beside:
                form.addWidget(beside, r, 2)
        form.setColumnStretch(1, 2)
        form.setColumnStretch(2, 1)
        paid_row = QHBoxLayout()
        paid_row.addWidget(self.total, 1)
        paid_row.addWidget(QLabel(self.tr("Paid by:")))
        paid_row.addWidget(self.paid)
        paid_row.addWidget(self.save_button)
        left = QVBoxLayout()
        left.addWidget(section_title(self.tr("This sale (Del: remove a line)")))
        left.addWidget(self.lines, 1)
        left.addLayout(paid_row)
        right = QVBoxLayout()
        right.addWidget(section_title(self.tr("Today's sales (Ctrl+U: void)")))
        right.addWidget(self.sales, 1)
        below = QHBoxLayout()
        below.addLayout(left, 3)
        below.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.step)
        layout.addWidget(self.message)
        layout.addLayout(below, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a choice moves on: channel to the goods, goods to the quantity; Enter in
        the paid-how choice saves the sale."""
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER_KEYS  # type: ignore[attr-defined]
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
        ):
            following = {self.channel: self.goods, self.goods: self.quantity}
            if watched in following:
                following[watched].setFocus()  # type: ignore[index]
                return True
            if watched is self.paid:
                self.save()
                return True
        return super().eventFilter(watched, event)

    def on_shown(self) -> None:
        self.refresh()
        if not self.lines.lines():
            self.buyer.setFocus()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches("produce") and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.worker.call(self._read, on_done=self._shown, on_error=lambda e: None)

    def _read(self) -> dict[str, Any]:
        produce = self.station.produce
        return {"stock": produce.stock(), "lots": produce.open_lots(), "sales": produce.sales_on()}

    def _shown(self, read: dict[str, Any]) -> None:
        self.choices = [own_goods(s) for s in read["stock"] if s.own != "0"]
        self.choices += [lot_goods(lot) for lot in read["lots"]]
        self._show_choices()
        sales = list(reversed(read["sales"]))
        fill(
            self.sales,
            [
                [
                    sale.buyer,
                    sale.channel,
                    ", ".join(f"{ln.product_name} {ln.quantity}{ln.unit}" for ln in sale.lines),
                    format_money(sale.amount_fen),
                ]
                for sale in sales
            ],
        )
        self.voids.ids = [sale.id for sale in sales]

    def _show_choices(self) -> None:
        """The goods list, each with what is left once this sale's lines are taken."""
        chosen = self.goods.currentData()
        self.goods.blockSignals(True)
        self.goods.clear()
        for goods in self.choices:
            self.goods.addItem(self._choice_text(goods), goods.key)
        found = self.goods.findData(chosen) if chosen is not None else -1
        self.goods.setCurrentIndex(max(found, 0) if self.choices else -1)
        self.goods.blockSignals(False)

    def _choice_text(self, goods: Goods) -> str:
        left = q.decimal_text(goods.available - self.lines.taken(goods.key))
        if goods.consignor:
            return self.tr("Consigned by {name}: {product} {grade}, {left} {unit} left").format(
                name=goods.consignor,
                product=goods.product_name,
                grade=goods.grade,
                left=left,
                unit=goods.unit,
            )
        return self.tr("Own stock: {goods}, {left} {unit} left").format(
            goods=goods.name, left=left, unit=goods.unit
        )

    def _lines_changed(self) -> None:
        count = len(self.lines.lines())
        self.total.setText(
            self.tr("Total {amount}, {count} lines").format(
                amount=format_money(self.lines.total_fen()), count=count
            )
        )
        self._show_choices()

    def _show_line_amount(self) -> None:
        """The amount of the line being typed, once its quantity and price read as numbers."""
        try:
            quantity = q.parse_quantity(self.quantity.text().strip())
            price = q.unit_price_fen(self.price.text().strip())
        except UserError:
            self.line_amount.clear()
            return
        self.line_amount.setText(
            self.tr("This line: {amount}").format(
                amount=format_money(q.amount_fen(quantity, price))
            )
        )

    def add_line(self) -> bool:
        """Enter in the price: the line typed, checked against what is left, joins the sale;
        the cursor goes back to the goods for the next one. A refusal keeps what was typed."""
        row = self.goods.currentIndex()
        if not 0 <= row < len(self.choices):
            self.message.refuse(self.tr("There is nothing in stock or consigned to sell."))
            return False
        goods = self.choices[row]
        try:
            quantity = q.parse_quantity(self.quantity.text().strip())
            q.check_counted(quantity, goods.unit)
            price = q.unit_price_fen(self.price.text().strip())
        except UserError as error:
            self.message.refuse(str(error))
            return False
        taken = self.lines.taken(goods.key)
        if quantity > goods.available - taken:
            self.message.refuse(
                self.tr(
                    "Only {left} {unit} of {goods} are left for this sale ({taken} {unit} on the "
                    "lines above); type no more than that."
                ).format(
                    left=q.decimal_text(goods.available - taken),
                    unit=goods.unit,
                    goods=goods.name,
                    taken=q.decimal_text(taken),
                )
            )
            return False
        if len(self.lines.lines()) >= MAX_LINES:
            self.message.refuse(
                self.tr("A sale has at most {limit} lines; save this one first.").format(
                    limit=MAX_LINES
                )
            )
            return False
        self.lines.add(TypedLine(goods, quantity, price, q.amount_fen(quantity, price)))
        self.message.clear_message()
        self.quantity.clear()
        self.price.clear()
        self.goods.setFocus()
        return True

    def save(self) -> None:
        """Ctrl+Enter: the sale with its lines as one event (a line still typed is added
        first). A refusal keeps the lines and what was typed."""
        if self.busy:
            return
        typed = self.quantity.text().strip() or self.price.text().strip()
        if typed and not self.add_line():
            return
        lines = self.lines.lines()
        if not lines:
            self.message.refuse(
                self.tr("Add a line first: choose the goods, type the quantity and the price.")
            )
            return
        self.run(
            self.station.produce.sell,
            self._sold,
            buyer=self.buyer.text().strip(),
            channel=self.channel.currentText(),
            lines=[line.for_sale() for line in lines],
            paid=self.paid.currentData(),
        )

    def _sold(self, sale: Sale) -> None:
        self.message.succeed(
            self.tr("Sold to {buyer}: {lines} lines, {amount} received.").format(
                buyer=sale.buyer, lines=len(sale.lines), amount=format_money(sale.amount_fen)
            )
        )
        self.lines.clear_lines()
        self.buyer.clear()
        self.buyer.setFocus()
        self.tell(lines=["produce"])
