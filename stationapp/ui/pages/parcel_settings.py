"""快递设置 (the manager's): shelves, when a parcel is overdue and when it goes back, the
default consent, a pickup fee (off), the handover cut-off, and the arrival text's timing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.errors import UserError
from stationapp.core.money import format_money, parse_money
from stationapp.ui.forms import MessageLabel
from stationapp.ui.pages.parcels.words import CONSENTS, fill_combo, select_data
from stationapp.ui.worker import StationWorker

KEYS = (
    "parcels.shelves",
    "parcels.overdue_days",
    "parcels.return_days",
    "parcels.default_consent",
    "parcels.pickup_fee_fen",
    "parcels.cutoff",
    "sms.group_minutes",
    "sms.pickup_days",
)


def shelves_text(shelves: list[dict[str, Any]]) -> str:
    return ", ".join(f"{s['name']}:{s['layers']}" for s in shelves)


class ParcelSettingsDialog(QDialog):
    """``saved`` carries the events the save wrote (the pages refresh from them)."""

    saved = Signal(object)

    def __init__(
        self, station: Station, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
        self.setWindowTitle(self.tr("Parcel settings"))
        self.setMinimumWidth(760)

        self.shelves = QLineEdit()
        self.shelves.setPlaceholderText(self.tr("e.g. A:4, B:4, C:5 (shelf:layers)"))
        self.overdue_days = QSpinBox()
        self.overdue_days.setRange(1, 30)
        self.overdue_days.setSuffix(self.tr(" days"))
        self.return_days = QSpinBox()
        self.return_days.setRange(2, 60)
        self.return_days.setSuffix(self.tr(" days"))
        self.consent = QComboBox()
        fill_combo(self.consent, CONSENTS)
        self.pickup_fee = QLineEdit()
        self.cutoff = QLineEdit()
        self.cutoff.setPlaceholderText("14:00")
        self.group_minutes = QSpinBox()
        self.group_minutes.setRange(0, 120)
        self.group_minutes.setSuffix(self.tr(" min"))
        self.pickup_days = QSpinBox()
        self.pickup_days.setRange(1, 30)
        self.pickup_days.setSuffix(self.tr(" days"))

        form = QFormLayout()
        form.addRow(self.tr("&Shelves:"), self.shelves)
        form.addRow(self.tr("&Overdue after:"), self.overdue_days)
        form.addRow(self.tr("Propose &return after:"), self.return_days)
        form.addRow(self.tr("Default &consent:"), self.consent)
        form.addRow(self.tr("Pickup &fee (yuan):"), self.pickup_fee)
        fee_note = QLabel(
            self.tr(
                "Leave the fee at 0: regulators have ordered refunds where stations charged "
                "recipients for pickup (二次收费)."
            )
        )
        fee_note.setWordWrap(True)
        fee_note.setObjectName("hint")
        form.addRow("", fee_note)
        form.addRow(self.tr("Handover c&ut-off:"), self.cutoff)
        form.addRow(self.tr("One text per phone &within:"), self.group_minutes)
        form.addRow(self.tr("Days to co&llect (in the text):"), self.pickup_days)

        self.message = MessageLabel()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.worker.call(self.station.settings.all, on_done=self._show)

    def _show(self, values: dict[str, Any]) -> None:
        self.shelves.setText(shelves_text(values["parcels.shelves"]))
        self.overdue_days.setValue(int(values["parcels.overdue_days"]))
        self.return_days.setValue(int(values["parcels.return_days"]))
        select_data(self.consent, values["parcels.default_consent"])
        self.pickup_fee.setText(format_money(int(values["parcels.pickup_fee_fen"])))
        self.cutoff.setText(values["parcels.cutoff"])
        self.group_minutes.setValue(int(values["sms.group_minutes"]))
        self.pickup_days.setValue(int(values["sms.pickup_days"]))

    def values(self) -> dict[str, Any]:
        return {
            "parcels.shelves": self.shelves.text(),
            "parcels.overdue_days": self.overdue_days.value(),
            "parcels.return_days": self.return_days.value(),
            "parcels.default_consent": self.consent.currentData(),
            "parcels.pickup_fee_fen": parse_money(self.pickup_fee.text() or "0"),
            "parcels.cutoff": self.cutoff.text(),
            "sms.group_minutes": self.group_minutes.value(),
            "sms.pickup_days": self.pickup_days.value(),
        }

    @Slot()
    def save(self) -> None:
        self.message.clear_message()
        try:
            values = self.values()
        except UserError as error:
            self.message.show_refusal(str(error))
            return
        self.worker.call(
            self.station.settings.set_many, values, on_done=self._saved, on_error=self._refused
        )

    def _saved(self, events: list[Any]) -> None:
        self.message.show_success(self.tr("Saved."))
        for event in events:
            self.saved.emit(event)

    def _refused(self, error: UserError) -> None:
        self.message.show_refusal(str(error))
