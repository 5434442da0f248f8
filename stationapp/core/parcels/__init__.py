"""The parcels line (快递收发): parcels in (到件入库, 取件, 退回) and out (寄件, 交接), with the
customers they are for. ``st.parcels`` and ``st.sending``; ``LINE`` is what it adds to the
station (listed in ``stationapp.core.lines``).

- ``facade``: ``Parcels``, reading and finding, with the mixins ``intake`` (到件入库, the label's
  phone tail), ``pickup`` (取件 and its undo) and ``returns`` (reminders, 退回);
- ``sending``: parcels out, real-name sending and the handover to the courier;
- ``store``: the parcel and customer rows and their projectors; ``views``: the day's summary
  and the shelf check; ``notice``: the arrival text that rides on ``parcel.received``;
- ``settings``: shelves, overdue and return days, consent, pickup fee, cut-off;
- ``migrations``: its schema steps.
"""

from stationapp.core.line import Line
from stationapp.core.parcels import migrations, sending, store
from stationapp.core.parcels.facade import Parcels
from stationapp.core.parcels.pickup import hand_out
from stationapp.core.parcels.sending import HandoverBatch, Sending, SentParcel
from stationapp.core.parcels.settings import PARCEL_SETTINGS
from stationapp.core.parcels.store import Parcel, Shelf
from stationapp.core.parcels.views import ParcelDaySummary, ShelfCheck

__all__ = [
    "LINE",
    "HandoverBatch",
    "Parcel",
    "ParcelDaySummary",
    "Parcels",
    "Sending",
    "SentParcel",
    "Shelf",
    "ShelfCheck",
]


def _home(facades) -> dict[str, int]:
    """The home page's figures of the business day: parcels in and out, the cash they took."""
    day = facades["parcels"].day_summary()
    return {
        "parcels_in": day.received,
        "parcels_out": day.sent,
        "cash_fen": day.fees_fen + day.sent_cash_fen,
    }


LINE = Line(
    name="parcels",
    facades={"parcels": Parcels, "sending": Sending},
    projectors={**store.PROJECTORS, **sending.PROJECTORS},
    projected_tables={**store.PROJECTED_TABLES, **sending.PROJECTED_TABLES},
    migrations=migrations.MIGRATIONS,
    settings=PARCEL_SETTINGS,
    parcel_handout=hand_out,
    home=_home,
)
