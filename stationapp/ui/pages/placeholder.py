"""Pages that later versions fill: a big sentence saying what will be there."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stationapp.ui.kit.forms import keep_last_words_together
from stationapp.ui.kit.page import Page, PageContext

PLANNED = {
    "orders": QT_TRANSLATE_NOOP(
        "PlaceholderPage",
        "Proxy purchases: write down what a villager asks you to buy online, the deposit and "
        "the service fee, and follow the order until it is handed over.",
    ),
    "produce": QT_TRANSLATE_NOOP(
        "PlaceholderPage",
        "Produce: buy farm produce from villagers with a voucher they sign, and record what "
        "the station sells on.",
    ),
    "bills": QT_TRANSLATE_NOOP(
        "PlaceholderPage",
        "Bills: take payments for electricity, water and phone top-ups, and print the receipt.",
    ),
    "households": QT_TRANSLATE_NOOP(
        "PlaceholderPage",
        "Household log: what the station bought from and did for each registered poverty "
        "household, with the totals the county asks for.",
    ),
    "dayclose": QT_TRANSLATE_NOOP(
        "PlaceholderPage",
        "Day close: count the cash, compare it with the day's records, and print the day-close "
        "sheet.",
    ),
    "reports": QT_TRANSLATE_NOOP(
        "PlaceholderPage",
        "Reports: the station's figures by day and by month, to print or send to the township.",
    ),
}


class PlaceholderPage(Page):
    def __init__(
        self, context: PageContext, key: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        sentence = QCoreApplication.translate("PlaceholderPage", PLANNED[key])
        self.sentence = QLabel(keep_last_words_together(sentence))  # no word alone on a line
        self.sentence.setObjectName("placeholder")
        self.sentence.setWordWrap(True)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        later = QLabel(self.tr("This page comes with a later version of the program."))
        later.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(20)
        layout.addWidget(heading)
        layout.addWidget(self.sentence)
        layout.addWidget(later)
        layout.addStretch(1)
