"""The household log (帮扶台账): what the station did for the county's registered households.
``st.households``; ``LINE`` is listed in ``stationapp.core.lines``.

- ``log``: the ``household_log`` table, kept by a follower of every event type (any payload
  with ``household_id``), and ``household.helped``, a service without money;
- ``facade``: ``HouseholdLog``, finding a household, its log and totals, recording a service;
- ``reading``: the log's queries; ``periods``: month, quarter, year in business days;
- ``ledger`` and ``sheet``: the 帮扶台账 as an XLSX workbook.
"""

from stationapp.core.households import log
from stationapp.core.households.facade import FoundHousehold, HouseholdLog, HouseholdLogPage
from stationapp.core.households.periods import Period
from stationapp.core.households.reading import LogEntry, StationTotals, Totals
from stationapp.core.line import Line, Migration
from stationapp.core.projections import EVERY_TYPE

__all__ = [
    "LINE",
    "FoundHousehold",
    "HouseholdLog",
    "HouseholdLogPage",
    "LogEntry",
    "Period",
    "StationTotals",
    "Totals",
]


def _home(facades) -> dict[str, int]:
    """The home page's figure: registered households the station did something for this month."""
    return {"households_helped_month": facades["households"].helped_this_month()}


LINE = Line(
    name="households",
    facades={"households": HouseholdLog},
    projectors=log.PROJECTORS,
    projected_tables=log.PROJECTED_TABLES,
    follows={EVERY_TYPE: log.FOLLOWER},
    migrations=(Migration("017_household_log", log.migrate_household_log),),
    home=_home,
)
