"""The home page: the station's name, today's figures, and the county center's announcements."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from stationapp.core import TodayFigures
from stationapp.core.changes import Changes
from stationapp.core.county.reference import Announcement
from stationapp.core.money import format_money
from stationapp.ui.kit.forms import keep_last_words_together
from stationapp.ui.kit.page import Page, PageContext

ANNOUNCEMENTS_SHOWN = 3
"""At most this many, newest first: the home page is read at a glance."""
BODY_CHARACTERS = 160
"""A longer body is cut here with an ellipsis; the county keeps the full text."""

GRAMS_PER_JIN = 500

ANNOUNCEMENT_STYLE = """
QFrame#announcement { background: #fffaf0; border: 1px solid #e0c27a;
                      border-left: 6px solid #f0a030; border-radius: 8px; }
QLabel#announcementTitle { font-size: 22px; font-weight: bold; color: #1b1b1b; }
QLabel#announcementDate { font-size: 17px; color: #555555; }
QLabel#announcementBody { font-size: 19px; color: #1b1b1b; }
"""


class FigureTile(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.value = QLabel("0")
        self.value.setObjectName("figureValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(keep_last_words_together(name))
        label.setObjectName("figureName")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)  # six tiles to a row: a long name takes two lines
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 16)
        layout.addWidget(self.value)
        layout.addWidget(label)


class AnnouncementCard(QFrame):
    """One announcement: its title in bold, the day it was published, its body."""

    def __init__(self, announcement: Announcement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("announcement")
        self.announcement_id = announcement.id
        self.title = QLabel(announcement.title)
        self.title.setObjectName("announcementTitle")
        self.title.setWordWrap(True)
        self.date = QLabel(announcement.day)
        self.date.setObjectName("announcementDate")
        self.date.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.body = QLabel(_shortened(announcement.body))
        self.body.setObjectName("announcementBody")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.title, self.date, self.body):
            label.setTextFormat(Qt.TextFormat.PlainText)  # the county's text, never markup
        heading = QGridLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.title, 0, 0)
        heading.addWidget(self.date, 0, 1)
        heading.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.body)


@dataclass(frozen=True)
class HomeView:
    name: str
    today: TodayFigures
    announcements: list[Announcement]


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
        # the lines' own figures (``TodayFigures.more``), by the names their home hooks give
        self.more_tiles = {
            "orders_open": FigureTile(self.tr("Proxy purchases open")),
            "orders_arrived_today": FigureTile(self.tr("Proxy purchases arrived today")),
            "produce_bought": FigureTile(self.tr("Purchases of produce today")),
            "produce_bought_fen": FigureTile(self.tr("Paid for produce today")),
            "produce_weight_g": FigureTile(self.tr("Produce bought today (jin)")),
            "households_helped_month": FigureTile(self.tr("Households helped this month")),
        }
        grid = QGridLayout()
        grid.setSpacing(16)
        for column, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, column)
        more = QGridLayout()
        more.setSpacing(16)
        for column, tile in enumerate(self.more_tiles.values()):
            more.addWidget(tile, 0, column)

        # the county center's announcements: shown only when there are some
        self.announcements = QWidget()
        self.announcements.setObjectName("announcements")
        self.announcements.setStyleSheet(ANNOUNCEMENT_STYLE)
        announcements_heading = QLabel(self.tr("Announcements from the county center"))
        announcements_heading.setObjectName("heading")
        self.announcement_list = QVBoxLayout()
        self.announcement_list.setSpacing(10)
        box = QVBoxLayout(self.announcements)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
        box.addWidget(announcements_heading)
        box.addLayout(self.announcement_list)
        self.announcements.hide()
        self.cards: list[AnnouncementCard] = []

        hint = QLabel(
            self.tr(
                "Press F1 to F11 to switch pages. The barcode scanner works on every page. "
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
        layout.addLayout(more)
        layout.addWidget(self.announcements)
        layout.addWidget(hint)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        # chosen with F1, back from the lock screen, the window shown: read what is current
        super().showEvent(event)
        self.refresh()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        # anything recorded changes today's figures; a sync round that took the county's feed
        # (county kinds) may bring announcements. While another page is shown nothing is
        # read: the figures are read again when this page shows (showEvent).
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.worker.call(self._load, on_done=self._show)

    def _load(self) -> HomeView:
        return HomeView(
            self.station.info.name,
            self.station.today(),
            self.station.county.announcements(limit=ANNOUNCEMENTS_SHOWN),
        )

    def _show(self, view: HomeView) -> None:
        self.station_name.setText(view.name)
        self.day.setText(self.tr("Today, {day}").format(day=view.today.day))
        for key, tile in self.tiles.items():
            value = getattr(view.today, key)
            tile.value.setText(format_money(value) if key == "cash_fen" else str(value))
        for key, tile in self.more_tiles.items():
            tile.value.setText(more_figure(key, view.today.more.get(key, 0)))
        self._show_announcements(view.announcements)

    def _show_announcements(self, announcements: list[Announcement]) -> None:
        if [card.announcement_id for card in self.cards] == [a.id for a in announcements]:
            shown = {card.announcement_id: card for card in self.cards}
            if all(_same(shown[a.id], a) for a in announcements):
                return  # nothing new: no flicker on every refresh
        for card in self.cards:
            self.announcement_list.removeWidget(card)
            card.deleteLater()
        self.cards = [AnnouncementCard(item) for item in announcements]
        for card in self.cards:
            self.announcement_list.addWidget(card)
        self.announcements.setVisible(bool(self.cards))


def more_figure(key: str, value: int) -> str:
    """A line's figure as the tile shows it: money in yuan, a weight in 斤 (500 g), else a
    count."""
    if key.endswith("_fen"):
        return format_money(value)
    if key.endswith("_g"):
        jin = (Decimal(value) / GRAMS_PER_JIN).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return f"{jin:f}"
    return str(value)


def _shortened(body: str) -> str:
    text = body.strip()
    if len(text) <= BODY_CHARACTERS:
        return text
    flat = " ".join(text.split())
    if len(flat) <= BODY_CHARACTERS:
        return flat
    return flat[: BODY_CHARACTERS - 1].rstrip() + "…"


def _same(card: AnnouncementCard, announcement: Announcement) -> bool:
    return (
        card.title.text() == announcement.title
        and card.date.text() == announcement.day
        and card.body.text() == _shortened(announcement.body)
    )
