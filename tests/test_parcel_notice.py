"""A parcel's arrival notice rides on its parcel.received (migration 010_lean_texts): one event per
parcel, the outbox row made by that event's projection; the outbox renders its texts on read;
sms.sent leaves out a message id that is the text's own; the parcels' indexes are no bigger than
their queries. Older stations' logs and databases still replay and upgrade unchanged."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    parcels_page,
    sms_page,
    sounds_played,
)

from stationapp.core import StateError, Station, ids, pinyin, schema, waybill
from stationapp.core import clock as station_clock
from stationapp.core.parcels.store import next_free_seq, pickup_code
from stationapp.core.sms import deliver_due
from stationapp.core.sms.queue import queue_text
from stationapp.core.sms.relay import hand_to_county
from stationapp.core.sms.render import render
from stationapp.core.store import connect
from stationapp.sms_providers.filelog import FileProvider
from stationapp.sms_providers.provider import ProviderStatus, SendResult

PHONE = "13812340521"
OTHER = "13987654321"
THIRD = "13700001111"
START = "2026-11-23T09:00:00+08:00"
SIGNED = "【孟定镇芒艾村电商服务站】"


@pytest.fixture
def clock():
    manual = station_clock.ManualClock(START)
    station_clock.set_clock(manual)
    return manual


class Provider:
    """Answers as told (then success with ``msg-N``) and keeps what it was given."""

    name = "fake"

    def __init__(self, *answers: SendResult) -> None:
        self.answers = list(answers)
        self.sent = []

    def status(self) -> ProviderStatus:
        return ProviderStatus(ok=True, detail="ready")

    def send(self, text) -> SendResult:
        self.sent.append(text)
        return self.answers.pop(0) if self.answers else SendResult.sent(self.name, "msg-1")


def receive(station: Station, number: str, phone: str = PHONE, **kwargs):
    return station.parcels.receive(
        waybill=number, recipient_phone=phone, recipient_name="张三", **kwargs
    )


def new_events(station: Station, after_seq: int) -> list:
    return list(station.log.iter_events(after_seq))


def receive_before_010(
    station: Station, number: str, phone: str = PHONE, *, carrier: str = "YTO", shelf: str = "A"
) -> str:
    """Intake as stations wrote it before 010: parcel.received, then its notice's own
    sms.queued (grouped by phone), in one transaction. Returns the parcel's id."""
    customer = station.parcels.customer_by_phone(phone)
    payload = {
        "waybill": number,
        "carrier": carrier,
        "phone": phone,
        "consent": "sms_notice",
        "shelf": shelf,
        "layer": 1,
        "carrier_confirmed": True,
        "customer_id": customer["id"] if customer else ids.uuid7(),
        "name": "张三",
    }
    if customer is None:
        payload["new_customer"] = {"search_key": pinyin.search_key("张三")}
    parcel_id = ids.uuid7()
    operator = station.operator.id
    with station.log.batch() as batch:
        payload["seq"] = next_free_seq(batch.conn, shelf, 1)
        batch.append("parcel.received", entity_id=parcel_id, payload=payload, operator=operator)
        deadline = station_clock.business_day() + timedelta(days=3)
        queue_text(
            batch,
            purpose="parcel_arrival",
            entity_key=parcel_id,
            phone=phone,
            template="parcel_arrival",
            params={
                "carrier": waybill.CARRIERS[carrier],
                "tails": number[-4:],
                "codes": pickup_code(shelf, 1, payload["seq"]),
                "deadline": f"{deadline.month}月{deadline.day}日",
            },
            operator=operator,
            group_key=f"parcel_arrival:{phone}",
        )
    return parcel_id


def assert_rebuilds(station: Station) -> None:
    result = station.events.verify()
    assert result.ok, result.problems


# --- one event per parcel ----------------------------------------------------------------------


