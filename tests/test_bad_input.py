"""Bad input is refused before anything is written: hidden characters in names, digits that are
not 0-9, a shelf removed while parcels wait on it."""

from __future__ import annotations

import re

import pytest

from stationapp.core import StateError, Station, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.i18n import Term
from stationapp.core.idcard import check_character
from stationapp.core.text import clean_name

PHONE = "13812345678"
ID_FIRST17 = "53092619900307002"
ID_NUMBER = ID_FIRST17 + check_character(ID_FIRST17)

# what was accepted before and may not be: each with the words its refusal must name
BAD_NAMES = [
    pytest.param("张\x00三", "control character (U+0000)", id="NUL"),
    pytest.param("\x1b[31m张三\x1b[0m", "control character (U+001B)", id="ANSI"),
    pytest.param("张三\x07", "control character (U+0007)", id="BEL"),
    pytest.param("张三\x08\x08李四", "control character (U+0008)", id="BS"),
    pytest.param("\u202e三张", "text-direction mark (U+202E)", id="RLO"),
    pytest.param("张\u2067三", "text-direction mark (U+2067)", id="RLI"),
    pytest.param("张三\u200f", "text-direction mark (U+200F)", id="RLM"),
    pytest.param("\u200b\u200b", "only invisible characters", id="zero-width-only"),
    pytest.param("\ufeff\u2060 \u200d", "only invisible characters", id="zero-width-mix"),
    pytest.param("张三\uffff", "invisible or invalid character (U+FFFF)", id="U+FFFF"),
    pytest.param("张三\ufdd0", "invisible or invalid character (U+FDD0)", id="U+FDD0"),
    pytest.param("张\u00ad三", "invisible or invalid character (U+00AD)", id="soft-hyphen"),
]

GOOD_NAMES = [
    ("阿卜杜拉·买买提", "阿卜杜拉·买买提"),
    ("  岩 温  ", "岩 温"),
    ("Maria Chen", "Maria Chen"),
    ("张*", "张*"),
    ("张\u200b三", "张三"),  # a zero-width space pasted inside is dropped
    ("\U00031350姓", "\U00031350姓"),  # a Han character of Extension H (Unicode 15)
]


@pytest.fixture(autouse=True)
def clock():
    manual = station_clock.ManualClock("2026-11-23T10:00:00+08:00")
    station_clock.set_clock(manual)
    return manual


def sending_fields(**overrides):
    fields = {
        "sender_name": "岩温",
        "sender_phone": "13812340521",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "item_name": "普洱茶",
        "item_category": "food",
        "item_count": 2,
        "recipient_name": "李小明",
        "recipient_phone": "13987654321",
        "recipient_address": "云南省昆明市五华区青年路 100 号",
        "carrier": "ZTO",
        "weight_g": 1200,
        "fee_fen": 1200,
        "payment": "cash",
    }
    return {**fields, **overrides}


def event_count(station: Station) -> int:
    return station.conn.execute("SELECT count(*) FROM event_log").fetchone()[0]


@pytest.mark.parametrize(("name", "words"), BAD_NAMES)
def test_a_name_with_hidden_characters_is_refused_saying_which(name, words):
    with pytest.raises(ValidationError, match=f"^the name .*{re.escape(words)}"):
        clean_name(name, what=Term("the name"), limit=20)


@pytest.mark.parametrize(("name", "stored"), GOOD_NAMES)
def test_ordinary_names_stay_as_typed(name, stored):
    assert clean_name(name, what=Term("the name"), limit=20) == stored


@pytest.mark.parametrize(("name", "words"), BAD_NAMES)
def test_a_recipient_name_with_hidden_characters_is_refused_before_any_event(
    station, name, words
):
    before = event_count(station)
    with pytest.raises(ValidationError, match=f"recipient's name .*{re.escape(words)}"):
        station.parcels.receive(
            waybill="SF1234567890123", recipient_phone=PHONE, recipient_name=name
        )
    assert event_count(station) == before
    assert station.conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 0


def test_a_known_customer_is_not_renamed_to_a_name_with_hidden_characters(station):
    station.parcels.receive(
        waybill="SF1234567890123", recipient_phone=PHONE, recipient_name="张三"
    )
    with pytest.raises(ValidationError, match=r"U\+202E"):
        station.parcels.receive(
            waybill="SF1234567890124", recipient_phone=PHONE, recipient_name="\u202e三张"
        )
    assert station.parcels.customer_by_phone(PHONE)["name"] == "张三"


