"""The station facade: the one object the GUI, the CLI, sync and the tests reach the station by."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stationapp.core import clock, lines, meta, privacy, schema
from stationapp.core.data_folder import DB_NAME
from stationapp.core.errors import StateError, StoreError
from stationapp.core.events import Event, EventLog, VerifyResult
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.line import LineContext, StationShape
from stationapp.core.operators import Operator, Operators, Session, add_operator
from stationapp.core.settings import STATION_SETTINGS, Settings, change_setting
from stationapp.core.storage_errors import storage_error
from stationapp.core.store import Store

if TYPE_CHECKING:  # what the lines give the station (st.<name>), for readers and type checkers
    from stationapp.core.county import CountyData
    from stationapp.core.households import HouseholdLog
    from stationapp.core.orders import Orders
    from stationapp.core.parcels import Parcels, Sending
    from stationapp.core.produce import Produce
    from stationapp.core.sms import SmsOutbox
    from stationapp.core.sync import StationSync


@dataclass(frozen=True)
class StationInfo:
    name: str
    phone: str
    manager_name: str
    station_id: str
    # the county's receipt check of this station's records, "{county}/r/{station_id}": a
    # receipt's QR code adds its event id; '' until the station is enrolled (DESIGN §6, §8)
    receipt_check: str = ""


@dataclass(frozen=True)
class TodayFigures:
    """The home page's figures for the business day; the business lines fill them in through
    their ``home`` hooks. ``more``: the figures a line adds beyond these (by its own names,
    e.g. ``produce_bought``), for the home page to show."""

    day: str
    parcels_in: int = 0
    parcels_out: int = 0
    orders: int = 0
    bills: int = 0
    cash_fen: int = 0
    more: Mapping[str, int] = field(default_factory=dict)


class StationEvents:
    """``st.events``: the log as the station's users see it."""

    def __init__(self, station: Station) -> None:
        self._station = station
        self.log = station.log

    def verify(self, *, rebuild: bool = True) -> VerifyResult:
        return self.log.verify(rebuild=rebuild, schema=schema.create_empty)

    def check_appended(self) -> VerifyResult:
        """The chain of the events appended since the last passing check (at login)."""
        return self.log.check_appended()

    def check_slice(self, after_seq: int, prev_hash: str, limit: int) -> VerifyResult:
        """One slice of the full chain check (at idle); a whole pass that passed is remembered
        with ``remember_checked``."""
        return self.log.check_slice(after_seq, prev_hash, limit)

    def remember_checked(self, seq: int, digest: str) -> None:
        self.log.remember_checked(seq, digest)

    def unpushed_count(self) -> int:
        return self.log.unpushed_count()

    def count(self) -> int:
        return self.log.count()

    def head(self) -> tuple[int, str]:
        return self.log.head()

    def find(self, event_id: str) -> Event | None:
        return self.log.find_event(event_id)

    def void(self, event_id: str, *, reason: str) -> Event:
        manager = self._station.session.require_manager()
        return self.log.void(event_id, reason=reason, operator=manager.id)

    def record_print(self, kind: str, entity_id: str = "") -> Event:
        """A receipt or test page was printed: its footer carries this event's id."""
        operator = self._station.session.require_operator()
        return self.log.append(
            "receipt.printed",
            entity_id=entity_id,
            payload={"kind": kind},
            operator=operator.id,
        )


