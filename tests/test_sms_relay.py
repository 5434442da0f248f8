"""SMS through the county relay (DESIGN §5 relay services, §7): the station hands a text over,
the county's worker sends it on the county's account, and the answer comes back in the feed.

End to end against a real county server on loopback whose relay sends through the Aliyun fake
(which checks signatures); the county's worker on its own, with its restarts; the station's
outbox, its handlers of the county's answers, and the outbox page."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from stationapp.core import StateError, Station, clock
from stationapp.core.secrets import SecretStore
from stationapp.core.sms import deliver_due
from stationapp.core.sms.providers import station_provider
from stationapp.sms_providers import reasons
from stationapp.sms_providers.county import (
    COUNTY_SERVICE_REFUSED,
    OUTCOME_UNKNOWN,
    REQUEST_UNREADABLE,
    CountyRelayProvider,
)
from stationapp.sms_providers.pacing import NUMBER_GAP
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult
from sync.protocol import WireEvent
from sync.server import ingest
from sync.server.relays import sms_claims, sms_worker
from sync.server.relays.sms_provider import relay_provider, write_config
from sync.server.relays.sms_worker import relay_once
from sync.server.settings import Settings
from sync.server.storage import Storage
from sync.server.tables import sms_relay
from tests.conftest import STATION_NAME
from tests.county_db import county_database_url  # noqa: F401 (a fixture: sqlite, postgresql)
from tests.county_server import LoopbackCounty, county_settings, new_station
from tests.fakes.fake_aliyun import FakeAliyun
from tests.test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    parcels_page,
    sms_page,
    sounds_played,
)
from tests.ui_chinese import INCOMING, build_chinese_qm, in_chinese

ROOT = Path(__file__).resolve().parents[1]
KEY_ID = "LTAI5tRelayCountyKey01"
KEY_SECRET = "county-relay-secret-0123456789abcdef"
TEMPLATE_CODE = "SMS_465300123"
ARRIVAL = "您的{carriers}快递(运单尾号{tails})已到站,取件码{codes},请于{deadline}前领取。"
PHONE = "13887654321"
OTHER_PHONE = "13988761234"
REFUSED_PHONE = "14700000000"  # a valid form the fake service refuses, as Aliyun does some
COUNTY_SIGNATURE = "县电商中心"


def wait_until(condition: Callable[[], Any], timeout: float = 15.0) -> None:
    """Wait for ``condition`` (the county's worker runs on its own thread or process)."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        pause.wait(0.02)


# --- the county's SMS service: the Aliyun fake ---------------------------------------------------


class CountyAliyun(FakeAliyun):
    """The fake service with the county's approved signature and template; it refuses some
    numbers, as the real service refuses numbers it cannot reach."""

    def __init__(self) -> None:
        super().__init__(
            access_keys={KEY_ID: KEY_SECRET},
            sign_names=(STATION_NAME, COUNTY_SIGNATURE),
            templates={TEMPLATE_CODE: ARRIVAL.replace("{", "${")},
        )
        self.refused_numbers = {REFUSED_PHONE}

    def _send(self, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if query["PhoneNumbers"] in self.refused_numbers:
            return self._refusal("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
        return super()._send(query)


@pytest.fixture
def aliyun() -> Iterator[CountyAliyun]:
    fake = CountyAliyun()
    fake.start()
    yield fake
    fake.stop()


def use_aliyun(data_dir: Path, fake: FakeAliyun, **extra: Any) -> None:
    """The county's relay settings and keys, as ``county-center sms-provider`` writes them."""
    write_config(
        data_dir,
        {
            "sms.provider": "aliyun",
            "sms.aliyun.endpoint": fake.base_url,
            "sms.aliyun.template.parcel_arrival": TEMPLATE_CODE,
            "sms.signature": COUNTY_SIGNATURE,
            "sms.relay.station_signatures": True,
            "sms.timeout_s": 3,
            **extra,
        },
    )
    keys = SecretStore(data_dir)
    keys.set("sms.aliyun.access_key_id", KEY_ID)
    keys.set("sms.aliyun.access_key_secret", KEY_SECRET)


# --- a real county server on loopback -----------------------------------------------------------


@pytest.fixture
def county(tmp_path: Path, aliyun: CountyAliyun) -> Iterator[LoopbackCounty]:
    """A county on SQLite, for the station's side."""
    data_dir = tmp_path / "county"
    use_aliyun(data_dir, aliyun)
    with LoopbackCounty(data_dir) as server:
        yield server


@pytest.fixture
def any_county(
    tmp_path: Path, aliyun: CountyAliyun, county_database_url: str
) -> Iterator[LoopbackCounty]:
    """A county on SQLite, then on PostgreSQL."""
    data_dir = tmp_path / "county"
    use_aliyun(data_dir, aliyun)
    with LoopbackCounty(data_dir, county_database_url) as server:
        yield server


def join(station: Station, county: LoopbackCounty) -> str:
    """The station joins the county and sends its texts through it, each parcel its own."""
    station_id = county.join(station)
    station.settings.set_many({"sms.provider": "county", "sms.group_minutes": 0})
    return station_id


def receive(station: Station, n: int = 1, phone: str = PHONE):
    return station.parcels.receive(
        waybill=f"7310{n:010d}", recipient_phone=phone, recipient_name="岩温"
    )


def hand_over(station: Station, *, later: timedelta = timedelta(0)) -> list[tuple[str, Any]]:
    """One round of the station's sender with the provider its settings choose."""
    provider = station_provider(station.settings.all(), station.data_dir)
    return deliver_due(station, provider, now=clock.now() + later)


def relay_rows(storage: Storage) -> list[Any]:
    with storage.engine.connect() as conn:
        return conn.execute(sa.select(sms_relay).order_by(sms_relay.c.id)).all()


def feed_events(storage: Storage, station_id: str) -> list[dict[str, Any]]:
    changes, _next, _more = ingest.feed(storage, station_id, after="", limit=500)
    return [change.data for change in changes if change.kind == "event"]


def county_round(county: LoopbackCounty, **kwargs: Any) -> sms_worker.RelayRound:
    provider = relay_provider(county.settings, county.storage)
    return relay_once(county.storage, provider, station_signatures=True, **kwargs)


# --- end to end ----------------------------------------------------------------------------------


def test_a_parcel_notice_goes_through_the_county_and_the_outbox_shows_it_sent_by_the_county(
    station, tmp_path, aliyun, county_database_url
):
    data_dir = tmp_path / "county"
    use_aliyun(data_dir, aliyun)
    # the relay's worker runs as in `county-center serve`
    with LoopbackCounty(data_dir, county_database_url, lifespan=True) as county:
        join(station, county)
        receive(station)
        hand_over(station)
        text = station.sms.outbox()[0]
        assert (text.status, text.via) == ("relayed", "county")

        assert station.sync.run().ok  # the push wakes the county's worker
        wait_until(lambda: len(aliyun.delivered) == 1)
        assert station.sync.run().ok  # and the feed brings its answer

        text = station.sms.get(text.id)
        assert (text.status, text.via, text.provider) == ("sent", "county", "aliyun")
        assert text.provider_message_id == aliyun.delivered[0].biz_id
        assert text.county_note == "Sent by the county center."
        delivered = aliyun.delivered[0]
        assert (delivered.phone, delivered.out_id) == (PHONE, text.id)
        assert delivered.text == text.text  # what the villager reads is what the outbox shows
        assert station.events.verify().ok


def test_a_number_the_service_refuses_comes_back_failed_with_its_reason_and_retry_resends_it(
    station, any_county, aliyun
):
    county = any_county
    join(station, county)
    receive(station, phone=REFUSED_PHONE)
    hand_over(station)
    station.sync.run()
    assert county_round(county).failed == 1
    station.sync.run()

    text = station.sms.outbox()[0]
    assert (text.status, text.via, text.last_code) == (
        "failed",
        "county",
        "isv.MOBILE_NUMBER_ILLEGAL",
    )
    assert text.last_reason == reasons.NUMBER_REFUSED
    assert text.last_error.startswith("The county center could not send it: The SMS service")

    aliyun.refused_numbers.clear()  # the villager's number works again
    station.sms.retry(text.id)
    hand_over(station, later=NUMBER_GAP)  # the number's pace counts the first hand-over
    assert station.sms.get(text.id).status == "relayed"
    station.sync.run()
    assert county_round(county).sent == 1
    station.sync.run()
    assert station.sms.get(text.id).status == "sent"
    assert [d.phone for d in aliyun.delivered] == [REFUSED_PHONE]
    assert relay_rows(county.storage)[0].requests == 2


# --- the station's side -------------------------------------------------------------------------


def test_handing_a_text_over_appends_its_request_and_marks_it_relayed_in_one_go(station, county):
    join(station, county)
    receive(station)
    [(text_id, result)] = hand_over(station)

    event = next(e for e in station.log.iter_events() if e.type == "sms.relay_requested")
    text = station.sms.get(text_id)
    assert result.code == "county.relayed"
    assert event.entity_id == text_id
    assert set(event.payload) == {
        "phone", "text", "template", "params", "signature", "parts", "purpose",
    }  # fmt: skip
    assert (event.payload["phone"], event.payload["text"]) == (PHONE, text.text)
    assert event.payload["signature"] == STATION_NAME
    assert (text.status, text.attempts) == ("relayed", 1)
    assert station.sms.counts()["relayed"] == 1


def test_a_relayed_text_is_never_handed_over_twice(station, county):
    join(station, county)
    receive(station)
    hand_over(station)
    assert hand_over(station) == []
    text = station.sms.outbox()[0]

    with pytest.raises(StateError, match="no longer waiting"), station.log.batch() as batch:
        batch.append("sms.relay_requested", entity_id=text.id, payload={})

    requests = [e for e in station.log.iter_events() if e.type == "sms.relay_requested"]
    assert len(requests) == 1


def test_a_station_not_joined_keeps_its_texts_queued_and_says_so(station):
    station.settings.set_many({"sms.provider": "county", "sms.group_minutes": 0})
    receive(station)

    provider = station_provider(station.settings.all(), station.data_dir)

    assert hand_over(station) == []
    assert not provider.status().ok
    assert "Not joined to a county center yet" in provider.status().detail
    assert station.sms.outbox()[0].status == "queued"


def test_the_station_keeps_each_numbers_pace_before_relaying(station, county):
    join(station, county)
    receive(station, 1)
    receive(station, 2)

    handed = hand_over(station)

    texts = {t.id: t for t in station.sms.outbox()}
    assert len(handed) == 1
    waiting = [t for t in texts.values() if t.status == "queued"]
    assert len(waiting) == 1 and "One text per 30 seconds" in waiting[0].waiting_reason


def test_a_number_on_the_do_not_text_list_is_not_relayed(station, county):
    join(station, county)
    receive(station)
    station.sms.do_not_text.add(PHONE, "the villager asked for no texts")

    assert hand_over(station) == []
    assert station.sms.outbox()[0].status == "failed"


def test_the_outbox_rebuilds_relayed_and_county_results_from_the_station_log(station, county):
    join(station, county)
    receive(station, 1)
    receive(station, 2, phone=OTHER_PHONE)
    receive(station, 3, phone=REFUSED_PHONE)
    hand_over(station)
    station.sync.run()
    county_round(county)
    station.sync.run()

    statuses = sorted(t.status for t in station.sms.outbox())
    assert statuses == ["failed", "sent", "sent"]
    assert station.events.verify().ok


def _county_answer(station_id: str, text_id: str, type_: str, **payload: Any) -> dict[str, Any]:
    event_id = f"county-{type_}-{text_id}"
    return {
        "cursor": "1",
        "kind": "event",
        "op": "upsert",
        "key": event_id,
        "data": {
            "id": event_id,
            "type": type_,
            "entity_id": text_id,
            "occurred_at": clock.now_iso(),
            "payload": {"text_id": text_id, **payload},
        },
    }


def test_a_county_answer_for_a_text_not_handed_over_is_kept_but_changes_nothing(station, county):
    join(station, county)
    receive(station)
    text = station.sms.outbox()[0]  # still queued: never handed over
    before = station.events.count()

    station.county.apply_page(
        [_county_answer("", text.id, "sms.sent", provider="aliyun", message_id="1", parts=1)], "1"
    )

    assert station.sms.get(text.id).status == "queued"
    assert station.events.count() == before
    [kept] = station.county.county_events(needs_attention=True)
    assert (kept.type, kept.entity_id, kept.applied) == ("sms.sent", text.id, False)
    assert "not waiting for it" in kept.note


def test_a_second_copy_of_the_county_answer_changes_nothing(station, county):
    join(station, county)
    receive(station)
    hand_over(station)
    text = station.sms.outbox()[0]
    answer = _county_answer("", text.id, "sms.sent", provider="aliyun", message_id="9", parts=1)
    station.county.apply_page([answer], "1")
    before = station.events.count()

    again = dict(answer, key="county-copy", data={**answer["data"], "id": "county-copy"})
    station.county.apply_page([again], "2")

    assert station.events.count() == before
    assert station.county.county_events(needs_attention=True) == []


def test_the_county_provider_is_ready_once_the_station_is_joined(station, county):
    not_joined = CountyRelayProvider(SecretStore(station.data_dir))
    assert not not_joined.status().ok
    join(station, county)

    provider = CountyRelayProvider(SecretStore(station.data_dir))

    assert provider.status().ok
    assert "handed to the county center" in provider.status().detail


def test_an_older_outbox_is_migrated_with_its_texts_and_keeps_its_unique_subjects(tmp_path):
    from stationapp.core import schema
    from stationapp.core.store import connect

    folder = tmp_path / "old"
    folder.mkdir()
    conn = connect(folder / "station.db")
    schema.migrate(conn, stop_before="008_sms_relay")
    conn.execute(
        "INSERT INTO sms_outbox (id, purpose, entity_key, phone, template, params, text, chars,"
        " parts, status, created_at) VALUES ('t1', 'parcel_arrival', 'p1', ?, 'parcel_arrival',"
        " '{}', '【站】到了', 6, 1, 'queued', '2026-11-22T09:00:00.000+08:00')",
        (PHONE,),
    )

    schema.migrate(conn)

    row = conn.execute("SELECT id, status, relayed_at, via FROM sms_outbox").fetchone()
    assert tuple(row) == ("t1", "queued", "", "")
    with pytest.raises(Exception, match="UNIQUE"):
        conn.execute(
            "INSERT INTO sms_subjects (purpose, entity_key, text_id) VALUES"
            " ('parcel_arrival', 'p1', 't2')"
        )
    conn.close()


# --- the county's worker -----------------------------------------------------------------------


@pytest.fixture
def county_store(
    tmp_path: Path, aliyun: CountyAliyun, county_database_url: str
) -> Iterator[tuple[Settings, Storage]]:
    settings = county_settings(tmp_path / "relay", county_database_url)
    use_aliyun(settings.data_dir, aliyun)
    storage = Storage.open(settings)
    yield settings, storage
    storage.close()


class Pusher:
    """A station of the county pushing hand-made events (seq by seq, hashes left out)."""

    def __init__(self, storage: Storage, settings: Settings, name: str = "芒艾村服务站") -> None:
        self.storage = storage
        self.station_id, _code = new_station(storage, settings.token_secret, name)
        self.seq = 0

    def request(self, text_id: str, *, phone: str = PHONE, **payload: Any) -> WireEvent:
        self.seq += 1
        body = {
            "phone": phone,
            "text": f"【{STATION_NAME}】您的中通快递(运单尾号0001)已到站,取件码A-1-0001。",
            "template": "parcel_arrival",
            "params": {
                "carriers": "中通",
                "tails": "0001",
                "codes": "A-1-0001",
                "deadline": "11月25日",
            },
            "signature": STATION_NAME,
            "parts": 1,
            "purpose": "parcel_arrival",
            **payload,
        }
        return WireEvent(
            id=f"{self.station_id}-{self.seq}",
            seq=self.seq,
            type="sms.relay_requested",
            entity_id=text_id,
            occurred_at=clock.now_iso(),
            payload=body,
        )

    def push(self, *events: WireEvent):
        return ingest.push(self.storage, self.station_id, list(events))


def provider_of(settings: Settings, storage: Storage):
    return relay_provider(settings, storage)


def test_the_same_push_twice_makes_one_relay_row(county_store):
    settings, storage = county_store
    station = Pusher(storage, settings)
    event = station.request("text-1")

    station.push(event)
    answer = station.push(event)

    assert answer.duplicates == 1
    assert len(relay_rows(storage)) == 1


def test_a_request_for_a_text_already_queued_adds_no_row_and_sends_once(county_store, aliyun):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"), station.request("text-1"))

    relay_once(storage, provider_of(settings, storage))

    assert len(relay_rows(storage)) == 1
    assert len(aliyun.delivered) == 1


def test_another_stations_text_with_the_same_id_is_its_own_text(county_store, aliyun):
    settings, storage = county_store
    first, second = Pusher(storage, settings), Pusher(storage, settings, "勐简村服务站")
    first.push(first.request("text-1"))
    second.push(second.request("text-1", phone=OTHER_PHONE))

    done = relay_once(storage, provider_of(settings, storage))

    assert done.sent == 2
    assert sorted(d.phone for d in aliyun.delivered) == sorted([PHONE, OTHER_PHONE])
    for station in (first, second):
        [answer] = feed_events(storage, station.station_id)
        assert (answer["type"], answer["entity_id"]) == ("sms.sent", "text-1")


def test_a_sent_text_is_answered_with_the_service_and_its_message_id(county_store, aliyun):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))

    relay_once(storage, provider_of(settings, storage))

    [answer] = feed_events(storage, station.station_id)
    assert answer["payload"] == {
        "text_id": "text-1",
        "provider": "aliyun",
        "message_id": aliyun.delivered[0].biz_id,
        "parts": 1,
    }
    assert relay_rows(storage)[0].event_id == answer["id"]


def test_a_refusal_of_the_countys_own_setup_reads_as_the_countys_at_the_station(
    county_store, aliyun
):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1", template="parcel_reminder"))  # no code for it

    assert relay_once(storage, provider_of(settings, storage)).failed == 1

    [answer] = feed_events(storage, station.station_id)
    assert answer["payload"] == {
        "text_id": "text-1",
        "code": "template.not_set",
        "reason": COUNTY_SERVICE_REFUSED,
    }


def test_a_template_code_comes_from_the_countys_sms_templates_when_the_settings_lack_it(
    county_store, aliyun
):
    from sync.server.reference.sms_templates import set_sms_template

    settings, storage = county_store
    write_config(
        settings.data_dir,
        {
            "sms.provider": "aliyun",
            "sms.aliyun.endpoint": aliyun.base_url,
            "sms.signature": COUNTY_SIGNATURE,
        },
    )
    set_sms_template(storage, name="parcel_arrival", text=ARRIVAL, provider_code=TEMPLATE_CODE)
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))

    assert relay_once(storage, provider_of(settings, storage)).sent == 1
    assert aliyun.delivered[0].template_code == TEMPLATE_CODE


