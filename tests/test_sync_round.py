"""A sync round step by step (``StationSync.begin``): its steps touch the store only and hand
every call to the county out, so the GUI can make the calls on a network thread (DESIGN §2);
against a real county on 127.0.0.1."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from stationapp.core import Station
from stationapp.core.sync import StationSync
from stationapp.core.sync.failures import TIMED_OUT
from stationapp.core.sync.steps import CallAnswer, CountyCall
from sync.client import CountyClient
from sync.pacing import Batcher
from tests.county_server import LoopbackCounty

NETWORK = "network-thread"


class RecordingClient(CountyClient):
    """The real client, noting the thread each request is made on."""

    threads: ClassVar[list[str]] = []

    def _call(self, *args: Any, **kwargs: Any) -> Any:
        RecordingClient.threads.append(threading.current_thread().name)
        return super()._call(*args, **kwargs)


def joined(station: Station, county: LoopbackCounty, events: int) -> tuple[StationSync, str]:
    RecordingClient.threads = []
    synced = StationSync(
        station.context,
        client_factory=lambda url, token: RecordingClient(url, token),
        batcher=Batcher(start=10),
    )
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    for n in range(events):
        station.settings.set("station.phone", f"0883-61{n:05d}")
    RecordingClient.threads = []
    return synced, station_id


def on_a_network_thread(call: CountyCall) -> CallAnswer:
    answers: list[CallAnswer] = []
    thread = threading.Thread(target=lambda: answers.append(call.run()), name=NETWORK)
    thread.start()
    thread.join(30)
    return answers[0]


def test_every_call_of_a_round_is_handed_out_and_made_elsewhere(station, county):
    synced, station_id = joined(station, county, 35)
    round_ = synced.begin()
    made: list[str] = []
    call = round_.step()
    while call is not None:
        made.append(call.name)
        call = round_.step(on_a_network_thread(call))
    report = round_.finish()

    assert report.ok, report.detail
    assert RecordingClient.threads and set(RecordingClient.threads) == {NETWORK}
    assert made[0] == "head" and made[-1] == "feed"
    assert made.count("push") >= 3  # batches of 10, growing
    assert county.head(station_id) == station.log.head()
    assert county.event_count(station_id) == station.events.count()
    assert station.sync.unpushed_count() == 0
    assert synced.history()[0].ok


def test_a_round_abandoned_while_a_push_is_out_marks_nothing_and_the_next_round_sends_all(
    station, county
):
    synced, station_id = joined(station, county, 12)
    round_ = synced.begin()
    head = round_.step()
    assert head is not None and head.name == "head"
    push = round_.step(head.run())
    assert push is not None and push.name == "push"
    pushed_meanwhile = push.run()  # the county took it, but the round was gone by then
    assert pushed_meanwhile.failure is None

    report = round_.abandon("the program stopped before the county answered")
    assert report.error == TIMED_OUT and not report.ok
    assert "push" in report.detail
    assert synced.unpushed_count() == station.log.head()[0]  # nothing marked without an answer
    assert not synced.history()[0].ok

    again = synced.run()
    assert again.ok, again.detail
    # the county's head told it had the abandoned batch: marked, not sent again
    assert again.duplicates == 0
    assert again.accepted == station.log.head()[0] - 10
    assert county.head(station_id) == station.log.head()
    assert county.event_count(station_id) == station.events.count()
    assert synced.unpushed_count() == 0
