"""Ctrl+U on today's purchases and today's sales: the manager voids the one chosen in the list,
with the reason typed in a small dialog (Enter gives it, Esc cancels). The core refuses another
operator, and a void a later step depends on (goods sold since, a lot line settled since)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QTableWidget

from stationapp.core import Event, Station
from stationapp.core.errors import UserError
from stationapp.ui.kit.desk import Outcome
from stationapp.ui.kit.forms import ask_reason
from stationapp.ui.kit.page import Page

VOID_KEY = "Ctrl+U"


def void_record(station: Station, record_id: str, reason: str) -> Event:
    """On the worker thread: the event that recorded the purchase or sale, voided."""
    return station.events.void(station.produce.recording_event(record_id), reason=reason)


class RecordVoid:
    """The void of one list of a produce panel: ``ids`` are the records shown, row by row."""

    def __init__(self, page: Page, view: QTableWidget, message: Outcome, question: str) -> None:
        self.page, self.view, self.message, self.question = page, view, message, question
        self.ids: list[str] = []
        self.dialog: QInputDialog | None = None

    def chosen(self) -> str | None:
        row = self.view.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def ask(self) -> None:
        """Ctrl+U: asks why the chosen record is voided, then voids it."""
        record_id = self.chosen()
        if record_id is None:
            self.message.refuse(
                QCoreApplication.translate(
                    "ProduceVoids",
                    "Choose one in the list (Tab to it, then Up/Down), then press Ctrl+U.",
                )
            )
            return
        self.message.clear_message()
        self.dialog = ask_reason(
            self.page,
            QCoreApplication.translate("ProduceVoids", "Void"),
            self.question,
            lambda reason: self.void(record_id, reason),
        )

    def void(self, record_id: str, reason: str) -> None:
        self.page.worker.call(
            void_record,
            self.page.station,
            record_id,
            reason,
            on_done=self._voided,
            on_error=self._refused,
        )

    def _refused(self, error: UserError) -> None:
        self.message.refuse(str(error))

    def _voided(self, event: Event) -> None:
        self.message.succeed(
            QCoreApplication.translate("ProduceVoids", "Voided: the list and the stock follow.")
        )
        self.page.tell([event], lines=["produce"])
