"""The F6 page, 帮扶台账: a registered household's log, services without money, the station's
totals and the workbook."""

from stationapp.ui.pages.households.page import HouseholdsPage

__all__ = ["HouseholdsPage"]
