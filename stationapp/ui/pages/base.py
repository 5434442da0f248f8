"""What every page of the main window has: the station (through the worker), who is logged in,
and the two ways it talks to the window: events in, events out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from stationapp.core import Operator, Station
from stationapp.ui.worker import StationWorker


@dataclass(frozen=True)
class PageContext:
    station: Station  # only ever called through ``worker``
    worker: StationWorker
    operator: Operator


class Page(QWidget):
    """A page records through the worker and emits ``event_recorded`` with what the core command
    returned; the main window broadcasts it to every page's ``on_event``. No page reaches into
    another."""

    event_recorded = Signal(object)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    @property
    def station(self) -> Station:
        return self.context.station

    @property
    def worker(self) -> StationWorker:
        return self.context.worker

    @property
    def operator(self) -> Operator:
        return self.context.operator

    def on_shown(self) -> None:
        """The page was switched to: refresh what it shows."""

    def on_event(self, event: Any) -> None:
        """Something was recorded (by this page or another): refresh what it touches."""

    def on_scan(self, code: str) -> bool:
        """A barcode was scanned while this page is shown; True when the page used it."""
        return False
