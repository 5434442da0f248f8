"""The SMS sender: queued texts leave the outbox on a network thread of its own.

The database thread claims the due texts and records each answer; the network thread only talks
to the SMS service, so a slow service never freezes a window and never holds the database
(STYLE.md, "One thread owns the database"). A round is ``claim_due`` (database), ``send`` for
each text (network), ``record_result`` for each answer (database), and ``release`` of what was
not sent — the same steps as ``stationapp.core.sms.facade.deliver_due``, split over two threads.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from stationapp.core import Event, Station
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.lines import changes_of
from stationapp.core.secrets import SecretStore
from stationapp.core.sms.providers import station_provider
from stationapp.core.sms.settings import provider_config
from stationapp.sms_providers import reasons
from stationapp.sms_providers.provider import OutgoingText, Provider, ProviderStatus, SendResult
from stationapp.ui.kit.worker import StationWorker

log = logging.getLogger(__name__)

ProviderFactory = Callable[[dict[str, Any], Path], Provider]

# settings whose change means another provider (the signature and the station's name sign texts)
_PROVIDER_SETTINGS = ("sms.", "station.name")


@dataclass(frozen=True)
class SmsRound:
    """What one round did: ``round_finished`` carries it (for the status bar and tests)."""

    sent: int = 0
    failed: int = 0  # refused for good (a wrong number...): the outbox shows why
    deferred: int = 0  # still queued: refused for now, or not tried while the service is down
    status: ProviderStatus | None = None  # None: the round stopped before asking the provider


class SmsSender(QObject):
    """Sends the due texts every ``interval_ms`` and on :meth:`send_now`; one round at a time.

    Lives on the GUI thread. ``make_provider(settings, data_dir)`` builds the provider the
    settings choose (tests pass a fake); it is kept between rounds and built again when the SMS
    settings or the keys file change, or on :meth:`provider_changed`.

    The main window wires it as a page: ``changed -> on_changed`` both ways (a queued text is
    sent soon, new SMS settings take effect; what it recorded refreshes the outbox); at quit,
    :meth:`stop` comes before the worker's ``shutdown``.
    """

    round_finished = Signal(SmsRound)
    status_changed = Signal(ProviderStatus)
    changed = Signal(Changes)  # sms.sent / sms.failed, for the pages that show the outbox
    _answered = Signal()  # the network thread left something in ``_answers``

    def __init__(
        self,
        station: Station,
        worker: StationWorker,
        parent: QObject | None = None,
        *,
        interval_ms: int = 30000,
        limit: int = 20,
        make_provider: ProviderFactory = station_provider,
    ) -> None:
        super().__init__(parent)
        self._station = station  # only ever called through the worker
        self._worker = worker
        self._data_dir = Path(station.data_dir)
        self._limit = limit
        self._make_provider = make_provider
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.send_now)
        self._network = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sms-network")
        self._answers: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._answered.connect(self._take_answers, Qt.ConnectionType.QueuedConnection)
        self._running = False
        self._again = False
        self._stopped = False
        self._ending = SmsRound()
        self._lock = threading.Lock()
        self._in_hand: list[str] = []  # claimed on the database thread, not yet on the network
        self.stop_requested = threading.Event()
        """Set when :meth:`stop` begins: the round sends no further text."""
        self.status: ProviderStatus | None = None
        """What the provider said last (None before the first round)."""
        # the network thread's own
        self._provider: Provider | None = None
        self._provider_key: tuple[Any, ...] | None = None

    @property
    def running(self) -> bool:
        """A round is under way (tests wait on this)."""
        return self._running

    # control (GUI thread) -------------------------------------------------------------------

    def start(self) -> None:
        """Send what is due now, then every ``interval_ms`` (0: only on :meth:`send_now`)."""
        if self._stopped:
            return
        if self._timer.interval() > 0:
            self._timer.start()
        self.send_now()

    def stop(self) -> None:
        """Stop the timer, let a text being sent finish, record its answer and give the texts
        not sent back to the queue. Blocks until the network thread is done (at quit)."""
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        self.stop_requested.set()
        # a claim already queued has finished (unless the database thread is shut down)
        with contextlib.suppress(RuntimeError):
            self._worker.wait_for(_nothing)
        with self._lock:
            orphans, self._in_hand = self._in_hand, []
        self._network.shutdown(wait=True)
        self._take_answers()
        if orphans:
            self._worker.call(self._release_on_db, orphans)

    @Slot()
    def send_now(self) -> None:
        """A round at once (e.g. after an intake); during a round, one more right after it."""
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        self._worker.call(self._claim_on_db, on_done=self._claimed)

    @Slot()
    def provider_changed(self) -> None:
        """The SMS settings or keys changed: build the provider again, and try the queue."""
        if self._stopped:
            return
        self._network.submit(self._forget_provider)
        self.send_now()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        """The main window's broadcast: a new text goes out soon, new settings take effect."""
        if changes.changed_setting(*_PROVIDER_SETTINGS):
            self.provider_changed()
        elif changes.has_event("sms.queued") or any(
            event.type == "parcel.received" and "notice" in event.payload
            for event in changes.events
        ):  # a parcel's arrival text rides on its parcel.received
            self.send_now()

    # database thread --------------------------------------------------------------------------

    def _claim_on_db(self) -> tuple[dict[str, Any], list[Any]] | None:
        if self.stop_requested.is_set():
            return None
        try:
            settings = self._station.settings.all()
            texts = self._station.sms.claim_due(limit=self._limit)
        except Exception:  # a bug: logged; the next round tries again
            log.exception("the SMS sender could not claim the due texts")
            return None
        with self._lock:
            self._in_hand = [text.id for text in texts]
        return settings, texts

    def _release_on_db(self, text_ids: list[str]) -> None:
        try:
            if text_ids:
                self._station.sms.release(text_ids)
        except Exception:  # a stale claim goes back to the queue by itself after a while
            log.exception("the SMS sender could not release %d texts", len(text_ids))

    # GUI thread -------------------------------------------------------------------------------

    def _claimed(self, claimed: tuple[dict[str, Any], list[Any]] | None) -> None:
        with self._lock:
            self._in_hand = []  # on their way to the network thread now
        if self._stopped:  # stop() gave them back already
            self._running = False
            return
        if claimed is None:
            self._round_ended_with(SmsRound(status=self.status))
            return
        settings, texts = claimed
        self._network.submit(self._send_round, settings, texts)

    @Slot()
    def _take_answers(self) -> None:
        while True:
            try:
                answer = self._answers.get_nowait()
            except queue.Empty:
                return
            if answer[0] == "record":
                _kind, text_id, result = answer
                self._worker.call(
                    self._station.sms.record_result,
                    text_id,
                    result,
                    on_done=self._recorded,
                    on_error=self._not_recorded,
                )
            else:
                _kind, unsent, summary = answer
                self._ending = summary
                self._worker.call(self._release_on_db, unsent, on_done=self._round_ended)

    def _recorded(self, event: Event | None) -> None:
        if event is not None:
            self.changed.emit(changes_of([event]))

    def _not_recorded(self, error: UserError) -> None:
        log.warning("an SMS answer could not be recorded: %s", error.english)

    def _round_ended(self, _nothing: object) -> None:
        self._round_ended_with(self._ending)

    def _round_ended_with(self, summary: SmsRound) -> None:
        self._running = False
        if summary.status is not None and summary.status != self.status:
            self.status = summary.status
            self.status_changed.emit(summary.status)
        self.round_finished.emit(summary)
        if self._again and not self._stopped:
            self.send_now()

    # network thread ---------------------------------------------------------------------------

    def _send_round(self, settings: dict[str, Any], texts: list[Any]) -> None:
        unsent = [text.id for text in texts]
        sent = failed = deferred = 0
        status: ProviderStatus | None = None
        try:
            provider, status = self._ready_provider(settings)
            for text in texts if provider is not None and status.ok else []:
                if self.stop_requested.is_set():
                    break
                result = _send(provider, text)
                unsent.remove(text.id)
                self._hand_back(("record", text.id, result))
                if result.ok:
                    sent += 1
                elif result.retryable or result.provider_down:
                    deferred += 1
                else:
                    failed += 1
                if result.provider_down:  # the rest would fail the same way: try next round
                    status = ProviderStatus.of(False, result.reason or reasons.SERVICE_TROUBLE)
                    break
        except Exception:  # a bug: the texts not sent go back to the queue
            log.exception("the SMS sender stopped in the middle of a round")
        summary = SmsRound(sent, failed, deferred + len(unsent), status)
        self._hand_back(("end", unsent, summary))

    def _ready_provider(self, settings: dict[str, Any]) -> tuple[Provider | None, ProviderStatus]:
        key = (provider_config(settings), _modified(SecretStore(self._data_dir).path))
        if self._provider is None or key != self._provider_key:
            self._provider = None
            try:
                self._provider = self._make_provider(settings, self._data_dir)
            except UserError as error:  # no provider of that name: the status says so
                return None, ProviderStatus(ok=False, detail=str(error))
            self._provider_key = key
        provider = self._provider
        try:
            return provider, provider.status()
        except Exception as error:  # a provider must not raise; if one does, no text goes now
            # the type only: a service's error text may carry a request with a key in it
            log.error("the SMS provider %s failed to tell its status: %s", provider.name,
                      type(error).__name__)  # fmt: skip
            return provider, ProviderStatus.of(False, reasons.SERVICE_TROUBLE)

    def _forget_provider(self) -> None:
        self._provider = None
        self._provider_key = None

    def _hand_back(self, answer: tuple[Any, ...]) -> None:
        self._answers.put(answer)
        # the sender may be gone (the app quits): stop() takes the answers then
        with contextlib.suppress(RuntimeError):
            self._answered.emit()


def _send(provider: Provider, text: Any) -> SendResult:
    outgoing = OutgoingText(
        text_id=text.id,
        phone=text.phone,
        text=text.text,
        template=text.template,
        params=dict(text.params),
        signature=text.signature,
    )
    try:
        return provider.send(outgoing)
    except Exception as error:  # a provider must not raise; if one does, the text waits
        # the type only: a service's error text may carry a request with a key in it
        log.error(
            "the SMS provider %s failed on %s: %s", provider.name, text.id, type(error).__name__
        )
        return SendResult.failed(
            provider.name,
            reasons.SERVICE_TROUBLE,
            code="exception",
            retryable=True,
            detail=type(error).__name__,
        )


def _modified(path: Path) -> int | None:
    """When the keys file last changed: new keys mean a new provider."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _nothing() -> None:
    return None
