"""Key events as a USB barcode scanner (or a fast typist) sends them, fed in real time.

A scanner is a keyboard: for each character a press and a release; around a capital letter
Shift is pressed before and released after, and the capital's own events carry the
ShiftModifier; 2-10 ms between events; Enter (or Tab) at the end; some put an AIM symbology
identifier (``]C1``) in front. The events go where the window system sends keys: to the window
that has the keyboard focus (a dialog when one is open), which hands them to its focused widget.
Each event carries the time it was typed, as a window system's does; when the GUI thread is
busy, the events queued meanwhile arrive together after it, as they do from a real keyboard.

    keys = scanner_keys("YT1234567890123")           # the events, Enter at the end
    scan(qtbot, "YT1234567890123")                    # typed in real time; returns when sent
    feeder = KeyFeeder(keys); feeder.start()          # typed while the test goes on
    qtbot.waitUntil(lambda: feeder.done)

Imported by name from the test modules; holds no tests itself.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication

SCANNER_GAP_MS = (2, 10)
HUMAN_GAP_MS = (90, 160)
SHIFTED = frozenset('~!@#$%^&*()_+{}|:"<>?')
ENDS = {
    "enter": (Qt.Key.Key_Return, "\r"),
    "tab": (Qt.Key.Key_Tab, "\t"),
    "": None,
}

# realistic waybills of the carriers that reach a village station
WAYBILLS = (
    "SF1234567890123",  # 顺丰
    "YT1234567890123",  # 圆通
    "JT1234567890123",  # 极兔
    "JDVA16786843353",  # 京东
    "DPK1234567890",  # 德邦 快递
    "773012345678901",  # 申通
    "78123456789012",  # 中通
)


@dataclass(frozen=True)
class KeyStep:
    press: bool
    key: int
    modifiers: Qt.KeyboardModifier
    text: str

    def event(self, stamp_ms: int) -> QKeyEvent:
        kind = QEvent.Type.KeyPress if self.press else QEvent.Type.KeyRelease
        event = QKeyEvent(kind, self.key, self.modifiers, self.text)
        event.setTimestamp(stamp_ms)
        return event


def _key_of(char: str) -> int:
    if char.isascii():
        return ord(char.upper())
    return int(Qt.Key.Key_unknown)


def scanner_keys(code: str, *, end: str = "enter", prefix: str = "") -> list[KeyStep]:
    """The events a scanner sends for ``code``: Shift around capitals (and shifted symbols),
    ``prefix`` (``]C1``) first, Enter or Tab (or nothing) at the end."""
    shift = Qt.KeyboardModifier.ShiftModifier
    plain = Qt.KeyboardModifier.NoModifier
    steps: list[KeyStep] = []
    for char in prefix + code:
        key = _key_of(char)
        if char.isupper() or char in SHIFTED:
            steps += [
                KeyStep(True, Qt.Key.Key_Shift, shift, ""),
                KeyStep(True, key, shift, char),
                KeyStep(False, key, shift, char),
                KeyStep(False, Qt.Key.Key_Shift, plain, ""),
            ]
        else:
            steps += [KeyStep(True, key, plain, char), KeyStep(False, key, plain, char)]
    ending = ENDS[end]
    if ending is not None:
        key, text = ending
        steps += [KeyStep(True, key, plain, text), KeyStep(False, key, plain, text)]
    return steps


def key_press(key: Qt.Key, text: str = "") -> list[KeyStep]:
    """One key pressed and let go (Enter, Esc, a digit...)."""
    plain = Qt.KeyboardModifier.NoModifier
    return [KeyStep(True, key, plain, text), KeyStep(False, key, plain, text)]


def focus_receiver() -> QObject | None:
    """Where the window system sends a key now: the focused window (it hands the key on to its
    focused widget), or the focused widget when no window has the focus."""
    return QGuiApplication.focusWindow() or QApplication.focusWidget()


class KeyFeeder(QObject):
    """Sends ``steps`` to the focus, one every ``gap_ms`` (a random pick in the range, from a
    seeded generator), in real time, driven by a timer. ``pauses`` maps a step's index to an
    extra pause before it (an operator's reaction between a scan and the next key)."""

    def __init__(
        self,
        steps: list[KeyStep],
        *,
        gap_ms: tuple[int, int] = SCANNER_GAP_MS,
        pauses: dict[int, int] | None = None,
        seed: int = 9,
    ) -> None:
        super().__init__()
        self.steps = steps
        rng = random.Random(seed)
        pauses = pauses or {}
        self.plan: list[float] = []  # when each step is typed, in ms from the start
        at = 0.0
        for index in range(len(steps)):
            if index:
                at += rng.uniform(*gap_ms)
            at += pauses.get(index, 0)
            self.plan.append(at)
        self.sent = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._start = 0.0
        self._stamp0 = 0

    @property
    def done(self) -> bool:
        return self.sent == len(self.steps)

    def start(self) -> KeyFeeder:
        self._start = time.monotonic()
        self._stamp0 = int(self._start * 1000)
        self._timer.start(0)
        return self

    def _tick(self) -> None:
        elapsed = (time.monotonic() - self._start) * 1000
        # every event typed by now: those that came while the GUI thread was busy come together
        while self.sent < len(self.steps) and self.plan[self.sent] <= elapsed:
            step = self.steps[self.sent]
            stamp = self._stamp0 + int(self.plan[self.sent])
            self.sent += 1
            receiver = focus_receiver()
            assert receiver is not None, "no window has the keyboard focus"
            QApplication.sendEvent(receiver, step.event(stamp))
        if self.sent < len(self.steps):
            wait = self.plan[self.sent] - (time.monotonic() - self._start) * 1000
            self._timer.start(max(0, int(wait)))


def feed(qtbot, steps: list[KeyStep], *, timeout: int = 10_000, **options) -> KeyFeeder:
    """Type ``steps`` in real time and return once the last one was sent."""
    feeder = KeyFeeder(steps, **options).start()
    qtbot.waitUntil(lambda: feeder.done, timeout=timeout)
    return feeder


def scan(qtbot, code: str, *, end: str = "enter", prefix: str = "", seed: int = 9) -> KeyFeeder:
    """Scan ``code`` into whatever has the focus, as a scanner types it."""
    return feed(qtbot, scanner_keys(code, end=end, prefix=prefix), seed=seed)


def type_by_hand(qtbot, text: str, *, enter: bool = False, seed: int = 9) -> KeyFeeder:
    """Type ``text`` at a person's pace (90-160 ms between events)."""
    return feed(
        qtbot,
        scanner_keys(text, end="enter" if enter else ""),
        gap_ms=HUMAN_GAP_MS,
        seed=seed,
        timeout=30_000,
    )