class Station:
    """One station's data folder, open. Not thread-safe: one worker thread makes every call.

    ``st.<name>`` for every facade of every line in ``lines.LINES``, each built from one
    :class:`LineContext` (the shared lines first), never from the station itself."""

    county: CountyData
    sms: SmsOutbox
    parcels: Parcels
    sending: Sending
    orders: Orders
    produce: Produce
    households: HouseholdLog
    sync: StationSync

    def __init__(self, store: Store) -> None:
        self.store = store
        self.data_dir = store.data_dir
        self.conn: sqlite3.Connection = store.conn
        self.session = Session()
        self.log = EventLog(
            self.conn,
            store.transaction,
            projections=lines.projections_of_every_line(),
            station_id=meta.get(self.conn, meta.STATION_ID),
        )
        self.events = StationEvents(self)
        self.settings = Settings(self.conn, self.log, self.session, lines.settings_of_every_line())
        self.operators = Operators(self.conn, self.log, self.session, store.transaction)
        self.facades: dict[str, Any] = {}  # st.<name> by name, for the lines' hooks
        shared: dict[str, Any] = {}
        self.context = LineContext(
            store=store,
            log=self.log,
            session=self.session,
            settings=self.settings,
            projections=self.log.projections,
            county_handlers=lines.county_handlers(),
            shared=shared,
            parcel_arrivals=lines.parcel_arrivals(),
            parcel_handout=lines.parcel_handout(),
        )
        for line in lines.LINES:
            for name, build in line.facades.items():
                facade = build(self.context)
                self.facades[name] = facade
                setattr(self, name, facade)
                if line.name in lines.SHARED:
                    shared[name] = facade

    # opening -----------------------------------------------------------------------------------

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (Path(data_dir) / DB_NAME).exists()

    @classmethod
    def create(
        cls,
        data_dir: Path,
        *,
        name: str,
        manager_name: str,
        manager_pin: str,
        phone: str = "",
    ) -> Station:
        """First run: the station's folder, its database and first events; logged in as manager."""
        data_dir = Path(data_dir)
        if cls.exists(data_dir):
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "A station already exists in {folder}. Open it instead, or choose an empty "
                    "folder for a new station.",
                ),
                folder=str(data_dir),
            )
        # validate everything before the folder is touched
        from stationapp.core import operators as ops

        STATION_SETTINGS["station.name"].check(name)
        STATION_SETTINGS["station.phone"].check(phone)
        ops.validate_name(manager_name)
        ops.validate_pin(manager_pin)

        store = Store.open(data_dir, create=True)
        try:
            schema.migrate(store.conn)
            station = cls(store)
            with store.transaction() as conn:
                meta.put(conn, meta.CREATED_AT, clock.now_iso())
                meta.put(conn, meta.ID_NUMBERS_CLEANED_UP, "1")  # nothing to clean up in a new file
                meta.put(conn, meta.STATION_ID, "")
            with station.log.batch() as batch:
                manager = add_operator(
                    batch, name=manager_name, pin=manager_pin, role="manager", actor_id=""
                )
                change_setting(batch, "station.name", name, operator=manager.id)
                change_setting(batch, "station.phone", phone, operator=manager.id)
        except BaseException:
            store.close()
            for leftover in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
                (data_dir / leftover).unlink(missing_ok=True)
            raise
        station.session.operator = manager
        station.store.daily_backup(clock.business_day())
        return station

    @classmethod
    def open(cls, data_dir: Path, *, daily_backup: bool = True) -> Station:
        """Open an existing station: back up and migrate an older schema, keep a daily backup
        (the GUI passes ``daily_backup=False`` and keeps it with :meth:`keep_daily_backup` on a
        thread of its own: its check and copy grow with the file, and nobody should wait)."""
        store = Store.open(Path(data_dir))
        try:
            if schema.pending(store.conn):
                store.backup_before_migrating(clock.now())
                schema.migrate(store.conn)
            # 012's clean-up, also after a crash
            if privacy.clean_up_pending(store.conn, schema.pending(store.conn)):
                privacy.after_migration(store.conn, store.data_dir)
            station = cls(store)
            if daily_backup:
                store.daily_backup(clock.business_day())
        except (sqlite3.DatabaseError, OSError) as exc:
            store.close()
            problem = storage_error(exc, store.data_dir)  # full, read-only, damaged: in words
            if problem is not None:
                raise problem from exc
            if isinstance(exc, OSError):
                raise
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The station's database could not be opened ({reason}). Restore the latest "
                    "backup from the backups folder (stationapp restore FILE).",
                ),
                reason=str(exc),
            ) from exc
        except BaseException:
            store.close()
            raise
        return station

    def keep_daily_backup(self) -> Path | None:
        """Today's daily backup (see ``Store.daily_backup``) through a read-only connection of
        its own: safe on a thread beside the database thread, which goes on writing meanwhile.
        A damaged file raises ``DamagedDatabase``; the last good backups stay."""
        reader = self.store.open_reader()
        try:
            return self.store.daily_backup(clock.business_day(), source=reader)
        finally:
            reader.close()

    def close(self) -> None:
        self.session.operator = None
        self.store.close()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # who is working ----------------------------------------------------------------------------

    @property
    def operator(self) -> Operator | None:
        return self.session.operator

    def login(self, name: str, pin: str) -> Operator:
        operator = self.operators.check_login(name, pin)
        self.session.operator = operator
        return operator

    def unlock(self, pin: str) -> Operator:
        """The idle-lock screen: the same operator's PIN, counted like a login."""
        operator = self.session.require_operator()
        return self.operators.check_login(operator.name, pin)

    def logout(self) -> None:
        self.session.operator = None

    # what the screens show ---------------------------------------------------------------------

    @property
    def info(self) -> StationInfo:
        row = self.conn.execute(
            "SELECT name FROM operators WHERE role = 'manager' AND active = 1"
            " ORDER BY created_at LIMIT 1"
        ).fetchone()
        return StationInfo(
            name=self.settings.get("station.name"),
            phone=self.settings.get("station.phone"),
            manager_name=row[0] if row else "",
            station_id=meta.get(self.conn, meta.STATION_ID),
            receipt_check=self._receipt_check(),
        )

    def _receipt_check(self) -> str:
        """The county's receipt-check address of this station; '' before enrolment."""
        station_id = meta.get(self.conn, meta.STATION_ID)
        county_url = meta.get(self.conn, meta.COUNTY_URL).rstrip("/")
        if not station_id or not county_url:
            return ""
        return f"{county_url}/r/{quote(station_id, safe='')}"

    def today(self) -> TodayFigures:
        """The home page's figures of the business day, each line adding its own."""
        figures: dict[str, int] = {}
        for line in lines.LINES:
            if line.home is not None:
                for name, value in line.home(self.facades).items():
                    figures[name] = figures.get(name, 0) + value
        known = {f.name for f in fields(TodayFigures)} - {"day", "more"}
        return TodayFigures(
            day=clock.business_day().isoformat(),
            **{name: value for name, value in figures.items() if name in known},
            more={name: value for name, value in figures.items() if name not in known},
        )

    def backup(self, target: Path | None = None) -> Path:
        """A copy of the database (into ``target``, a file or a folder such as a USB stick);
        refused (``DamagedDatabase``) when SQLite's check finds the database damaged."""
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        if target is None:
            target = self.store.backups_dir() / f"manual-{stamp}.db"
        elif Path(target).is_dir():
            target = Path(target) / f"station-{stamp}.db"
        return self.store.backup_to(Path(target))


