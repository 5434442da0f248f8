"""The sync line: joining the county center, pushing the station's events, taking the county's
feed, healing a fork, and restoring the station onto a new PC (DESIGN §5). ``st.sync``;
``LINE`` is listed in ``stationapp.core.lines``."""

from stationapp.core.line import Line, Migration
from stationapp.core.sync.facade import StationSync
from stationapp.core.sync.history import EnrolledStation, SyncReport, SyncStatus, migrate_sync

__all__ = ["LINE", "EnrolledStation", "StationSync", "SyncReport", "SyncStatus"]

LINE = Line(
    name="sync",
    facades={"sync": StationSync},
    # the sync history and healed forks: local only, beside their records (sync/history.py)
    migrations=(Migration("006_sync", migrate_sync),),
)
