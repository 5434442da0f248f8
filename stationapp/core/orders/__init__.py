"""The proxy purchase line (代购): orders placed for villagers on the station's accounts.
``st.orders``; ``LINE`` is listed in ``stationapp.core.lines``.

- ``facade``: ``Orders``, the steps (created, placed, shipped, arrived, delivered, cancelled,
  returned) and the manager's undo of a step entered by mistake; ``reading``: the open orders by
  state, a villager's, the day's totals;
- ``arrival``: the order's arrival and its text, and its word on a parcel taken in
  (``Line.parcel_arrival``); ``checks``: what the steps check before writing;
- ``store``: the rows and projectors; ``settings``; ``migrations`` (015).
"""

from stationapp.core.line import Line
from stationapp.core.orders import migrations, store
from stationapp.core.orders.arrival import parcel_arrival
from stationapp.core.orders.facade import Orders
from stationapp.core.orders.reading import OrderDayTotals
from stationapp.core.orders.settings import ORDER_SETTINGS
from stationapp.core.orders.store import Order, OrderItem

__all__ = ["LINE", "Order", "OrderDayTotals", "OrderItem", "Orders"]


def _home(facades) -> dict[str, int]:
    """The home page's figures: orders still open, orders arrived today."""
    orders = facades["orders"]
    return {"orders_open": orders.open_count(), "orders_arrived_today": orders.arrived_today()}


LINE = Line(
    name="orders",
    facades={"orders": Orders},
    projectors=store.PROJECTORS,
    projected_tables=store.PROJECTED_TABLES,
    migrations=migrations.MIGRATIONS,
    settings=ORDER_SETTINGS,
    parcel_arrival=parcel_arrival,
    home=_home,
)
