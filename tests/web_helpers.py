"""A county for the supervisor web's tests: two townships (孟定镇 with two stations, 勐永镇 with
one), a county admin and a supervisor of each township, and each station's events pushed
through the real sync protocol (HTTP, the station's token), so the read models are built as in
the field. ``WebCounty.login(session, name)`` logs a ``requests`` session in through the form."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from argon2 import PasswordHasher

from stationapp.core import clock, ids
from stationapp.core.events import GENESIS_HASH, event_hash
from sync import protocol
from sync.server.stations import create_station, enroll
from sync.server.users import Passwords, add_user
from tests.county_server import LoopbackCounty

PASSWORD = "县里发的密码 2026"
ADMIN = "county_admin"
SUPERVISORS = {"mengding": "孟定镇", "mengyong": "勐永镇"}
STATIONS = (  # (name, township, village)
    ("孟定镇芒艾村电商服务站", "孟定镇", "芒艾村"),
    ("孟定镇班幸村电商服务站", "孟定镇", "班幸村"),
    ("勐永镇勐永村电商服务站", "勐永镇", "勐永村"),
)
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # tests' users: fast hashes


@dataclass
class WebStation:
    id: str
    name: str
    township: str
    token: str
    head: tuple[int, str] = (0, GENESIS_HASH)
    event_ids: list[str] = field(default_factory=list)


class WebCounty:
    """A running county with the townships, users and stations above."""

    def __init__(self, county: LoopbackCounty) -> None:
        self.county = county
        self.base_url = county.base_url
        storage, secret = county.storage, county.settings.token_secret
        cheap = Passwords(storage, hasher=CHEAP)
        add_user(
            storage, name=ADMIN, role="admin", township=None, password=PASSWORD, passwords=cheap
        )
        for name, township in SUPERVISORS.items():
            add_user(
                storage,
                name=name,
                role="supervisor",
                township=township,
                password=PASSWORD,
                passwords=cheap,
            )
        self.stations: list[WebStation] = []
        for name, township, village in STATIONS:
            station_id, code = create_station(
                storage, secret, name=name, township=township, village=village
            )
            _, token = enroll(
                storage, secret, code=code, device_name="店里电脑", app_version="1.4.0"
            )
            self.stations.append(WebStation(station_id, name, township, token))

    def of(self, township: str) -> list[WebStation]:
        return [s for s in self.stations if s.township == township]

    def push(
        self,
        station: WebStation,
        events: list[tuple[str, str, dict[str, Any]]],
        *,
        at: str = "",
        own_head: str | None = None,
    ) -> None:
        """Push ``(type, entity_id, payload)`` events as the station would, made now (or at the
        ISO time ``at``), saying its own head when ``own_head`` is given."""
        seq, prev = station.head
        wire = []
        now = clock.now_iso()
        for type_, entity_id, payload in events:
            seq += 1
            fields = {
                "id": ids.uuid7(),
                "seq": seq,
                "type": type_,
                "entity_id": entity_id,
                "occurred_at": at or now,
                "operator": "岩温",
                "payload": payload,
            }
            digest = event_hash(prev, **fields)
            wire.append({**fields, "prev_hash": prev, "hash": digest})
            station.event_ids.append(fields["id"])
            prev = digest
        answer = requests.post(
            self.base_url + protocol.PUSH_PATH,
            json={"station_id": station.id, "events": wire},
            headers={
                "Authorization": f"Bearer {station.token}",
                protocol.VERSION_HEADER: str(protocol.PROTOCOL_VERSION),
                protocol.STATION_TIME_HEADER: now,
                **({} if own_head is None else {protocol.STATION_HEAD_HEADER: own_head}),
            },
            timeout=30,
        )
        answer.raise_for_status()
        station.head = (seq, prev)

    def login(
        self, session: requests.Session, name: str, password: str = PASSWORD
    ) -> requests.Response:
        """Log ``session`` in through the login form (its CSRF token and all)."""
        form = session.get(self.base_url + "/web/login", timeout=10)
        return session.post(
            self.base_url + "/web/login",
            data={"csrftoken": csrf_of(form.text), "name": name, "password": password},
            timeout=10,
        )


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def parcel(n: int) -> tuple[str, str, dict[str, Any]]:
    return ("parcel.received", f"p{n}", {"waybill": f"YT{n:012d}", "carrier": "yto"})


@contextlib.contextmanager
def web_county(kind: str, folder: Path) -> Iterator[WebCounty]:
    """A :class:`WebCounty` on ``kind`` (sqlite, postgresql), with a few events each."""
    with LoopbackCounty.on(kind, folder) as county:
        web = WebCounty(county)
        for n, station in enumerate(web.stations):
            web.push(station, [parcel(10 * n + i) for i in range(n + 1)])
        yield web
