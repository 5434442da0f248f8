"""同步 (F9): whether the station has joined a county center, whether the county answers, when the
station last synced, how many records wait; a "sync now" button with a progress bar, the last
error in plain words and the history of rounds. Before joining: a sentence, and the manager's
button to join.

The rounds themselves are the shell's :class:`SyncRunner` (one per run): :meth:`SyncPage.set_runner`
connects it; :class:`SyncStatusBar` shows the same state in the main window's status bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import clock
from stationapp.core.changes import Changes
from stationapp.core.sync.history import EnrolledStation, SyncLogEntry, SyncReport
from stationapp.ui.kit.forms import MessageLabel
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.sync.join_county import JoinCountyDialog
from stationapp.ui.runners.sync_runner import SyncRunner, SyncState

HISTORY_ROWS = 50


def shown_time(iso: str) -> str:
    """An ISO time as the station reads it (Beijing time, to the minute); "" stays ""."""
    if not iso:
        return ""
    return clock.parse_iso(iso).astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M")


def county_text(state: SyncState) -> str:
    """The status bar's words: 已加入县级中心 · 在线 / 离线, or 未加入县级中心."""
    translate = QCoreApplication.translate
    if not state.enrolled:
        return translate("SyncStatus", "Not joined to a county center")
    if state.online is None:
        return translate("SyncStatus", "Joined to the county center")
    online, offline = translate("SyncStatus", "online"), translate("SyncStatus", "offline")
    link = online if state.online else offline
    return translate("SyncStatus", "Joined to the county center · {link}").format(link=link)


class SyncStatusBar(QObject):
    """The main window's county and waiting labels follow the runner (parented to the window,
    so the connection ends with it)."""

    def __init__(self, county_label: QLabel, waiting_label: QLabel, parent: QObject) -> None:
        super().__init__(parent)
        self.county_label = county_label
        self.waiting_label = waiting_label

    @Slot(SyncState)
    def show_state(self, state: SyncState) -> None:
        self.county_label.setText(county_text(state))
        waiting = QCoreApplication.translate("MainWindow", "Waiting to send: {count}")
        self.waiting_label.setText(waiting.format(count=state.waiting))


class SyncPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.runner: SyncRunner | None = None
        self.state: SyncState | None = None
        self.join_dialog: QDialog | None = None

        title = QLabel(self.tr("Sync"))
        title.setObjectName("pageTitle")
        self.joined_label = QLabel()
        self.joined_label.setObjectName("stationName")
        self.online_label = QLabel()
        self.online_label.setObjectName("heading")
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.county_label = QLabel()
        self.county_label.setObjectName("hint")

        self.not_joined = QLabel(
            self.tr(
                "This station has not joined a county center yet. Its records are kept here "
                "safely. To send them to the county, join with the address and the code on the "
                "county center's letter."
            )
        )
        self.not_joined.setWordWrap(True)
        self.ask_manager = QLabel(self.tr("Ask the station manager to join the county center."))
        self.ask_manager.setObjectName("hint")
        self.join_button = QPushButton(self.tr("&Join the county center…"))
        self.join_button.clicked.connect(self.open_join_dialog)

        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setToolTip(self.tr("Ctrl+S"))
        self.sync_button.clicked.connect(self.sync_now)
        self.sync_shortcut = QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_S), self)
        self.sync_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # while shown
        self.sync_shortcut.activated.connect(self.sync_now)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMinimumWidth(420)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("%v of %m records sent"))
        self.progress_bar.hide()
        self.error_label = MessageLabel()
        self.message = MessageLabel()

        self.history = QTableWidget(0, 6)
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Result"),
                self.tr("Sent"),
                self.tr("At the county"),
                self.tr("Waiting"),
                self.tr("What happened"),
            ]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_button)
        sync_row.addWidget(self.progress_bar, 1)
        sync_row.addStretch(1)  # the button keeps its size while the bar is hidden
        join_row = QHBoxLayout()
        join_row.addWidget(self.join_button)
        join_row.addStretch(1)
        history_title = QLabel(self.tr("Past rounds"))
        history_title.setObjectName("heading")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.joined_label)
        layout.addWidget(self.online_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.county_label)
        layout.addWidget(self.not_joined)
        layout.addWidget(self.ask_manager)
        layout.addLayout(join_row)
        layout.addLayout(sync_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.message)
        layout.addWidget(history_title)
        layout.addWidget(self.history, 1)
        self._show_joined(False)

    # the runner ---------------------------------------------------------------------------------

    def set_runner(self, runner: SyncRunner) -> None:
        """The shell's runner: its state, progress and rounds show here."""
        self.runner = runner
        runner.state_changed.connect(self.show_state)
        runner.progress.connect(self.show_progress)
        runner.round_finished.connect(self.show_round)
        self.show_state(runner.state)

    @Slot()
    def sync_now(self) -> None:
        if self.runner is None or self.runner.running:
            return
        self.message.clear_message()
        if self.state is not None and self.state.enrolled:
            self.progress_bar.setRange(0, 0)  # busy until the first count comes
            self.progress_bar.show()
        self.runner.sync_now()  # does nothing before joining (the page then says so)

    # showing ------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.refresh()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.runner is not None:
            self.runner.refresh()
        else:
            self.worker.call(self.station.sync.status, on_done=self._status_without_runner)
        self.worker.call(self.station.sync.history, HISTORY_ROWS, on_done=self.show_history)

    def _status_without_runner(self, status: Any) -> None:
        self.show_state(
            SyncState(
                status.enrolled,
                None,
                status.last_sync_at,
                status.waiting,
                status.last_error,
                station_id=status.station_id,
                county_url=status.county_url,
            )
        )

    @Slot(SyncState)
    def show_state(self, state: SyncState) -> None:
        self.state = state
        self._show_joined(state.enrolled)
        if not state.enrolled:
            self.joined_label.setText(self.tr("Not joined to a county center"))
            return
        self.joined_label.setText(self.tr("Joined to the county center"))
        if state.running:
            self.online_label.setText(self.tr("Syncing…"))
        elif state.online is None:
            self.online_label.setText(self.tr("Not synced since the program started"))
        elif state.online:
            self.online_label.setText(self.tr("Online: the county center answers"))
        else:
            self.online_label.setText(self.tr("Offline: the county center cannot be reached"))
        last = (
            self.tr("Last sync: {time}").format(time=shown_time(state.last_sync_at))
            if state.last_sync_at
            else self.tr("Last sync: never")
        )
        waiting = self.tr("Records waiting to be sent: {count}").format(count=state.waiting)
        self.details_label.setText(f"{last}    {waiting}")
        self.county_label.setText(
            self.tr("Station {station_id} at {url}").format(
                station_id=state.station_id, url=state.county_url
            )
        )
        if state.last_error:
            self.error_label.show_refusal(state.last_error)
        else:
            self.error_label.clear_message()
        self.sync_button.setEnabled(not state.running)

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        self.progress_bar.show()
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)) if total else 1)

    @Slot(SyncReport)
    def show_round(self, report: SyncReport) -> None:
        self.progress_bar.hide()
        if report.ok:
            self.message.show_success(
                self.tr(
                    "Synced: the county center now holds {count} records of this station."
                ).format(count=report.head_seq)
            )
        else:
            self.message.clear_message()
        self.worker.call(self.station.sync.history, HISTORY_ROWS, on_done=self.show_history)

    def show_history(self, entries: list[SyncLogEntry]) -> None:
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            result = self.tr("Done") if entry.ok else self.tr("Stopped")
            values = (
                shown_time(entry.finished_at),
                result,
                str(entry.accepted),
                str(entry.head_seq),
                str(entry.waiting),
                entry.message,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (2, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.history.setItem(row, column, item)
        self.history.resizeRowsToContents()

    def _show_joined(self, joined: bool) -> None:
        manager = self.operator.is_manager
        for widget in (self.online_label, self.details_label, self.county_label, self.sync_button):
            widget.setVisible(joined)
        self.not_joined.setVisible(not joined)
        self.join_button.setVisible(not joined and manager)
        self.ask_manager.setVisible(not joined and not manager)
        if not joined:
            self.error_label.clear_message()
            self.progress_bar.hide()

    # joining ------------------------------------------------------------------------------------

    @Slot()
    def open_join_dialog(self) -> QDialog | None:
        return self.open_form("join", self)

    def open_form(self, name: str, parent: QWidget) -> QDialog | None:
        """``join``: the 加入县级中心 dialog over ``parent`` (the manager's); joining is told
        as a change of the sync line, so the runner syncs at once."""
        if name != "join" or not self.operator.is_manager:
            return None
        dialog = JoinCountyDialog(self.station, self.worker, parent)
        dialog.joined.connect(self._joined)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.join_dialog = dialog
        return dialog

    @Slot(EnrolledStation)
    def _joined(self, enrolled: EnrolledStation) -> None:
        self.message.show_success(
            self.tr("Joined the county center as {name}.").format(name=enrolled.station_name)
        )
        self.refresh()
        self.tell(lines=["sync"])
