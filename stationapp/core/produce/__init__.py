"""The produce line (收购/代销): buying villagers' produce, selling it on, and selling for them.
``st.produce``; ``LINE`` is listed in ``stationapp.core.lines``.

- ``facade``: ``Produce``, with the mixins ``buying`` (收购, 代销 taken in: the villager, the
  household, the catalog's product and reference price), ``selling`` (上行, settling a lot) and
  ``views`` (the reads);
- ``quantities``: units, grades, channels, weighing and amounts;
- ``store``: the tables' rows and their projectors, the running stock;
- ``settings``, ``migrations``.
"""

from stationapp.core.line import Line
from stationapp.core.produce import migrations, store
from stationapp.core.produce.buying import PriceFarFromReference
from stationapp.core.produce.facade import Produce
from stationapp.core.produce.settings import PRODUCE_SETTINGS
from stationapp.core.produce.views import Lot, Purchase, PurchaseDay, Sale, Settlement, StockLine

__all__ = [
    "LINE",
    "Lot",
    "PriceFarFromReference",
    "Produce",
    "Purchase",
    "PurchaseDay",
    "Sale",
    "Settlement",
    "StockLine",
]


def _home(facades) -> dict[str, int]:
    """The home page's figures of the business day: purchases, what they cost, their weight."""
    count, fen, grams = facades["produce"].day_totals()
    return {"produce_bought": count, "produce_bought_fen": fen, "produce_weight_g": grams}


LINE = Line(
    name="produce",
    facades={"produce": Produce},
    projectors=store.PROJECTORS,
    projected_tables=store.PROJECTED_TABLES,
    migrations=migrations.MIGRATIONS,
    settings=PRODUCE_SETTINGS,
    home=_home,
)
