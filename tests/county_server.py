"""The county center in tests: its settings, stations made at it, events chained by hand, and
the real server, the app from ``sync.server.app.create_app`` under uvicorn on 127.0.0.1 (port 0)
in a thread of the test process, over SQLite or PostgreSQL.

The conftest's ``county`` fixture gives a server on SQLite in the test's folder; a module that
needs another (both databases, one per module, a route of its own) builds it here::

    with LoopbackCounty(tmp_path / "county", county_database_url) as county:
        station_id = county.join(station)
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from stationapp.core import ids
from stationapp.core.events import GENESIS_HASH, event_hash
from sync import protocol
from sync.protocol import WireEvent

if TYPE_CHECKING:
    from fastapi import FastAPI

    from stationapp.core import Station
    from sync.server.settings import Settings
    from sync.server.storage import Storage

TOKEN_SECRET = "t" * 48  # development mode: any secret of the right length
STATION_NAME, TOWNSHIP, VILLAGE = "芒艾村服务站", "孟定镇", "芒艾村"
STOP_TIMEOUT_S = 30  # the SMS relay's worker (lifespan on) finishes its round first


def county_settings(data_dir: Path, database_url: str = "") -> Settings:
    """The county's settings in development mode, with the tests' token secret (SQLite in
    ``data_dir`` unless a database URL is given)."""
    from sync.server.settings import Settings

    return Settings(
        data_dir=data_dir, token_secret=TOKEN_SECRET, database_url=database_url, development=True
    )


def new_station(storage: Storage, secret: str, name: str = STATION_NAME) -> tuple[str, str]:
    """A station made at the county, as ``county-center create-station`` makes it:
    (station_id, enrolment code)."""
    from sync.server.stations import create_station

    return create_station(storage, secret, name=name, township=TOWNSHIP, village=VILLAGE)


def chained(count: int, *, after: tuple[int, str] = (0, GENESIS_HASH)) -> list[WireEvent]:
    """``count`` events of a station (settings changes), hashed in a chain after ``after``
    (seq, hash), as the station pushes them."""
    seq, prev = after
    out = []
    for n in range(count):
        fields = {
            "id": ids.uuid7(),
            "seq": seq + 1 + n,
            "type": "settings.changed",
            "entity_id": "station.phone",
            "occurred_at": "2026-03-01T09:00:00.000+08:00",
            "operator": "岩温",
            "payload": {"key": "station.phone", "value": f"0883-61{n:05d}"},
        }
        digest = event_hash(prev, **fields)
        out.append(WireEvent(**fields, prev_hash=prev, hash=digest))
        prev = digest
    return out


class LoopbackCounty:
    """The county app serving on 127.0.0.1 at :attr:`base_url` until :meth:`stop`.

    ``development=False`` runs it as ``county-center serve`` does: the token secret from a secret
    file in ``data_dir`` (so its command line, :meth:`cli`, mints tokens the server takes) and no
    /docs. With ``lifespan`` on, the app's startup runs too: the SMS relay's worker thread."""

    def __init__(
        self,
        data_dir: Path,
        database_url: str = "",
        *,
        development: bool = True,
        lifespan: bool = False,
    ) -> None:
        import uvicorn

        from sync.server.app import create_app

        self.settings = _settings(data_dir, database_url, development=development)
        self.app = create_app(self.settings)
        self.add_routes(self.app)
        self.storage = self.app.state.storage
        self.http = requests.Session()
        self.http.headers[protocol.VERSION_HEADER] = str(protocol.PROTOCOL_VERSION)
        # bound and listening before the thread starts: a request waits in the backlog until
        # uvicorn accepts it, so nothing has to wait for "started"
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        config = uvicorn.Config(self.app, log_level="warning", lifespan="on" if lifespan else "off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self._thread.start()

    @classmethod
    @contextlib.contextmanager
    def on(cls, kind: str, folder: Path, **options: Any) -> Iterator[LoopbackCounty]:
        """A county over a fresh database of ``kind`` (sqlite, postgresql), dropped after."""
        from tests.county_db import county_database

        with (
            county_database(kind, folder) as database_url,
            cls(folder, database_url, **options) as county,
        ):
            yield county

    def add_routes(self, app: FastAPI) -> None:
        """Routes a test adds to the app before it serves (none here)."""

    def __enter__(self) -> LoopbackCounty:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=STOP_TIMEOUT_S)
        self._socket.close()
        self.http.close()
        self.storage.close()

    @property
    def base_url(self) -> str:
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}"

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    # --- stations ---------------------------------------------------------------------------

    def new_station(self, name: str = STATION_NAME) -> tuple[str, str]:
        """(station_id, enrolment code) of a station made at this county."""
        return new_station(self.storage, self.settings.token_secret, name)

    def enrolled_station(self) -> tuple[str, str]:
        """(station_id, token) of a new station, enrolled."""
        from sync.server.stations import enroll

        station_id, code = self.new_station()
        _, token = enroll(
            self.storage, self.settings.token_secret, code=code, device_name="", app_version=""
        )
        return station_id, token

    def join(self, station: Station, url: str = "") -> str:
        """``station`` joins this county (through ``url``, e.g. a proxy's, when given): its id."""
        station_id, code = self.new_station()
        station.sync.enroll(url or self.base_url, code)
        return station_id

    def head(self, station_id: str) -> tuple[int, str]:
        from sync.server.ingest import read_head

        return read_head(self.storage, station_id)

    def event_count(self, station_id: str) -> int:
        import sqlalchemy as sa

        from sync.server.tables import events

        with self.storage.engine.connect() as conn:
            return conn.execute(
                sa.select(sa.func.count())
                .select_from(events)
                .where(events.c.station_id == station_id)
            ).scalar_one()

    # --- its command line -------------------------------------------------------------------

    def run(self, *args: str) -> tuple[int, str, str]:
        """``county-center`` over this county's folder and database: (exit code, out, err)."""
        from sync.server import cli

        out, err = io.StringIO(), io.StringIO()
        where = ["--data-dir", str(self.data_dir), "--database-url", self.settings.database_url]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([*where, *args])
        return code, out.getvalue(), err.getvalue()

    def cli(self, *args: str) -> dict[str, Any]:
        """What a ``county-center`` command that succeeds prints, as JSON."""
        code, out, err = self.run(*args)
        assert code == 0, err
        return json.loads(out)


class ServedCounty(LoopbackCounty):
    """The county center as ``county-center serve`` runs it: not in development mode, its
    startup (the SMS relay's worker) run."""

    def __init__(self, data_dir: Path, database_url: str = "") -> None:
        super().__init__(data_dir, database_url, development=False, lifespan=True)


def _settings(data_dir: Path, database_url: str, *, development: bool) -> Settings:
    from sync.server.settings import ensure_secret_file, load_settings

    if development:
        return county_settings(data_dir, database_url)
    ensure_secret_file(data_dir)
    return load_settings(data_dir, database_url, development=False)