def test_intake_writes_one_event_per_parcel_and_its_projection_queues_the_text(station, clock):
    head = station.log.head()[0]
    parcel = receive(station, "YT751234560521", shelf="A", layer=1)
    [event] = new_events(station, head)
    assert (event.type, event.entity_id) == ("parcel.received", parcel.id)
    assert event.payload["notice"] == {"days": 3, "hold": 10}
    [text] = station.sms.outbox()
    assert (text.id, text.entity_key, text.purpose, text.status) == (
        parcel.id,
        parcel.id,
        "parcel_arrival",
        "queued",
    )
    assert text.text == (
        f"{SIGNED}您的圆通快递(运单尾号0521)已到站,取件码A-1-0001,请于11月26日前领取。"
    )
    assert (text.chars, text.parts) == (len(text.text), 1)
    assert text.next_attempt_at == "2026-11-23T09:10:00.000+08:00"  # held for grouping
    assert_rebuilds(station)


def test_the_deadline_counts_the_pickup_days_set_when_the_parcel_came(station, clock):
    station.settings.set("sms.pickup_days", 5)
    receive(station, "YT751234560521")
    station.settings.set("sms.pickup_days", 2)
    assert "请于11月28日前领取" in station.sms.outbox()[0].text
    assert_rebuilds(station)


def test_three_parcels_for_one_phone_within_the_window_make_one_text_with_all_codes(station, clock):
    first = receive(station, "YT751234560521", shelf="A", layer=1)
    clock.advance(minutes=3)
    second = receive(station, "73123456783312", shelf="A", layer=1)
    clock.advance(minutes=3)
    head = station.log.head()[0]
    third = receive(station, "YT751234567788", shelf="B", layer=2)
    [event] = new_events(station, head)
    assert event.payload["notice"] == {"joins": first.id}
    [text] = station.sms.outbox()
    assert text.id == first.id
    assert "您的圆通、中通快递(运单尾号0521、3312、7788)" in text.text
    assert "取件码A-1-0001、A-1-0002、B-2-0001," in text.text
    assert [station.sms.find("parcel_arrival", p.id) for p in (second, third)] == [text, text]
    assert_rebuilds(station)


def test_parcels_received_together_for_one_phone_share_one_text(station, clock):
    parcels = station.parcels.receive_many(
        [
            {"waybill": f"YT75123456{n:04d}", "recipient_phone": PHONE, "recipient_name": "张三"}
            for n in (1, 2, 3)
        ]
    )
    [text] = station.sms.outbox()
    assert all(p.pickup_code in text.text for p in parcels)
    assert_rebuilds(station)


def test_parcels_outside_the_window_get_a_text_each(station, clock):
    first = receive(station, "YT751234560521")
    clock.advance(minutes=11)
    second = receive(station, "YT751234567788")
    texts = {t.id: t for t in station.sms.outbox()}
    assert set(texts) == {first.id, second.id}
    assert second.pickup_code not in texts[first.id].text
    assert_rebuilds(station)


def test_a_text_being_sent_takes_no_more_parcels_and_the_rebuild_agrees(station, clock):
    first = receive(station, "YT751234560521")
    clock.advance(minutes=10)
    [claimed] = station.sms.claim_due()  # "being sent" is local: a rebuild does not see it
    second = receive(station, "YT751234567788")
    assert claimed.id == first.id
    assert second.pickup_code not in station.sms.get(first.id).text
    assert station.sms.get(second.id).entity_key == second.id
    assert_rebuilds(station)


def test_with_grouping_off_each_parcel_gets_a_text_due_at_once(station, clock):
    station.settings.set("sms.group_minutes", 0)
    head = station.log.head()[0]
    first = receive(station, "YT751234560521")
    second = receive(station, "YT751234567788")
    assert new_events(station, head)[0].payload["notice"] == {"days": 3}
    due = {t.id: t.next_attempt_at for t in station.sms.outbox()}
    assert due == {first.id: first.received_at, second.id: second.received_at}
    assert_rebuilds(station)


def test_a_number_on_the_do_not_text_list_gets_no_text_and_no_notice(station, clock):
    station.sms.do_not_text.add(PHONE, "村民要求不发短信")
    head = station.log.head()[0]
    receive(station, "YT751234560521")
    [event] = new_events(station, head)
    assert "notice" not in event.payload
    assert station.sms.outbox() == []
    assert_rebuilds(station)


def test_an_arrival_text_is_retried_cancelled_and_relayed_like_any_other(station, clock):
    parcel = receive(station, "YT751234560521")
    clock.advance(minutes=10)
    deliver_due(station.sms, Provider(SendResult.failed("fake", "No.", code="E1")))
    station.sms.retry(parcel.id)
    station.sms.cancel(parcel.id)
    station.sms.retry(parcel.id)
    with station.log.batch() as batch:
        hand_to_county(batch, station.sms.get(parcel.id))
    text = station.sms.get(parcel.id)
    assert (text.status, text.attempts) == ("relayed", 1)
    assert_rebuilds(station)


