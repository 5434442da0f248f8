"""The status bar's clock warning (DESIGN §5): a PC whose clock is more than five minutes off
the county center's is told so in red, with what to do:
"本机时间比县中心慢 12 分钟，请校准电脑时间".

Every call to the county measures the skew (``sync.client``); the station keeps the last one
and ``StationSync.status()`` gives it. The warning reads it after each sync round.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from stationapp.core import Station
from stationapp.core.sync.history import SyncStatus
from stationapp.ui.kit.worker import StationWorker

MINUTE, HOUR, DAY = 60, 3600, 86400


class ClockWarning(QObject):
    """A red label in the window's status bar, hidden while the clock is right."""

    def __init__(
        self, station: Station, worker: StationWorker, label: QLabel, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._station = station  # only ever called through the worker
        self._worker = worker
        self.label = label
        self.label.setObjectName("refusal")  # red and bold, like every refusal
        # the style sheet selects on the object name: re-polish a label already in a window
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self.label.hide()

    @classmethod
    def attach(cls, window: QMainWindow, station: Station, worker: StationWorker) -> ClockWarning:
        """The warning in ``window``'s status bar (right side), read once now."""
        label = QLabel(window)
        window.statusBar().addPermanentWidget(label)
        warning = cls(station, worker, label, window)
        warning.refresh()
        return warning

    @Slot(object)
    def refresh(self, _report: object = None) -> None:
        """Read the station's last measured clock (after a round: ``round_finished``)."""
        self._worker.call(self._station.sync.status, on_done=self.show_status)

    @Slot(SyncStatus)
    def show_status(self, status: SyncStatus) -> None:
        if not status.clock_off or status.clock_skew_s is None:
            self.label.clear()
            self.label.hide()
            return
        self.label.setText(self.text(status.clock_skew_s))
        self.label.show()

    def text(self, skew_s: int) -> str:
        """What the operator reads for a clock ``skew_s`` seconds off (negative: behind)."""
        off = abs(skew_s)
        behind = skew_s < 0
        if off < 2 * HOUR:
            amount = round(off / MINUTE)
            text = (
                self.tr(
                    "This computer's clock is {amount} minutes behind the county center's. "
                    "Set the computer's time right."
                )
                if behind
                else self.tr(
                    "This computer's clock is {amount} minutes ahead of the county center's. "
                    "Set the computer's time right."
                )
            )
        elif off < 2 * DAY:
            amount = round(off / HOUR)
            text = (
                self.tr(
                    "This computer's clock is {amount} hours behind the county center's. "
                    "Set the computer's time right."
                )
                if behind
                else self.tr(
                    "This computer's clock is {amount} hours ahead of the county center's. "
                    "Set the computer's time right."
                )
            )
        else:
            amount = round(off / DAY)
            text = (
                self.tr(
                    "This computer's clock is {amount} days behind the county center's. "
                    "Set the computer's time right."
                )
                if behind
                else self.tr(
                    "This computer's clock is {amount} days ahead of the county center's. "
                    "Set the computer's time right."
                )
            )
        return text.format(amount=amount)
