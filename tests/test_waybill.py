import pytest

from stationapp.core.errors import ValidationError
from stationapp.core.waybill import (
    CARRIERS,
    CarrierGuess,
    carrier_candidates,
    learning_prefix,
    normalize_waybill,
)
from stationapp.i18n import install_core_translator


def carriers(number: str, learned=None) -> list[str]:
    return [guess.carrier for guess in carrier_candidates(number, learned)]


def test_carriers_name_the_nine_carriers_in_chinese():
    assert CARRIERS == {
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


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("SF1234567890123", "SF1234567890123"),
        ("sf1234567890123", "SF1234567890123"),
        (" SF1234567890123\r\n", "SF1234567890123"),
        ("SF 1234 5678 90123", "SF1234567890123"),
        ("ＳＦ１２３４５６７８９０１２３", "SF1234567890123"),
        ("]C1SF1234567890123", "SF1234567890123"),
        ("]E073123456789012", "73123456789012"),
        ("7312345678\x1d9012", "73123456789012"),
        ("\ufeff73123456789012", "73123456789012"),
        ("JDVA11408814483-1-1", "JDVA11408814483"),
        ("JDVA16786843353-1-1-", "JDVA16786843353"),
        ("jdva16786843353-2-3-", "JDVA16786843353-2-3"),
        ("JD001234567890123-01-02-", "JD001234567890123-1-2"),
        ("RR123456785CN", "RR123456785CN"),
        ("AA473124829GB", "AA473124829GB"),
    ],
)
def test_normalize_waybill_cleans_what_a_scanner_or_a_person_typed(typed, normalized):
    assert normalize_waybill(typed) == normalized


@pytest.mark.parametrize("typed", ["", "  ", "\r\n", "]C1"])
def test_normalize_waybill_refuses_an_empty_number(typed):
    with pytest.raises(ValidationError, match="The waybill number is empty; scan the barcode"):
        normalize_waybill(typed)


@pytest.mark.parametrize("typed", ["1234567", "SF123", "A"])
def test_normalize_waybill_refuses_a_number_shorter_than_eight(typed):
    with pytest.raises(ValidationError, match=r"is too short \(\d characters, at least 8\)"):
        normalize_waybill(typed)


def test_normalize_waybill_accepts_eight_and_thirty_characters():
    assert normalize_waybill("12345678") == "12345678"
    assert normalize_waybill("A" * 30) == "A" * 30


def test_normalize_waybill_refuses_a_number_longer_than_thirty():
    with pytest.raises(ValidationError, match=r"too long for a waybill number \(31 characters"):
        normalize_waybill("1" * 31)


def test_normalize_waybill_says_a_scanned_qr_code_is_not_a_waybill():
    with pytest.raises(ValidationError, match="scan the waybill's barcode, not a QR code"):
        normalize_waybill("https://example.com/track?no=SF1234567890123")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("SF12.3456789", '"."'), ("7312345678901#", '"#"'), ("中通73123456789012", '"中通"')],
)
def test_normalize_waybill_names_the_characters_it_refuses(typed, shown):
    with pytest.raises(ValidationError, match="only letters, digits and '-'") as refusal:
        normalize_waybill(typed)
    assert f"contains {shown}" in str(refusal.value)


@pytest.mark.parametrize(
    ("number", "carrier"),
    [
        ("SF1234567890123", "SF"),
        ("SF14A5678901234", "SF"),
        ("YT1234567890123", "YTO"),
        ("YT123456789012", "YTO"),
        ("JT1234567890123", "JT"),
        ("JDVA11408814483", "JD"),
        ("JD0011408814483", "JD"),
        ("DPK123456789012", "DBL"),
        ("RR123456785CN", "EMS"),
        ("1123456789012", "EMS"),
        ("9812345678901", "EMS"),
        ("73123456789012", "ZTO"),
        ("78123456789012", "ZTO"),
        ("312345678901234", "YUNDA"),
        ("5312345678901", "YUNDA"),
        ("771234567890123", "STO"),
        ("123456789012", "SF"),
    ],
)
def test_carrier_candidates_put_the_carrier_whose_form_fits_first(number, carrier):
    assert carriers(number)[0] == carrier


