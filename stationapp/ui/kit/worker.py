"""One thread owns the station's database: every Station call runs on it, results come back
to the GUI thread by a signal (STYLE.md, "One thread owns the database")."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from stationapp.core.errors import UserError
from stationapp.ui.kit import errors

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass
class _Job:
    name: str
    on_done: Callback | None
    on_error: Callable[[UserError], None] | None
    future: Future | None = None
    network: bool = False  # ran on a network thread of its own, not the database thread


def _alive(callback: Callable | None) -> bool:
    """False when the callback belongs to a widget that was closed and deleted meanwhile: a
    bound method's object, or any Qt object a lambda closes over (``lambda found:
    self._show(asked, found)``), is gone."""
    if callback is None:
        return False
    held = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            held.append(cell.cell_contents)
        except ValueError:  # a cell not filled yet
            continue
    return all(shiboken6.isValid(value) for value in held if isinstance(value, QObject))


def _release(job: _Job) -> None:
    """Let go, here on the GUI thread, of what the job holds of the GUI: its callbacks (often
    lambdas holding a widget) and its future (whose done-callback holds the worker). Were the
    last reference to a widget's wrapper dropped on the database thread instead (the job, its
    future and the callback make a cycle the collector frees on whatever thread it runs), PySide
    would queue the wrapper's deletion for the GUI thread, and that crashed the interpreter
    (SIGSEGV in ``BindingManager::runDeletionInMainThread``) once the widget was gone."""
    job.on_done = job.on_error = None
    job.future = None


class StationWorker(QObject):
    """Runs ``fn(*args)`` on the one database thread; ``on_done(result)`` runs on the GUI thread.

    A refusal (``UserError``) goes to ``on_error`` or, without one, to a warning box; any other
    exception is a bug and goes to the error dialog and the log.
    """

    busy_changed = Signal(bool)
    _job_finished = Signal(_Job)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="station-db")
        self._pending = 0
        self._network_pending = 0
        self._job_finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def idle(self) -> bool:
        """No call is waiting or running (tests wait on this)."""
        return self._pending == 0

    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callable[[UserError], None] | None = None,
        **kwargs: Any,
    ) -> None:
        job = _Job(getattr(fn, "__qualname__", repr(fn)), on_done, on_error)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        job.future = self._executor.submit(fn, *args, **kwargs)
        job.future.add_done_callback(lambda _future: self._hand_back(job))

    @property
    def network_idle(self) -> bool:
        """No :meth:`call_network` call is out (tests wait on this)."""
        return self._network_pending == 0

    def call_network(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callable[[UserError], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run ``fn(*args)`` on a network thread of its own, never on the database thread
        (DESIGN §2): for work that waits on the network and touches no store's connection (or
        reads the file through one of its own, as the daily backup does). ``on_done`` and
        ``on_error`` as with :meth:`call`, on the GUI thread. Not counted in :attr:`idle`: a
        slow link keeps no database job waiting."""
        job = _Job(getattr(fn, "__qualname__", repr(fn)), on_done, on_error, network=True)
        future: Future = Future()
        job.future = future
        self._network_pending += 1

        def run() -> None:
            future.set_running_or_notify_cancel()
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:  # handed to the GUI thread like a database job's
                future.set_exception(error)
            self._hand_back(job)

        # a daemon: a call stuck on the link never keeps the program from closing
        threading.Thread(target=run, name=f"network-{job.name}", daemon=True).start()

    def wait_for(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run on the database thread and block until done: only for start, quit and selftest,
        when no window is waiting for input."""
        return self._executor.submit(fn, *args, **kwargs).result()

    def shutdown(self) -> None:
        """Finish what is queued, then stop the thread."""
        self._executor.shutdown(wait=True)

    def _hand_back(self, job: _Job) -> None:
        # the database (or a network) thread: the queued signal carries the job to the GUI thread
        try:
            self._job_finished.emit(job)
        except RuntimeError:  # the worker was deleted while the call ran (the app is quitting)
            log.info("result of %s dropped: the window is gone", job.name)

    @Slot(_Job)
    def _deliver(self, job: _Job) -> None:
        if job.network:
            self._network_pending -= 1
        else:
            self._pending -= 1
            if self._pending == 0:
                self.busy_changed.emit(False)
        assert job.future is not None
        try:
            error = job.future.exception()
            if error is None:
                if _alive(job.on_done):
                    job.on_done(job.future.result())  # type: ignore[misc]
            elif isinstance(error, UserError):
                log.info("%s refused: %s", job.name, error.english)
                if job.on_error is None:
                    errors.show_refusal(error)
                elif _alive(job.on_error):
                    job.on_error(error)
            else:
                errors.report_unexpected(error)
        finally:
            _release(job)
