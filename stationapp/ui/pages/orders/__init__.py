"""The F3 page, 代购: a new order, the open orders and their steps, a villager's orders."""

from stationapp.ui.pages.orders.page import OrdersPage

__all__ = ["OrdersPage"]