@pytest.mark.parametrize(
    ("station_signatures", "signed"), [(False, COUNTY_SIGNATURE), (True, STATION_NAME)]
)
def test_the_countys_signature_signs_each_text_unless_texts_keep_their_stations(
    county_store, aliyun, station_signatures, signed
):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))

    relay_once(storage, provider_of(settings, storage), station_signatures=station_signatures)

    assert aliyun.delivered[0].sign_name == signed


def test_a_retryable_refusal_backs_off_and_the_text_goes_later(county_store, aliyun):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))
    provider = provider_of(settings, storage)
    aliyun.answer_next_with(503, "Service Temporarily Unavailable", "text/plain")

    first = relay_once(storage, provider)
    again = relay_once(storage, provider)

    row = relay_rows(storage)[0]
    assert (first.deferred, again.claimed) == (1, 0)
    assert (row.status, row.tries, row.code) == ("queued", 1, "http.503")
    assert feed_events(storage, station.station_id) == []
    later = clock.parse_iso(row.next_at) + timedelta(seconds=1)
    assert relay_once(storage, provider, now=later).sent == 1
    assert len(aliyun.delivered) == 1


def test_the_county_keeps_each_numbers_pace_across_stations(county_store, aliyun):
    settings, storage = county_store
    first, second = Pusher(storage, settings), Pusher(storage, settings, "勐简村服务站")
    first.push(first.request("text-1"))
    second.push(second.request("text-2"))
    provider = provider_of(settings, storage)

    done = relay_once(storage, provider)

    assert (done.sent, done.held) == (1, 1)
    held = next(row for row in relay_rows(storage) if row.status == "queued")
    assert held.tries == 0
    sent_at = clock.parse_iso(next(r for r in relay_rows(storage) if r.status == "sent").sent_at)
    assert clock.parse_iso(held.next_at) >= sent_at + NUMBER_GAP - timedelta(seconds=1)


