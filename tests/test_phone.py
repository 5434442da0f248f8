import pytest

from stationapp.core.errors import ValidationError
from stationapp.core.phone import (
    is_mobile,
    mask_phone,
    normalize_contact_phone,
    normalize_mobile,
    phone_tail,
)


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086 13812345678",
        "86 13812345678",
        "8613812345678",
        "(+86) 138-1234-5678",
        "１３８１２３４５６７８",
        " 13812345678\n",
    ],
)
def test_normalize_mobile_accepts_the_usual_spellings(typed):
    assert normalize_mobile(typed) == "13812345678"


@pytest.mark.parametrize("number", ["13000000000", "15912345678", "19912345678", "16612345678"])
def test_normalize_mobile_accepts_every_mobile_prefix_from_13_to_19(number):
    assert normalize_mobile(number) == number


@pytest.mark.parametrize("typed", ["", "   ", "+86"])
def test_normalize_mobile_asks_for_a_number_when_empty(typed):
    with pytest.raises(ValidationError, match="Enter a mobile number: 11 digits starting with 1"):
        normalize_mobile(typed)


@pytest.mark.parametrize(
    "typed", ["12812345678", "1381234567", "138123456789", "23812345678", "abc", "138l2345678"]
)
def test_normalize_mobile_says_what_a_mobile_number_looks_like(typed):
    with pytest.raises(
        ValidationError,
        match="is not a mobile number; a mobile number has 11 digits and starts with 13 to 19",
    ):
        normalize_mobile(typed)


@pytest.mark.parametrize("typed", ["1440123456789", "1064812345678"])
def test_normalize_mobile_refuses_iot_numbers_that_cannot_receive_texts(typed):
    with pytest.raises(ValidationError, match="IoT card number that cannot receive texts"):
        normalize_mobile(typed)


@pytest.mark.parametrize("typed", ["0883-6123456", "(010)12345678"])
def test_normalize_mobile_tells_a_landline_cannot_receive_texts(typed):
    with pytest.raises(ValidationError, match="is a landline, which cannot receive texts"):
        normalize_mobile(typed)


def test_normalize_mobile_names_the_typed_number_in_its_refusal():
    with pytest.raises(ValidationError) as refusal:
        normalize_mobile(" 12812345678 ")
    assert str(refusal.value).startswith("12812345678 is not a mobile number")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("+86 138 1234 5678", True), ("13812345678", True), ("12812345678", False), ("", False)],
)
def test_is_mobile_answers_without_raising(text, expected):
    assert is_mobile(text) is expected


def test_is_mobile_is_false_for_a_missing_number():
    assert is_mobile(None) is False


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "尾号5678"),
        ("+86 138 1234 5678", "尾号5678"),
        ("0883-6123456", "尾号3456"),
        ("010-12345678", "尾号5678"),
    ],
)
def test_mask_phone_shows_only_the_last_four_digits(number, masked):
    assert mask_phone(number) == masked


def test_mask_phone_never_prints_the_first_digits_with_stars():
    masked = mask_phone("13812345678")
    assert "138" not in masked
    assert "*" not in masked


@pytest.mark.parametrize(
    ("number", "masked"), [("123456789", "尾号789"), ("6123456", "尾号6"), ("95338", "尾号**")]
)
def test_mask_phone_hides_six_digits_even_of_a_short_number(number, masked):
    assert mask_phone(number) == masked


def test_mask_phone_of_no_number_is_empty():
    assert mask_phone("") == ""


@pytest.mark.parametrize(
    ("number", "tail"),
    [("13812345678", "5678"), ("138-1234-5678", "5678"), ("0883-6123456", "3456")],
)
def test_phone_tail_gives_the_last_four_digits(number, tail):
    assert phone_tail(number) == tail


def test_phone_tail_refuses_a_number_of_fewer_than_four_digits():
    with pytest.raises(ValidationError, match="has fewer than four digits; enter the whole phone"):
        phone_tail("123")


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("0883-6123456", "0883-6123456"),
        ("08836123456", "0883-6123456"),
        ("(0883)6123456", "0883-6123456"),
        ("0883 6123456", "0883-6123456"),
        ("（０８８３）６１２３４５６", "0883-6123456"),
        ("+86 883 6123456", "0883-6123456"),
        ("0883-1234567", "0883-1234567"),
        ("010-12345678", "010-12345678"),
        ("(010)12345678", "010-12345678"),
        ("021 6543 2100", "021-65432100"),
        ("0871-65123456", "0871-65123456"),
    ],
)
def test_normalize_contact_phone_writes_a_landline_with_a_dash_after_its_area_code(
    typed, normalized
):
    assert normalize_contact_phone(typed) == normalized


