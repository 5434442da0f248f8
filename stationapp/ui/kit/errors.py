"""What the operator sees when something goes wrong, and the log file that keeps the details.

A refusal (``UserError``) is shown as a plain warning that says what to do. A failure of the disk
or of the database file (full, read-only, damaged: ``StorageError``, or a raw sqlite3/OS error that
means one) is no bug: it is logged and shown as what it is, with what to do. Anything else is a
bug: it is written to ``data_dir/logs/stationapp.log`` (rotated, 0600 on Linux) and an error dialog
says what to do next and where the log is.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from stationapp.core.data_folder import PRIVATE_FILE_MODE, private_folder
from stationapp.core.errors import StorageError, UserError
from stationapp.core.log_masking import MaskingFormatter
from stationapp.core.storage_errors import storage_error

LOG_FILE_NAME = "stationapp.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

log = logging.getLogger("stationapp.ui")
_log_file: Path | None = None
_data_dir: Path | None = None
_open_dialog: QMessageBox | None = None
_open_boxes: set[QMessageBox] = set()  # parentless boxes live until closed, not until collected


def setup_logging(data_dir: Path) -> Path | None:
    """Log to ``data_dir/logs/stationapp.log``, rotated at 1 MB, five old files kept."""
    global _log_file, _data_dir
    _data_dir = Path(data_dir)
    folder = Path(data_dir) / "logs"
    path = folder / LOG_FILE_NAME
    try:
        private_folder(folder)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        log.warning("cannot write the log file %s", path, exc_info=True)
        return None
    # every line, whatever wrote it (an SMS provider echoing a number), with phones and ID
    # numbers masked (DESIGN §11)
    handler.setFormatter(
        MaskingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    stop_logging()
    root = logging.getLogger()
    handler.station_log = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _log_file = path
    return path


class PrivateRotatingFileHandler(RotatingFileHandler):
    """The log and its rotated files are created 0600 (the user's alone) on Linux."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE_MODE)  # a file from before 0600 is tightened
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def stop_logging() -> None:
    """Close the log file (the app is quitting, or a test is done with it)."""
    global _log_file
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "station_log", False)]:
        root.removeHandler(handler)
        handler.close()
    _log_file = None


def log_file() -> Path | None:
    return _log_file


class ErrorDialog(QMessageBox):
    """Something unexpected: what to do now, where the details are written."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Unexpected error"))
        where = str(_log_file) if _log_file else self.tr("(no log file could be written)")
        self.setText(
            self.tr(
                "Something unexpected went wrong. Records that were already saved are safe. "
                "Write down what you were doing, then close the program and start it again. "
                "If it happens again, send this log file to the county center: {path}"
            ).format(path=where)
        )
        self.setDetailedText(details)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


class RefusalBox(QMessageBox):
    """A refusal from the station: its message already says what to do. A failure of the disk or
    the database file is shown as a critical problem with the station's data."""

    def __init__(self, error: UserError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if isinstance(error, StorageError):
            self.setIcon(QMessageBox.Icon.Critical)
            self.setWindowTitle(self.tr("Problem with the station's data"))
        else:
            self.setIcon(QMessageBox.Icon.Warning)
            self.setWindowTitle(self.tr("Cannot do that"))
        self.setText(str(error))
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def _active_window() -> QWidget | None:
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


def show_refusal(error: UserError, parent: QWidget | None = None) -> QMessageBox:
    box = RefusalBox(error, parent or _active_window())
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
    return box


def show_error_dialog(details: str, parent: QWidget | None = None) -> QMessageBox | None:
    """One error dialog at a time: a bug that repeats is logged, not stacked up in windows."""
    global _open_dialog
    if _open_dialog is not None and _open_dialog.isVisible():
        return None
    box = ErrorDialog(details, parent or _active_window())
    box.destroyed.connect(_forget_dialog)
    _open_dialog = box
    box.open()
    return box


def _forget_dialog() -> None:
    global _open_dialog
    _open_dialog = None


def storage_problem(error: BaseException) -> StorageError | None:
    """The disk or database failure ``error`` stands for (full, read-only, damaged), or None."""
    return storage_error(error, _data_dir if _data_dir is not None else Path())


def report_unexpected(error: BaseException, parent: QWidget | None = None) -> None:
    """Log a bug with its traceback and show the error dialog (GUI thread only); a failure of the
    disk or the database file is shown as what it is, with what to do."""
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    problem = storage_problem(error)
    if problem is not None:
        log.error("the station's data failed: %s\n%s", problem.english, details)
        show_refusal(problem, parent)
        return
    log.error("unexpected error\n%s", details)
    show_error_dialog(details, parent)


class ErrorReporter(QObject):
    """The global exception hook: logs from any thread, shows the dialog on the GUI thread."""

    error_reported = Signal(str)
    storage_failed = Signal(StorageError)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.error_reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.storage_failed.connect(self._show_storage, Qt.ConnectionType.QueuedConnection)

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        problem = storage_problem(exc)
        if problem is not None:
            log.error("the station's data failed: %s\n%s", problem.english, details)
            self.storage_failed.emit(problem)
            return
        log.error("unexpected error\n%s", details)
        self.error_reported.emit(details)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self.excepthook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    @Slot(str)
    def _show(self, details: str) -> None:
        show_error_dialog(details)

    @Slot(StorageError)
    def _show_storage(self, problem: StorageError) -> None:
        show_refusal(problem)


def install_excepthook(parent: QObject | None = None) -> ErrorReporter:
    reporter = ErrorReporter(parent)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    return reporter
