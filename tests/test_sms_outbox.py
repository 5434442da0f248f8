"""The SMS outbox: every text a row first, one per purpose and entity, grouped, paced, retried."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from stationapp.core import PermissionDenied, StateError, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.sms import SmsOutbox, deliver_due
from stationapp.core.sms.render import count_parts, merge_params
from stationapp.sms_providers.pacing import DAILY_HOLD, GAP_HOLD, gives_up, number_hold
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult
from tests.line_stubs import stub_line

PHONE = "13812345678"
OTHER = "13987654321"
START = "2026-11-22T09:00:00+08:00"
ARRIVAL = {"carrier": "圆通", "tails": "0521", "codes": "A-1-0451", "deadline": "11月25日"}


@pytest.fixture
def clock():
    manual = station_clock.ManualClock(START)
    station_clock.set_clock(manual)
    return manual


@pytest.fixture
def outbox(station, clock) -> SmsOutbox:
    sms = station.sms
    sms.rng.seed(7)
    return sms


class FakeProvider:
    """Answers as told (one answer per text, then success) and keeps what it was given."""

    name = "fake"

    def __init__(self, *answers: SendResult, ready: bool = True) -> None:
        self.answers = list(answers)
        self.ready = ready
        self.sent: list[OutgoingText] = []

    def status(self) -> ProviderStatus:
        return ProviderStatus(ok=self.ready, detail="ready" if self.ready else "no modem")

    def send(self, text: OutgoingText) -> SendResult:
        self.sent.append(text)
        if self.answers:
            return self.answers.pop(0)
        return SendResult.sent(self.name, f"msg-{len(self.sent)}")


def queue(station, outbox, entity_key, *, phone=PHONE, group=False, purpose="parcel_arrival",
          **params):  # fmt: skip
    with station.log.batch() as batch:
        return outbox.queue_text(
            batch,
            purpose=purpose,
            entity_key=entity_key,
            phone=phone,
            template="parcel_arrival",
            params={**ARRIVAL, **params},
            operator=station.operator.id,
            group_key=f"{purpose}:{phone}" if group else None,
        )


def refused(reason="The SMS service says no.", *, code="E1", retryable=False, **kwargs):
    return SendResult.failed("fake", reason, code=code, retryable=retryable, **kwargs)


# --- queueing --------------------------------------------------------------------------------


def test_a_queued_text_is_a_row_and_an_event(station, outbox):
    station.settings.set("sms.signature", "芒艾村服务站")
    event = queue(station, outbox, "parcel-1")
    [text] = outbox.outbox()
    assert event.type == "sms.queued" and event.entity_id == text.id
    assert (
        text.text
        == "【芒艾村服务站】您的圆通快递(运单尾号0521)已到站,取件码A-1-0451,请于11月25日前领取。"
    )
    assert (text.status, text.purpose, text.entity_key) == ("queued", "parcel_arrival", "parcel-1")
    assert text.masked_phone == "尾号5678" and text.phone == PHONE
    assert (text.chars, text.parts) == (len(text.text), 1)


def test_texts_are_signed_with_the_station_name_until_a_signature_is_set(station, outbox):
    queue(station, outbox, "parcel-1")
    assert outbox.outbox()[0].text.startswith("【孟定镇芒艾村电商服务站】您的圆通快递")


def test_the_same_purpose_and_entity_is_queued_only_once(station, outbox):
    assert queue(station, outbox, "parcel-1") is not None
    before = station.events.count()
    assert queue(station, outbox, "parcel-1", codes="B-2-0002") is None
    assert len(outbox.outbox()) == 1
    assert station.events.count() == before


def test_the_outbox_table_itself_refuses_a_second_row_for_the_same_purpose_and_entity(
    station, outbox
):
    queue(station, outbox, "parcel-1")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        station.conn.execute(
            "INSERT INTO sms_outbox (id, purpose, entity_key, phone, template, params,"
            " signature, chars, parts, status, created_at)"
            " SELECT 'another-id', purpose, entity_key, phone, template, params, signature,"
            " chars, parts, status, created_at FROM sms_outbox"
        )


def test_a_parcel_in_a_grouped_text_is_held_to_one_text_by_the_database_too(station, outbox):
    queue(station, outbox, "p1")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        station.conn.execute(
            "INSERT INTO sms_subjects (purpose, entity_key, text_id)"
            " VALUES ('parcel_arrival', 'p1', 'another-id')"
        )


def test_a_refused_duplicate_leaves_the_rest_of_the_callers_transaction(
    station, outbox, monkeypatch
):
    queue(station, outbox, "parcel-1")
    with stub_line(monkeypatch), station.log.batch() as batch:
        batch.append("parcel.noted", entity_id="parcel-1", operator=station.operator.id)
        again = outbox.queue_text(
            batch, purpose="parcel_arrival", entity_key="parcel-1", phone=PHONE,
            template="parcel_arrival", params=ARRIVAL, operator=station.operator.id,
        )  # fmt: skip
    assert again is None
    assert station.events.find(batch.events[0].id) is not None
    assert station.events.verify().ok


def test_a_text_rolls_back_with_the_transaction_it_was_queued_in(station, outbox):
    with pytest.raises(RuntimeError), station.log.batch() as batch:
        outbox.queue_text(
            batch, purpose="parcel_arrival", entity_key="parcel-1", phone=PHONE,
            template="parcel_arrival", params=ARRIVAL, operator=station.operator.id,
        )  # fmt: skip
        raise RuntimeError("the parcel could not be shelved")
    assert outbox.outbox() == []


def test_three_parcels_for_one_phone_within_the_window_make_one_text(station, outbox, clock):
    queue(station, outbox, "p1", group=True, codes="A-1-0001", tails="0521")
    clock.advance(minutes=3)
    queue(station, outbox, "p2", group=True, codes="A-1-0002", tails="3312", carrier="中通")
    clock.advance(minutes=3)
    event = queue(station, outbox, "p3", group=True, codes="B-2-0003", tails="7788")
    [text] = outbox.outbox()
    assert event.payload["amends"] == text.id
    assert "取件码A-1-0001、A-1-0002、B-2-0003," in text.text
    assert "您的圆通、中通快递(运单尾号0521、3312、7788)" in text.text
    assert outbox.find("parcel_arrival", "p2") == text


def test_parcels_outside_the_window_make_two_texts(station, outbox, clock):
    queue(station, outbox, "p1", group=True, codes="A-1-0001")
    clock.advance(minutes=11)
    queue(station, outbox, "p2", group=True, codes="A-1-0002")
    texts = outbox.outbox()
    assert len(texts) == 2
    assert [("A-1-0002" in t.text, "A-1-0001" in t.text) for t in texts] == [
        (True, False),
        (False, True),
    ]


def test_a_grouped_text_is_held_for_the_window_so_later_parcels_can_join(station, outbox, clock):
    queue(station, outbox, "p1", group=True)
    assert outbox.due() == []
    assert "so that more parcels" in outbox.outbox()[0].waiting_reason
    clock.advance(minutes=10)
    assert [t.entity_key for t in outbox.due()] == ["p1"]


def test_a_parcel_that_joined_a_text_cannot_get_a_second_one(station, outbox, clock):
    queue(station, outbox, "p1", group=True, codes="A-1-0001")
    queue(station, outbox, "p2", group=True, codes="A-1-0002")
    clock.advance(minutes=30)
    assert queue(station, outbox, "p2", codes="A-1-0002") is None
    assert len(outbox.outbox()) == 1


def test_a_list_field_given_by_its_singular_name_still_groups(station, outbox):
    text = outbox.render("parcel_arrival", {**ARRIVAL, "carrier": "韵达"})
    assert "您的韵达快递" in text.text


@pytest.mark.parametrize(
    ("kept", "joining", "merged"),
    [
        ({"codes": "A-1-0001"}, {"codes": "A-1-0002"}, {"codes": "A-1-0001、A-1-0002"}),
        ({"carriers": "圆通"}, {"carriers": "圆通"}, {"carriers": "圆通"}),
        ({"deadline": "11月25日"}, {"deadline": "11月26日"}, {"deadline": "11月25日"}),
        ({"codes": "A、B"}, {"codes": "B、C", "days": "3"}, {"codes": "A、B、C", "days": "3"}),
    ],
)
def test_grouping_joins_list_fields_and_keeps_the_first_value_of_others(kept, joining, merged):
    assert merge_params(kept, joining) == merged


# --- rendering and refusals ------------------------------------------------------------------


@pytest.mark.parametrize(("chars", "parts"), [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3)])
def test_seventy_characters_are_one_part_and_longer_texts_go_in_parts_of_67(chars, parts):
    assert count_parts(chars) == parts


def test_a_140_character_text_shows_three_parts(station, outbox):
    short = outbox.render("parcel_arrival", ARRIVAL)
    codes = ARRIVAL["codes"] + "、" + "A" * (140 - short.chars - 1)
    rendered = outbox.render("parcel_arrival", {**ARRIVAL, "codes": codes})
    assert (rendered.chars, rendered.parts) == (140, 3)
    queue(station, outbox, "p1", codes=codes)
    assert (outbox.outbox()[0].chars, outbox.outbox()[0].parts) == (140, 3)


def test_a_text_over_500_characters_is_refused(outbox):
    with pytest.raises(ValidationError, match="at most 500"):
        outbox.render("parcel_arrival", {**ARRIVAL, "codes": "A" * 480})


def test_a_template_field_left_empty_is_refused(outbox):
    with pytest.raises(ValidationError, match="needs a value for deadline"):
        outbox.render("parcel_arrival", {**ARRIVAL, "deadline": " "})


@pytest.mark.parametrize(
    ("number", "message"),
    [("0883-6123456", "landline"), ("12345", "not a mobile number"), ("", "Enter a mobile")],
)
def test_a_number_that_cannot_get_texts_is_refused_and_nothing_is_written(
    station, outbox, number, message
):
    before = station.events.count()
    with pytest.raises(ValidationError, match=message):
        queue(station, outbox, "p1", phone=number)
    assert station.events.count() == before and outbox.outbox() == []


# --- the do-not-text list --------------------------------------------------------------------


def test_a_number_on_the_do_not_text_list_gets_nothing(station, outbox):
    outbox.do_not_text.add("+86 138-1234-5678", "村民要求不发短信")
    assert queue(station, outbox, "p1") is None
    assert outbox.outbox() == []
    assert [(e.phone, e.reason, e.added_by) for e in outbox.do_not_text.list()] == [
        (PHONE, "村民要求不发短信", "岩温")
    ]


def test_listing_a_number_cancels_its_waiting_texts_but_keeps_them(station, outbox):
    queue(station, outbox, "p1")
    outbox.do_not_text.add(PHONE, "村民要求不发短信")
    [text] = outbox.outbox()
    assert text.status == "failed" and "do-not-text list" in text.last_error


def test_a_number_taken_off_the_list_gets_texts_again(station, outbox):
    outbox.do_not_text.add(PHONE, "村民要求不发短信")
    outbox.do_not_text.remove(PHONE, "村民又同意了")
    assert PHONE not in outbox.do_not_text
    assert queue(station, outbox, "p1") is not None


def test_only_the_manager_takes_a_number_off_the_list(station, outbox):
    outbox.do_not_text.add(PHONE, "村民要求不发短信")
    station.operators.add(name="玉香", pin="2468")
    station.login("玉香", "2468")
    with pytest.raises(PermissionDenied):
        outbox.do_not_text.remove(PHONE, "村民又同意了")


def test_a_number_is_listed_once(outbox):
    outbox.do_not_text.add(PHONE, "村民要求不发短信")
    with pytest.raises(StateError, match="尾号5678 is already on the do-not-text list"):
        outbox.do_not_text.add(PHONE, "又说了一遍")


# --- delivery --------------------------------------------------------------------------------


def test_a_delivered_text_is_sent_with_its_id_signature_and_parameters(station, outbox):
    queue(station, outbox, "p1")
    provider = FakeProvider()
    [(text_id, result)] = deliver_due(outbox, provider)
    [given] = provider.sent
    assert result.ok
    assert (given.text_id, given.phone, given.template) == (text_id, PHONE, "parcel_arrival")
    assert given.signature == "孟定镇芒艾村电商服务站" and given.params["codes"] == "A-1-0451"
    text = outbox.get(text_id)
    assert (text.status, text.provider, text.provider_message_id) == ("sent", "fake", "msg-1")
    assert text.sent_at == station_clock.now_iso() and text.attempts == 1
    assert deliver_due(outbox, provider) == []  # never twice


def test_the_second_text_to_a_number_within_30_seconds_is_held_not_failed(station, outbox, clock):
    queue(station, outbox, "p1", codes="A-1-0001")
    queue(station, outbox, "p2", codes="A-1-0002")
    queue(station, outbox, "p3", phone=OTHER, codes="A-1-0003")
    provider = FakeProvider()
    assert len(deliver_due(outbox, provider)) == 2
    held = outbox.find("parcel_arrival", "p2")
    assert held.status == "queued" and held.attempts == 0
    assert "One text per 30 seconds" in held.waiting_reason
    clock.advance(seconds=29)
    assert deliver_due(outbox, provider) == []
    clock.advance(seconds=1)
    assert [text_id for text_id, _ in deliver_due(outbox, provider)] == [held.id]


@pytest.mark.parametrize(
    ("ago_seconds", "hold"),
    [
        ([], None),
        ([10], GAP_HOLD),
        ([30], None),
        ([40 + 60 * i for i in range(9)], None),
        ([40 + 60 * i for i in range(10)], DAILY_HOLD),
        ([86_400 + 40 + 60 * i for i in range(10)], None),  # a day ago no longer counts
    ],
)
def test_a_number_gets_one_text_per_30_seconds_and_ten_a_day(ago_seconds, hold):
    now = station_clock.parse_iso(START)
    found = number_hold([now - timedelta(seconds=s) for s in ago_seconds], now)
    assert (found.code if found else None) == hold


def test_a_retryable_refusal_keeps_the_text_queued_and_waits_longer_each_time(
    station, outbox, clock
):
    queue(station, outbox, "p1")
    provider = FakeProvider(*[refused("Try later.", retryable=True) for _ in range(4)])
    waits = []
    for attempt in range(1, 5):
        deliver_due(outbox, provider)
        text = outbox.outbox()[0]
        assert (text.status, text.attempts, text.last_error) == ("queued", attempt, "Try later.")
        next_try = station_clock.parse_iso(text.next_attempt_at)
        waits.append(next_try - clock.current)
        assert deliver_due(outbox, provider) == []  # not before its time
        clock.current = next_try
    assert waits == sorted(waits) and waits[0] >= timedelta(seconds=48)
    assert waits[-1] >= timedelta(minutes=6)
    deliver_due(outbox, provider)
    assert outbox.outbox()[0].status == "sent"


def test_the_wait_the_provider_asks_for_is_honoured(station, outbox, clock):
    queue(station, outbox, "p1")
    deliver_due(outbox, FakeProvider(refused(retryable=True, retry_after_s=900)))
    waits = station_clock.parse_iso(outbox.outbox()[0].next_attempt_at) - clock.current
    assert waits >= timedelta(minutes=15)


def test_a_permanent_refusal_fails_the_text_with_its_reason(station, outbox):
    queue(station, outbox, "p1")
    deliver_due(outbox, FakeProvider(refused("This is not a valid mobile number.")))
    [text] = outbox.outbox("failed")
    assert text.last_error == "This is not a valid mobile number." and text.next_attempt_at == ""
    assert outbox.due() == []


def test_a_text_that_keeps_failing_ends_failed_with_its_last_reason(station, outbox, clock):
    queue(station, outbox, "p1")
    provider = FakeProvider(*[refused("Try later.", retryable=True) for _ in range(200)])
    while outbox.outbox()[0].status == "queued":
        deliver_due(outbox, provider)
        clock.advance(hours=1, minutes=15)
    text = outbox.outbox()[0]
    assert text.status == "failed"
    assert text.last_error.startswith(f"Gave up after {text.attempts} tries")
    assert text.last_error.endswith("Try later.")


@pytest.mark.parametrize(
    ("attempt", "age_hours", "retryable", "provider_down", "ends"),
    [
        (1, 0, True, False, False),
        (1, 0, False, False, True),  # the number is wrong: trying again will not help
        (24, 20, True, False, True),  # tries used up
        (60, 20, False, True, False),  # no modem: the text's tries are not used up
        (2, 72, True, True, True),  # three days old: a pickup notice is no use any more
    ],
)
def test_a_text_ends_failed_when_refused_for_good_out_of_tries_or_too_old(
    attempt, age_hours, retryable, provider_down, ends
):
    age = timedelta(hours=age_hours)
    down = provider_down
    assert gives_up(attempt=attempt, age=age, retryable=retryable, provider_down=down) == ends


def test_a_failed_text_can_be_retried_by_an_operator(station, outbox):
    queue(station, outbox, "p1")
    deliver_due(outbox, FakeProvider(refused()))
    event = outbox.retry(outbox.outbox()[0].id)
    text = outbox.outbox()[0]
    assert event.type == "sms.queued" and (text.status, text.attempts) == ("queued", 0)
    deliver_due(outbox, FakeProvider())
    assert outbox.outbox()[0].status == "sent"


def test_only_a_failed_text_can_be_retried(station, outbox):
    queue(station, outbox, "p1")
    with pytest.raises(StateError, match="this one is waiting in the queue"):
        outbox.retry(outbox.outbox()[0].id)


def test_a_cancelled_text_is_kept_as_failed(station, outbox):
    queue(station, outbox, "p1")
    outbox.cancel(outbox.outbox()[0].id)
    [text] = outbox.outbox("failed")
    assert "Cancelled by an operator" in text.last_error
    assert deliver_due(outbox, FakeProvider()) == []
    with pytest.raises(StateError, match="Only a text still waiting"):
        outbox.cancel(text.id)


def test_texts_stay_queued_without_a_try_while_the_provider_is_not_ready(station, outbox):
    queue(station, outbox, "p1")
    provider = FakeProvider(ready=False)
    assert deliver_due(outbox, provider) == []
    assert provider.sent == [] and outbox.outbox()[0].attempts == 0


def test_a_provider_that_goes_down_stops_the_round_and_keeps_every_text(station, outbox):
    queue(station, outbox, "p1")
    queue(station, outbox, "p2", phone=OTHER)
    down = refused("No credit.", code="E2", provider_down=True)
    results = deliver_due(outbox, FakeProvider(down))
    assert len(results) == 1
    assert [t.status for t in outbox.outbox()] == ["queued", "queued"]
    assert sorted(t.attempts for t in outbox.outbox()) == [0, 1]


def test_a_text_being_sent_when_the_app_died_goes_back_to_the_queue(station, outbox, clock):
    queue(station, outbox, "p1")
    [claimed] = outbox.claim_due()
    assert outbox.outbox("sending") == [claimed] and outbox.due() == []
    clock.advance(minutes=6)
    assert [t.id for t in outbox.due()] == [claimed.id]


def test_a_sending_text_cannot_join_a_group_or_be_cancelled(station, outbox, clock):
    queue(station, outbox, "p1", group=True, codes="A-1-0001")
    clock.advance(minutes=10)
    [claimed] = outbox.claim_due()
    with pytest.raises(StateError):
        outbox.cancel(claimed.id)
    queue(station, outbox, "p2", group=True, codes="A-1-0002")  # still within the window
    assert len(outbox.outbox()) == 2 and "A-1-0002" not in outbox.get(claimed.id).text


def test_the_outbox_is_newest_first_and_counts_the_parts_waiting(station, outbox, clock):
    queue(station, outbox, "p1")
    clock.advance(minutes=1)
    queue(station, outbox, "p2", phone=OTHER)
    assert [t.entity_key for t in outbox.outbox()] == ["p2", "p1"]
    counts = outbox.counts()
    assert (counts["queued"], counts["parts_waiting"], counts["sent"]) == (2, 2, 0)


def test_the_outbox_is_rebuilt_from_the_events(station, outbox, clock):
    queue(station, outbox, "p1", group=True, codes="A-1-0001")
    queue(station, outbox, "p2", group=True, codes="A-1-0002")
    queue(station, outbox, "p3", phone=OTHER)
    queue(station, outbox, "p4", phone="13700001111")
    outbox.do_not_text.add("13600002222", "村民要求不发短信")
    clock.advance(minutes=10)
    deliver_due(outbox, FakeProvider(refused(), refused("Later.", retryable=True)))
    outbox.retry(outbox.outbox("failed")[0].id)
    outbox.cancel(outbox.find("parcel_arrival", "p4").id)
    clock.advance(minutes=5)
    deliver_due(outbox, FakeProvider())
    statuses = sorted(t.status for t in outbox.outbox())
    assert statuses == ["failed", "sent", "sent"]
    result = station.events.verify()
    assert result.ok, result.problems


# A text is not stored in its event: replay renders it again from the template. So a template's
# text never changes under its name; a new wording is a new template name.
FROZEN_TEMPLATES = {
    "parcel_arrival": "bc3391bfb04a1d05",
    "parcel_reminder": "43bc20751838d9c8",
    "sms_test": "85cb7e7354567949",
}


def test_no_shipped_sms_template_changes_its_text():
    import hashlib
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "resources" / "sms" / "templates.json"
    templates = json.loads(path.read_text(encoding="utf-8"))
    digests = {
        name: hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        for name, text in templates.items()
        if name in FROZEN_TEMPLATES
    }
    assert digests == FROZEN_TEMPLATES, "add a new template name instead of changing a text"
