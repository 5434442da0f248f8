"""The sync history kept for the 同步 page: the tables of migration ``006_sync`` (the rounds and
the forks healed, local only, never sent) and the records a round, the station's sync status and
the history are shown with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stationapp.core.events import GENESIS_HASH
from stationapp.core.sync.failures import plain_words

CLOCK_OFF_AFTER_S = 5 * 60  # DESIGN §5; the county flags the same (sync.protocol.MAX_CLOCK_SKEW_S)


def migrate_sync(db: Any) -> None:
    """The body of migration ``006_sync`` (``db``: a sqlite_utils.Database): the history of
    sync rounds shown on the 同步 page. Local only, never sent."""
    db.execute(
        """
        CREATE TABLE sync_log (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            accepted INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            batches INTEGER NOT NULL DEFAULT 0,
            head_seq INTEGER NOT NULL DEFAULT 0,
            waiting INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX sync_log_started ON sync_log (started_at)")
    # forks healed (DESIGN §5): the county's events taken in, ours moved after them
    db.execute(
        """
        CREATE TABLE sync_forks (
            id INTEGER PRIMARY KEY,
            healed_at TEXT NOT NULL,
            common_seq INTEGER NOT NULL,
            county_head_seq INTEGER NOT NULL,
            taken INTEGER NOT NULL,
            moved INTEGER NOT NULL,
            moves TEXT NOT NULL
        )
        """
    )


# --- results ---------------------------------------------------------------------------------


@dataclass
class SyncReport:
    """One round: what the county took, where its head is, and the error if the round stopped."""

    started_at: str
    finished_at: str = ""
    accepted: int = 0
    duplicates: int = 0
    batches: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    waiting: int = 0  # events still not at the county after the round
    error: str = ""  # one of the codes above; "" when the round went through
    params: dict[str, Any] = field(default_factory=dict)
    detail: str = ""  # technical detail for support (English, not shown to operators)
    retry_after: float | None = None  # the county asked to come back after this many seconds
    fork: HealedFork | None = None  # a fork healed in this round
    taken: int = 0  # changes taken from the county's feed (reference data, its events)
    feed_pages: int = 0
    log_id: int = 0  # the round's row in sync_log, once recorded

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def message(self) -> str:
        return plain_words(self.error, self.params)


@dataclass(frozen=True)
class HealedFork:
    """What healing a fork did: the county's events after ``common_seq`` taken in, and this
    station's own events after them moved to new seqs (ids unchanged): (id, old, new)."""

    common_seq: int
    county_head_seq: int
    taken: int
    moves: list[tuple[str, int, int]]


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    station_id: str
    county_url: str
    waiting: int
    last_sync_at: str  # last round that went through; "" never
    last_attempt_at: str
    last_error: str  # plain words of the last round's error; "" when it went through
    clock_skew_s: int | None = None  # this PC's clock minus the county's; None: not measured
    clock_measured_at: str = ""  # this PC's time when it was measured

    @property
    def clock_off(self) -> bool:
        """More than five minutes off the county's clock: the operator is told to set it."""
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > CLOCK_OFF_AFTER_S


@dataclass(frozen=True)
class EnrolledStation:
    station_id: str
    station_name: str
    township: str
    village: str


@dataclass(frozen=True)
class SyncLogEntry:
    started_at: str
    finished_at: str
    ok: bool
    accepted: int
    duplicates: int
    head_seq: int
    waiting: int
    message: str
    taken: int = 0  # changes taken from the county's feed
