"""The step form under the open orders: the fields of one step (placed, shipped, arrived by
hand or with a parcel on the shelf, delivered, cancelled, returned and whether the goods go
back by post, the platform's refund), Enter to record it, Esc to leave it. Each step's call is
made here on the worker thread; a refusal keeps the fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from stationapp.core import Station
from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import Money, format_money, parse_money
from stationapp.core.orders.store import Order
from stationapp.ui.pages.orders.quote import fen_of
from stationapp.ui.pages.orders.words import ACCOUNTS, DEPOSIT_METHODS, method_choice

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class Step:
    key: str  # the letter that opens it on the list
    name: str  # what the core calls it: place, ship, arrive, link, deliver, cancel, return
    title: str  # QT_TRANSLATE_NOOP in "OrderSteps"


STEPS = (
    Step("P", "place", QT_TRANSLATE_NOOP("OrderSteps", "Placed on the platform")),
    Step("S", "ship", QT_TRANSLATE_NOOP("OrderSteps", "Shipped: the platform's waybill")),
    Step("A", "arrive", QT_TRANSLATE_NOOP("OrderSteps", "Arrived by hand")),
    Step("L", "link", QT_TRANSLATE_NOOP("OrderSteps", "Arrived: a parcel on the shelf")),
    Step("D", "deliver", QT_TRANSLATE_NOOP("OrderSteps", "Deliver to the villager")),
    Step("C", "cancel", QT_TRANSLATE_NOOP("OrderSteps", "Cancelled")),
    Step("R", "return", QT_TRANSLATE_NOOP("OrderSteps", "Returned after delivery")),
    Step("F", "platform_refund", QT_TRANSLATE_NOOP("OrderSteps", "Refunded by the platform")),
)
SEND_BACK = "yes"  # the return step's choice: open the sending form for the goods


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrderSteps", text)


class StepForm(QWidget):
    """The fields of the step chosen; ``record(station)`` is the core call they make."""

    def __init__(self, on_enter: Callable[[], None], on_escape: Callable[[], None]) -> None:
        super().__init__()
        self._on_enter, self._on_escape = on_enter, on_escape
        self.step: Step | None = None
        self.order: Order | None = None
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            "QLabel, QLineEdit, QComboBox { font-size: 18px; }"
            " QLabel#sectionTitle { font-size: 19px; font-weight: bold; color: #24435c; }"
        )
        self.hide()

    def open(self, step: Step, order: Order) -> None:
        self.close_step()
        self.step, self.order = step, order
        self.title.setText(f"{_tr(step.title)} — {order.order_no} {order.customer_name}")
        self.form.addRow(self.title)
        for name, label, widget in self._fields(step, order):
            widget.setMaximumWidth(520)
            self.fields[name] = widget
            if not isinstance(widget, QLabel):
                widget.installEventFilter(self)
            self.form.addRow(label, widget)
        self.show()
        first = next((w for w in self.fields.values() if not isinstance(w, QLabel)), None)
        (first or self).setFocus()

    def close_step(self) -> None:
        while self.form.rowCount():
            # later: the key that recorded the step may still be on its way to the field
            row = self.form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.fields = {}
        self.step = self.order = None
        self.hide()

    def _fields(self, step: Step, order: Order) -> list[tuple[str, str, QWidget]]:
        balance = order.balance_fen
        if step.name == "place":
            paid = QLineEdit(f"{order.quoted_fen / 100:.2f}")
            return [
                (
                    "number",
                    QCoreApplication.translate("OrderSteps", "Platform's order &number:"),
                    QLineEdit(),
                ),
                ("paid", QCoreApplication.translate("OrderSteps", "Price &paid ¥:"), paid),
                (
                    "account",
                    QCoreApplication.translate("OrderSteps", "Paid &from:"),
                    method_choice(ACCOUNTS),
                ),
            ]
        if step.name == "ship":
            return [
                (
                    "waybill",
                    QCoreApplication.translate("OrderSteps", "&Waybill (scan it):"),
                    QLineEdit(),
                )
            ]
        if step.name == "link":
            return [
                (
                    "parcel",
                    QCoreApplication.translate(
                        "OrderSteps", "Pickup &code or waybill on the shelf:"
                    ),
                    QLineEdit(),
                )
            ]
        if step.name == "deliver":
            words = (
                QCoreApplication.translate("OrderSteps", "To take: {money}")
                if balance >= 0
                else QCoreApplication.translate("OrderSteps", "Change to give: {money}")
            ).format(money=format_money(abs(balance)))
            return [
                ("balance", QCoreApplication.translate("OrderSteps", "Balance:"), QLabel(words)),
                (
                    "method",
                    QCoreApplication.translate("OrderSteps", "&How:"),
                    method_choice(DEPOSIT_METHODS),
                ),
            ]
        if step.name in ("cancel", "return"):
            back = (
                order.deposit_fen if step.name == "cancel" else order.deposit_fen + order.taken_fen
            )
            rows = [
                ("reason", QCoreApplication.translate("OrderSteps", "&Reason:"), QLineEdit()),
                (
                    "refund",
                    QCoreApplication.translate("OrderSteps", "Re&fund ¥:"),
                    QLineEdit(f"{back / 100:.2f}" if back else ""),
                ),
                (
                    "method",
                    QCoreApplication.translate("OrderSteps", "Refunded &by:"),
                    method_choice(DEPOSIT_METHODS),
                ),
            ]
            if step.name == "return":
                rows.append(
                    (
                        "send",
                        QCoreApplication.translate("OrderSteps", "&Send the goods back:"),
                        _send_back_choice(),
                    )
                )
            return rows
        if step.name == "platform_refund":
            account = method_choice(ACCOUNTS)
            account.setCurrentIndex(max(0, account.findData(order.paid_from)))
            left = order.paid_fen - order.platform_refunded_fen
            return [
                (
                    "amount",
                    QCoreApplication.translate("OrderSteps", "Refunded &to the account ¥:"),
                    QLineEdit(f"{left / 100:.2f}"),
                ),
                ("account", QCoreApplication.translate("OrderSteps", "&Into:"), account),
            ]
        return []  # arrived by hand: Enter records it

    def text(self, name: str) -> str:
        widget = self.fields[name]
        return widget.text().strip() if isinstance(widget, QLineEdit) else ""

    def choice(self, name: str) -> str:
        widget = self.fields[name]
        return widget.currentData() if isinstance(widget, QComboBox) else ""

    def set_text(self, name: str, text: str) -> bool:
        widget = self.fields.get(name)
        if isinstance(widget, QLineEdit):
            widget.setText(text)
            return True
        return False

    def prepared(self) -> Callable[[Station], Any]:
        """The step's core call with what was typed, read here on the GUI thread, to make on
        the worker thread."""
        assert self.step is not None and self.order is not None
        values = {name: self.text(name) or self.choice(name) for name in self.fields}
        step, order_id = self.step.name, self.order.id
        return lambda station: record_step(station, step, order_id, values)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in ENTER_KEYS:
                widgets = list(self.fields.values())
                editable = [w for w in widgets if not isinstance(w, QLabel)]
                if watched is editable[-1]:
                    self._on_enter()
                else:
                    following = editable[editable.index(watched) + 1]  # type: ignore[arg-type]
                    following.setFocus()
                    if isinstance(following, QLineEdit):
                        following.selectAll()  # what is typed replaces the amount offered
                return True
            if key == Qt.Key.Key_Escape:
                self._on_escape()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: Any) -> None:
        """Arrived by hand has no field: Enter on the form itself records it."""
        if event.key() in ENTER_KEYS:
            self._on_enter()
        elif event.key() == Qt.Key.Key_Escape:
            self._on_escape()
        else:
            super().keyPressEvent(event)


def _send_back_choice() -> QComboBox:
    box = QComboBox()
    box.addItem(
        QCoreApplication.translate("OrderSteps", "Yes: fill in the sending form now"), SEND_BACK
    )
    box.addItem(QCoreApplication.translate("OrderSteps", "No, or later (B on the order)"), "no")
    return box


def record_step(station: Station, step: str, order_id: str, values: dict[str, str]) -> Any:
    """Records ``step`` of the order with the values typed; the core refuses what is wrong."""
    orders = station.orders
    if step == "place":
        return orders.place(
            order_id,
            platform_order_no=values["number"],
            paid=values["paid"],
            account=values["account"],
        )
    if step == "ship":
        return orders.ship(order_id, waybill_no=values["waybill"])
    if step == "arrive":
        return orders.arrive(order_id)
    if step == "link":
        found = station.parcels.find(values["parcel"])
        if len(found) != 1:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError", "That parcel is not on the shelf; choose one that is."
                )
            )
        return orders.arrive(order_id, parcel_id=found[0].id)
    if step == "deliver":
        balance = orders.get(order_id).balance_fen
        money = Money.of(values["method"], balance) if balance else None
        return orders.deliver(order_id, money=money)
    if step == "platform_refund":
        fen = parse_money(values["amount"], allow_zero=False)  # refused in the core's words
        return orders.record_platform_refund(order_id, money=Money.of(values["account"], fen))
    refund = fen_of(values["refund"])
    money = Money.of(values["method"], -refund) if refund else None
    if step == "cancel":
        return orders.cancel(order_id, reason=values["reason"], refund=money)
    return orders.record_return(order_id, reason=values["reason"], refund=money)
