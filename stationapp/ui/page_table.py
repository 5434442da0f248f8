"""The page table: the main window's pages in the order of F1, F2..., each with the class that
builds it (none yet: a placeholder says the line is coming). The one place that names every
page: the main window builds them from it, routes a form one page asks of another's line
(``"parcels.settings"``) by its key, and knows which page a stray scan lands on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.households import HouseholdsPage
from stationapp.ui.pages.orders import OrdersPage
from stationapp.ui.pages.parcels import ParcelsPage
from stationapp.ui.pages.produce import ProducePage
from stationapp.ui.pages.sms import SmsPage
from stationapp.ui.pages.station import HomePage, SettingsPage
from stationapp.ui.pages.sync import SyncPage


@dataclass(frozen=True)
class PageEntry:
    key: str  # the line's name where the page is a line's ("parcels", "sms", "sync")
    title: str  # QT_TRANSLATE_NOOP in the "MainWindow" context
    make: Callable[[PageContext], Page] | None = None  # None: a placeholder for now


PAGE_TABLE = (
    PageEntry("home", QT_TRANSLATE_NOOP("MainWindow", "Home"), HomePage),
    PageEntry("parcels", QT_TRANSLATE_NOOP("MainWindow", "Parcels"), ParcelsPage),
    PageEntry("orders", QT_TRANSLATE_NOOP("MainWindow", "Proxy purchases"), OrdersPage),
    PageEntry("produce", QT_TRANSLATE_NOOP("MainWindow", "Produce"), ProducePage),
    PageEntry("bills", QT_TRANSLATE_NOOP("MainWindow", "Bills")),
    PageEntry("households", QT_TRANSLATE_NOOP("MainWindow", "Household log"), HouseholdsPage),
    PageEntry("dayclose", QT_TRANSLATE_NOOP("MainWindow", "Day close")),
    PageEntry("reports", QT_TRANSLATE_NOOP("MainWindow", "Reports")),
    PageEntry("sync", QT_TRANSLATE_NOOP("MainWindow", "Sync"), SyncPage),
    PageEntry("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), SettingsPage),
    # last, so that every key an operator already knows (F9 sync, F10 settings) stays
    PageEntry("sms", QT_TRANSLATE_NOOP("MainWindow", "Texts"), SmsPage),
)
# a scan that the page shown does not use lands on this page's ``find_scanned``
SCAN_LANDING = "parcels"
