"""What the open orders and a villager's orders share: a table of orders whose selected order
takes its steps by letter in the step form below it (P placed, S shipped, A arrived by hand, L
a parcel on the shelf, D delivered, C cancelled, R returned, F refunded by the platform), B the
goods of a returned order sent back through the parcels line's sending form (asked for by name,
prefilled with the villager and the order number), U the manager's undo of its last step (with
the reason), a scanned label going into the step that waits for one, and Ctrl+P printing the
order's slip. Under the table, what the chosen order's return and refunds came to."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QLabel, QWidget

from stationapp.core import Event, waybill
from stationapp.core.errors import UserError
from stationapp.core.money import format_money
from stationapp.core.orders.store import Order
from stationapp.ui.kit.desk import Outcome, shortcut
from stationapp.ui.kit.forms import ask_reason
from stationapp.ui.kit.page import FormRequest, Page, PageContext
from stationapp.ui.pages.orders.slip import RenderedSlip, print_slip, render_order_slip
from stationapp.ui.pages.orders.steps import SEND_BACK, STEPS, StepForm
from stationapp.ui.pages.orders.table import OrdersTable

UNDO_KEY = "U"  # on the list: the manager undoes the chosen order's last step
SEND_BACK_KEY = "B"  # on the list: the goods of a returned order go back by post


class OrderDesk(Page):
    """Subclasses lay out ``table``, ``steps`` and ``message`` and say how to ``refresh``."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.busy = False
        self.table = OrdersTable()
        self.table.installEventFilter(self)
        self.steps = StepForm(self.record, self.leave_step)
        self.message = Outcome()
        self.detail = QLabel()  # the chosen order's return parcel and the platform's refunds
        self.detail.setObjectName("stepHint")
        self.detail.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.table.orders_shown.connect(self._show_detail)
        self.sending_form: Any = None  # the parcels line's sending form, while it is open
        self.send_back_after: Order | None = None  # the return being recorded sends the goods
        shortcut(self, "Ctrl+P", self.print_chosen)

    def refresh(self) -> None:
        """Read the orders shown again."""

    def on_scan(self, code: str) -> bool:
        """A label scanned while the shipped step (its waybill) or the parcel-on-the-shelf step
        (the parcel's waybill or code) is open is recorded with it; else the scan is not ours."""
        if self.steps.step is None:
            return False
        if self.steps.set_text("waybill", code) or self.steps.set_text("parcel", code):
            self.record()
            return True
        return False

    # steps ----------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            text = event.text().upper()  # type: ignore[attr-defined]
            if text == UNDO_KEY:
                self.undo_chosen()
                return True
            if text == SEND_BACK_KEY:
                self.send_back_chosen()
                return True
            step = next((s for s in STEPS if s.key == text), None)
            if step is not None:
                self.open_step(step.name)
                return True
        return super().eventFilter(watched, event)

    def open_step(self, name: str) -> None:
        order = self.table.current_order()
        if order is None:
            self.message.refuse(self.tr("Choose an order first (Up/Down)."))
            return
        self.message.clear_message()
        self.steps.open(next(s for s in STEPS if s.name == name), order)

    def leave_step(self) -> None:
        self.steps.close_step()
        self.table.setFocus()

    @Slot()
    def record(self) -> None:
        if self.busy or self.steps.step is None:
            return
        self.busy = True
        sends = self.steps.step.name == "return" and self.steps.choice("send") == SEND_BACK
        self.send_back_after = self.steps.order if sends else None
        self.call_holding_keys(
            self.steps.prepared(), self.station, on_done=self._recorded, on_error=self._refuse
        )

    def _refuse(self, error: UserError) -> None:
        self.busy = False
        self.message.refuse(str(error))

    def _recorded(self, event: Event) -> None:
        self.busy = False
        order = self.steps.order
        self.leave_step()
        self.tell([event])
        self.message.succeed(
            self.tr("Order {no}: recorded.").format(no=order.order_no if order else "")
        )
        self.refresh()
        returned, self.send_back_after = self.send_back_after, None
        if returned is not None:
            self.send_back(returned)

    # the goods sent back ------------------------------------------------------------------------

    @Slot()
    def send_back_chosen(self) -> None:
        """B: a returned order whose goods have not gone back yet opens the sending form."""
        order = self.table.current_order()
        if order is None:
            self.message.refuse(self.tr("Choose an order first (Up/Down)."))
        elif order.state != "returned" or order.return_sent_id:
            self.message.refuse(
                self.tr("Only a returned order whose goods have not gone back is sent back.")
            )
        else:
            self.send_back(order)

    def send_back(self, order: Order) -> None:
        """The parcels line's sending form, the villager as sender and the order named as what
        is sent; once it is recorded, the order keeps its carrier and waybill."""
        request = FormRequest(
            prefill={
                "sender_name": order.customer_name,
                "sender_phone": order.customer_phone,
                "item_name": self.tr("Return {no}").format(no=order.order_no),
            },
            on_saved=lambda parcel: self.link_return_parcel(order, parcel.id),
        )
        self.sending_form = self.open_other_form("parcels.sending", request)
        if self.sending_form is None:
            self.message.refuse(self.tr("The sending form cannot be opened from here."))
            return
        self.sending_form.rejected.connect(lambda: self._not_sent(order))

    def _not_sent(self, order: Order) -> None:
        self.sending_form = None
        self.message.show_success(
            self.tr(
                "Order {no} is returned; its goods were not sent. B on the order sends them later."
            ).format(no=order.order_no)
        )
        self.table.setFocus()

    def link_return_parcel(self, order: Order, sent_id: str) -> None:
        self.sending_form = None
        self.worker.call(
            self.station.orders.record_return_parcel,
            order.id,
            sent_id=sent_id,
            on_done=self._sent_back,
            on_error=self._refuse,
        )

    def _sent_back(self, event: Event) -> None:
        self.tell([event])
        self.message.succeed(
            self.tr("The goods go back by {carrier}, waybill {waybill}.").format(
                carrier=waybill.CARRIERS.get(event.payload["carrier"], event.payload["carrier"]),
                waybill=event.payload.get("waybill", ""),
            )
        )
        self.refresh()
        self.table.setFocus()

    @Slot()
    def _show_detail(self) -> None:
        order = self.table.current_order()
        text = self.order_detail(order) if order is not None else ""
        self.detail.setText(text)
        self.detail.setVisible(bool(text))  # no empty row under an order with nothing to add

    def order_detail(self, order: Order) -> str:
        """The return, the goods sent back, and the platform's refunds of one order."""
        parts = []
        if order.reason:
            parts.append(self.tr("Reason: {reason}.").format(reason=order.reason))
        if order.return_sent_id:
            carrier = waybill.CARRIERS.get(order.return_carrier, order.return_carrier)
            parts.append(
                self.tr("Sent back by {carrier}, waybill {waybill}.").format(
                    carrier=carrier, waybill=order.return_waybill or self.tr("no label yet")
                )
            )
        elif order.state == "returned":
            parts.append(self.tr("The goods have not gone back: B sends them."))
        if order.platform_refunded_fen:
            parts.append(
                self.tr("The platform refunded {refunded} of the {paid} paid.").format(
                    refunded=format_money(order.platform_refunded_fen),
                    paid=format_money(order.paid_fen),
                )
            )
        elif order.state in ("cancelled", "returned") and order.placed_at:
            parts.append(self.tr("No refund from the platform yet: F records it."))
        return " ".join(parts)

    # the manager's undo ------------------------------------------------------------------------

    @Slot()
    def undo_chosen(self) -> None:
        """U: asks why, then the core undoes the chosen order's last step (the manager only;
        the core says why not: another operator, a delivery or a return)."""
        order = self.table.current_order()
        if order is None:
            self.message.refuse(self.tr("Choose an order first (Up/Down)."))
            return
        self.message.clear_message()
        self.reason_dialog = ask_reason(
            self,
            self.tr("Undo the last step"),
            self.tr("Why is the last step of order {no} undone? (e.g. entered twice)").format(
                no=order.order_no
            ),
            lambda reason: self.undo_step(order.id, reason),
        )

    def undo_step(self, order_id: str, reason: str) -> None:
        self.worker.call(
            self.station.orders.undo_last_step,
            order_id,
            reason=reason,
            on_done=self._undone,
            on_error=self._refuse,
        )

    def _undone(self, event: Event) -> None:
        self.tell([event])
        self.message.succeed(self.tr("The order's last step was undone."))
        self.refresh()
        self.table.setFocus()

    # the slip -------------------------------------------------------------------------------------

    @Slot()
    def print_chosen(self) -> None:
        """Ctrl+P: the chosen order's slip as it stands (what is still owed, the price paid)."""
        order = self.table.current_order()
        if order is None:
            self.message.refuse(self.tr("Choose an order first (Up/Down)."))
            return
        self.worker.call(
            render_order_slip,
            self.station,
            order.id,
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
        self.table.setFocus()