def test_without_keys_nothing_is_claimed_and_the_texts_wait(county_store, aliyun):
    settings, storage = county_store
    SecretStore(settings.data_dir).delete("sms.aliyun.access_key_secret")
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))

    done = relay_once(storage, provider_of(settings, storage))

    assert not done.status.ok and done.claimed == 0
    assert relay_rows(storage)[0].status == "queued"
    assert aliyun.requests == []


def test_an_unreadable_request_is_answered_failed_at_once(county_store, aliyun):
    settings, storage = county_store
    station = Pusher(storage, settings)

    station.push(station.request("text-1", phone="12345"))

    [answer] = feed_events(storage, station.station_id)
    assert (answer["type"], answer["payload"]["reason"]) == ("sms.failed", REQUEST_UNREADABLE)
    assert relay_rows(storage)[0].status == "failed"


def test_a_claim_of_a_live_worker_is_left_alone_until_it_is_stale(county_store, aliyun):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))
    now = clock.now()
    # a worker of this process: alive
    sms_claims.claim_due(storage, now, limit=5, worker=sms_claims.new_worker_id())

    busy = relay_once(storage, provider_of(settings, storage), now=now)
    stale = relay_once(storage, provider_of(settings, storage), now=now + sms_claims.STALE_CLAIM)

    assert (busy.unknown, busy.claimed) == (0, 0)
    assert stale.unknown == 1
    assert aliyun.requests == []  # never sent: the worker that claimed it may have
    [answer] = feed_events(storage, station.station_id)
    assert (answer["type"], answer["payload"]["reason"]) == ("sms.failed", OUTCOME_UNKNOWN)


