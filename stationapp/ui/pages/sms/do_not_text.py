"""不发短信名单: villagers who asked not to be texted. Numbers show masked; adding one cancels
its waiting texts (the core does that); taking one off is the manager's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.errors import UserError
from stationapp.ui.kit.desk import when_text
from stationapp.ui.kit.forms import MessageLabel
from stationapp.ui.kit.worker import StationWorker


class DoNotTextDialog(QDialog):
    def __init__(
        self, station: Station, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
        self.entries: list[Any] = []
        self.setWindowTitle(self.tr("Do-not-text list"))
        self.setMinimumSize(760, 480)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Phone"), self.tr("Why"), self.tr("Added")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("the villager's mobile number"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. asked at the counter on 11-23"))
        self.reason.returnPressed.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("&Mobile:"), self.phone)
        form.addRow(self.tr("&Why:"), self.reason)

        self.add_button = QPushButton(self.tr("&Add to the list"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("&Take off the list (manager)"))
        self.remove_button.clicked.connect(self.remove)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.message = MessageLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.worker.call(self.station.sms.do_not_text.list, on_done=self._show)

    def _show(self, entries: list[Any]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate(
                (entry.masked_phone, entry.reason, when_text(entry.added_at))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))

    @Slot()
    def add(self) -> None:
        self.message.clear_message()
        self.worker.call(
            self.station.sms.do_not_text.add,
            self.phone.text(),
            self.reason.text(),
            on_done=self._added,
            on_error=self._refused,
        )

    def _added(self, _event: Any) -> None:
        self.phone.clear()
        self.reason.clear()
        self.message.show_success(
            self.tr("Added: this number gets no more texts, and its waiting texts are cancelled.")
        )
        self.refresh()

    @Slot()
    def remove(self) -> None:
        self.message.clear_message()
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            self.message.show_refusal(self.tr("Choose a number in the list first."))
            return
        reason = self.reason.text() or self.tr("asked to be texted again")
        self.worker.call(
            self.station.sms.do_not_text.remove,
            self.entries[row].phone,
            reason,
            on_done=lambda _event: (
                self.message.show_success(self.tr("Taken off the list.")),
                self.refresh(),
            ),
            on_error=self._refused,
        )

    def _refused(self, error: UserError) -> None:
        self.message.show_refusal(str(error))
