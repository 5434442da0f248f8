"""The sync line (DESIGN §5): joining the county center, pushing the station's events, taking
the county's feed, healing a fork, and restoring the station onto a new PC. ``st.sync``;
``LINE`` is listed in ``stationapp.core.lines``.

- ``facade``: ``StationSync``, with the mixins ``push`` (batches, the head) and ``forks``;
- ``steps``: a round split where it waits for the county (network calls off the database
  thread); ``failures``: the county's refusals in plain words; ``history``: the sync log;
- ``enrolment``: the code traded for a token;
- ``restore``, ``restore_download``, ``restore_pages``, ``restore_staging``: a station rebuilt
  on a new PC from the county's copy, given the station's shape by ``station.py``.
"""

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
