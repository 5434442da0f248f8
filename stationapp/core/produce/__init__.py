"""The produce line (收购/代销): buying villagers' produce, selling it on, and selling for them.
``st.produce``; ``LINE`` is listed in ``stationapp.core.lines``."""

from stationapp.core.line import Line

LINE = Line(name="produce")
