"""What every page of the main window has: the station (through the worker), who is logged in,
and the two ways it talks to the window: what changed in (``on_changed``), what it changed out
(``changed``), both a :class:`~stationapp.core.changes.Changes` (STYLE.md, "A change says what it
changed"). A form of another line's (the parcel settings on the settings page) is asked of the
main window by name (``PageContext.open_form``), never imported; a :class:`FormRequest` may go
with the name: values to fill in, and what to call with the record the form saved (an order's
return asking the parcels line's sending form)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from stationapp.core import Event, Operator, Station
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.lines import changes_of
from stationapp.ui.kit.scanner import ScannerFilter
from stationapp.ui.kit.worker import StationWorker


@dataclass(frozen=True)
class FormRequest:
    """What a page asks of another line's form besides its name: ``prefill``, each field's
    name (as the form documents them) with the text to put in it, and ``on_saved``, called on
    the GUI thread with what the form recorded (a ``SentParcel``) before it closes."""

    prefill: Mapping[str, str] = field(default_factory=dict)
    on_saved: Callable[[Any], None] | None = None


class FormOpener(Protocol):
    """The main window's ``open_form``: a form another page offers, by ``line.form``."""

    def __call__(
        self, name: str, parent: QWidget, request: FormRequest | None = None
    ) -> QDialog | None: ...


@dataclass(frozen=True)
class PageContext:
    station: Station  # only ever called through ``worker``
    worker: StationWorker
    operator: Operator
    scanner: ScannerFilter | None = None  # the main window's; None for a page on its own
    # the main window's: ``open_form("parcels.settings", parent)`` opens a form another page
    # offers (``Page.open_form``), with a ``FormRequest`` when asked; None for a page on its own
    open_form: FormOpener | None = None


class Page(QWidget):
    """A page records through the worker and emits ``changed`` with what the core command
    changed; the main window broadcasts it to every page's ``on_changed``. No page reaches into
    another: a form of another line's is asked for by name (:meth:`open_other_form`)."""

    changed = Signal(Changes)

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

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        """Something was recorded (by this page or another): refresh what it touches. A hidden
        page may wait: ``on_shown`` reads what is current."""

    def tell(self, events: Iterable[Event] = (), *, lines: Iterable[str] = ()) -> None:
        """Emit ``changed`` for ``events`` recorded here (or ``lines`` touched without one)."""
        self.changed.emit(changes_of(events, lines=lines))

    def open_form(
        self, name: str, parent: QWidget, request: FormRequest | None = None
    ) -> QDialog | None:
        """A form this page's line offers other pages by name (the main window asks it), filled
        in and answered as ``request`` asks when it takes one; None when there is no such form
        or the operator may not open it."""
        return None

    def open_other_form(self, name: str, request: FormRequest | None = None) -> QDialog | None:
        """``line.form`` of another page, opened over this one through the main window."""
        opener = self.context.open_form
        if opener is None:
            return None
        return opener(name, self) if request is None else opener(name, self, request)

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
