"""The F3 page, 代购: the new order form, the open orders with their steps, a villager's orders
and today's totals, behind a row of big buttons (Ctrl+1 to Ctrl+3). A scan goes to the open
orders when the shipped step is waiting for its waybill."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.sub_pages import SubPagedPage
from stationapp.ui.pages.orders.new_order import NewOrderPanel
from stationapp.ui.pages.orders.open_orders import OpenOrdersPanel
from stationapp.ui.pages.orders.villager_orders import VillagerOrdersPanel


class OrdersPage(SubPagedPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.new_order = NewOrderPanel(context)
        self.open_orders = OpenOrdersPanel(context)
        self.villager = VillagerOrdersPanel(context)
        self.set_sub_pages(
            self.tr("Proxy purchases"),
            [
                ("new", self.tr("New order"), self.new_order),
                ("open", self.tr("Open orders"), self.open_orders),
                ("villager", self.tr("A villager's orders"), self.villager),
            ],
            "new",
        )

    def on_scan(self, code: str) -> bool:
        return self.current_sub_page().on_scan(code)
