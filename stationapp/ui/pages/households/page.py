"""The F6 page, 帮扶台账: a household's log (Ctrl+1) and the station's totals with the
workbook (Ctrl+2). An ID card read on this page finds the household it belongs to."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWidget

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.sub_pages import SubPagedPage
from stationapp.ui.pages.households.household_log import HouseholdLogPanel
from stationapp.ui.pages.households.station_totals import StationTotalsPanel

DEFAULT = "log"
ID_NUMBER = re.compile(r"^\d{17}[\dX]$", re.ASCII)  # what an ID card reader types


class HouseholdsPage(SubPagedPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.log = HouseholdLogPanel(context)
        self.station_totals = StationTotalsPanel(context)
        self.set_sub_pages(
            self.tr("Household log"),
            [
                ("log", self.tr("Households"), self.log),
                ("station", self.tr("Station totals"), self.station_totals),
            ],
            DEFAULT,
        )

    # Page -----------------------------------------------------------------------------------------

    def on_scan(self, code: str) -> bool:
        """An ID card number read here finds its household (by its tail and tag); anything
        else (a waybill) lands where every stray scan lands."""
        number = code.strip().upper()
        if not ID_NUMBER.match(number):
            return False
        self.show_sub_page("log")
        self.log.search.setText(number)
        self.log.search.setFocus()
        return True
