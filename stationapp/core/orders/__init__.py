"""The proxy purchase line (代购): orders placed for villagers on the station's accounts.
``st.orders``; ``LINE`` is listed in ``stationapp.core.lines``."""

from stationapp.core.line import Line

LINE = Line(name="orders")