@pytest.mark.parametrize("typed", ["13812345678", "+86 138-1234-5678"])
def test_normalize_contact_phone_accepts_a_mobile(typed):
    assert normalize_contact_phone(typed) == "13812345678"


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("400-123-4567", "400-123-4567"),
        ("4001234567", "400-123-4567"),
        ("800 123 4567", "800-123-4567"),
        ("95338", "95338"),
        ("950616", "950616"),
        ("95 546", "95546"),
    ],
)
def test_normalize_contact_phone_accepts_service_numbers(typed, normalized):
    assert normalize_contact_phone(typed) == normalized


@pytest.mark.parametrize("typed", ["6123456", "65123456"])
def test_normalize_contact_phone_asks_for_the_area_code(typed):
    with pytest.raises(ValidationError, match="has no area code; write the landline with it"):
        normalize_contact_phone(typed)


@pytest.mark.parametrize("typed", ["12345", "0883-123", "12812345678", "station", "40012345678"])
def test_normalize_contact_phone_refuses_what_cannot_be_dialled(typed):
    with pytest.raises(ValidationError, match="is not a phone number the station can be reached"):
        normalize_contact_phone(typed)


def test_normalize_contact_phone_asks_for_a_number_when_empty():
    with pytest.raises(ValidationError, match="Enter the station's phone number"):
        normalize_contact_phone("  ")


DATA_CARD_BLOCKS = ["140", "141", "142", "143", "144", "146", "148", "149"]
UNASSIGNED_BLOCKS = ["154", "160", "163", "164", "168", "169", "174", "179", "194"]


@pytest.mark.parametrize("block", DATA_CARD_BLOCKS)
def test_a_data_card_number_is_refused_because_it_cannot_receive_texts(block):
    for confirmed in (False, True):
        with pytest.raises(ValidationError, match=r"data-card number .* cannot receive texts"):
            normalize_mobile(f"{block}12345678", confirmed=confirmed)
    assert not is_mobile(f"{block}12345678")


@pytest.mark.parametrize("block", DATA_CARD_BLOCKS[:2])
def test_a_data_card_number_is_no_contact_number_either(block):
    with pytest.raises(ValidationError, match="data-card number"):
        normalize_contact_phone(f"+86 {block} 1234 5678")


@pytest.mark.parametrize("block", UNASSIGNED_BLOCKS)
def test_a_number_in_an_unassigned_block_is_a_warning_the_operator_may_confirm(block):
    from stationapp.core.phone import UnlistedNumber

    with pytest.raises(UnlistedNumber, match=f"the block {block} is not assigned") as warning:
        normalize_mobile(f"{block} 1234 5678", confirmed=False)
    assert warning.value.level == "warning"
    assert warning.value.number == f"{block}12345678"
    assert normalize_mobile(f"{block} 1234 5678", confirmed=True) == f"{block}12345678"


@pytest.mark.parametrize("number", ["14512345678", "14712345678", "16212345678", "19212345678"])
def test_blocks_the_numbering_plan_lists_need_no_confirmation(number):
    assert normalize_mobile(number, confirmed=False) == number


@pytest.mark.parametrize(
    ("typed", "area", "length", "expected"),
    [
        ("010-1234567", "010", 7, 8),  # a 3-digit area code takes 8 digits
        ("021 6543210", "021", 7, 8),
        ("0883-61234567", "0883", 8, 7),  # 临沧: 7 digits
        ("0871-6512345", "0871", 7, 8),  # 昆明: 8 digits
        ("(0571)1234567", "0571", 7, 8),  # 杭州: 8 digits
    ],
)
def test_a_landline_of_the_wrong_length_for_its_area_code_is_refused(
    typed, area, length, expected
):
    with pytest.raises(
        ValidationError,
        match=f"has {length} digits after the area code {area}, but numbers there have "
        f"{expected}",
    ):
        normalize_contact_phone(typed)


def test_a_landline_with_an_area_code_the_plan_does_not_list_is_kept_as_typed():
    assert normalize_contact_phone("0399-1234567") == "0399-1234567"