RELAY_ONCE = """
import sys
from sync.server.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--database-url", sys.argv[2], "sms-relay", "--once"]))
"""


def test_a_worker_killed_between_claim_and_result_never_sends_the_text_again(county_store, aliyun):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))
    aliyun.stall_next()  # the service takes the text and the worker waits for its answer
    env = {**os.environ, "COUNTY_CENTER_DEVELOPMENT": "1", "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-c", RELAY_ONCE, str(settings.data_dir), settings.url], cwd=ROOT, env=env
    )
    try:
        wait_until(lambda: len(aliyun.requests) == 1, timeout=30)
        assert relay_rows(storage)[0].status == "sending"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)

    restarted = relay_once(storage, provider_of(settings, storage))
    again = relay_once(storage, provider_of(settings, storage))

    assert (restarted.unknown, restarted.claimed, again.claimed) == (1, 0, 0)
    assert len(aliyun.requests) == 1  # the text went to the service once, never again
    row = relay_rows(storage)[0]
    assert (row.status, row.code) == ("failed", "relay.outcome_unknown")
    [answer] = feed_events(storage, station.station_id)
    assert answer["payload"]["reason"] == OUTCOME_UNKNOWN


def test_a_text_asked_for_again_after_it_was_sent_gets_its_answer_again_not_a_second_text(
    county_store, aliyun
):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))
    relay_once(storage, provider_of(settings, storage))

    station.push(station.request("text-1"))  # a station restored from an old backup asks again
    relay_once(storage, provider_of(settings, storage))

    answers = feed_events(storage, station.station_id)
    assert [a["type"] for a in answers] == ["sms.sent", "sms.sent"]
    assert len(aliyun.delivered) == 1


