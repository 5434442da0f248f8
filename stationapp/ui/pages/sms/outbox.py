"""The outbox (发件箱), on the 短信 page: the texts newest first: to whom (masked), the text, its
length and part count, its status, tries and the reason it has not gone; retry a failed text,
cancel a queued one; N opens the do-not-text list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, Station
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.ui.kit.desk import Outcome, StepHint, section_title, when_text
from stationapp.ui.kit.page import Page, PageContext

STATUSES = {
    "queued": QT_TRANSLATE_NOOP("OutboxPanel", "Waiting"),
    "sending": QT_TRANSLATE_NOOP("OutboxPanel", "Sending"),
    "relayed": QT_TRANSLATE_NOOP("OutboxPanel", "At the county center"),
    "sent": QT_TRANSLATE_NOOP("OutboxPanel", "Sent"),
    "failed": QT_TRANSLATE_NOOP("OutboxPanel", "Failed"),
}
REASON_WIDTH = 280
STATUS_COLOURS = {
    "failed": QColor("#ffc4c4"),
    "queued": QColor("#fff3c4"),
    "relayed": QColor("#d6e9ff"),
}


def _outbox(station: Station, status: str | None) -> tuple[list[Any], dict[str, int]]:
    return station.sms.outbox(status), station.sms.counts()


class OutboxPanel(Page):
    COLUMNS = 7

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.texts: list[Any] = []
        self.stale = True

        self.status = QComboBox()
        self.status.addItem(self.tr("All texts"), None)
        for code, text in STATUSES.items():
            self.status.addItem(self.tr(text), code)
        self.status.currentIndexChanged.connect(lambda _index: self.refresh())
        status_label = QLabel(self.tr("S&how:"))
        status_label.setBuddy(self.status)
        self.summary = section_title("")
        top = QHBoxLayout()
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addSpacing(20)
        top.addWidget(self.summary, 1)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Queued"),
                self.tr("To"),
                self.tr("Text"),
                self.tr("Length"),
                self.tr("Status"),
                self.tr("Tries"),
                self.tr("Why not sent"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(6, REASON_WIDTH)
        self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._show_buttons)

        self.retry_button = QPushButton(self.tr("&Retry (R)"))
        self.retry_button.clicked.connect(self.retry)
        self.cancel_button = QPushButton(self.tr("&Cancel text (Del)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.do_not_text_button = QPushButton(self.tr("Do-not-text list (N)"))
        self.do_not_text_button.clicked.connect(self.open_do_not_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.do_not_text_button)
        self.step = StepHint()
        self.step.setText(
            self.tr(
                "A text over 70 characters is sent, and paid, as several parts (67 characters "
                "each). A failed text is kept: fix the cause, then Retry."
            )
        )
        self.message = Outcome()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.step)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._show_buttons()

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.refresh()
        self.table.setFocus()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if not changes.touches("sms", "parcels"):
            return
        self.stale = True
        if self.isVisible():
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.stale = False
        self.worker.call(
            _outbox,
            self.station,
            self.status.currentData(),
            on_done=self._show,
            on_error=self._refuse,
        )

    def _show(self, loaded: tuple[list[Any], dict[str, int]]) -> None:
        chosen = self.chosen().id if self.chosen() is not None else ""
        self.texts, counts = loaded
        summary = self.tr(
            "Waiting: {queued} (costing {parts} messages)   Sent: {sent}   Failed: {failed}"
        ).format(
            queued=counts.get("queued", 0) + counts.get("sending", 0),
            parts=counts.get("parts_waiting", 0),
            sent=counts.get("sent", 0),
            failed=counts.get("failed", 0),
        )
        if counts.get("relayed", 0):
            summary += "   " + self.tr("At the county center: {relayed}").format(
                relayed=counts["relayed"]
            )
        self.summary.setText(summary)
        self.table.setRowCount(len(self.texts))
        for row, text in enumerate(self.texts):
            reason = text.last_error if text.status == "failed" else text.waiting_reason
            if text.status == "queued" and text.last_error and not reason:
                reason = text.last_error
            reason = reason or text.county_note
            cells = (
                when_text(text.created_at)[5:],
                text.masked_phone,
                text.text,
                self.tr("{chars} chars, %n part(s)", "", text.parts).format(chars=text.chars),
                self.tr(STATUSES.get(text.status, text.status)),
                str(text.attempts),
                reason,
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, text.id)
                if column == 2:
                    item.setToolTip(text.text)
                colour = STATUS_COLOURS.get(text.status)
                if colour is not None and column == 4:
                    item.setBackground(colour)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        row = next((r for r, t in enumerate(self.texts) if t.id == chosen), 0 if self.texts else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_buttons()

    def chosen(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.texts[row] if 0 <= row < len(self.texts) else None

    def _show_buttons(self) -> None:
        text = self.chosen()
        self.retry_button.setEnabled(text is not None and text.status == "failed")
        self.cancel_button.setEnabled(text is not None and text.status == "queued")

    # retry and cancel -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            key = key_event.key()
            if key == Qt.Key.Key_R:
                self.retry()
                return True
            if key == Qt.Key.Key_Delete:
                self.cancel()
                return True
            if key == Qt.Key.Key_N:
                self.open_do_not_text()
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def retry(self) -> None:
        text = self.chosen()
        if text is None or text.status != "failed":
            self.message.refuse(self.tr("Choose a failed text first; only those can be retried."))
            return
        self.worker.call(
            self.station.sms.retry, text.id, on_done=self._acted_retry, on_error=self._refuse
        )

    @Slot()
    def cancel(self) -> None:
        text = self.chosen()
        if text is None or text.status != "queued":
            self.message.refuse(
                self.tr("Choose a waiting text first; only those can be cancelled.")
            )
            return
        self.worker.call(
            self.station.sms.cancel, text.id, on_done=self._acted_cancel, on_error=self._refuse
        )

    def _acted_retry(self, event: Event) -> None:
        self.message.succeed(self.tr("The text is queued again."))
        self.tell([event])

    def _acted_cancel(self, event: Event) -> None:
        self.message.succeed(self.tr("The text is cancelled; Retry sends it after all."))
        self.tell([event])

    @Slot()
    def open_do_not_text(self) -> None:
        from stationapp.ui.pages.sms.do_not_text import DoNotTextDialog

        dialog = DoNotTextDialog(self.station, self.worker, self)
        dialog.exec()
        self.refresh()

    def _refuse(self, error: UserError) -> None:
        self.message.refuse(str(error))
