"""The home page: the station's name and today's figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from stationapp.core import TodayFigures
from stationapp.core.money import format_money
from stationapp.ui.pages.base import Page, PageContext


class FigureTile(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.value = QLabel("0")
        self.value.setObjectName("figureValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(name)
        label.setObjectName("figureName")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 16)
        layout.addWidget(self.value)
        layout.addWidget(label)


class HomePage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.station_name = QLabel()
        self.station_name.setObjectName("stationName")
        self.station_name.setWordWrap(True)
        self.day = QLabel()
        self.day.setObjectName("heading")

        self.tiles = {
            "parcels_in": FigureTile(self.tr("Parcels arrived")),
            "parcels_out": FigureTile(self.tr("Parcels sent")),
            "orders": FigureTile(self.tr("Proxy purchases")),
            "bills": FigureTile(self.tr("Bills paid")),
            "cash_fen": FigureTile(self.tr("Cash taken")),
        }
        grid = QGridLayout()
        grid.setSpacing(16)
        for column, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, column)

        hint = QLabel(
            self.tr(
                "Press F1 to F10 to switch pages. The barcode scanner works on every page. "
                "Ctrl+L locks the screen."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 16, 8, 8)
        layout.setSpacing(18)
        layout.addWidget(self.station_name)
        layout.addWidget(self.day)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addStretch(1)

    def on_shown(self) -> None:
        self.refresh()

    def on_event(self, event: Any) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.worker.call(self._load, on_done=self._show)

    def _load(self) -> tuple[str, TodayFigures]:
        return self.station.info.name, self.station.today()

    def _show(self, loaded: tuple[str, TodayFigures]) -> None:
        name, today = loaded
        self.station_name.setText(name)
        self.day.setText(self.tr("Today, {day}").format(day=today.day))
        for key, tile in self.tiles.items():
            value = getattr(today, key)
            tile.value.setText(format_money(value) if key == "cash_fen" else str(value))
