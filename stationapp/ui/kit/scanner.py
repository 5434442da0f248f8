"""The barcode scanner: it types like a keyboard, 5-20 ms a key, and ends with Enter (or Tab).

An application-wide event filter sees every key before the widget it is meant for. Printable
keys are held back for a moment. Keys that follow each other faster than a person types (no gap
over ``max_gap_ms``; a Shift pressed and released around a capital is part of the burst) and end
with Enter or Tab are a scan: they are swallowed and handed to ``route`` (the main window), and
emitted as ``scanned``. A scan nobody can use (``route`` answers False: the lock screen, a dialog)
is typed into the focused field as it came. Anything else is typing: handed on, in order, a few
tens of milliseconds late, which a person does not notice. An AIM symbology prefix (``]C1``) is
taken off a scan.

A page that saves on the worker thread holds the keys (:meth:`ScannerFilter.hold_keys`) until its
answer is shown: keys typed meanwhile wait, and then reach the field that has the focus by then
(the next parcel's waybill), never the field the save is about to clear. Held keys are handed on
in the order they came, each to the widget that has the focus when it is handed on, as the
keyboard itself would have.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
END_KEYS = ENTER_KEYS | {Qt.Key.Key_Tab}
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    }
)
TYPING_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")
"""An AIM symbology identifier (``]C1`` GS1-128, ``]E0`` EAN-13, ``]Q1`` QR...): not data."""
MAX_HOLD_MS = 10_000
"""Keys are never held longer than this, whatever a page forgot (a save that never answered)."""


def strip_symbology(code: str) -> str:
    """The scanned data without an AIM symbology identifier in front."""
    match = AIM_PREFIX.match(code)
    return code[match.end() :] if match else code


@dataclass(frozen=True)
class _Key:
    press: bool
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    auto_repeat: bool
    stamp: int  # the window system's time of the key in ms; 0 when it gave none
    arrived: float  # when it reached the filter (time.monotonic)
    target: QWidget | None  # the widget it was typed into
    pointer: int  # the live event's address (0 for a key handed on later)

    @classmethod
    def of(cls, target: QWidget | None, event: QKeyEvent) -> _Key:
        return cls(
            event.type() == QEvent.Type.KeyPress,
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            int(event.timestamp()),
            time.monotonic(),
            target,
            shiboken6.getCppPointer(event)[0],
        )

    @property
    def typed(self) -> bool:
        """A character typed into a field (Shift allowed: a capital is typed with it)."""
        text = self.text
        return (
            len(text) == 1
            and text.isprintable()
            and not self.auto_repeat
            and not (self.modifiers & ~TYPING_MODIFIERS)
        )

    @property
    def ends_scan(self) -> bool:
        return (
            self.key in END_KEYS
            and not self.auto_repeat
            and not (self.modifiers & ~Qt.KeyboardModifier.KeypadModifier)
        )

    def event(self, *, press: bool | None = None) -> QKeyEvent:
        pressed = self.press if press is None else press
        kind = QEvent.Type.KeyPress if pressed else QEvent.Type.KeyRelease
        event = QKeyEvent(kind, self.key, self.modifiers, self.text, self.auto_repeat)
        if self.stamp:
            event.setTimestamp(self.stamp)
        return event


def _gap(earlier: _Key, later: _Key) -> float:
    """Seconds between two keys. The window system's times tell when the keys were really
    pressed: a busy moment of the GUI thread (a table refreshed) delays their arrival and
    bunches them up, but does not change their typing: it neither splits a scan in two nor
    makes typing by hand a scan. Without those times, when they reached the filter."""
    if earlier.stamp and later.stamp and later.stamp >= earlier.stamp:
        return (later.stamp - earlier.stamp) / 1000
    return later.arrived - earlier.arrived


def _focus_target(fallback: QWidget | None) -> QWidget | None:
    """Where a key handed on goes: where the keyboard's focus is now, as a key from the
    keyboard would."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    focus = QApplication.focusWidget()
    if focus is not None:
        return focus
    return fallback if fallback is not None and shiboken6.isValid(fallback) else None