def test_the_worker_thread_wakes_when_a_push_brings_requests_and_stops_cleanly(
    county_store, aliyun
):
    settings, storage = county_store
    worker = sms_worker.RelayWorker(storage, settings, interval_s=600).start()  # no timed rounds
    try:
        wait_until(lambda: worker.last_round is not None)  # its first round, at start
        station = Pusher(storage, settings)

        station.push(station.request("text-1"))

        wait_until(lambda: len(feed_events(storage, station.station_id)) == 1)
    finally:
        worker.stop()
    assert len(aliyun.delivered) == 1
    assert not worker._thread.is_alive()


def test_a_provider_that_raises_leaves_the_text_queued(county_store):
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))

    class Broken:
        name = "broken"

        def status(self) -> ProviderStatus:
            return ProviderStatus(ok=True, detail="ready")

        def send(self, text: OutgoingText) -> SendResult:
            raise RuntimeError("a bug")

    done = relay_once(storage, Broken())

    assert done.deferred == 1
    assert relay_rows(storage)[0].status == "queued"


# --- county-center sms-provider / sms-relay -----------------------------------------------------


def county_center(
    data_dir: Path, *args: str, stdin: str = "", database_url: str = ""
) -> subprocess.CompletedProcess:
    env = {**os.environ, "COUNTY_CENTER_DEVELOPMENT": "1", "PYTHONPATH": str(ROOT)}
    where = ["--data-dir", str(data_dir)] + (
        ["--database-url", database_url] if database_url else []
    )
    return subprocess.run(
        [sys.executable, "-m", "sync.server.cli", *where, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_sms_provider_takes_the_keys_from_stdin_and_never_shows_them(tmp_path, aliyun):
    data_dir = tmp_path / "cli"

    done = county_center(
        data_dir,
        "sms-provider", "--name", "aliyun", "--endpoint", aliyun.base_url,
        "--template", f"parcel_arrival={TEMPLATE_CODE}", "--signature", f"【{COUNTY_SIGNATURE}】",
        "--keys-stdin",
        stdin=f"{KEY_ID}\n{KEY_SECRET}\n",
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["ready"] is True
    assert answer["settings"]["sms.signature"] == COUNTY_SIGNATURE
    assert answer["settings"]["sms.aliyun.template.parcel_arrival"] == TEMPLATE_CODE
    assert KEY_SECRET not in done.stdout + done.stderr
    assert KEY_SECRET not in (data_dir / "sms-relay.json").read_text(encoding="utf-8")
    assert SecretStore(data_dir).get("sms.aliyun.access_key_secret").reveal() == KEY_SECRET


def test_sms_relay_once_sends_the_due_texts_and_prints_what_it_did(county_store):
    settings, storage = county_store
    write_config(settings.data_dir, {"sms.provider": "file"})
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))

    done = county_center(settings.data_dir, "sms-relay", "--once", database_url=settings.url)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sent"] == 1
    assert PHONE in (settings.data_dir / "sms-outbox.txt").read_text(encoding="utf-8")
    assert relay_rows(storage)[0].status == "sent"


# --- the outbox page -----------------------------------------------------------------------------

STATUS, REASON = 4, 6
NEW_PHONE = "15912340521"


def outbox_of_a_morning(station: Station, county: LoopbackCounty) -> None:
    """Three texts answered by the county (two sent, one refused), one still at the county."""
    join(station, county)
    receive(station, 1, PHONE)
    receive(station, 2, OTHER_PHONE)
    receive(station, 3, REFUSED_PHONE)
    hand_over(station)
    station.sync.run()
    county_round(county)
    receive(station, 4, NEW_PHONE)
    hand_over(station)
    station.sync.run()


def row_of(panel, phone: str) -> list[str]:
    for row in range(panel.table.rowCount()):
        cells = [panel.table.item(row, column).text() for column in range(panel.COLUMNS)]
        if cells[1] == "尾号" + phone[-4:]:
            return cells
    raise AssertionError(f"no row for {phone}")


@QT_LOG_IGNORE
def test_the_outbox_page_shows_texts_at_the_county_and_what_the_county_did(
    qtbot, sms_page, station, worker, county
):
    outbox_of_a_morning(station, county)

    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=5000)

    at_county = row_of(panel, NEW_PHONE)
    assert at_county[STATUS] == "At the county center"
    assert at_county[REASON].startswith("Handed to the county center at ")
    assert row_of(panel, PHONE)[STATUS:] == ["Sent", "1", "Sent by the county center."]
    refused = row_of(panel, REFUSED_PHONE)
    assert refused[STATUS] == "Failed"
    assert refused[REASON].startswith("The county center could not send it: The SMS service says")
    assert "At the county center: 1" in panel.summary.text()