def test_undoing_a_pickup_voids_the_pickup_even_after_the_parcels_text_was_sent(station, clock):
    parcel = receive(station, "YT751234560521")
    clock.advance(minutes=10)
    deliver_due(station.sms, Provider())  # sms.sent about the text whose id is the parcel's
    station.parcels.pick_up([parcel.id], "code")
    void = station.parcels.undo_pickup(parcel.id, "拿错了")
    assert void.payload["type"] == "parcel.picked_up"
    assert station.parcels.get(parcel.id).status == "waiting"
    assert station.sms.get(parcel.id).status == "sent"
    assert_rebuilds(station)


# --- older logs --------------------------------------------------------------------------------


def test_a_log_whose_arrival_notices_are_sms_queued_events_still_rebuilds(station, clock):
    first = receive_before_010(station, "YT751234560521")
    clock.advance(minutes=2)
    second = receive_before_010(station, "YT751234567788")
    [text] = station.sms.outbox()
    assert text.id not in (first, second) and text.entity_key == first
    assert "运单尾号0521、7788" in text.text
    assert station.sms.find("parcel_arrival", second) == text
    assert_rebuilds(station)


def test_a_parcel_after_the_upgrade_joins_a_text_queued_before_it(station, clock):
    earlier = receive_before_010(station, "YT751234560521")
    clock.advance(minutes=2)
    later = receive(station, "YT751234567788")
    [text] = station.sms.outbox()
    assert text.entity_key == earlier and later.pickup_code in text.text
    assert_rebuilds(station)


# --- the outbox renders on read ----------------------------------------------------------------


def test_the_outbox_stores_no_text_but_the_signature_it_was_queued_with(station, clock):
    columns = [row[1] for row in station.conn.execute("PRAGMA table_info(sms_outbox)")]
    assert "text" not in columns and "signature" in columns
    receive(station, "YT751234560521")
    station.settings.set("sms.signature", "芒艾村服务站")
    receive(station, "YT751234567788", OTHER)
    texts = {t.phone: t.text for t in station.sms.outbox()}
    assert texts[PHONE].startswith(SIGNED) and texts[OTHER].startswith("【芒艾村服务站】")
    assert_rebuilds(station)


def test_a_sent_text_keeps_the_message_id_only_when_it_is_not_the_texts_own(station, clock):
    own = receive(station, "YT751234560521")  # due first: the file provider answers with its id
    other = receive(station, "YT751234567788", OTHER)
    clock.advance(minutes=10)
    head = station.log.head()[0]
    deliver_due(station.sms, FileProvider(station.data_dir), limit=1)
    deliver_due(station.sms, Provider())
    sent = {e.entity_id: e.payload for e in new_events(station, head) if e.type == "sms.sent"}
    assert "message_id" not in sent[own.id] and sent[other.id]["message_id"] == "msg-1"
    texts = {t.id: t for t in station.sms.outbox()}
    assert (texts[own.id].provider, texts[own.id].provider_message_id) == ("file", own.id)
    assert (texts[other.id].provider, texts[other.id].provider_message_id) == ("fake", "msg-1")
    written = (station.data_dir / "sms-outbox.txt").read_text(encoding="utf-8")
    assert texts[own.id].text in written
    assert_rebuilds(station)


@QT_LOG_IGNORE
def test_the_outbox_page_shows_each_text_as_rendered_from_its_row(
    qtbot, sms_page, station, worker, clock
):
    receive(station, "YT751234560521")
    station.settings.set(
        "sms.signature", "芒艾村服务站"
    )  # a later signature changes no queued text
    row = station.conn.execute("SELECT template, params, signature FROM sms_outbox").fetchone()
    expected = render(row[0], json.loads(row[1]), row[2]).text
    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=3000)
    assert panel.table.item(0, 2).text() == expected
    assert expected.startswith(SIGNED) and "取件码A-1-0001" in expected


