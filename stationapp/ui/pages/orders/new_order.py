"""新建代购单: the villager (found by phone tail, name or pinyin initials, or typed new), the
items (the county's catalog offered as you type), the platform, the quote and the service fee
(waived for a registered household, with the reason), the deposit and how. Enter moves on and,
in the deposit, saves; Ctrl+Enter saves from anywhere. A refusal keeps what was typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.core.errors import UserError
from stationapp.core.money import Money, format_money
from stationapp.core.orders.settings import PLATFORMS
from stationapp.core.orders.store import Order
from stationapp.ui.kit.desk import Outcome, StepHint, scan_field, section_title, shortcut
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.orders.items import ItemsTable
from stationapp.ui.pages.orders.quote import FeeRules, amount_of, fen_of, quote, read_rules
from stationapp.ui.pages.orders.slip import RenderedSlip, print_slip, render_order_slip
from stationapp.ui.pages.orders.villagers import Villager, find_villagers, marker
from stationapp.ui.pages.orders.words import DEPOSIT_METHODS, method_choice

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NewOrderPanel(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.rules = FeeRules()
        self.found: list[Villager] = []
        self.household = ""
        self.busy = False
        self.saved: Order | None = None

        self.search = scan_field(self.tr("Phone's last 4 digits, name or pinyin initials"))
        self.search.returnPressed.connect(self.find)
        self.results = QListWidget()
        self.results.setObjectName("recipientChoice")
        self.results.setMaximumHeight(110)
        self.results.hide()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.household_label = QLabel()
        self.household_label.setObjectName("stepHint")

        self.item_name = QLineEdit()
        self.item_name.setPlaceholderText(self.tr("e.g. 电压力锅"))
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self._catalog_chosen)
        self.item_name.setCompleter(self.completer)
        self.item_spec = QLineEdit()
        self.item_quantity = QLineEdit("1")
        self.item_unit = QLineEdit("件")
        self.item_unit.setMaxLength(4)
        self.item_price = QLineEdit()
        self.item_price.setPlaceholderText("0.00")
        self.items = ItemsTable()
        self.items.changed_items.connect(self._show_quote)

        self.platform = QComboBox()
        self.platform.addItems(list(PLATFORMS))
        self.platform.currentIndexChanged.connect(lambda _i: self._show_quote())
        self.quote_label = QLabel()
        self.quote_label.setObjectName("sectionTitle")
        self.fee_label = QLabel()
        self.deposit = QLineEdit()
        self.deposit.setPlaceholderText("0.00")
        self.deposit.textChanged.connect(lambda _t: self._show_quote())
        self.deposit_method = method_choice(DEPOSIT_METHODS)

        self.save_button = QPushButton(self.tr("Save the order (Enter in the deposit, Ctrl+Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.new_button = QPushButton(self.tr("New order (Ctrl+N)"))
        self.new_button.clicked.connect(self.clear)
        self.print_button = QPushButton(self.tr("Print the order slip (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_last)
        self.print_button.setEnabled(False)
        self.step = StepHint()
        self.message = Outcome()

        self._lay_out()
        self.order = [
            self.name,
            self.phone,
            self.item_name,
            self.item_spec,
            self.item_quantity,
            self.item_unit,
            self.item_price,
            self.platform,
            self.deposit,
            self.deposit_method,
        ]
        for widget in (*self.order, self.results):
            widget.installEventFilter(self)
        shortcut(self, "Ctrl+Return", self.save)
        shortcut(self, "Ctrl+Enter", self.save)
        shortcut(self, "Ctrl+N", self.clear)
        shortcut(self, "Ctrl+F", self._focus_search)
        shortcut(self, "Ctrl+P", self.print_last)
        self.setFocusProxy(self.search)
        self.clear()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        labels = (
            (self.tr("&Villager:"), self.search, 0, 0, 1, 5),
            (self.tr("Na&me:"), self.name, 2, 0, 1, 1),
            (self.tr("P&hone:"), self.phone, 2, 2, 1, 1),
        )
        for text, widget, row, column, rows, columns in labels:
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1, rows, columns)
        grid.addWidget(self.results, 1, 1, 1, 5)
        grid.addWidget(self.household_label, 2, 4, 1, 2)

        entry = QHBoxLayout()
        for text, widget, stretch in (
            (self.tr("&Item:"), self.item_name, 3),
            (self.tr("Spec:"), self.item_spec, 2),
            (self.tr("Qty:"), self.item_quantity, 1),
            (self.tr("Unit:"), self.item_unit, 1),
            (self.tr("Unit &price ¥:"), self.item_price, 1),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            entry.addWidget(label)
            entry.addWidget(widget, stretch)

        money = QHBoxLayout()
        for text, widget in (
            (self.tr("Pla&tform:"), self.platform),
            (self.tr("&Deposit ¥:"), self.deposit),
            (self.tr("taken by:"), self.deposit_method),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            money.addWidget(label)
            money.addWidget(widget)
        money.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(section_title(self.tr("Items (Enter in the price adds one; Del removes)")))
        layout.addLayout(entry)
        layout.addWidget(self.items, 1)
        layout.addLayout(money)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.fee_label)
        layout.addWidget(self.step)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.worker.call(read_rules, self.station, on_done=self._rules_read, on_error=self._refuse)
        if not self.name.text() and not self.items.rowCount():
            self._focus_search()

    def _rules_read(self, rules: FeeRules) -> None:
        self.rules = rules
        self.completer.model().setStringList(sorted(rules.catalog))  # type: ignore[attr-defined]
        self._show_quote()

    # the villager ---------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def find(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.name.setFocus()
            return
        self.worker.call(
            find_villagers, self.station, text, on_done=self._show_found, on_error=self._refuse
        )

    def _show_found(self, found: list[Villager]) -> None:
        self.found = found
        self.results.clear()
        for villager in found:
            text = f"{villager.name}  {villager.masked}  {marker(villager)}{villager.household_no}"
            self.results.addItem(QListWidgetItem(text.strip()))
        new = QListWidgetItem(self.tr("New villager: type the name and phone"))
        self.results.addItem(new)
        self.results.show()
        self.results.setCurrentRow(0)
        self.results.setFocus()
        self.step.setText(self.tr("Up/Down and Enter choose the villager; the last row is new."))

    def choose(self, row: int) -> None:
        """The villager of ``row`` of the results (the last row: a new villager)."""
        self.results.hide()
        self.step.setText(
            self.tr("Type each item and Enter; an empty item's Enter goes on to the platform.")
        )
        villager = self.found[row] if 0 <= row < len(self.found) else None
        if villager is None:
            typed = self.search.text().strip()
            self.name.setText("" if typed.isdigit() else typed)
            self.phone.setText(typed if typed.isdigit() and len(typed) == 11 else "")
            self._set_household("")
            self.name.setFocus()
            return
        self.name.setText(villager.name)
        self.phone.setText(villager.phone)
        self._set_household(villager.household_no, marker(villager))
        (self.phone if not villager.phone else self.item_name).setFocus()
        if not villager.phone:
            self.phone.setPlaceholderText(
                self.tr("the whole mobile number ({masked})").format(masked=villager.masked)
            )

    def _set_household(self, number: str, mark: str = "") -> None:
        self.household = number
        self.household_label.setText(f"{mark}{number}" if number else "")
        self._show_quote()

    # items ----------------------------------------------------------------------------------------

    def _catalog_chosen(self, name: str) -> None:
        unit, price = self.rules.catalog.get(name, ("", 0))
        if unit:
            self.item_unit.setText(unit[:4])
        if price:
            self.item_price.setText(f"{price / 100:.2f}")
        self.item_spec.setFocus()

    def add_item(self) -> bool:
        """The typed item into the list; False (the fields kept) when it is not whole yet."""
        name = self.item_name.text().strip()
        amount = amount_of(self.item_quantity.text(), self.item_price.text())
        if not name or amount is None:
            self.message.refuse(self.tr("Type the item's name, quantity and unit price."))
            return False
        self.items.add(
            {
                "name": name,
                "spec": self.item_spec.text().strip(),
                "quantity": self.item_quantity.text().strip() or "1",
                "unit": self.item_unit.text().strip() or "件",
                "unit_price": self.item_price.text().strip(),
                "amount_fen": amount,
            }
        )
        for field in (self.item_name, self.item_spec, self.item_price):
            field.clear()
        self.item_quantity.setText("1")
        self.item_unit.setText("件")
        self.message.clear_message()
        self.item_name.setFocus()
        return True

    def _show_quote(self) -> None:
        shown = quote(self.rules, self.items.typed(), self.platform.currentText(), self.household)
        total = shown.quoted_fen + shown.fee_fen
        deposit = fen_of(self.deposit.text()) or 0
        self.quote_label.setText(
            self.tr("Goods {quoted} + service fee {fee} = {total}; still owed {owed}").format(
                quoted=format_money(shown.quoted_fen),
                fee=format_money(shown.fee_fen),
                total=format_money(total),
                owed=format_money(total - deposit),
            )
        )
        if shown.waived_fen:
            self.fee_label.setText(
                self.tr("Service fee {fee} waived: a registered household.").format(
                    fee=format_money(shown.waived_fen)
                )
            )
        else:
            self.fee_label.setText("")

    # keys -----------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent.key(event)  # type: ignore[arg-type]
            modifiers = QKeyEvent.modifiers(event)  # type: ignore[arg-type]
            if key in ENTER_KEYS and not modifiers & Qt.KeyboardModifier.ControlModifier:
                return self._enter(watched)
            if key == Qt.Key.Key_Escape and watched is self.results:
                self.results.hide()  # none of them: search again
                self._focus_search()
                return True
        return super().eventFilter(watched, event)

    def _enter(self, widget: QObject) -> bool:
        if widget is self.results:
            self.choose(self.results.currentRow())
            return True
        if widget is self.item_name and not self.item_name.text().strip():
            if self.completer.popup().isVisible():
                return False
            (self.platform if self.items.rowCount() else self.item_name).setFocus()
            return True
        if widget is self.item_name and self.completer.popup().isVisible():
            return False
        if widget is self.item_price:
            self.add_item()
            return True
        if widget in (self.deposit, self.deposit_method):
            self.save()
            return True
        if widget in self.order:
            following = self.order[self.order.index(widget) + 1]  # type: ignore[arg-type]
            following.setFocus()
            if isinstance(following, QLineEdit):
                following.selectAll()  # what is typed replaces the 1 or 件 offered
            return True
        return False

    # saving ---------------------------------------------------------------------------------------

    def typed_order(self) -> dict[str, Any]:
        customer = {"name": self.name.text().strip(), "phone": self.phone.text().strip()}
        if self.household:
            customer["household_id"] = self.household
        deposit = fen_of(self.deposit.text())
        method = self.deposit_method.currentData()
        items = [{k: v for k, v in i.items() if k != "amount_fen"} for i in self.items.typed()]
        return {
            "customer": customer,
            "items": items,
            "platform": self.platform.currentText(),
            "deposit": Money.of(method, deposit) if deposit else None,
        }

    @Slot()
    def save(self) -> None:
        if self.busy:
            return
        if self.item_name.text().strip() and not self.add_item():
            return
        self.busy = True
        typed = self.typed_order()
        self.call_holding_keys(
            lambda: self.station.orders.create(**typed),
            on_done=self._saved,
            on_error=self._refuse,
        )

    def _refuse(self, error: UserError) -> None:
        self.busy = False
        self.message.refuse(str(error))

    def _saved(self, order: Order) -> None:
        self.busy = False
        self.saved = order
        self.print_button.setEnabled(True)
        self.tell(lines=["orders"])
        self.clear()
        self.message.succeed(
            self.tr(
                "Order {no} saved for {name}: still owed {owed}. Ctrl+P prints its slip."
            ).format(
                no=order.order_no, name=order.customer_name, owed=format_money(order.balance_fen)
            )
        )

    @Slot()
    def clear(self) -> None:
        for field in (self.search, self.name, self.phone, self.deposit):
            field.clear()
        for field in (self.item_name, self.item_spec, self.item_price):
            field.clear()
        self.item_quantity.setText("1")
        self.item_unit.setText("件")
        self.phone.setPlaceholderText(self.tr("mobile number"))
        self.results.hide()
        self.items.setRowCount(0)
        self.platform.setCurrentIndex(0)
        self.deposit_method.setCurrentIndex(0)
        self._set_household("")
        self.message.clear_message()
        self.step.setText(
            self.tr(
                "Find the villager (Enter), then type each item and Enter; the deposit's Enter "
                "saves."
            )
        )
        self._focus_search()

    # the slip -------------------------------------------------------------------------------------

    @Slot()
    def print_last(self) -> None:
        """Ctrl+P: the slip of the order saved last, for the villager to keep."""
        if self.saved is None:
            self.message.refuse(self.tr("Save an order first; then Ctrl+P prints its slip."))
            return
        self.worker.call(
            render_order_slip,
            self.station,
            self.saved.id,
            operator_name=self.operator.name,
            on_done=self._print,
            on_error=self._refuse,
        )

    def _print(self, slip: RenderedSlip) -> None:
        if print_slip(slip, self):
            self.message.show_success(
                self.tr("The slip of order {no} was printed or saved.").format(no=slip.order_no)
            )
        else:
            self.message.show_success(self.tr("Printing was cancelled."))
