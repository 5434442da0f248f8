"""What the open orders and a villager's orders share: a table of orders whose selected order
takes its steps by letter in the step form below it (P placed, S shipped, A arrived by hand, L
a parcel on the shelf, D delivered, C cancelled, R returned), U the manager's undo of its last
step (with the reason), a scanned label going into the step that waits for one, and Ctrl+P
printing the order's slip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QWidget

from stationapp.core import Event
from stationapp.core.errors import UserError
from stationapp.ui.kit.desk import Outcome, shortcut
from stationapp.ui.kit.forms import ask_reason
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.orders.slip import RenderedSlip, print_slip, render_order_slip
from stationapp.ui.pages.orders.steps import STEPS, StepForm
from stationapp.ui.pages.orders.table import OrdersTable

UNDO_KEY = "U"  # on the list: the manager undoes the chosen order's last step


class OrderDesk(Page):
    """Subclasses lay out ``table``, ``steps`` and ``message`` and say how to ``refresh``."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.busy = False
        self.table = OrdersTable()
        self.table.installEventFilter(self)
        self.steps = StepForm(self.record, self.leave_step)
        self.message = Outcome()
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
