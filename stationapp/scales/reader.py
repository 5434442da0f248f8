"""The scale on a thread of its own: readings to a callback, the port's troubles as statuses.

The thread opens the port, feeds the model's parser and hands each reading to ``on_reading`` as
soon as its frame is complete (the GUI turns that into a signal). An unplugged cable or a port
that cannot be opened is a status with a message, never an exception; the thread keeps trying to
open the port every ``retry_s`` so a replugged scale comes back by itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from stationapp.scales import reasons
from stationapp.scales.config import ScaleConfig
from stationapp.scales.models import make_parser
from stationapp.scales.port import DISCONNECTED, open_port
from stationapp.scales.reading import Reading
from stationapp.scales.reasons import ScaleError
from stationapp.scales.weighing import MAX_AGE_MS, REPEATS, Tare, WeightWatch

log = logging.getLogger(__name__)

CONNECTED = "connected"  # the port is open (readings follow when the scale sends)
SILENT = "silent"  # open, but no frame for a while: off, wrong cable, wrong baud rate
DISCONNECTED_STATE = "disconnected"  # no port, or it went away
STOPPED = "stopped"


@dataclass(frozen=True)
class ScaleStatus:
    """Where the scale stands; ``error`` (translatable) says what to do when it cannot weigh,
    its ``detail`` the system's own words for the log."""

    state: str
    port: str
    error: ScaleError | None = None

    @property
    def message(self) -> str:
        return str(self.error) if self.error is not None else ""


class ScaleReader:
    """Reads ``config``'s scale on a daemon thread until :meth:`stop`."""

    def __init__(
        self,
        config: ScaleConfig,
        on_reading: Callable[[Reading], Any],
        on_status: Callable[[ScaleStatus], Any] | None = None,
        *,
        retry_s: float = 1.0,
        silent_after_s: float = 3.0,
    ) -> None:
        self.config = config
        self.watch = WeightWatch()
        self.status = ScaleStatus(STOPPED, config.port)
        self._on_reading = on_reading
        self._on_status = on_status
        self._retry_s = retry_s
        self._silent_after_s = silent_after_s
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scale", daemon=True)

    def start(self) -> ScaleReader:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 2.0) -> None:
        """Stop reading and close the port; returns once the thread has ended."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def __enter__(self) -> ScaleReader:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def take_stable_net(self, *, max_age_ms: float = MAX_AGE_MS, repeats: int = REPEATS) -> Reading:
        """The stable net weight now on the scale, or ScaleError saying why not."""
        self._refuse_when_disconnected()
        return self.watch.take_stable_net(max_age_ms=max_age_ms, repeats=repeats)

    def take_tare(self, *, max_age_ms: float = MAX_AGE_MS) -> Tare:
        """The indicator's tare, or the stable weight of the empty container on the scale."""
        self._refuse_when_disconnected()
        return self.watch.take_tare(max_age_ms=max_age_ms)

    def _refuse_when_disconnected(self) -> None:
        status = self.status
        if status.state == DISCONNECTED_STATE and status.error is not None:
            raise status.error  # the last weight seen must not outlive the cable

    # --- the thread ---------------------------------------------------------------------------
    def _run(self) -> None:
        unplugged = False
        while not self._stopping.is_set():
            try:
                port = open_port(self.config)
            except ScaleError as error:
                if not (unplugged and error.text == reasons.PORT_MISSING):
                    self._report(DISCONNECTED_STATE, error)
                self._stopping.wait(self._retry_s)
                continue
            unplugged = False
            try:
                self._report(CONNECTED)
                self._read(port)
            except DISCONNECTED as error:
                log.warning("scale on %s went away: %s", self.config.port, error)
                problem = ScaleError(reasons.UNPLUGGED, str(error), port=self.config.port)
                self._report(DISCONNECTED_STATE, problem)
                unplugged = True  # its port vanishing next is the same story, not a new one
            finally:
                with suppress(*DISCONNECTED):
                    port.close()
            self._stopping.wait(self._retry_s)
        self._report(STOPPED)

    def _read(self, port: Any) -> None:
        parser = make_parser(self.config.model)
        last_frame, garbage_before = time.monotonic(), 0
        while not self._stopping.is_set():
            data = port.read(max(1, port.in_waiting))
            now = time.monotonic()
            readings = parser.feed(data, now) if data else []
            for reading in readings:
                self.watch.note(reading)
                self._deliver(reading)
            if readings:
                last_frame, garbage_before = now, parser.garbage
                if self.status.state != CONNECTED:
                    self._report(CONNECTED)
            elif now - last_frame > self._silent_after_s and self.status.state == CONNECTED:
                self._report(SILENT, self._silence(parser.garbage - garbage_before))

    def _silence(self, garbage: int) -> ScaleError:
        """Nothing at all since the last frame is a quiet scale; noise only, a wrong baud rate."""
        if garbage:
            return ScaleError(reasons.GARBAGE, port=self.config.port, baudrate=self.config.baudrate)
        return ScaleError(reasons.SILENT, port=self.config.port)

    def _deliver(self, reading: Reading) -> None:
        try:
            self._on_reading(reading)
        except Exception:  # a broken receiver must not stop the scale
            log.exception("the scale's reading receiver failed")

    def _report(self, state: str, error: ScaleError | None = None) -> None:
        status = ScaleStatus(state, self.config.port, error)
        previous, self.status = self.status, status
        if previous.state == state and _said(previous.error) == _said(error):
            return  # a port still missing is said once, not every retry
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:
                log.exception("the scale's status receiver failed")


def _said(error: ScaleError | None) -> str:
    return error.english if error is not None else ""