def test_a_carriers_name_never_changes_under_its_code():
    """Arrival texts are rebuilt from the carrier's code: a name may be added, never changed."""
    shipped = {
        "SF": "顺丰",
        "ZTO": "中通",
        "YTO": "圆通",
        "YUNDA": "韵达",
        "STO": "申通",
        "JT": "极兔",
        "EMS": "邮政",
        "JD": "京东",
        "DBL": "德邦",
    }
    assert {code: waybill.CARRIERS.get(code) for code in shipped} == shipped


# --- the parcels' indexes ----------------------------------------------------------------------


def query_plan(station: Station, read) -> str:
    """The query plan of every statement ``read`` runs on the station's connection."""
    statements: list[str] = []
    station.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        station.conn.set_trace_callback(None)
    plans = [
        " / ".join(row[3] for row in station.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    ]
    return "\n".join(plans)


@pytest.mark.parametrize(
    ("read", "index"),
    [
        (lambda st: st.parcels.shelf_list().page(None, 100), "parcels_waiting"),
        (lambda st: st.parcels.shelf_list(overdue_only=True).page(None, 100), "parcels_waiting"),
        (lambda st: st.parcels.overdue(), "parcels_waiting"),
        (lambda st: st.parcels.shelf_list(status="returned").page(None, 100), "parcels_returned"),
        (lambda st: st.parcels.shelf_list(status="picked_up").page(None, 100), "parcels_received"),
        (lambda st: st.parcels.day_summary(), "parcels_received"),
        (lambda st: st.parcels.find("张三", waiting_only=False), "parcels_phone"),
    ],
)
def test_each_parcel_list_is_served_by_an_index_no_bigger_than_it_needs(
    station, clock, read, index
):
    receive(station, "YT751234560521")
    plan = query_plan(station, lambda: read(station))
    assert f"INDEX {index} " in plan, plan


def test_the_wide_status_and_customer_indexes_are_gone(station):
    names = {row[0] for row in station.conn.execute("SELECT name FROM sqlite_master")}
    assert {"parcels_waiting", "parcels_returned", "parcels_received"} <= names
    assert not {"parcels_status", "parcels_customer"} & names


def test_finding_by_name_finds_the_customers_parcels_only(station, clock):
    mine = receive(station, "YT751234560521")
    station.parcels.receive(waybill="YT751234567788", recipient_phone=OTHER, recipient_name="李四")
    assert [p.id for p in station.parcels.find("zs")] == [mine.id]
    assert [p.id for p in station.parcels.find("张三")] == [mine.id]


# --- upgrading a station -----------------------------------------------------------------------


def old_station_texts(station: Station, clock) -> list[tuple]:
    """Texts of every kind on a log written as before 010: grouped and sent, relayed, failed,
    queued; and a reminder. Returns what the outbox shows of each."""
    grouped = receive_before_010(station, "YT751234560001")
    clock.advance(minutes=2)
    receive_before_010(station, "73123456780002", carrier="ZTO")  # joins the text above
    relayed = receive_before_010(station, "YT751234560003", OTHER)
    failed = receive_before_010(station, "YT751234560004", THIRD)
    clock.advance(minutes=10)
    texts = {t.entity_key: t.id for t in station.sms.outbox()}
    with station.log.batch() as batch:  # sent by the file provider, as written before 010
        payload = {"provider": "file", "message_id": texts[grouped], "attempt": 1}
        batch.append("sms.sent", entity_id=texts[grouped], payload=payload)
    with station.log.batch() as batch:
        hand_to_county(batch, station.sms.get(texts[relayed]))
    deliver_due(station.sms, Provider(SendResult.failed("fake", "No.", code="E1")))
    assert [station.sms.get(texts[k]).status for k in (grouped, relayed, failed)] == [
        "sent",
        "relayed",
        "failed",
    ]
    station.parcels.pick_up([grouped], "code")
    queued = receive_before_010(station, "YT751234560005", "13600002222", shelf="B")
    clock.advance(days=4)
    station.parcels.remind([queued])
    return outbox_shown(station)


def outbox_shown(station: Station) -> list[tuple]:
    return [
        (t.id, t.purpose, t.entity_key, t.status, t.text, t.chars, t.parts, t.attempts,
         t.provider_message_id, t.signature)
        for t in station.sms.outbox()
    ]  # fmt: skip


def copy_into_old_schema(source: Station, folder: Path) -> None:
    """``source``'s log and tables in a database of the schema before 009, as a station that
    never upgraded holds them: the same events, and the outbox with each text stored."""
    folder.mkdir()
    old = connect(folder / "station.db")
    schema.migrate(old, stop_before="009_compact_event_log")
    columns = (
        "id, station_id, seq, type, entity_id, occurred_at, operator, payload, prev_hash, hash,"
        " pushed"
    )
    rows = source.conn.execute(f"SELECT {columns} FROM events ORDER BY seq").fetchall()
    old.executemany(f"INSERT INTO events ({columns}) VALUES ({', '.join('?' * 11)})", rows)
    tables = [
        r[0]
        for r in old.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT IN ('events', '_sqlite_migrations') ORDER BY name = 'sms_subjects'"
        )
    ]
    for table in tables:
        wanted = [r[1] for r in old.execute(f"PRAGMA table_info({table})")]
        have = [r[1] for r in source.conn.execute(f"PRAGMA table_info({table})")]
        names = [c for c in wanted if c in have]
        if table == "sms_outbox":
            names.append("signature")  # the text it stores instead
        if not names:
            continue
        for row in source.conn.execute(f"SELECT {', '.join(names)} FROM {table}"):
            values = dict(zip(names, row, strict=True))
            if table == "sms_outbox":
                values["text"] = render(
                    values["template"], json.loads(values["params"]), values.pop("signature")
                ).text
            marks = ", ".join("?" * len(values))
            old.execute(
                f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})",
                tuple(values.values()),
            )
    old.close()


