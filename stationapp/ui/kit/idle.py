"""Idle watch: after so long without a key or a click, the main window locks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QObject):
    """An application-wide event filter: any input restarts the countdown."""

    went_idle = Signal()

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 0) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.went_idle)
        self._running = False
        self.set_interval_ms(interval_ms)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval() if self._running else 0

    def set_interval_ms(self, interval_ms: int) -> None:
        """0 means never lock."""
        self._timer.setInterval(max(interval_ms, 0))
        self._running = interval_ms > 0
        self.restart()

    def restart(self) -> None:
        if self._running:
            self._timer.start()
        else:
            self._timer.stop()

    def pause(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._running and event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False