@QT_LOG_IGNORE
def test_retry_on_the_page_queues_a_text_the_county_could_not_send(
    qtbot, sms_page, station, worker, county
):
    outbox_of_a_morning(station, county)
    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=5000)
    row = next(r for r, text in enumerate(panel.texts) if text.phone == REFUSED_PHONE)
    panel.table.selectRow(row)

    assert panel.retry_button.isEnabled()
    panel.retry_button.click()

    qtbot.waitUntil(lambda: row_of(panel, REFUSED_PHONE)[STATUS] == "Waiting", timeout=5000)
    assert panel.message.kind == "success"


@pytest.fixture
def chinese(qapp, tmp_path: Path) -> Iterator[None]:
    """The app in Chinese: the committed translation plus this part's lines."""
    qm = build_chinese_qm(tmp_path, [INCOMING / "sms-relay.tsv"], on_committed=True)
    with in_chinese(qm, station_look=True):
        yield


@QT_LOG_IGNORE
def test_the_outbox_page_in_chinese_says_at_the_county_and_its_picture_is_saved(
    qtbot, chinese, sms_page, station, worker, county, tmp_path
):
    outbox_of_a_morning(station, county)

    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=5000)

    assert row_of(panel, NEW_PHONE)[STATUS] == "已交县中心"
    assert row_of(panel, PHONE)[REASON] == "已由县级服务中心发出。"
    assert row_of(panel, REFUSED_PHONE)[REASON].startswith("县级服务中心未能发出：")
    assert "已交县中心 1 条" in panel.summary.text()
    picture = tmp_path / "outbox-county.png"
    assert sms_page.grab().save(str(picture))
    assert picture.stat().st_size > 10_000


