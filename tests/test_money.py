import pytest

from stationapp.core.errors import ValidationError
from stationapp.core.money import fen_to_yuan_str, format_money, parse_money
from stationapp.i18n import install_core_translator


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("12.5", 1250),
        ("12.50", 1250),
        ("12.50元", 1250),
        ("¥12", 1200),
        ("￥12", 1200),
        ("12元", 1200),
        ("0.05", 5),
        (".5", 50),
        ("12.", 1200),
        ("1,234.50", 123450),
        ("123,456", 12345600),
        ("１２．５", 1250),
        ("  12.50 ", 1250),
        ("¥ 12.50", 1250),
        ("RMB 8", 800),
        ("0", 0),
        ("12元整", 1200),
        ("1000000", 100_000_000),
    ],
)
def test_parse_money_reads_decimal_amounts_as_fen(typed, fen):
    assert parse_money(typed) == fen


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("12元5角", 1250),
        ("12元5角3分", 1253),
        ("12元3分", 1203),
        ("5角", 50),
        ("3分", 3),
        ("0元", 0),
        ("12块5毛", 1250),
        ("１２元５角", 1250),
        ("12 元 5 角", 1250),
    ],
)
def test_parse_money_accepts_yuan_and_jiao(typed, fen):
    assert parse_money(typed) == fen


def test_parse_money_never_goes_through_float():
    # 0.29 * 100 is 28.999999999999996 in binary floating point.
    assert parse_money("0.29") == 29
    assert parse_money("1.15") == 115


def test_parse_money_takes_an_int_as_fen_already():
    assert parse_money(1250) == 1250


@pytest.mark.parametrize("typed", ["-5", "-¥5", "¥-5", "−5", "-5元"])
def test_parse_money_reads_negative_amounts_when_allowed(typed):
    assert parse_money(typed, allow_negative=True) == -500


@pytest.mark.parametrize("typed", ["-5", "-0.01", "-¥3"])
def test_parse_money_refuses_negative_amounts_by_default(typed):
    with pytest.raises(ValidationError, match="is negative; enter it without the minus sign"):
        parse_money(typed)


def test_parse_money_refuses_a_negative_int():
    with pytest.raises(ValidationError, match=r"The amount -¥0\.05 is negative"):
        parse_money(-5)


def test_parse_money_reads_minus_zero_as_zero():
    assert parse_money("-0") == 0


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_parse_money_asks_for_an_amount_when_empty(typed):
    with pytest.raises(ValidationError, match=r"Enter an amount, like 12\.50\."):
        parse_money(typed)


@pytest.mark.parametrize(
    "typed", ["abc", "¥", ".", "12.3.4", "1,23", "12 5", "12元5", "5角12元", "-¥-5", "12$", "一百"]
)
def test_parse_money_refuses_text_that_is_not_an_amount(typed):
    with pytest.raises(ValidationError, match=r"is not an amount; write it like 12\.50 or 12元5角"):
        parse_money(typed)


def test_parse_money_names_the_typed_text_in_its_refusal():
    with pytest.raises(ValidationError) as refusal:
        parse_money("12x")
    assert str(refusal.value).startswith("12x is not an amount")


@pytest.mark.parametrize("typed", ["12.345", "0.001", "12.345元"])
def test_parse_money_refuses_more_than_two_decimals(typed):
    with pytest.raises(ValidationError, match=r"has more than two decimals; write it like 12\.50"):
        parse_money(typed)


@pytest.mark.parametrize("typed", ["12元15角", "12元5角10分", "10角"])
def test_parse_money_refuses_jiao_or_fen_of_more_than_one_digit(typed):
    with pytest.raises(ValidationError, match=r"take one digit each, 0 to 9"):
        parse_money(typed)


@pytest.mark.parametrize("typed", ["0", "0.00", "0元", 0])
def test_parse_money_refuses_zero_when_not_allowed(typed):
    with pytest.raises(ValidationError, match=r"cannot be zero here; enter an amount above ¥0\.00"):
        parse_money(typed, allow_zero=False)


@pytest.mark.parametrize("typed", ["1000000.01", "99999999", "1" * 40, 100_000_001])
def test_parse_money_refuses_absurd_amounts(typed):
    with pytest.raises(ValidationError, match=r"is more than ¥1,000,000\.00; check the digits"):
        parse_money(typed)


def test_parse_money_takes_a_lower_ceiling():
    assert parse_money("500", max_fen=50_000) == 50_000
    with pytest.raises(ValidationError, match=r"more than ¥500\.00"):
        parse_money("500.01", max_fen=50_000)


def test_parse_money_shortens_a_very_long_text_in_its_refusal():
    with pytest.raises(ValidationError) as refusal:
        parse_money("x" * 500)
    assert len(str(refusal.value)) < 100


@pytest.mark.parametrize("value", [12.5, True, None])
def test_parse_money_refuses_floats_and_other_types(value):
    with pytest.raises(TypeError):
        parse_money(value)


@pytest.mark.parametrize(
    ("fen", "shown"),
    [
        (1250, "¥12.50"),
        (0, "¥0.00"),
        (5, "¥0.05"),
        (-305, "-¥3.05"),
        (123450, "¥1234.50"),
        (999_999, "¥9999.99"),
        (1_000_000, "¥10,000.00"),
        (123_456_789, "¥1,234,567.89"),
        (-1_234_500, "-¥12,345.00"),
    ],
)
def test_format_money_groups_thousands_only_from_ten_thousand_yuan(fen, shown):
    assert format_money(fen) == shown


def test_format_money_groups_or_not_when_asked():
    assert format_money(123450, grouping=True) == "¥1,234.50"
    assert format_money(1_234_500, grouping=False) == "¥12345.00"


@pytest.mark.parametrize("value", [12.5, "1250"])
def test_format_money_refuses_anything_but_int_fen(value):
    with pytest.raises(TypeError):
        format_money(value)


@pytest.mark.parametrize(
    ("fen", "shown"), [(1250, "12.50"), (0, "0.00"), (-305, "-3.05"), (123_456_789, "1234567.89")]
)
def test_fen_to_yuan_str_gives_the_form_field_text(fen, shown):
    assert fen_to_yuan_str(fen) == shown


@pytest.mark.parametrize("fen", [0, 1, 99, 100, 1250, 123_456_789, -305])
def test_fen_to_yuan_str_parses_back_unchanged(fen):
    assert parse_money(fen_to_yuan_str(fen), allow_negative=True, max_fen=10**9) == fen


def test_money_refusals_read_in_chinese_when_the_translator_is_installed():
    install_core_translator("zh_CN")
    with pytest.raises(ValidationError) as refusal:
        parse_money("12.345")
    assert str(refusal.value) == "金额 12.345 的小数超过两位，请写成 12.50 这样的格式。"
