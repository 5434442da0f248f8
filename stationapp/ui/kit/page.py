"""What every page of the main window has: the station (through the worker), who is logged in,
and the two ways it talks to the window: events in, events out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from stationapp.core import Operator, Station
from stationapp.core.errors import UserError
from stationapp.ui.kit.scanner import ScannerFilter
from stationapp.ui.kit.worker import StationWorker


@dataclass(frozen=True)
class PageContext:
    station: Station  # only ever called through ``worker``
    worker: StationWorker
    operator: Operator
    scanner: ScannerFilter | None = None  # the main window's; None for a page on its own


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

    def call_holding_keys(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[UserError], None],
        **kwargs: Any,
    ) -> None:
        """``worker.call`` for a step whose answer moves the focus (a save that clears the
        form): keys typed or scanned meanwhile wait, and reach the field that has the focus once
        the answer is shown (the next parcel's waybill), never a field about to be cleared."""
        scanner = self.context.scanner
        if scanner is None:
            self.worker.call(fn, *args, on_done=on_done, on_error=on_error, **kwargs)
            return
        scanner.hold_keys()

        def done(result: Any) -> None:
            try:
                on_done(result)
            finally:
                scanner.let_keys_go()

        def refused(error: UserError) -> None:
            try:
                on_error(error)
            finally:
                scanner.let_keys_go()

        self.worker.call(fn, *args, on_done=done, on_error=refused, **kwargs)