class ScannerFilter(QObject):
    """Install with ``QApplication.instance().installEventFilter(scanner)``.

    ``route(code)`` decides where a scan goes and answers True when it was used; without a
    route, or when it answers False, the scan is typed into the focused field as it came.
    With no route at all the scan is only emitted as ``scanned`` and swallowed."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = 30,
        min_length: int = 4,
        route: Callable[[str], bool] | None = None,
        max_hold_ms: int = MAX_HOLD_MS,
    ) -> None:
        super().__init__(parent)
        self.max_gap = max_gap_ms / 1000
        self.min_length = min_length
        self.route = route
        self._burst: list[_Key] = []  # keys not judged yet: a scan or typing
        self._last: _Key | None = None  # the last key seen while a burst is open
        self._waiting: list[_Key] = []  # keys that came while held
        self._holds = 0
        self._swallow_release: set[int] = set()  # a scan's Enter/Tab is still to be let go
        self._passed: tuple[int, bool, int, int, QWidget | None] | None = None
        self._replaying = False
        self._rearmed = False
        # hand held keys on a little after the gap: a scanner's next key would have come by then
        self._burst_ms = max_gap_ms + 40
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.timeout.connect(self._burst_ended)
        self._hold_valve = QTimer(self)
        self._hold_valve.setSingleShot(True)
        self._hold_valve.setInterval(max_hold_ms)
        self._hold_valve.timeout.connect(self._held_too_long)

    # holding the keys while a save is on the worker thread ----------------------------------------

    def hold_keys(self) -> None:
        """Keys typed from now on wait until :meth:`let_keys_go` (calls nest)."""
        self._holds += 1
        if self._holds == 1:
            self._hold_valve.start()

    def let_keys_go(self) -> None:
        """The answer is shown and the focus is where the next key belongs: hand on what
        waited."""
        if not shiboken6.isValid(self) or self._holds == 0:
            return
        self._holds -= 1
        if self._holds == 0:
            self._hold_valve.stop()
            self._hand_on_waiting()

    @property
    def holding(self) -> bool:
        return self._holds > 0

    @Slot()
    def _held_too_long(self) -> None:
        log.warning(
            "keys were held %.1f s for an answer that did not come: handed on to the focus",
            self._hold_valve.interval() / 1000,
        )
        self._holds = 0
        self._hand_on_waiting()

    def _hand_on_waiting(self) -> None:
        # a key that arrives while this runs (a dialog's own event loop) joins the queue's end
        while self._waiting and not self._holds:
            self._take(self._waiting.pop(0), live=False)
        if self._burst and not self._holds:
            self._release_timer.start(self._burst_ms)

    # the filter -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # inside a scan or while keys wait, a character is a character, never a shortcut
            if not (self._burst or self._holds) or not isinstance(event, QKeyEvent):
                return False
            if _Key.of(None, event).typed:
                event.accept()
                return True
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        # the window system first hands the key to the QWindow, then to the focused widget:
        # act once, at the widget
        if not isinstance(watched, QWidget):
            self._passed = None  # a new key: whatever comes next is not the last one going on
            return False
        assert isinstance(event, QKeyEvent)
        if self._propagating(watched, event):
            return False
        key = _Key.of(watched, event)
        if self._holds or self._waiting:
            self._waiting.append(key)
            if not self._holds:
                self._hand_on_waiting()
            return True
        return self._take(key, live=True)

    def _propagating(self, watched: QWidget, event: QKeyEvent) -> bool:
        """A key the widget let through goes on to its parents, through this filter again: it
        was judged already."""
        if self._passed is None:
            return False
        pointer, press, key, stamp, receiver = self._passed
        return (
            pointer == shiboken6.getCppPointer(event)[0]
            and press == (event.type() == QEvent.Type.KeyPress)
            and key == event.key()
            and stamp == event.timestamp()
            and receiver is not None
            and shiboken6.isValid(receiver)
            and watched is not receiver
            and watched.isAncestorOf(receiver)
        )

    def _take(self, key: _Key, *, live: bool) -> bool:
        """Judge one key; True when a live key was taken (not to be delivered by Qt)."""
        if self._burst and self._last is not None and _gap(self._last, key) > self.max_gap:
            self._hand_on_burst()
        self._rearmed = False
        if not key.press:
            if key.key in self._swallow_release:
                self._swallow_release.discard(key.key)
                return True
            if any(held.press and held.key == key.key for held in self._burst):
                self._keep(key)  # the release of a held key goes after its press
                return True
            if self._burst and key.key in MODIFIER_KEYS:
                self._last = key
            return self._deliver(key, live)
        if key.ends_scan and self._looks_like_scan():
            self._scan(key)
            return True
        if key.typed:
            self._keep(key)
            return True
        if key.key in MODIFIER_KEYS:
            # Shift around a capital is part of a scan: it neither ends the burst nor waits
            if self._burst:
                self._last = key
                self._release_timer.start(self._burst_ms)
            return self._deliver(key, live)
        # Enter after typing, Backspace, arrows, shortcuts...: what was typed before goes first
        self._hand_on_burst()
        return self._deliver(key, live)

    def _keep(self, key: _Key) -> None:
        self._burst.append(key)
        self._last = key
        self._release_timer.start(self._burst_ms)

    def _looks_like_scan(self) -> bool:
        return sum(1 for key in self._burst if key.press) >= self.min_length

    def _deliver(self, key: _Key, live: bool) -> bool:
        if live:
            self._passed = (key.pointer, key.press, key.key, key.stamp, key.target)
            return False
        self._send(key, key.event())
        return True

    def _send(self, key: _Key, event: QKeyEvent) -> None:
        target = _focus_target(key.target)
        if target is None:
            return
        self._replaying = True
        try:
            QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    # a scan ---------------------------------------------------------------------------------------

    def _scan(self, end: _Key) -> None:
        presses = [key for key in self._burst if key.press]
        self._burst.clear()
        self._last = None
        self._release_timer.stop()
        self._swallow_release.add(end.key)
        raw = "".join(key.text for key in presses)
        code = strip_symbology(raw)
        kept = presses[len(raw) - len(code) :]
        self.scanned.emit(code)
        if self.route is None or self.route(code):
            return
        # nobody here uses a scan: typed into the focused field as it came
        for key in [*kept, end]:
            self._send(key, key.event(press=True))
            self._send(key, key.event(press=False))

    def type_code(self, code: str, end: int = Qt.Key.Key_Return) -> None:
        """Type a scan nobody took into the focused field as the scanner would have: each
        character, then Enter (or Tab)."""
        now = time.monotonic()
        for char in code:
            shifted = char.isupper()
            key = ord(char.upper()) if char.isascii() else int(Qt.Key.Key_unknown)
            modifiers = (
                Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier
            )
            held = _Key(True, key, modifiers, char, False, 0, now, None, 0)
            self._send(held, held.event(press=True))
            self._send(held, held.event(press=False))
        text = "\t" if end == Qt.Key.Key_Tab else "\r"
        ending = _Key(True, end, Qt.KeyboardModifier.NoModifier, text, False, 0, now, None, 0)
        self._send(ending, ending.event(press=True))
        self._send(ending, ending.event(press=False))

    # typing ---------------------------------------------------------------------------------------

    @Slot()
    def _burst_ended(self) -> None:
        if self._holds:
            return  # judged once the keys are let go
        late = self._last is not None and (
            time.monotonic() - self._last.arrived > self._burst_ms / 1000 + 2 * self.max_gap
        )
        if late and not self._rearmed:
            # the GUI thread was busy: more keys of a scan may still be queued; look once more
            self._rearmed = True
            self._release_timer.start(int(self.max_gap * 1000))
            return
        self._hand_on_burst()

    def _hand_on_burst(self) -> None:
        self._release_timer.stop()
        burst, self._burst = self._burst, []
        self._last = None
        for key in burst:
            self._send(key, key.event())

    @Slot()
    def release_held_keys(self) -> None:
        """Hand the keys of an open burst on as typing (the window is about to change)."""
        self._hand_on_burst()