@pytest.mark.parametrize(
    ("number", "ranked"),
    [
        ("77123456789012", ["ZTO", "STO"]),
        ("771234567890123", ["STO", "ZTO"]),
        ("431234567890123", ["YUNDA"]),
        ("8812345678901", ["EMS", "STO"]),
        ("771234567890", ["STO", "ZTO", "SF"]),
        ("512345678901", ["ZTO", "SF"]),
        ("5012345678901", ["YUNDA", "EMS"]),
    ],
)
def test_carrier_candidates_list_every_carrier_of_an_overlapping_digit_form(number, ranked):
    assert carriers(number) == ranked


def test_carrier_candidates_rank_by_score_best_first():
    guesses = carrier_candidates("77123456789012")
    assert [g.score for g in guesses] == sorted((g.score for g in guesses), reverse=True)
    assert all(0 < g.score <= 1 and g.reason for g in guesses)


def test_carrier_candidates_name_each_carrier_once():
    assert carriers("SF1234567890123") == ["SF"]


@pytest.mark.parametrize(
    "number", ["ABCD12345678", "3123456789012345678", "61234567890123", "XX-12345678"]
)
def test_carrier_candidates_are_empty_for_an_unknown_form(number):
    assert carrier_candidates(number) == []


def test_carrier_candidates_are_empty_for_text_that_is_no_waybill():
    assert carrier_candidates("") == []


def test_carrier_candidates_read_the_number_as_typed():
    assert carriers(" sf1234567890123\n") == ["SF"]


def test_carrier_candidates_put_a_learned_prefix_first():
    guesses = carrier_candidates("77123456789012", {"7712": "STO"})
    assert [g.carrier for g in guesses] == ["STO", "ZTO"]
    assert guesses[0].score == 1.0
    assert "confirmed" in guesses[0].reason


def test_carrier_candidates_take_a_learned_carrier_the_form_does_not_suggest():
    assert carriers("73123456789012", {"7312": "YUNDA"}) == ["YUNDA", "ZTO"]


def test_carrier_candidates_give_a_learned_carrier_for_an_unknown_form():
    assert carriers("ABCD12345678", {"ABCD": "DBL"}) == ["DBL"]


def test_carrier_candidates_prefer_the_longest_learned_prefix():
    learned = {"77": "YUNDA", "7712": "STO"}
    assert carriers("77123456789012", learned)[0] == "STO"
    assert carriers("77993456789012", learned)[0] == "YUNDA"


def test_carrier_candidates_ignore_a_learned_prefix_of_other_numbers():
    assert carriers("73123456789012", {"7712": "STO"}) == ["ZTO"]


def test_carrier_guess_is_a_frozen_record():
    guess = CarrierGuess("SF", 0.99, "SF and 13 digits")
    with pytest.raises(AttributeError):
        guess.carrier = "ZTO"


@pytest.mark.parametrize(
    ("number", "prefix"),
    [("77123456789012", "7712"), ("sf1234567890123", "SF12"), ("JDVA11408814483", "JDVA")],
)
def test_learning_prefix_is_the_first_four_characters_of_the_normalized_number(number, prefix):
    assert learning_prefix(number) == prefix


def test_a_learned_prefix_finds_the_next_number_from_the_same_sender():
    learned = {learning_prefix("77123456789012"): "STO"}
    assert carriers("77129999999999", learned)[0] == "STO"


def test_carrier_guess_reasons_read_in_chinese_when_the_translator_is_installed():
    from stationapp.core.i18n import translate

    install_core_translator("zh_CN")
    reason = carrier_candidates("73123456789012")[0].reason
    assert translate("CarrierGuess", reason) == "以 73–79 开头的 14 位数字：中通常见格式"


