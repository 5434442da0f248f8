"""The sync screens (同步): the county link's state and rounds, and joining a county center."""

from stationapp.ui.pages.sync.page import SyncPage

__all__ = ["SyncPage"]
