"""The barcode scanner: it types like a keyboard and ends with Enter.

An application-wide event filter holds each printable key back for a moment. Keys that follow
each other faster than a person types (< ``max_gap_ms``) and end with Enter are a scan: they are
swallowed and emitted as ``scanned``. Anything else is handed on to the widget it was meant for,
in order, a few tens of milliseconds late, which a person does not notice. So a scan never lands
as garbage in whatever field has the focus, and typing by hand works as usual.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
TYPING_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass(frozen=True)
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at: float


class ScannerFilter(QObject):
    """Install with ``QApplication.instance().installEventFilter(scanner)``."""

    scanned = Signal(str)

    def __init__(
        self, parent: QObject | None = None, *, max_gap_ms: int = 30, min_length: int = 4
    ) -> None:
        super().__init__(parent)
        self.max_gap = max_gap_ms / 1000
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._replaying = False
        # hand held keys on a little after the gap: a scanner's next key would have come by then
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.setInterval(max_gap_ms + 40)
        self._release_timer.timeout.connect(self.release_held_keys)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._replaying:
            return False
        # the window system first hands the key to the QWindow, then to the focused widget:
        # act once, at the widget
        if not isinstance(watched, QWidget):
            return False
        return self._key_pressed(watched, event)  # type: ignore[arg-type]

    def _key_pressed(self, target: QWidget, event: QKeyEvent) -> bool:
        now = time.monotonic()
        if event.key() in ENTER_KEYS:
            if self._is_scan(now):
                code = "".join(held.text for held in self._held)
                self._held.clear()
                self._release_timer.stop()
                self.scanned.emit(code)
                return True
            self.release_held_keys()
            return False
        if _is_typed_character(event):
            if self._held and now - self._held[-1].at > self.max_gap:
                self.release_held_keys()
            self._held.append(_HeldKey(target, event.key(), event.modifiers(), event.text(), now))
            self._release_timer.start()
            return True
        # Backspace, arrows, shortcuts...: what was typed before them goes first
        self.release_held_keys()
        return False

    def _is_scan(self, now: float) -> bool:
        return len(self._held) >= self.min_length and now - self._held[-1].at <= self.max_gap

    @Slot()
    def release_held_keys(self) -> None:
        """Hand the held keys on to the widgets they were typed into (typing by hand)."""
        self._release_timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for key in held:
                if shiboken6.isValid(key.target):
                    QApplication.sendEvent(
                        key.target,
                        QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text),
                    )
        finally:
            self._replaying = False


def _is_typed_character(event: QKeyEvent) -> bool:
    text = event.text()
    if len(text) != 1 or not text.isprintable() or event.isAutoRepeat():
        return False
    return not (event.modifiers() & ~TYPING_MODIFIERS)