# DOMAIN.md's corrected table, one case per form it lists (carrier first among the candidates)
DOMAIN_TABLE = [
    ("SF123456789012", "SF"),  # SF + 12 digits
    ("SF1234567890123", "SF"),  # SF + 13 digits
    ("123456789012", "SF"),  # older: 12 digits
    ("712345678901", "ZTO"),  # 12 digits starting 7
    ("512345678901", "ZTO"),  # 12 digits starting 5
    ("73123456789012", "ZTO"),  # 14 digits starting 73-79
    ("79123456789012", "ZTO"),
    ("70123456789012", "ZTO"),  # 14 digits starting 70-72
    ("72123456789012", "ZTO"),
    ("751234567890123", "ZTO"),  # some 15
    ("YT123456789012", "YTO"),
    ("YT1234567890123", "YTO"),
    ("3123456789012", "YUNDA"),  # 13 digits starting 3 or 4
    ("4123456789012", "YUNDA"),
    ("312345678901234", "YUNDA"),  # 15 digits starting 3 or 4
    ("5312345678901", "YUNDA"),  # 13 digits starting 5
    ("531234567890123", "YUNDA"),  # 15 digits starting 5
    ("7712345678901", "STO"),  # 13 digits starting 77
    ("2681234567890", "STO"),  # 13 digits starting 268
    ("881234567890123", "STO"),  # 15 digits starting 88
    ("771234567890123", "STO"),
    ("268123456789012", "STO"),
    ("JT1234567890123", "JT"),
    ("1123456789012", "EMS"),  # 13 digits starting 1, 9 or 8
    ("9512345678901", "EMS"),
    ("8123456789012", "EMS"),
    ("RR123456785CN", "EMS"),  # S10 with a right check digit
    ("JDVA11408814483", "JD"),
    ("JD12345678901234", "JD"),  # JD + 14 digits
    ("JD123456789012345", "JD"),  # JD + 15 digits
    ("JDVA16786843353-1-1-", "JD"),  # the package label
    ("JDVA16786843353-2-3-", "JD"),
    ("DPK1234567890", "DBL"),  # DPK + 10
    ("DPK12345678901", "DBL"),  # DPK + 11
    ("DPK1234567890123", "DBL"),  # DPK + 13
]


@pytest.mark.parametrize(("number", "carrier"), DOMAIN_TABLE)
def test_every_form_of_the_domain_table_gets_its_carrier_among_the_candidates(number, carrier):
    assert carrier in carriers(number)


@pytest.mark.parametrize(
    ("number", "carrier"),
    [
        ("JD12345678901234", "JD"),
        ("DPK1234567890", "DBL"),
        ("70123456789012", "ZTO"),
        ("7712345678901", "STO"),
        ("2681234567890", "STO"),
        ("881234567890123", "STO"),
        ("3123456789012", "YUNDA"),
        ("531234567890123", "YUNDA"),
        ("JDVA16786843353-1-1-", "JD"),
    ],
)
def test_forms_that_got_no_carrier_before_get_theirs_first(number, carrier):
    assert carriers(number)[0] == carrier


@pytest.mark.parametrize(
    ("digits", "check"), [("47312482", 9), ("12345678", 5), ("00000000", 5), ("00000008", 0)]
)
def test_the_s10_check_digit_follows_upu_s10(digits, check):
    from stationapp.core.waybill import s10_check_digit

    assert s10_check_digit(digits) == check


@pytest.mark.parametrize(
    "typed", ["RR123456789CN", "RR123456795CN", "AA473124828GB", "EE213456785CN"]
)
def test_a_mistyped_s10_number_is_caught_by_its_check_digit(typed):
    with pytest.raises(ValidationError, match=r"check digit .* a digit was mistyped"):
        normalize_waybill(typed)
    assert carrier_candidates(typed) == []


def test_a_jd_package_label_and_its_waybill_are_the_same_parcel():
    assert normalize_waybill("JDVA16786843353-1-1-") == normalize_waybill("JDVA16786843353")
    assert learning_prefix("JDVA16786843353-1-1-") == "JDVA"