# --- a station restored onto a new PC from the county center (the sync line does the work) ---


def station_shape() -> StationShape:
    """The schema and projections of every line, for building a whole station database."""
    return StationShape(
        pending=schema.pending,
        migrate=schema.migrate,
        create_empty=schema.create_empty,
        projections=lines.projections_of_every_line(),
        open_station=Station.open,
    )


def download_from_county(data_dir: Path, server_url: str, code: str, **options: Any):
    """``stationapp.core.sync.restore_download.download_from_county`` for this station's shape."""
    from stationapp.core.sync import restore_download

    return restore_download.download_from_county(
        data_dir, server_url, code, shape=station_shape(), **options
    )


def download_steps(data_dir: Path, server_url: str, code: str, **options: Any):
    """The same as steps: the GUI makes the county's calls on a network thread."""
    from stationapp.core.sync import restore_download

    return restore_download.download_steps(
        data_dir, server_url, code, shape=station_shape(), **options
    )


def finish_restore(data_dir: Path, manager_pin: str) -> Station:
    """The manager's new PIN, then the restored station in place and open (logged in)."""
    from stationapp.core.sync import restore

    return restore.finish_restore(data_dir, manager_pin, shape=station_shape())


def restore_from_county(data_dir: Path, server_url: str, code: str, **options: Any) -> Station:
    from stationapp.core.sync import restore

    return restore.restore_from_county(data_dir, server_url, code, shape=station_shape(), **options)