def test_a_station_from_before_the_upgrade_keeps_every_text_and_still_verifies(
    station, clock, tmp_path
):
    shown = old_station_texts(station, clock)
    assert {t[3] for t in shown} == {"queued", "sent", "failed", "relayed"}
    assert len(shown) == 5 and any(t[8] == t[0] for t in shown)  # a message id: the text's own
    copy_into_old_schema(station, tmp_path / "old")
    old = sqlite3.connect(tmp_path / "old" / "station.db")
    stored = dict(old.execute("SELECT id, text FROM sms_outbox").fetchall())
    old.close()
    assert stored == {t[0]: t[4] for t in shown}

    with Station.open(tmp_path / "old") as upgraded:
        assert outbox_shown(upgraded) == shown
        assert_rebuilds(upgraded)
        names = {r[0] for r in upgraded.conn.execute("SELECT name FROM sqlite_master")}
        assert "parcels_waiting" in names and "parcels_status" not in names
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # the triggers came back
            upgraded.conn.execute(
                "INSERT INTO sms_subjects (purpose, entity_key, text_id)"
                " SELECT purpose, entity_key, 'x' FROM sms_outbox LIMIT 1"
            )


# --- a text whose reason passed is cancelled (DESIGN §7) ---------------------------------------


def test_a_parcel_picked_up_while_its_text_waits_to_be_grouped_is_never_texted(station, clock):
    parcel = receive(station, "YT751234560521")
    clock.advance(minutes=4)
    head = station.log.head()[0]
    station.parcels.pick_up([parcel.id], "code")
    pickup, cancelled = new_events(station, head)
    assert (pickup.type, cancelled.type) == ("parcel.picked_up", "sms.cancelled")
    assert (cancelled.entity_id, cancelled.payload) == (parcel.id, {"reason": "parcel.picked_up"})
    clock.advance(minutes=10)
    provider = Provider()
    assert deliver_due(station.sms, provider) == []
    assert provider.sent == []
    text = station.sms.get(parcel.id)
    assert (text.status, text.last_code) == ("failed", "parcel.picked_up")
    assert text.last_error == "Not sent: the parcel was picked up before its text went out."
    assert_rebuilds(station)