def _station_answer(pusher: Pusher, text_id: str, type_: str) -> WireEvent:
    """The station's own sms.sent / sms.failed recording the county's answer."""
    pusher.seq += 1
    return WireEvent(
        id=f"{pusher.station_id}-{pusher.seq}",
        seq=pusher.seq,
        type=type_,
        entity_id=text_id,
        occurred_at=clock.now_iso(),
        payload={"text_id": text_id, "via": "county"},
    )


def test_requests_pushed_again_after_an_older_county_backup_are_not_sent_twice(
    county_store, aliyun
):
    """The county's database came back from a backup older than these texts: the station
    pushes again each request and its own record of the county's answer; nothing is resent."""
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(
        station.request("text-1"),
        _station_answer(station, "text-1", "sms.sent"),
        station.request("text-2"),
        _station_answer(station, "text-2", "sms.failed"),
    )

    relay_once(storage, provider_of(settings, storage))

    assert aliyun.delivered == []
    assert {r.text_id: r.status for r in relay_rows(storage)} == {
        "text-1": "sent",
        "text-2": "failed",
    }


def test_a_retry_after_the_countys_failure_in_the_same_push_is_still_sent(county_store, aliyun):
    """Hooks follow the seq order: request, the county's failure recorded, the operator's retry."""
    settings, storage = county_store
    station = Pusher(storage, settings)
    station.push(
        station.request("text-1"),
        _station_answer(station, "text-1", "sms.failed"),
        station.request("text-1"),
    )

    relay_once(storage, provider_of(settings, storage))

    assert len(aliyun.delivered) == 1


