"""The scale beside the quantity field: the reader's thread hands each reading and status to a
typed Qt signal, and the label shows the live weight with a stable/unstable mark on the GUI
thread. No scale configured: nothing is shown and the weight is typed."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from stationapp.scales import (
    CONNECTED,
    Reading,
    ScaleCheck,
    ScaleConfig,
    ScaleError,
    ScaleReader,
    ScaleStatus,
    Tare,
    check_scale,
    in_unit,
)
from stationapp.scales.weighing import GRAMS_PER_UNIT


class ScaleLink(QObject):
    """Owns the :class:`ScaleReader`; its callbacks (on the scale's thread) only emit."""

    reading = Signal(Reading)
    status = Signal(ScaleStatus)

    def __init__(self, config: ScaleConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.reader = ScaleReader(config, self.reading.emit, self.status.emit)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], parent: QObject | None = None):
        """The link to the configured scale, or None when no port is set (or it is unusable:
        the error says why)."""
        config = ScaleConfig.from_settings(settings)
        return cls(config, parent) if config is not None else None

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()


class ScaleTester(QObject):
    """The "test the scale" key: ``check_scale`` on a thread of its own (it reads for up to
    ``seconds``); ``done`` brings its verdict to the GUI thread."""

    done = Signal(ScaleCheck)

    def __init__(self, config: ScaleConfig, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = threading.Thread(
            target=lambda: self.done.emit(check_scale(config, seconds=seconds)),
            name="scale-check",
            daemon=True,
        )

    def start(self) -> None:
        self._thread.start()


class ScaleLabel(QLabel):
    """The live weight in the purchase's unit (``52.30 斤 ● 稳定`` / ``○ 不稳定``), or what is
    wrong with the scale in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scaleReading")
        self.unit = "斤"
        self.last: Reading | None = None
        self.problem = ""
        self.tare: Tare | None = None  # a basket's tare is taken off the weight shown
        self.shown_at = 0.0

    @Slot(Reading)
    def show_reading(self, reading: Reading) -> None:
        self.last = reading
        self.shown_at = time.monotonic()  # against ``reading.at``: the frame's way to the screen
        self.problem = ""
        self._draw()

    @Slot(ScaleStatus)
    def show_status(self, status: ScaleStatus) -> None:
        self.problem = "" if status.state == CONNECTED else status.message
        self._draw()

    def show_problem(self, error: ScaleError | str) -> None:
        self.problem = str(error)
        self._draw()

    def set_tare(self, tare: Tare | None) -> None:
        self.tare = tare
        self._draw()

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        self._draw()

    def _draw(self) -> None:
        if self.problem:
            self.setProperty("state", "problem")
            self.setText(self.problem)
        elif self.last is None:
            self.setProperty("state", "waiting")
            self.setText(self.tr("Scale: waiting for a weight"))
        else:
            reading = self.last
            if reading.overload:
                weight = self.tr("overload")
            elif self.unit in GRAMS_PER_UNIT and reading.unit in GRAMS_PER_UNIT:
                net = in_unit(reading.net, reading.unit, self.unit)
                if self.tare is not None and not self.tare.from_indicator:
                    net -= in_unit(self.tare.weight, self.tare.unit, self.unit)
                weight = f"{net} {self.unit}"
            else:
                weight = f"{reading.net} {reading.unit}"
            mark = self.tr("● stable") if reading.stable else self.tr("○ moving")
            self.setProperty("state", "stable" if reading.stable else "moving")
            self.setText(self.tr("Scale: {weight}  {mark}").format(weight=weight, mark=mark))
        self.style().unpolish(self)
        self.style().polish(self)
