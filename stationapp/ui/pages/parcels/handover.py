"""交件: per carrier, the sent parcels waiting for the courier, the day's cut-off time shown big
(parcels handed over before it reach the county the same day), and one key to hand them over
and print the manifest for the courier's signature (A4 or 80 mm)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station, clock, waybill
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.parcels.sending import HandoverBatch, SentParcel
from stationapp.ui.kit.desk import Outcome, StepHint, section_title
from stationapp.ui.kit.forms import keep_last_words_together
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.parcels.printouts import (
    Rendered,
    print_rendered,
    render_handover_manifest,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CLOCK_MS = 30_000


@dataclass(frozen=True)
class Waiting:
    cutoff: str
    paper: str
    parcels: list[SentParcel]


def _waiting(station: Station) -> Waiting:
    return Waiting(
        cutoff=station.sending.cutoff(),
        paper=station.settings.get("paper"),
        parcels=station.sending.waiting_for_handover(),
    )


def past_cutoff(cutoff: str, now: datetime | None = None) -> bool:
    now = now or clock.now()
    hours, minutes = (int(part) for part in cutoff.split(":"))
    return (now.hour, now.minute) >= (hours, minutes)


class HandoverPanel(Page):
    COLUMNS = 6

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.waiting = Waiting("14:00", "80mm", [])
        self.busy = False

        self.cutoff = QLabel()
        self.cutoff.setObjectName("bigFigure")
        cutoff_caption = QLabel(self.tr("Today's cut-off for the courier"))
        cutoff_caption.setObjectName("sectionTitle")
        self.late = QLabel()
        self.late.setObjectName("lateWarning")
        self.late.setWordWrap(True)
        self.late.hide()
        top = QHBoxLayout()
        top.addWidget(cutoff_caption)
        top.addWidget(self.cutoff)
        top.addSpacing(20)
        top.addWidget(self.late, 1)

        self.carriers = QListWidget()
        self.carriers.setObjectName("carrierChoice")
        self.carriers.setMaximumWidth(220)
        self.carriers.currentRowChanged.connect(lambda _row: self._show_parcels())
        self.carriers.installEventFilter(self)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Sent at"),
                self.tr("Waybill"),
                self.tr("Recipient"),
                self.tr("To"),
                self.tr("Item"),
                self.tr("Weight"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list_title = section_title("")
        middle = QHBoxLayout()
        carriers_column = QVBoxLayout()
        carriers_column.addWidget(section_title(self.tr("Carriers")))
        carriers_column.addWidget(self.carriers, 1)
        parcels_column = QVBoxLayout()
        parcels_column.addWidget(self.list_title)
        parcels_column.addWidget(self.table, 1)
        middle.addLayout(carriers_column)
        middle.addLayout(parcels_column, 1)

        self.paper = QButtonGroup(self)
        self.a4 = QRadioButton(self.tr("A&4 sheet"))
        self.roll = QRadioButton(self.tr("&80 mm roll"))
        self.paper.addButton(self.a4)
        self.paper.addButton(self.roll)
        self.roll.setChecked(True)
        self.hand_over_button = QPushButton()
        self.hand_over_button.setObjectName("primary")
        self.hand_over_button.clicked.connect(self.hand_over)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hand_over_button)
        bottom.addSpacing(20)
        bottom.addWidget(QLabel(self.tr("Manifest on:")))
        bottom.addWidget(self.a4)
        bottom.addWidget(self.roll)
        bottom.addStretch(1)

        self.step = StepHint()
        self.message = Outcome()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.step)
        layout.addLayout(bottom)
        layout.addWidget(self.message)

        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_MS)
        self.clock.timeout.connect(self._show_cutoff)
        self._show_waiting(self.waiting)

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.refresh()
        self.clock.start()
        self.carriers.setFocus()

    def hideEvent(self, event: Any) -> None:
        self.clock.stop()
        super().hideEvent(event)

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if (changes.touches("parcels") or changes.changed_setting()) and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.worker.call(_waiting, self.station, on_done=self._show_waiting)

    # showing --------------------------------------------------------------------------------------

    def _show_waiting(self, waiting: Waiting) -> None:
        chosen = self.chosen_carrier()
        first_load = not self.waiting.parcels and not chosen
        self.waiting = waiting
        if first_load:
            (self.a4 if waiting.paper == "A4" else self.roll).setChecked(True)
        counts: dict[str, int] = {}
        for parcel in waiting.parcels:
            counts[parcel.carrier] = counts.get(parcel.carrier, 0) + 1
        self.carriers.blockSignals(True)
        self.carriers.clear()
        # the courier with the most parcels first: usually the one at the door
        for code, count in sorted(counts.items(), key=lambda pair: -pair[1]):
            item = QListWidgetItem(
                self.tr("{carrier}  %n parcel(s)", "", count).format(
                    carrier=waybill.CARRIERS.get(code, code)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.carriers.addItem(item)
        self.carriers.blockSignals(False)
        codes = [
            self.carriers.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.carriers.count())
        ]
        self.carriers.setCurrentRow(codes.index(chosen) if chosen in codes else 0 if codes else -1)
        self._show_cutoff()
        self._show_parcels()

    def _show_cutoff(self) -> None:
        cutoff = self.waiting.cutoff
        self.cutoff.setText(cutoff)
        late = past_cutoff(cutoff)
        self.late.setVisible(late)
        if late:
            text = self.tr(
                "Past {cutoff}: parcels handed over now reach the county tomorrow. Tell "
                "the senders."
            ).format(cutoff=cutoff)
            self.late.setText(keep_last_words_together(text))  # no word alone on a line

    def chosen_carrier(self) -> str:
        item = self.carriers.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def parcels_of(self, carrier: str) -> list[SentParcel]:
        return [p for p in self.waiting.parcels if p.carrier == carrier]

    def _show_parcels(self) -> None:
        carrier = self.chosen_carrier()
        parcels = self.parcels_of(carrier)
        self.table.setRowCount(len(parcels))
        unlabelled = 0
        for row, parcel in enumerate(parcels):
            unlabelled += not parcel.waybill
            cells = (
                parcel.sent_at[5:16].replace("T", " "),
                parcel.waybill or self.tr("no label yet"),
                parcel.recipient_name,
                parcel.recipient_address,
                f"{parcel.item_name} ×{parcel.item_count}",
                self.tr("{grams} g").format(grams=parcel.weight_g),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1 and not parcel.waybill:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        name = waybill.CARRIERS.get(carrier, carrier)
        self.list_title.setText(
            self.tr("Waiting for {carrier}'s courier: %n", "", len(parcels)).format(carrier=name)
            if carrier
            else self.tr("No parcels are waiting for a courier.")
        )
        self.hand_over_button.setText(
            self.tr("Hand %n parcel(s) to {carrier} and print (Enter)", "", len(parcels)).format(
                carrier=name
            )
        )
        self.hand_over_button.setEnabled(bool(parcels))
        if unlabelled:
            self.step.setText(
                self.tr(
                    "%n parcel(s) have no waybill yet: scan their labels on the Sending page "
                    "first.",
                    "",
                    unlabelled,
                )
            )
        else:
            self.step.setText(self.tr("Up/Down chooses the carrier; Enter hands the parcels over."))

    # handing over ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.carriers and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in ENTER_KEYS:
                self.hand_over()
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def hand_over(self) -> None:
        carrier = self.chosen_carrier()
        if not carrier:
            self.message.refuse(self.tr("No parcels are waiting for a courier."))
            return
        if self.busy:
            return
        self.busy = True
        self.worker.call(
            self.station.sending.hand_over, carrier, on_done=self._handed, on_error=self._refuse
        )

    def _refuse(self, error: UserError) -> None:
        self.busy = False
        self.message.refuse(str(error))

    def _handed(self, batch: HandoverBatch) -> None:
        self.message.succeed(
            self.tr("%n parcel(s) handed to {carrier}'s courier.", "", len(batch.parcels)).format(
                carrier=waybill.CARRIERS.get(batch.carrier, batch.carrier)
            )
        )
        self.tell(lines=["parcels"])
        self.refresh()
        self.worker.call(
            render_handover_manifest,
            self.station,
            batch,
            paper="A4" if self.a4.isChecked() else "80mm",
            operator_name=self.operator.name,
            on_done=self._print,
            on_error=self._refuse,
        )

    def _print(self, rendered: Rendered) -> None:
        self.busy = False
        if not print_rendered(rendered, self):
            self.message.show_success(self.tr("Printing was cancelled."))
        self.carriers.setFocus()
