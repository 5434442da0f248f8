"""Return proposals: the parcels waiting longer than the return days, carrier by carrier (each
courier takes back their own), ticked; a reason; one key returns them and prints the return
manifest for the courier to sign."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, Station, clock, waybill
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.lines import changes_of
from stationapp.core.parcels.facade import Parcel
from stationapp.ui.kit.desk import STYLE_SHEET, Outcome, section_title
from stationapp.ui.kit.page import PageContext
from stationapp.ui.pages.parcels.printouts import (
    Rendered,
    print_rendered,
    render_return_manifest,
)


def _proposals(station: Station) -> tuple[list[Parcel], int]:
    return station.parcels.due_for_return(), station.settings.get("parcels.return_days")


class ReturnDialog(QDialog):
    changed = Signal(Changes)
    returned = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.proposals: list[Parcel] = []
        self.parcels: list[Parcel] = []
        self.return_days = 0
        self.busy = False
        self.setWindowTitle(self.tr("Return to the courier"))
        self.setStyleSheet(STYLE_SHEET)
        self.resize(900, 560)

        self.title = section_title(self.tr("Looking for parcels to return…"))
        self.carrier = QComboBox()
        self.carrier.currentIndexChanged.connect(lambda _index: self._show_carrier())
        carrier_label = QLabel(self.tr("&Courier taking them back:"))
        carrier_label.setBuddy(self.carrier)
        carrier_row = QHBoxLayout()
        carrier_row.addWidget(carrier_label)
        carrier_row.addWidget(self.carrier)
        carrier_row.addStretch(1)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Pickup code"),
                self.tr("Carrier"),
                self.tr("Waybill"),
                self.tr("Recipient"),
                self.tr("Phone"),
                self.tr("Days"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.table.itemChanged.connect(lambda _item: self._show_count())

        self.reason = QLineEdit(self.tr("Not collected in time"))
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)

        self.return_button = QPushButton()
        self.return_button.setObjectName("primary")
        self.return_button.setDefault(True)
        self.return_button.clicked.connect(self.return_ticked)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.return_button)
        buttons.addWidget(close)
        buttons.addStretch(1)

        hint = QLabel(
            self.tr(
                "Space ticks or unticks a parcel. The return manifest is printed for the "
                "courier to sign."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.message = Outcome()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(carrier_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(reason_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._show_count()
        self.context.worker.call(_proposals, self.context.station, on_done=self._show_proposals)

    def _show_proposals(self, proposals: tuple[list[Parcel], int]) -> None:
        self.proposals, self.return_days = proposals
        counts: dict[str, int] = {}
        for parcel in self.proposals:
            counts[parcel.carrier] = counts.get(parcel.carrier, 0) + 1
        self.carrier.blockSignals(True)
        self.carrier.clear()
        for code, count in counts.items():
            name = waybill.CARRIERS.get(code, code)
            self.carrier.addItem(self.tr("{carrier} (%n)", "", count).format(carrier=name), code)
        self.carrier.blockSignals(False)
        self._show_carrier()

    def chosen_carrier(self) -> str:
        return self.carrier.currentData() or ""

    def _show_carrier(self) -> None:
        carrier = self.chosen_carrier()
        self.parcels = [p for p in self.proposals if p.carrier == carrier]
        self.title.setText(
            self.tr("%n parcel(s) waited more than {days} days", "", len(self.proposals)).format(
                days=self.return_days
            )
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.parcels))
        today = clock.business_day()
        for row, parcel in enumerate(self.parcels):
            cells = (
                parcel.pickup_code,
                parcel.carrier_name,
                parcel.waybill,
                parcel.recipient_name,
                parcel.masked_phone,
                str(parcel.age_days(today)),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked)
                    item.setData(Qt.ItemDataRole.UserRole, parcel.id)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        if self.parcels:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()
        self._show_count()

    def on_scan(self, code: str) -> bool:
        """A listed parcel scanned (its waybill or pickup code) is chosen and ticked: it goes
        back. Any other scan is not for this dialog (it waits until the dialog is closed), and
        a scan never presses the Return button."""
        key = code.strip().upper()
        parcel = next(
            (p for p in self.proposals if key in (p.waybill.upper(), p.pickup_code.upper())), None
        )
        if parcel is None:
            return False
        if parcel.carrier != self.chosen_carrier():
            self.carrier.setCurrentIndex(self.carrier.findData(parcel.carrier))
        row = next(row for row, listed in enumerate(self.parcels) if listed.id == parcel.id)
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() == Qt.Key.Key_Space:
                item = self.table.item(self.table.currentRow(), 0)
                if item is not None:
                    ticked = item.checkState() == Qt.CheckState.Checked
                    item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)
                return True
        return super().eventFilter(watched, event)

    def ticked_ids(self) -> list[str]:
        ids = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def _show_count(self) -> None:
        count = len(self.ticked_ids())
        self.return_button.setText(
            self.tr("Return %n parcel(s) and print the manifest (Enter)", "", count)
        )
        self.return_button.setEnabled(count > 0)

    @Slot()
    def return_ticked(self) -> None:
        ids = self.ticked_ids()
        if not ids or self.busy:
            return
        self.busy = True
        reason, carrier = self.reason.text(), self.chosen_carrier()
        self.context.worker.call(
            self.context.station.parcels.return_to_courier,
            ids,
            reason,
            on_done=lambda events: self._returned(events, reason, carrier),
            on_error=self._refuse,
        )

    def _refuse(self, error: UserError) -> None:
        self.busy = False
        self.message.refuse(str(error))

    def _returned(self, events: list[Event], reason: str, carrier: str) -> None:
        self.changed.emit(changes_of(events))
        self.returned.emit(len(events))
        self.context.worker.call(
            render_return_manifest,
            self.context.station,
            events[0].payload["batch_id"],
            " ".join(reason.split()),
            carrier=carrier,
            operator_name=self.context.operator.name,
            on_done=self._print,
            on_error=self._refuse,
        )

    def _print(self, rendered: Rendered) -> None:
        self.busy = False
        print_rendered(rendered, self)
        self.accept()
