"""取件出库: one search box (focused, fed by the scanner) → every waiting parcel of that person →
Space / A to choose, Enter to hand out; how the recipient was checked; 代取; the pickup slip; a
manager's same-day undo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, clock
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.parcels.facade import Parcel
from stationapp.ui.kit.desk import (
    Outcome,
    StepHint,
    scan_field,
    shortcut,
    when_text,
)
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.parcels.models import status_word
from stationapp.ui.pages.parcels.pickup_number import AddNumber
from stationapp.ui.pages.parcels.pickup_search import Found, search_parcels, verification_for
from stationapp.ui.pages.parcels.pickup_slip import Handed, PickupSlip
from stationapp.ui.pages.parcels.pickup_undo import UndoPickup
from stationapp.ui.pages.parcels.words import waybill_tail

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PickupPanel(PickupSlip, AddNumber, UndoPickup, Page):
    """The pickup desk: search, choose, hand out here; the slip, N (add the number) and U (undo)
    in their mixins (pickup_slip, pickup_number, pickup_undo)."""

    COLUMNS = 8

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.found: Found | None = None
        self.last: Handed | None = None
        self.busy = False

        self.search = scan_field(
            self.tr("Pickup code, last 4 digits of the phone, phone, waybill or name")
        )
        self.search.returnPressed.connect(self.run_search)
        self.include_gone = QCheckBox(self.tr("Also &picked up (to undo a mistake)"))
        self.include_gone.toggled.connect(self._include_gone_toggled)
        search_row = QHBoxLayout()
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.include_gone)

        self.results = QTableWidget(0, self.COLUMNS)
        self.results.setHorizontalHeaderLabels(
            [
                "",
                self.tr("Pickup code"),
                self.tr("Carrier"),
                self.tr("Waybill tail"),
                self.tr("Recipient"),
                self.tr("Phone"),
                self.tr("Days"),
                self.tr("Status"),
            ]
        )
        self.results.verticalHeader().hide()
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().setDefaultSectionSize(40)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.results.installEventFilter(self)
        self.results.itemChanged.connect(lambda _item: self._show_counts())

        self.verified_by = QButtonGroup(self)
        verify_row = QHBoxLayout()
        verify_row.addWidget(QLabel(self.tr("Checked by:")))
        for code, text in (
            ("code", self.tr("Pickup &code")),
            ("phone", self.tr("P&hone number")),
            ("id", self.tr("&ID card shown")),
        ):
            button = QRadioButton(text)
            button.setProperty("code", code)
            self.verified_by.addButton(button)
            verify_row.addWidget(button)
        self.verified_by.buttons()[0].setChecked(True)
        verify_row.addSpacing(24)
        self.proxy_name = QLineEdit()
        self.proxy_name.setPlaceholderText(self.tr("name"))
        self.proxy_phone = QLineEdit()
        self.proxy_phone.setPlaceholderText(self.tr("phone"))
        proxy_label = QLabel(self.tr("Collected &for them by:"))
        proxy_label.setBuddy(self.proxy_name)
        verify_row.addWidget(proxy_label)
        verify_row.addWidget(self.proxy_name)
        verify_row.addWidget(self.proxy_phone)
        verify_row.addStretch(1)

        self.hand_out_button = QPushButton()
        self.hand_out_button.setObjectName("primary")
        self.hand_out_button.clicked.connect(self.hand_out)
        self.print_button = QPushButton(self.tr("Print slip (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_slip)
        self.print_button.setEnabled(False)
        self.undo_button = QPushButton(self.tr("Undo this pickup (U)"))
        self.undo_button.clicked.connect(self.undo_pickup)
        self.undo_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hand_out_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)

        self.step = StepHint()
        self.message = Outcome()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(search_row)
        layout.addWidget(self.step)
        layout.addWidget(self.results, 1)
        layout.addLayout(verify_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        shortcut(self, Qt.Key.Key_Escape, self.clear)
        shortcut(self, QKeySequence(QKeySequence.StandardKey.Print), self.print_slip)
        self.setFocusProxy(self.search)
        self.clear()

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_scan(self, code: str) -> bool:
        self.search.setText(code)
        self.run_search()
        return True

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if changes.has_event("event.voided") and self.found is not None:
            self._search_again()

    # searching ------------------------------------------------------------------------------------

    @Slot()
    def clear(self) -> None:
        self.found = None
        self.results.setRowCount(0)
        self.proxy_name.clear()
        self.proxy_phone.clear()
        self.step.setText(
            self.tr("Scan or type the pickup code, the last 4 digits of the phone, or the name.")
        )
        self._show_counts()
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.clear()
            return
        self._check(verification_for(text))
        # Space and Enter typed before the parcels are shown act on them, not on the last ones
        self.call_holding_keys(
            search_parcels,
            self.station,
            text,
            not self.include_gone.isChecked(),
            on_done=self._show_found,
            on_error=self._refuse,
        )

    def _search_again(self) -> None:
        if self.found is not None:
            self.worker.call(
                search_parcels,
                self.station,
                self.found.query,
                not self.include_gone.isChecked(),
                on_done=self._show_found,
                on_error=self._refuse,
            )

    def _include_gone_toggled(self, on: bool) -> None:
        self.undo_button.setVisible(on)
        if self.search.text().strip():
            self.run_search()

    def _show_found(self, found: Found) -> None:
        self.found = found
        self.results.blockSignals(True)
        self.results.setRowCount(len(found.parcels))
        today = clock.business_day()
        one_person = found.people == 1
        for row, parcel in enumerate(found.parcels):
            waiting = parcel.status == "waiting"
            check = QTableWidgetItem()
            check.setData(Qt.ItemDataRole.UserRole, parcel.id)
            if waiting:
                check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = Qt.CheckState.Checked if one_person else Qt.CheckState.Unchecked
                check.setCheckState(state)
            self.results.setItem(row, 0, check)
            cells = (
                parcel.pickup_code,
                parcel.carrier_name,
                waybill_tail(parcel),
                parcel.recipient_name,
                parcel.masked_phone,
                str(parcel.age_days(today)) if waiting else "",
                status_word(parcel.status)
                if waiting
                else f"{status_word(parcel.status)} {when_text(parcel.picked_up_at)}",
            )
            for column, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                if column == 1:
                    font = item.font()
                    font.setBold(True)
                    font.setPixelSize(20)
                    item.setFont(font)
                self.results.setItem(row, column, item)
        self.results.blockSignals(False)
        if found.parcels:
            self.results.setCurrentCell(0, 1)
            self.results.setFocus()
            self.message.clear_message()
            if one_person:
                self.step.setText(
                    self.tr(
                        "Enter hands out the ticked parcels. Space ticks or unticks one, A all. "
                        "Esc: new search."
                    )
                )
            else:
                self.step.setText(
                    self.tr(
                        "These parcels belong to several people: tick the right ones with "
                        "Space, then Enter."
                    )
                )
            if any(not p.number_known for p in found.parcels):
                hint = self.tr("N adds the phone number of a parcel whose label showed only 尾号.")
                self.step.setText(f"{self.step.text()} {hint}")
        else:
            self.message.refuse(
                self.tr(
                    "Nothing found for {text}. Check the code or the phone's last 4 digits, or "
                    "search by the name."
                ).format(text=found.query)
            )
            self.search.setFocus()
            self.search.selectAll()
        self._show_counts()

    def _refuse(self, error: UserError) -> None:
        self.busy = False
        self.message.refuse(str(error))
        self.search.setFocus()
        self.search.selectAll()

    # choosing -------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results and event.type() == QEvent.Type.KeyPress:
            return self._results_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _results_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.toggle(self.results.currentRow())
            return True
        if key == Qt.Key.Key_A:
            self.tick_all()
            return True
        if key in ENTER_KEYS:
            self.hand_out()
            return True
        if key == Qt.Key.Key_P:
            self.print_slip()
            return True
        if key == Qt.Key.Key_U and self.undo_button.isVisible():
            self.undo_pickup()
            return True
        if key == Qt.Key.Key_N:
            self.add_number()
            return True
        return False

    def toggle(self, row: int) -> None:
        item = self.results.item(row, 0) if row >= 0 else None
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def tick_all(self) -> None:
        """A: tick every waiting parcel, or untick them all when all are ticked."""
        items = [self.results.item(row, 0) for row in range(self.results.rowCount())]
        items = [i for i in items if i.flags() & Qt.ItemFlag.ItemIsUserCheckable]
        all_ticked = all(i.checkState() == Qt.CheckState.Checked for i in items)
        state = Qt.CheckState.Unchecked if all_ticked else Qt.CheckState.Checked
        for item in items:
            item.setCheckState(state)

    def ticked_ids(self) -> list[str]:
        ids = []
        for row in range(self.results.rowCount()):
            item = self.results.item(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def _show_counts(self) -> None:
        count = len(self.ticked_ids()) if self.found is not None else 0
        self.hand_out_button.setText(self.tr("Hand out %n parcel(s) (Enter)", "", count))
        self.hand_out_button.setEnabled(count > 0)

    def _check(self, code: str) -> None:
        for button in self.verified_by.buttons():
            button.setChecked(button.property("code") == code)

    def chosen_verification(self) -> str:
        button = self.verified_by.checkedButton()
        return button.property("code") if button is not None else "code"

    def current_parcel(self) -> Parcel | None:
        row = self.results.currentRow()
        found = self.found
        return found.parcels[row] if found and 0 <= row < len(found.parcels) else None

    # handing out ----------------------------------------------------------------------------------

    @Slot()
    def hand_out(self) -> None:
        ids = self.ticked_ids()
        if not ids:
            self.message.refuse(
                self.tr("Tick the parcels to hand out first: Space ticks one, A ticks all.")
            )
            return
        if self.busy:
            return
        self.busy = True
        verified_by = self.chosen_verification()
        proxy_name, proxy_phone = self.proxy_name.text().strip(), self.proxy_phone.text().strip()
        # the next villager's code, typed before this is saved, waits for the cleared search
        self.call_holding_keys(
            self.station.parcels.pick_up,
            ids,
            verified_by,
            proxy_name=proxy_name,
            proxy_phone=proxy_phone,
            on_done=lambda events: self._handed_out(
                Handed(ids, verified_by, proxy_name, proxy_phone, events[0].id), events
            ),
            on_error=self._refuse_hand_out,
        )

    def _refuse_hand_out(self, error: UserError) -> None:
        self.busy = False
        self.message.refuse(str(error))

    def _handed_out(self, handed: Handed, events: list[Event]) -> None:
        self.busy = False
        parcels = {p.id: p for p in self.found.parcels} if self.found else {}
        handed.codes = [parcels[i].pickup_code for i in handed.parcel_ids if i in parcels]
        self.last = handed
        self.print_button.setEnabled(True)
        self.tell(events)
        self.clear()
        self.search.clear()
        self.message.succeed(
            self.tr(
                "Handed out %n parcel(s): {codes}. Ctrl+P prints the slip.", "", len(events)
            ).format(codes=", ".join(handed.codes))
        )