def test_a_collector_name_with_an_escape_is_refused(station):
    parcel = station.parcels.receive(
        waybill="SF1234567890123", recipient_phone=PHONE, recipient_name="张三"
    )
    before = event_count(station)
    with pytest.raises(ValidationError, match=r"collector's name .*U\+001B"):
        station.parcels.pick_up(
            [parcel.id], proxy_name="李四\x1b[2J", proxy_phone="13987654321"
        )
    assert event_count(station) == before


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("sender_name", "sender's name"),
        ("recipient_name", "recipient's name"),
        ("item_name", "item's name"),
        ("recipient_address", "address"),
    ],
)
def test_sending_refuses_hidden_characters_in_its_names(station, field, label):
    before = event_count(station)
    with pytest.raises(ValidationError, match=f"{label} .*U\\+0000"):
        station.sending.send(**sending_fields(**{field: "阿卜杜拉\x00·买买提"}))
    assert event_count(station) == before


@pytest.mark.parametrize(("name", "words"), BAD_NAMES)
def test_an_operator_name_with_hidden_characters_is_refused(station, name, words):
    before = event_count(station)
    with pytest.raises(ValidationError, match=f"operator's name .*{re.escape(words)}"):
        station.operators.add(name=name, pin="2468")
    assert event_count(station) == before


def test_an_operator_with_a_dotted_name_is_added(station):
    assert station.operators.add(name=" 阿卜杜拉·买买提 ", pin="2468").name == "阿卜杜拉·买买提"


@pytest.mark.parametrize(("name", "words"), BAD_NAMES)
def test_a_station_name_with_hidden_characters_is_refused(station, name, words):
    before = event_count(station)
    with pytest.raises(ValidationError, match=f"station's name .*{re.escape(words)}"):
        station.settings.set("station.name", name)
    assert event_count(station) == before


def test_a_new_station_with_an_escape_in_its_name_or_manager_is_not_made(tmp_path):
    with pytest.raises(ValidationError, match=r"station's name .*U\+001B"):
        Station.create(
            tmp_path / "a", name="芒艾村\x1b]0;x\x07站", manager_name="岩温", manager_pin="1234"
        )
    with pytest.raises(ValidationError, match=r"operator's name .*U\+202E"):
        Station.create(
            tmp_path / "b", name="芒艾村服务站", manager_name="\u202e温岩", manager_pin="1234"
        )
    assert not Station.exists(tmp_path / "a") and not Station.exists(tmp_path / "b")


# --- digits -------------------------------------------------------------------------------------

FOREIGN_AMOUNTS = [
    pytest.param("٥٠", "٥٠", id="arabic-indic"),
    pytest.param("۵۰", "۵۰", id="persian"),
    pytest.param("५०", "५०", id="devanagari"),
    pytest.param("¥1٢.50", "٢", id="one-arabic-digit"),
    pytest.param("5²", "²", id="superscript"),
    pytest.param("①元", "①", id="circled"),
]


@pytest.mark.parametrize(("typed", "digits"), FOREIGN_AMOUNTS)
def test_an_amount_in_digits_other_than_0_to_9_is_refused(typed, digits):
    from stationapp.core.money import parse_money

    with pytest.raises(ValidationError, match=f"digits other than 0–9 \\({digits}\\)"):
        parse_money(typed)


@pytest.mark.parametrize(("typed", "fen"), [("５０", 5000), ("¥１２.５０", 1250), ("50", 5000)])
def test_full_width_digits_are_0_to_9_in_amounts(typed, fen):
    from stationapp.core.money import parse_money

    assert parse_money(typed) == fen


@pytest.mark.parametrize(
    ("field", "typed", "label"),
    [("item_count", "٢", "the item count"), ("fee_fen", "١٢٠٠", "the fee in fen")],
)
def test_a_sending_count_or_fee_in_other_digits_is_refused(station, field, typed, label):
    before = event_count(station)
    with pytest.raises(ValidationError, match=f"{label} must be a whole number"):
        station.sending.send(**sending_fields(**{field: typed}))
    assert event_count(station) == before


@pytest.mark.parametrize("pin", ["١٢٣٤", "۱۲۳۴", "१२३४", "12३4"])
def test_a_pin_in_another_script_s_digits_is_refused(station, pin):
    before = event_count(station)
    with pytest.raises(ValidationError, match="digits 0–9 only"):
        station.operators.add(name="玉香", pin=pin)
    with pytest.raises(ValidationError, match="digits 0–9 only"):
        station.operators.reset_pin(station.operator.id, pin)
    assert event_count(station) == before


