"""The F6 page, 帮扶台账: a household's log (Ctrl+1) and the station's totals with the
workbook (Ctrl+2)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.sub_pages import SubPagedPage
from stationapp.ui.pages.households.household_log import HouseholdLogPanel
from stationapp.ui.pages.households.station_totals import StationTotalsPanel

DEFAULT = "log"


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
