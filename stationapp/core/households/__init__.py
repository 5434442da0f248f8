"""The household log (帮扶台账): what the station did for the county's registered households.
``st.households``; ``LINE`` is listed in ``stationapp.core.lines``."""

from stationapp.core.line import Line

LINE = Line(name="households")