def test_a_pin_set_in_full_width_digits_logs_in_with_either_form(station):
    station.operators.add(name="玉香", pin="２４６８")
    assert station.login("玉香", "2468").name == "玉香"
    assert station.login("玉香", "２４６８").name == "玉香"


# --- shelves ------------------------------------------------------------------------------------


def receive_on(station: Station, shelf: str, layer: int, n: int) -> None:
    for i in range(n):
        station.parcels.receive(
            waybill=f"SF{ord(shelf)}{layer}{i:08d}",
            recipient_phone=PHONE,
            recipient_name="张三",
            carrier="SF",
            shelf=shelf,
            layer=layer,
        )


def test_removing_a_shelf_parcels_wait_on_is_refused_saying_how_many(station):
    receive_on(station, "C", 2, 3)
    before = event_count(station)
    with pytest.raises(
        StateError, match=r"Shelf C still holds 3 waiting parcels, so it cannot be removed yet"
    ):
        station.settings.set("parcels.shelves", "A:4, B:4")
    assert event_count(station) == before
    assert [s.name for s in station.parcels.shelves()] == ["A", "B", "C"]
    assert station.parcels.check_shelf("C", []).missing  # the shelf check still knows shelf C


def test_removing_layers_parcels_wait_on_is_refused_and_fewer_layers_above_them_are_not(station):
    receive_on(station, "A", 4, 2)
    receive_on(station, "A", 3, 1)
    with pytest.raises(StateError, match=r"Shelf A still holds 3 waiting parcels above layer 2"):
        station.settings.set_many({"parcels.shelves": "A:2, B:4, C:4"})
    with pytest.raises(StateError, match=r"above layer 3: keep 4 layers"):
        station.settings.set("parcels.shelves", "A:3, B:4, C:4")
    assert station.settings.set("parcels.shelves", "A:4, B:2") is not None


def test_a_shelf_is_removed_once_its_parcels_are_gone(station):
    receive_on(station, "C", 1, 1)
    parcel = station.parcels.find("张三")[0]
    station.parcels.pick_up([parcel.id])
    station.settings.set("parcels.shelves", "A:4, B:4")
    assert [s.name for s in station.parcels.shelves()] == ["A", "B"]


# --- phones at intake and sending ---------------------------------------------------------------


def test_a_new_recipient_in_an_unassigned_block_is_asked_about_once(station):
    from stationapp.core.phone import UnlistedNumber

    before = event_count(station)
    with pytest.raises(UnlistedNumber, match="the block 154 is not assigned"):
        station.parcels.receive(
            waybill="SF1234567890123", recipient_phone="154 1234 5678", recipient_name="张三"
        )
    assert event_count(station) == before
    parcel = station.parcels.receive(
        waybill="SF1234567890123",
        recipient_phone="154 1234 5678",
        recipient_name="张三",
        confirm_phone=True,
    )
    assert parcel.recipient_phone == "15412345678"
    again = station.parcels.receive(waybill="SF1234567890124", recipient_phone="15412345678")
    assert again.recipient_name == "张三"  # a number the station knows is not asked again


@pytest.mark.parametrize("number", ["14012345678", "14912345678"])
def test_a_data_card_number_is_refused_at_intake_even_when_confirmed(station, number):
    before = event_count(station)
    with pytest.raises(ValidationError, match="data-card number"):
        station.parcels.receive(
            waybill="SF1234567890123",
            recipient_phone=number,
            recipient_name="张三",
            confirm_phone=True,
        )
    assert event_count(station) == before


def test_a_sender_in_an_unassigned_block_is_a_warning_until_confirmed(station):
    from stationapp.core.phone import UnlistedNumber

    before = event_count(station)
    with pytest.raises(UnlistedNumber):
        station.sending.send(**sending_fields(sender_phone="16912345678"))
    assert event_count(station) == before
    sent = station.sending.send(**sending_fields(sender_phone="16912345678"), confirm_phone=True)
    assert sent.sender_phone == "16912345678"


def test_a_sent_parcel_to_a_landline_of_the_wrong_length_is_refused(station):
    with pytest.raises(ValidationError, match="after the area code 0871, but numbers there have 8"):
        station.sending.send(**sending_fields(recipient_phone="0871-6512345"))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("parcels.shelves", "A:٤, B:4"),
        ("parcels.overdue_days", "٥"),
        ("idle_lock_minutes", "١٠"),
    ],
)
def test_settings_refuse_digits_other_than_0_to_9(station, key, value):
    before = event_count(station)
    with pytest.raises(ValidationError):
        station.settings.set(key, value)
    assert event_count(station) == before
