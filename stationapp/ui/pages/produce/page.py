"""The F4 page, 收购/代销: purchase (收购), consignment (代销 in and settled) and sale (上行)
behind a row of big buttons (Ctrl+1 to Ctrl+3). The purchase sub-page reads the scale."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.sub_pages import SubPagedPage
from stationapp.ui.pages.produce.consign import ConsignPanel
from stationapp.ui.pages.produce.purchase import PurchasePanel
from stationapp.ui.pages.produce.sale import SalePanel

DEFAULT = "purchase"


class ProducePage(SubPagedPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.purchase = PurchasePanel(context)
        self.consign = ConsignPanel(context)
        self.sale = SalePanel(context)
        self.set_sub_pages(
            self.tr("Produce"),
            [
                ("purchase", self.tr("Purchase"), self.purchase),
                ("consign", self.tr("Consignment"), self.consign),
                ("sale", self.tr("Sale"), self.sale),
            ],
            DEFAULT,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.purchase.stop_scale()
        super().closeEvent(event)