def test_a_grouped_text_drops_the_parcel_picked_up_and_goes_for_the_others(station, clock):
    first = receive(station, "YT751234560521", shelf="A", layer=1)
    clock.advance(minutes=2)
    second = receive(station, "73123456783312", shelf="A", layer=1)
    clock.advance(minutes=2)
    third = receive(station, "YT751234567788", shelf="B", layer=2)
    station.parcels.pick_up([first.id], "code")  # the text's own first parcel
    text = station.sms.get(first.id)
    assert text.status == "queued"
    assert text.entity_key == second.id  # the next parcel is now the text's subject
    assert "您的中通、圆通快递(运单尾号3312、7788)" in text.text
    assert "取件码A-1-0002、B-2-0001," in text.text
    assert first.pickup_code not in text.text
    assert station.sms.find("parcel_arrival", first.id) is None
    assert [station.sms.find("parcel_arrival", p.id).id for p in (second, third)] == [first.id] * 2
    assert_rebuilds(station)

    station.parcels.pick_up([third.id], "phone")
    assert "运单尾号3312)" in station.sms.get(first.id).text
    clock.advance(minutes=10)
    provider = Provider()
    deliver_due(station.sms, provider)
    [sent] = provider.sent
    assert "取件码A-1-0002," in sent.text and "B-2-0001" not in sent.text
    assert station.sms.get(first.id).status == "sent"
    assert_rebuilds(station)


def test_a_grouped_text_whose_parcels_all_left_is_cancelled_whole(station, clock):
    first = receive(station, "YT751234560521")
    second = receive(station, "YT751234567788")
    head = station.log.head()[0]
    station.parcels.pick_up([second.id, first.id], "code")  # one person takes both at once
    cancellations = [e for e in new_events(station, head) if e.type == "sms.cancelled"]
    assert [(e.entity_id, e.payload) for e in cancellations] == [
        (first.id, {"reason": "parcel.picked_up"})
    ]
    assert station.sms.get(first.id).status == "failed"
    assert_rebuilds(station)


def test_a_parcel_returned_to_the_courier_is_not_texted_and_retry_refuses(station, clock):
    parcel = receive(station, "YT751234560521")
    station.parcels.return_to_courier([parcel.id], "地址错误")
    text = station.sms.get(parcel.id)
    assert (text.status, text.last_code) == ("failed", "parcel.returned")
    assert "went back to the courier" in text.last_error
    with pytest.raises(StateError, match="no longer on the shelf"):
        station.sms.retry(parcel.id)
    assert_rebuilds(station)


def test_a_text_being_sent_when_its_parcel_is_picked_up_goes_its_way(station, clock):
    parcel = receive(station, "YT751234560521")
    clock.advance(minutes=10)
    [claimed] = station.sms.claim_due()
    head = station.log.head()[0]
    station.parcels.pick_up([parcel.id], "code")
    assert [e.type for e in new_events(station, head)] == ["parcel.picked_up"]
    station.sms.record_result(claimed.id, SendResult.sent("fake", "msg-1"))
    assert station.sms.get(parcel.id).status == "sent"
    assert_rebuilds(station)


def test_a_reminder_still_queued_is_cancelled_when_the_parcel_is_picked_up(station, clock):
    parcel = receive(station, "YT751234560521")
    clock.advance(minutes=10)
    deliver_due(station.sms, Provider())
    clock.advance(days=4)
    station.parcels.remind([parcel.id])
    [reminder] = [t for t in station.sms.outbox() if t.purpose == "parcel_reminder"]
    station.parcels.pick_up([parcel.id], "code")
    assert station.sms.get(reminder.id).status == "failed"
    assert station.sms.get(parcel.id).status == "sent"  # the arrival text had gone: kept
    assert_rebuilds(station)


def test_undoing_a_pickup_puts_the_text_it_cancelled_back_in_the_queue(station, clock):
    parcel = receive(station, "YT751234560521", shelf="A", layer=1)
    clock.advance(minutes=2)
    station.parcels.pick_up([parcel.id], "code")  # the wrong parcel handed out
    assert station.sms.get(parcel.id).status == "failed"
    receive(station, "YT751234567788", phone=OTHER, shelf="A", layer=1)  # takes the next slot
    clock.advance(minutes=1)
    station.parcels.undo_pickup(parcel.id, "拿错了")
    back = station.parcels.get(parcel.id)
    text = station.sms.get(parcel.id)
    assert (text.status, text.attempts, text.last_code) == ("queued", 0, "")
    assert f"取件码{back.pickup_code}," in text.text  # the code it has now
    clock.advance(minutes=1)
    provider = Provider()
    deliver_due(station.sms, provider)
    assert [t.text_id for t in provider.sent if t.text_id == parcel.id] == [parcel.id]
    assert_rebuilds(station)
