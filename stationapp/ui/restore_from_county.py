"""从县级中心恢复本站: the first-run wizard's second choice, for a station whose PC was lost.

Three steps on one card: the county center's address and the code it reissued; a progress bar
while the records come; then the manager's new PIN. The download is ``download_steps`` run step
by step: each page is checked and stored by a job of the station worker's thread, and each call
to the county (enrol, head, a page) is made on a network thread in between, so neither the
window nor the database thread ever waits on the link (DESIGN §2). Progress reaches the GUI
thread by a queued signal.
``restored(Station)`` carries the open station, logged in as the manager, as the wizard's
``station_created`` does. The work itself is ``stationapp.core.sync.restore``.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.errors import UserError
from stationapp.core.station import download_steps, finish_restore
from stationapp.core.sync.restore_staging import PendingRestore, pending_restore
from stationapp.core.sync.steps import CallAnswer, CountyCall, Stepped
from stationapp.ui.kit.forms import MessageLabel, PinEdit, pin_again_label, same_pin_twice
from stationapp.ui.kit.worker import StationWorker

ADDRESS, PROGRESS, PIN = range(3)


class RestoreFromCounty(QWidget):
    """``restored(Station)`` at the end; ``back_requested`` when the operator goes back to the
    two choices (only while nothing is under way)."""

    restored = Signal(Station)
    back_requested = Signal()
    _progressed = Signal(int, int)  # emitted on the database thread

    def __init__(
        self, data_dir: Path, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.worker = worker
        self.busy = False
        self.pending: PendingRestore | None = None
        self.download_page_size: int | None = None  # events per page; None: the county's own
        self._stop = threading.Event()
        self._download: Stepped[PendingRestore] | None = None  # the database thread's own
        self._progressed.connect(self.show_progress, Qt.ConnectionType.QueuedConnection)

        self.steps = QStackedWidget()
        self.steps.addWidget(self._address_step())
        self.steps.addWidget(self._progress_step())
        self.steps.addWidget(self._pin_step())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps)
        self.worker.call(pending_restore, self.data_dir, on_done=self._show_pending)

    # the steps ----------------------------------------------------------------------------------

    def _address_step(self) -> QWidget:
        step = QWidget()
        title = QLabel(self.tr("Restore this station from the county center"))
        title.setObjectName("pageTitle")
        explain = QLabel(
            self.tr(
                "Ask the county center for a new code for this station (the old PC's key then "
                "stops working). Type the county center's address and the new code: the "
                "station's records come back over the internet, each one checked."
            )
        )
        explain.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText(self.tr("e.g. https://county.example.cn"))
        self.server_url.setMinimumWidth(420)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. 7KQ2-MX4P-9TNA"))
        self.code.returnPressed.connect(self.start)
        self.server_url.returnPressed.connect(self.code.setFocus)
        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.addRow(self.tr("County center's &address:"), self.server_url)
        form.addRow(self.tr("New &code for this station:"), self.code)
        self.message = MessageLabel()
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.clicked.connect(self.go_back)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.clicked.connect(self.start)
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for widget in (title, explain, self.notice):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.back_button, self.restore_button))
        return step

    def _progress_step(self) -> QWidget:
        step = QWidget()
        title = QLabel(self.tr("Bringing the station's records back…"))
        title.setObjectName("pageTitle")
        self.progress_label = QLabel(self.tr("Asking the county center…"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # busy until the county says how many
        self.progress_bar.setMinimumHeight(34)
        hint = QLabel(
            self.tr(
                "Each record is checked as it comes and kept on this PC. If the network drops "
                "or you stop, the next try goes on from where it stopped."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.clicked.connect(self.stop)
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for widget in (title, self.progress_label, self.progress_bar, hint):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.stop_button))
        return step

    def _pin_step(self) -> QWidget:
        step = QWidget()
        title = QLabel(self.tr("Set the manager's new PIN"))
        title.setObjectName("pageTitle")
        self.restored_label = QLabel()
        self.restored_label.setWordWrap(True)
        self.pin = PinEdit()
        self.pin_again = PinEdit()
        self.pin.returnPressed.connect(self.pin_again.setFocus)
        self.pin_again.returnPressed.connect(self.open_station)
        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.addRow(self.tr("New P&IN (4–8 digits):"), self.pin)
        form.addRow(pin_again_label(), self.pin_again)
        self.pin_message = MessageLabel()
        self.open_button = QPushButton(self.tr("&Open the station"))
        self.open_button.clicked.connect(self.open_station)
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addWidget(self.restored_label)
        layout.addLayout(form)
        layout.addWidget(self.pin_message)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.open_button))
        return step

    # what the operator does ---------------------------------------------------------------------

    def focus_first(self) -> None:
        """Where typing starts when this choice is shown."""
        step = self.steps.currentIndex()
        if step == ADDRESS:
            (self.code if self.server_url.text() else self.server_url).setFocus()
        elif step == PIN:
            self.pin.setFocus()
        else:
            self.stop_button.setFocus()

    @Slot()
    def go_back(self) -> None:
        if not self.busy:
            self.back_requested.emit()

    @Slot()
    def start(self) -> None:
        """Fetch the records (or go on with those that came before)."""
        if self.busy:
            return
        self.message.clear_message()
        self._set_busy(True)
        self._stop.clear()
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Asking the county center…"))
        self.stop_button.setEnabled(True)
        self.steps.setCurrentIndex(PROGRESS)
        self.stop_button.setFocus()
        from stationapp import __version__

        self.worker.call(
            self._begin_on_db,
            self.server_url.text(),
            self.code.text(),
            __version__,
            on_done=self._stepped,
            on_error=self._refused,
        )

    @Slot()
    def stop(self) -> None:
        """Stop after the page under way; what came is kept."""
        self._stop.set()
        self.stop_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping after this page…"))

    def stop_quietly(self) -> None:
        """The window is closing: a download under way ends now; what came is kept (the staging
        file is closed on the database thread, a call still on the link is not waited for)."""
        self._stop.set()
        if self.busy:
            self.worker.call(self._close_on_db)

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)))
        self.progress_label.setText(
            self.tr("{done} of {total} records have come and were checked.").format(
                done=done, total=total
            )
        )

    @Slot()
    def open_station(self) -> None:
        if self.busy:
            return
        self.pin_message.clear_message()
        if not same_pin_twice(self.pin, self.pin_again, self.pin_message):
            return
        self._set_busy(True)
        self.worker.call(
            finish_restore,
            self.data_dir,
            self.pin.text(),
            on_done=self._opened,
            on_error=self._pin_refused,
        )

    # the download, step by step ---------------------------------------------------------------

    def _begin_on_db(self, url: str, code: str, version: str) -> CountyCall | PendingRestore | None:
        self._download = Stepped(
            download_steps(
                self.data_dir,
                url,
                code,
                progress=self._progress_on_db,
                should_stop=self._stop.is_set,
                page_size=self.download_page_size,
                app_version=version,
            )
        )
        return self._step_on_db(None)

    def _step_on_db(self, answer: CallAnswer | None) -> CountyCall | PendingRestore | None:
        """Database thread: up to the next call to the county, or the end (None: the download
        was closed meanwhile, the window closes)."""
        download = self._download
        if download is None:
            return None
        try:
            call = download.step(answer)
        except BaseException:
            self._download = None
            raise
        if call is not None:
            return call
        self._download = None
        assert download.result is not None
        return download.result

    def _close_on_db(self) -> None:
        download, self._download = self._download, None
        if download is not None:
            download.close()

    def _stepped(self, stepped: CountyCall | PendingRestore | None) -> None:
        if isinstance(stepped, CountyCall):
            self.worker.call_network(stepped.run, on_done=self._answered)
        elif stepped is not None:
            self._downloaded(stepped)

    def _answered(self, answer: CallAnswer) -> None:
        self.worker.call(self._step_on_db, answer, on_done=self._stepped, on_error=self._refused)

    # results (GUI thread) -----------------------------------------------------------------------

    def _progress_on_db(self, done: int, total: int) -> None:
        with contextlib.suppress(RuntimeError):  # the wizard was closed meanwhile
            self._progressed.emit(done, total)

    def _show_pending(self, pending: PendingRestore | None) -> None:
        self.pending = pending
        if pending is None or not (pending.events or pending.complete):
            self.notice.hide()
            return
        if not self.server_url.text():
            self.server_url.setText(pending.county_url)
        if pending.complete:
            self._show_pin_step(pending)
            return
        self.notice.setText(
            self.tr(
                "A restore of {name} stopped after {done} records. Type the same address and "
                "code to go on from there."
            ).format(name=pending.station_name, done=pending.events)
        )
        self.notice.show()

    def _downloaded(self, pending: PendingRestore) -> None:
        self._set_busy(False)
        self.pending = pending
        self._show_pin_step(pending)

    def _refused(self, error: UserError) -> None:
        self._set_busy(False)
        self.steps.setCurrentIndex(ADDRESS)
        self.message.show_refusal(str(error))
        self.worker.call(pending_restore, self.data_dir, on_done=self._show_pending)
        self.restore_button.setFocus()

    def _show_pin_step(self, pending: PendingRestore) -> None:
        self.restored_label.setText(
            self.tr(
                "The station {name} is back: {count} records, all checked. PINs never leave a "
                "PC, so the manager {manager} sets a new PIN now. The manager sets the other "
                "operators' PINs again later, in Settings → Operators."
            ).format(name=pending.station_name, count=pending.events, manager=pending.manager_name)
        )
        self.steps.setCurrentIndex(PIN)
        self.pin.setFocus()

    def _opened(self, station: Station) -> None:
        self._set_busy(False)
        self.restored.emit(station)

    def _pin_refused(self, error: UserError) -> None:
        self._set_busy(False)
        self.pin_message.show_refusal(str(error))
        self.pin.clear()
        self.pin_again.clear()
        self.pin.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.restore_button, self.back_button, self.open_button):
            button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    """A row of buttons on the right. Enter in a field moves on by itself (``returnPressed``),
    so these never become the dialog's default button: a focused one is pressed with Space or
    its Alt+letter, and an Enter that started a step cannot press the next step's button."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)
        row.addWidget(button)
    return row
