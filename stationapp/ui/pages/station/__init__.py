"""The station's own screens: home (首页), settings (设置) and its operators panel."""

from stationapp.ui.pages.station.home import HomePage
from stationapp.ui.pages.station.settings import SettingsPage

__all__ = ["HomePage", "SettingsPage"]
