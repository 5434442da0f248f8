from datetime import UTC, date, datetime

import pytest

from stationapp.core.clock import set_clock
from stationapp.core.errors import ValidationError
from stationapp.core.idcard import (
    TAG_BITS,
    birth_date,
    check_character,
    id_tag,
    id_tail,
    mask_id,
    new_key_pair,
    open_sealed_id,
    seal_id,
    tail_of_masked,
    validate_resident_id,
)

# GB 11643's own example, and numbers made with its rule.
WITH_X = "11010519491231002X"
VALID = "530102199001011231"
VALID_X = "53252719850315102X"


@pytest.mark.parametrize(
    ("first17", "check"),
    [("11010519491231002", "X"), ("53010219900101123", "1"), ("53252719850315102", "X")],
)
def test_check_character_follows_gb_11643(first17, check):
    assert check_character(first17) == check


def test_check_character_needs_seventeen_digits():
    with pytest.raises(ValueError, match="17 digits"):
        check_character("1234")


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        (WITH_X, WITH_X),
        (WITH_X.lower(), WITH_X),
        (VALID, VALID),
        (f" {VALID[:6]} {VALID[6:14]} {VALID[14:]} ", VALID),
        ("５３０１０２１９９００１０１１２３１", VALID),
        (VALID_X.lower(), VALID_X),
    ],
)
def test_validate_resident_id_gives_the_number_with_an_upper_case_x(typed, number):
    assert validate_resident_id(typed) == number


def test_validate_resident_id_asks_for_the_number_when_empty():
    with pytest.raises(ValidationError, match="Enter the 18-character ID number"):
        validate_resident_id("  ")


@pytest.mark.parametrize("typed", ["5301021990010112", "5301021990010112311", "53010219"])
def test_validate_resident_id_refuses_the_wrong_length(typed):
    with pytest.raises(
        ValidationError, match=rf"has {len(typed)} characters; a resident ID number has 18"
    ):
        validate_resident_id(typed)


def test_validate_resident_id_asks_for_the_current_card_for_an_old_15_digit_number():
    with pytest.raises(ValidationError, match="is an old 15-digit ID number; ask for the current"):
        validate_resident_id("530102900101123")


@pytest.mark.parametrize(
    "typed", ["5301021990010112A1", "X30102199001011231", "53010219900101123Y"]
)
def test_validate_resident_id_refuses_letters_other_than_a_last_x(typed):
    with pytest.raises(ValidationError, match="may hold only digits, with X allowed as the last"):
        validate_resident_id(typed)


def test_validate_resident_id_refuses_an_unknown_province():
    with pytest.raises(ValidationError, match="starts with 99, which is no province's code"):
        validate_resident_id("99" + VALID[2:])


@pytest.mark.parametrize("birth", ["19901301", "19900230", "18991231", "20990101", "19900100"])
def test_validate_resident_id_refuses_an_impossible_birth_date(birth):
    first17 = "530102" + birth + "123"
    with pytest.raises(ValidationError, match=rf"The birth date {birth} in the ID number"):
        validate_resident_id(first17 + check_character(first17))


@pytest.fixture
def today_2026_11_22():
    set_clock(lambda: datetime(2026, 11, 22, 12, 0, tzinfo=UTC))
    yield
    set_clock(None)


def test_validate_resident_id_refuses_a_birth_date_after_today(today_2026_11_22):
    first17 = "53010220261123123"
    with pytest.raises(ValidationError, match="is not a possible date"):
        validate_resident_id(first17 + check_character(first17))


def test_validate_resident_id_accepts_a_baby_born_today(today_2026_11_22):
    first17 = "53010220261122123"
    assert validate_resident_id(first17 + check_character(first17)).startswith(first17)


@pytest.mark.parametrize(
    "typed",
    [
        VALID[:-1] + "2",  # wrong check digit
        "530102199001011321",  # two digits swapped
        "530102199001011291",  # one digit misread
        WITH_X[:-1] + "0",
    ],
)
def test_validate_resident_id_says_the_check_digit_is_wrong_and_to_re_read_the_card(typed):
    with pytest.raises(ValidationError, match=r"check digit .* is wrong.*re-read the card"):
        validate_resident_id(typed)


def test_validate_resident_id_does_not_tell_the_right_check_digit():
    with pytest.raises(ValidationError) as refusal:
        validate_resident_id(VALID[:-1] + "2")
    assert "1" not in str(refusal.value).replace(VALID[:-1] + "2", "")


def test_birth_date_reads_the_date_from_the_number():
    assert birth_date(WITH_X) == date(1949, 12, 31)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        (VALID, "**************1231"),
        (WITH_X.lower(), "**************002X"),
    ],
)
def test_mask_id_shows_only_the_last_four(number, masked):
    assert mask_id(number) == masked


def test_mask_id_hides_region_and_birth_date():
    masked = mask_id(VALID)
    assert "1990" not in masked and "5301" not in masked
    assert len(masked) == 18
    assert sum(ch != "*" for ch in masked) == 4


@pytest.mark.parametrize(("number", "masked"), [("E12345678", "*******78"), ("AB12", "***2")])
def test_mask_id_shows_at_most_a_quarter_of_other_document_numbers(number, masked):
    assert mask_id(number) == masked


def test_mask_id_of_nothing_is_empty():
    assert mask_id("") == ""


@pytest.mark.parametrize(
    ("masked", "tail"),
    [("5301**********1231", "1231"), ("530902********002x", "002X"), ("E1*****78", "78"), ("", "")],
)
def test_an_older_masked_number_gives_its_tail(masked, tail):
    assert tail_of_masked(masked) == tail


def test_id_tail_is_the_last_four_however_typed():
    assert id_tail(f" {WITH_X.lower()} ") == "002X"


def test_id_tag_has_four_bits_and_is_the_same_however_typed():
    tags = {id_tag(f"{VALID[:14]}{n:03d}{check_character(VALID[:14] + f'{n:03d}')}", b"k")
            for n in range(200)}
    assert tags == set(range(2**TAG_BITS))  # every value is used
    assert id_tag(WITH_X, b"key") == id_tag(f" {WITH_X.lower()} ", b"key")


@pytest.mark.parametrize("key", [b"", "text-key", None])
def test_id_tag_needs_a_non_empty_bytes_key(key):
    with pytest.raises(ValueError, match="key"):
        id_tag(VALID, key)


def test_a_sealed_number_opens_with_the_private_key_only():
    private, public = new_key_pair()
    other_private, _ = new_key_pair()
    sealed = seal_id(f" {WITH_X.lower()} ", public)
    assert WITH_X not in sealed and sealed.startswith("nacl-sealed:")
    assert open_sealed_id(sealed, private) == WITH_X
    with pytest.raises(ValueError, match="another key"):
        open_sealed_id(sealed, other_private)
    assert seal_id(WITH_X, public) != sealed  # a fresh ephemeral key every time


@pytest.mark.parametrize("key", ["", "not base64!", "AAAA"])
def test_sealing_refuses_what_is_not_a_key(key):
    with pytest.raises(ValueError, match="32 bytes"):
        seal_id(VALID, key)
