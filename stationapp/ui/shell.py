"""Which window is up: the setup wizard on first run, else the login, then the main window;
back to the login when the operator changes; a new main window when the language changes."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from stationapp.core import Operator, Station
from stationapp.core.errors import DamagedDatabase, UserError
from stationapp.ui.kit.language import install_translators
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.login import LoginDialog
from stationapp.ui.mainwindow import MainWindow
from stationapp.ui.runners.sms_sender import SmsSender
from stationapp.ui.runners.sync_runner import SyncRunner
from stationapp.ui.wizard import SetupWizard

log = logging.getLogger(__name__)


class Shell(QObject):
    """``finished(exit_code)`` when the program should end (run_gui ends the event loop)."""

    finished = Signal(int)

    def __init__(
        self,
        data_dir: Path,
        *,
        worker: StationWorker | None = None,
        maximized: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.worker = worker or StationWorker(self)
        self.maximized = maximized
        self.station: Station | None = None
        self.window: MainWindow | None = None
        self.dialog: SetupWizard | LoginDialog | None = None
        self.sms_sender: SmsSender | None = None
        self.sync_runner: SyncRunner | None = None

    def start(self) -> None:
        if Station.exists(self.data_dir):
            self.worker.call(
                Station.open,
                self.data_dir,
                daily_backup=False,  # kept beside the database thread once open (_opened)
                on_done=self._opened,
                on_error=self._cannot_open,
            )
        else:
            self._show_wizard()

    # first run ----------------------------------------------------------------------------------

    def _show_wizard(self) -> None:
        wizard = SetupWizard(self.data_dir, self.worker)
        wizard.station_created.connect(self._created)
        wizard.rejected.connect(self.quit)
        self._show_dialog(wizard)

    @Slot(Station)
    def _created(self, station: Station) -> None:
        self.station = station
        operator = station.operator
        assert operator is not None  # Station.create logs the manager in
        self.open_main_window(operator)

    # later runs ---------------------------------------------------------------------------------

    def _opened(self, station: Station) -> None:
        self.station = station
        self.worker.call(station.settings.get, "language", on_done=self._language_known)

    def _daily_backup_kept(self, path: Path | None) -> None:
        if path is not None:
            log.info("daily backup kept: %s", path.name)

    def _no_daily(self, error: UserError) -> None:
        """The check before the daily backup found damage: as at opening, say what to do and
        stop (nothing more is written onto a damaged file). Any other failure (the disk is full)
        is said and the station goes on: the last good backups are still there."""
        if isinstance(error, DamagedDatabase):
            self._cannot_open(error)
            return
        log.warning("no daily backup today: %s", error.english)
        QMessageBox.warning(
            self.window or self.dialog,
            QCoreApplication.translate("Shell", "No backup today"),
            str(error),
        )

    def _language_known(self, language: str) -> None:
        install_translators(language)
        self.show_login()
        # SQLite's check and the copy take seconds a GB: on a thread of their own, through a
        # reader of their own, while the operator logs in and works. Started once the station's
        # language is in place, so that what it finds (a damaged file) is said in that language
        assert self.station is not None
        self.worker.call_network(
            self.station.keep_daily_backup,
            on_done=self._daily_backup_kept,
            on_error=self._no_daily,
        )

    def _cannot_open(self, error: UserError) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Shell", "Cannot open the station"),
            str(error),
        )
        box.exec()
        self.quit(1)

    def show_login(self) -> None:
        assert self.station is not None
        login = LoginDialog(self.station, self.worker)
        login.logged_in.connect(self.open_main_window)
        login.rejected.connect(self.quit)
        self._show_dialog(login)

    # the main window ----------------------------------------------------------------------------

    @Slot(Operator)
    def open_main_window(self, operator: Operator, *, page: str = "home") -> MainWindow:
        assert self.station is not None
        old = self.window
        window = MainWindow(self.station, self.worker, operator)
        window.closed.connect(self.quit)
        window.switch_operator_requested.connect(self.switch_operator)
        window.language_changed.connect(self.change_language)
        self._connect_sms_sender(window)
        self._connect_sync_runner(window)
        window.show_page(page)
        self.window = window
        self._show(window)
        self.dialog = None
        if old is not None:
            self._drop_window(old)
        return window

    def _connect_sms_sender(self, window: MainWindow) -> None:
        """One sender for the station's whole run (windows come and go): texts go out in the
        background, a new text at once, and each result reaches the pages as a change."""
        if self.sms_sender is None:
            assert self.station is not None
            self.sms_sender = SmsSender(self.station, self.worker, self)
            self.sms_sender.start()
        window.changed.connect(self.sms_sender.on_changed)
        self.sms_sender.changed.connect(window.changed)

    def _connect_sync_runner(self, window: MainWindow) -> None:
        """One sync runner for the station's whole run: rounds with the county in the
        background; the 同步 page and the status bar show its state; joining starts a round."""
        from stationapp.ui.clock_warning import ClockWarning
        from stationapp.ui.pages.sync.page import SyncPage, SyncStatusBar

        if self.sync_runner is None:
            assert self.station is not None
            self.sync_runner = SyncRunner(self.station, self.worker, self)
            self.sync_runner.start()
        runner = self.sync_runner
        window.changed.connect(runner.on_changed)
        # what the feed changed (announcements, county results) reaches the pages
        runner.changed.connect(window.changed)
        status_bar = SyncStatusBar(window.county_label, window.waiting_label, window)
        runner.state_changed.connect(status_bar.show_state)
        clock_warning = ClockWarning.attach(window, self.station, self.worker)
        runner.round_finished.connect(clock_warning.refresh)
        page = window.page("sync")
        if isinstance(page, SyncPage):
            page.set_runner(runner)
        runner.refresh()

    @Slot()
    def switch_operator(self) -> None:
        assert self.station is not None
        if self.window is not None:
            self._drop_window(self.window)
            self.window = None
        self.worker.call(self.station.logout)
        self.show_login()

    @Slot(str)
    def change_language(self, language: str) -> None:
        """Qt widgets take their texts when built: build the main window again."""
        install_translators(language)
        if self.window is not None:
            self.open_main_window(self.window.operator, page="settings")

    def _drop_window(self, window: MainWindow) -> None:
        window.closed.disconnect(self.quit)
        window.close()
        window.deleteLater()

    def _show_dialog(self, dialog: SetupWizard | LoginDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        self._show(dialog)

    def _show(self, widget: QWidget) -> None:
        if self.maximized:
            widget.showMaximized()
        else:
            widget.show()
        widget.raise_()
        widget.activateWindow()

    # the end ------------------------------------------------------------------------------------

    @Slot()
    def quit(self, code: int = 0) -> None:
        self.finished.emit(code)

    def shutdown(self) -> None:
        """Stop sending texts, close the station on its own thread, then stop the thread."""
        if self.sms_sender is not None:
            self.sms_sender.stop()
            self.sms_sender = None
        if self.sync_runner is not None:
            self.sync_runner.stop()
            self.sync_runner = None
        if self.station is not None:
            self.worker.wait_for(self.station.close)
            self.station = None
        self.worker.shutdown()
