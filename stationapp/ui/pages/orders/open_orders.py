"""未完成的代购单 by state (to place, placed, shipped, arrived, overdue: Alt+1 to Alt+5), each
with what is still owed; the selected order's steps by letter (P placed, S shipped, A arrived by
hand, L a parcel on the shelf, D delivered, C cancelled, R returned), in the form below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from stationapp.core.changes import Changes
from stationapp.ui.kit.desk import StepHint, shortcut
from stationapp.ui.kit.page import PageContext
from stationapp.ui.pages.orders.order_desk import OrderDesk

STATES = ("to_place", "placed", "shipped", "arrived", "overdue")


class OpenOrdersPanel(OrderDesk):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.state = STATES[0]
        titles = (
            self.tr("To place"),
            self.tr("Placed"),
            self.tr("Shipped"),
            self.tr("Arrived"),
            self.tr("Overdue"),
        )
        self.state_buttons = QButtonGroup(self)
        bar = QHBoxLayout()
        for number, (state, title) in enumerate(zip(STATES, titles, strict=True), start=1):
            button = QPushButton(f"{title}  Alt+{number}")
            button.setObjectName("subPage")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, state=state: self.show_state(state))
            self.state_buttons.addButton(button)
            bar.addWidget(button)
            shortcut(self, f"Alt+{number}", lambda state=state: self.show_state(state))
        bar.addStretch(1)
        self.step = StepHint()
        self.step.setText(
            self.tr(
                "On an order: P placed, S shipped, A arrived by hand, L a parcel on the shelf, "
                "D delivered, C cancelled, R returned. Ctrl+P prints its slip; U undoes its last "
                "step (the manager)."
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.steps)
        layout.addWidget(self.step)
        layout.addWidget(self.message)
        self.setFocusProxy(self.table)
        self.state_buttons.buttons()[0].setChecked(True)

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.refresh()
        if not self.steps.isVisible():
            self.table.setFocus()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if self.isVisible():
            self.refresh()

    def show_state(self, state: str) -> None:
        self.state = state
        self.state_buttons.buttons()[STATES.index(state)].setChecked(True)
        self.steps.close_step()
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        self.worker.call(
            self.station.orders.open_orders,
            self.state,
            on_done=self.table.show_orders,
            on_error=self._refuse,
        )
