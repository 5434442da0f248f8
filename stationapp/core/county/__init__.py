"""The county line: what the county center sends the station (reference data, its settings, its
own events about the station's entities), kept in local tables and read by every line. Shared;
``st.county``; ``LINE`` is listed in ``stationapp.core.lines``.

- ``facade``: ``CountyData``, what the screens read, and the page taker;
- ``feed``: a page of the feed taken in one transaction; ``kinds``: each kind's rows;
- ``events``: the county's events, handed to the handlers the lines list;
- ``reference``, ``households``: reading the reference data and the household registry;
- ``tables``: the local tables and their migration.
"""

from stationapp.core.county.facade import CountyData, CountyDataTaken
from stationapp.core.county.households import Household
from stationapp.core.county.tables import migrate_county
from stationapp.core.line import Line, Migration

__all__ = ["LINE", "CountyData", "CountyDataTaken", "Household"]

LINE = Line(
    name="county",
    facades={"county": CountyData},
    # reference data, the county's events and the feed's cursor: not projections of the
    # station's own events (the feed writes them), so a rebuild leaves them alone
    migrations=(Migration("007_county", migrate_county),),
)