# --- a text cancelled by the station (DESIGN §7) -------------------------------------------------


def test_a_relayed_text_whose_parcel_was_picked_up_is_cancelled_at_the_county_not_sent(
    station, any_county, aliyun
):
    county = any_county
    station_id = join(station, county)
    parcel = receive(station)
    hand_over(station)
    assert station.sms.get(parcel.id).status == "relayed"
    station.parcels.pick_up([parcel.id], "code")  # before the county's worker came round
    text = station.sms.get(parcel.id)
    assert (text.status, text.last_code) == ("failed", "parcel.picked_up")

    assert station.sync.run().ok  # pushes the request and its cancellation
    [row] = relay_rows(county.storage)
    assert (row.status, row.code) == ("failed", "relay.cancelled")
    assert county_round(county).sent == 0
    assert aliyun.delivered == []
    [answer] = feed_events(county.storage, station_id)
    assert (answer["type"], answer["payload"]["code"]) == ("sms.failed", "relay.cancelled")

    assert station.sync.run().ok  # the county's answer changes nothing and needs no one
    assert station.sms.get(parcel.id).last_code == "parcel.picked_up"
    assert station.county.county_events(needs_attention=True) == []
    assert station.events.verify().ok


def test_a_text_the_county_sent_before_the_cancellation_came_is_recorded_sent(station, county):
    join(station, county)
    parcel = receive(station)
    hand_over(station)
    station.sync.run()
    assert county_round(county).sent == 1  # the county sent it ...
    station.parcels.pick_up([parcel.id], "code")  # ... while the villager was at the counter
    station.sync.run()
    [row] = relay_rows(county.storage)
    assert row.status == "sent"  # a cancellation cannot call a text back
    station.sync.run()
    text = station.sms.get(parcel.id)
    assert (text.status, text.via) == ("sent", "county")
    assert station.county.county_events(needs_attention=True) == []
    assert station.events.verify().ok
