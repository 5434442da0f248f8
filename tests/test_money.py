import pytest

from stationapp.core.errors import ValidationError
from stationapp.core.events import canonical_json
from stationapp.core.money import (
    METHODS,
    Entry,
    Money,
    fen_to_yuan_str,
    format_money,
    method_name,
    money_of,
    parse_money,
    refund_within,
)
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


# --- money entries (DESIGN §3) ---------------------------------------------------------------


def test_money_reads_and_writes_the_payload_list_in_its_order():
    items = [{"method": "wechat", "fen": 500}, {"method": "cash", "fen": 300}]
    money = Money.from_payload(items)
    assert money.entries == (Entry("wechat", 500), Entry("cash", 300))
    assert money.to_payload() == items


def test_money_in_a_payload_is_plain_canonical_json():
    payload = {"money": Money.of("cash", 800).to_payload()}
    assert canonical_json(payload) == '{"money":[{"fen":800,"method":"cash"}]}'


@pytest.mark.parametrize(
    ("items", "says"),
    [
        ([{"method": "credit", "fen": 800}], r"'credit' is not a way money moves here"),
        ([{"method": "monthly", "fen": 800}], r"'monthly' is not a way money moves here"),
        ([{"method": "Cash", "fen": 800}], r"'Cash' is not a way money moves here"),
        ([{"method": "cash", "fen": 8.0}], r"a whole number of fen, not 8\.0"),
        ([{"method": "cash", "fen": True}], r"a whole number of fen, not True"),
        ([{"method": "cash", "fen": "800"}], r"a whole number of fen, not '800'"),
        ([{"method": "cash", "fen": None}], r"a whole number of fen, not None"),
        ([{"method": "cash", "fen": 0}], r"¥0\.00 by Cash moves no money"),
        ([{"method": "cash", "fen": 800}, {"method": "bank", "fen": 0}], r"¥0\.00 by Bank"),
        ([{"method": "cash", "fen": 100_000_001}], r"more than ¥1,000,000\.00"),
        ([], r"Money must move here"),
        ([{"method": "cash"}], r"a list of entries, each a method and an amount in fen"),
        ([{"method": "cash", "fen": 8, "note": "x"}], r"a list of entries"),
        ([["cash", 800]], r"a list of entries"),
        ({"method": "cash", "fen": 800}, r"a list of entries"),
        (800, r"a list of entries"),
    ],
)
def test_money_refuses_what_is_not_entries_of_known_methods_and_whole_fen(items, says):
    with pytest.raises(ValidationError, match=says):
        Money.from_payload(items)


@pytest.mark.parametrize("method", ["cash", "wechat", "alipay", "bank"])
def test_money_takes_each_method_of_the_design_in_and_out(method):
    assert Money.of(method, 1250).total == 1250
    assert Money.of(method, -1250).total == -1250


def test_money_totals_in_all_and_per_method_in_the_methods_order():
    money = Money.from_payload(
        [
            {"method": "alipay", "fen": 200},
            {"method": "cash", "fen": 1000},
            {"method": "cash", "fen": -150},
        ]
    )
    assert money.total == 1050
    assert money.by_method() == {"cash": 850, "alipay": 200}
    assert list(money.by_method()) == ["cash", "alipay"]


def test_reversed_money_has_the_opposite_entries_in_the_same_order():
    money = Money.from_payload([{"method": "wechat", "fen": 500}, {"method": "cash", "fen": -20}])
    assert money.reversed().to_payload() == [
        {"method": "wechat", "fen": -500},
        {"method": "cash", "fen": 20},
    ]
    assert money.reversed().reversed() == money
    assert money.total + money.reversed().total == 0


def test_money_is_a_value():
    assert Money.of("cash", 800) == Money.from_payload([{"method": "cash", "fen": 800}])
    assert len({Money.of("cash", 800), Money.of("cash", 800)}) == 1


def test_money_of_an_event_without_money_is_none():
    assert money_of({"verified_by": "code", "fee_fen": 0}) is None
    assert money_of({"money": [{"method": "bank", "fen": 5}]}) == Money.of("bank", 5)


TAKEN = Money.from_payload([{"method": "cash", "fen": 1000}, {"method": "wechat", "fen": 500}])


@pytest.mark.parametrize(
    "refunds",
    [
        [TAKEN.reversed()],
        [Money.of("cash", -1000)],
        [Money.of("wechat", -200), Money.of("wechat", -300)],
        [Money.of("cash", -400), Money.of("cash", -600), Money.of("wechat", -500)],
        [],
    ],
)
def test_refunds_up_to_what_each_method_took_are_within(refunds):
    refund_within(TAKEN, *refunds)


@pytest.mark.parametrize(
    ("refunds", "says"),
    [
        ([Money.of("cash", -1001)], r"refund by Cash is ¥10\.01, more than the ¥10\.00"),
        ([Money.of("wechat", -300), Money.of("wechat", -300)], r"by WeChat Pay is ¥6\.00"),
        # the total is within, but WeChat money handed back in cash leaves the box short
        ([Money.of("cash", -1500)], r"refund by Cash is ¥15\.00"),
        ([Money.of("alipay", -100)], r"refund by Alipay is ¥1\.00, more than the ¥0\.00"),
        ([Money.of("cash", 100)], r"refund by Cash"),  # money taken again is no refund
    ],
)
def test_a_refund_beyond_what_its_method_took_is_refused(refunds, says):
    with pytest.raises(ValidationError, match=says):
        refund_within(TAKEN, *refunds)


def test_money_paid_out_comes_back_no_more_than_was_paid():
    paid = Money.of("cash", -3000)  # produce bought
    refund_within(paid, Money.of("cash", 3000))
    with pytest.raises(ValidationError, match=r"refund by Cash is ¥30\.01"):
        refund_within(paid, Money.of("cash", 3001))


def test_method_names_read_in_chinese_with_the_translator_installed():
    assert [method_name(m) for m in METHODS] == ["Cash", "WeChat Pay", "Alipay", "Bank transfer"]
    install_core_translator("zh_CN")
    assert [method_name(m) for m in METHODS] == ["现金", "微信支付", "支付宝", "银行转账"]
    assert method_name("monthly") == "monthly"
