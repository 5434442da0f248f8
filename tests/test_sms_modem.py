"""The modem provider through a pseudo-terminal modem that decodes what it is sent."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from stationapp.sms_providers import OutgoingText, reasons
from stationapp.sms_providers.modem import ModemConfig, ModemProvider
from stationapp.sms_providers.pdu import encode_submit, part_count
from tests.fakes.fake_modem import BadPdu, decode_submit

needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="the fake modem is a POSIX pty")

STATION = "芒艾村服务站"


def text_of(body: str, *, phone: str = "13812345678", text_id: str = "0192f3a1") -> OutgoingText:
    return OutgoingText(text_id, phone, body, "parcel_arrival", {}, STATION)


def long_notice(length: int) -> str:
    """A Chinese text of exactly ``length`` characters, as a long arrival notice reads."""
    base = (
        "【芒艾村服务站】您的圆通快递(运单尾号0521)、中通快递(运单尾号7719)、韵达快递(运单尾号3308)"
        "已到站,取件码A-1-0451、A-1-0452、B-2-0107,请于11月25日前到村委会旁服务站领取,"
        "逾期将退回快递公司。"
    )
    return (base * 3)[:length]


@pytest.fixture
def modem() -> Iterator:
    from tests.fakes.fake_modem import FakeModem

    fake = FakeModem().start()
    yield fake
    fake.stop()


def provider_on(port: str, **extra) -> ModemProvider:
    return ModemProvider(ModemConfig(port=port, timeout_s=5.0, **extra))


# --- PDUs --------------------------------------------------------------------------------------


def test_a_short_chinese_text_encodes_as_the_well_known_ucs2_pdu():
    [pdu] = encode_submit("+8613800138000", "你好")

    assert pdu.hex == "0011000D91683108108300F00008AA044F60597D"
    assert pdu.length == 19


def test_a_mainland_mobile_is_addressed_internationally_with_86():
    assert encode_submit("13800138000", "你好") == encode_submit("+8613800138000", "你好")


@pytest.mark.parametrize(
    ("length", "parts"), [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (140, 3), (500, 8)]
)
def test_seventy_characters_are_one_message_and_longer_texts_go_in_parts_of_67(length, parts):
    assert part_count(long_notice(length) if length <= 200 else "村" * length) == parts


def test_each_part_of_a_long_text_carries_the_concatenation_header():
    pdus = encode_submit("13812345678", long_notice(140), reference=0x2A)

    # SMSC 00, first octet 51 (UDHI), MR, 13-digit address, PID, DCS 08, VP; then UDL and UDH
    assert [pdu.hex[:10] for pdu in pdus] == ["0051000D91"] * 3
    assert [pdu.hex[30:44] for pdu in pdus] == [
        "8C0500032A0301",
        "8C0500032A0302",
        "120500032A0303",
    ]
    assert [pdu.length for pdu in pdus] == [155, 155, 33]


def test_a_character_outside_the_basic_plane_is_never_split_between_parts():
    text = "村" * 66 + "😀" + "村" * 10  # the emoji's two UTF-16 units straddle unit 67

    pdus = encode_submit("13812345678", text, reference=7)

    decoded = [decode_submit(pdu.hex, pdu.length).text for pdu in pdus]
    assert decoded == ["村" * 66, "😀" + "村" * 10]


def test_the_fake_decoder_refuses_a_pdu_whose_length_is_not_the_announced_one():
    [pdu] = encode_submit("13812345678", "你好")

    with pytest.raises(BadPdu, match="said 18 octets, the PDU has 19"):
        decode_submit(pdu.hex, pdu.length - 1)


# --- sending through the pty modem ------------------------------------------------------------


@needs_pty
def test_a_140_character_chinese_text_arrives_whole_in_three_parts(modem):
    body = long_notice(140)

    result = provider_on(modem.port).send(text_of(body))

    assert result.ok, result
    assert [(t.number, t.text, t.parts) for t in modem.texts] == [("+8613812345678", body, 3)]
    assert [p.seq for p in modem.parts] == [1, 2, 3]
    assert len(result.message_id.split(",")) == 3


@needs_pty
def test_the_modem_is_put_in_pdu_mode_with_echo_off_before_the_text(modem):
    provider_on(modem.port).send(text_of("您的快递已到站"))

    assert modem.commands[:5] == ["AT", "ATE0", "AT+CMEE=1", "AT+CMGF=0", "AT+CMGS=29"]
    assert [t.text for t in modem.texts] == ["您的快递已到站"]


@needs_pty
def test_two_long_texts_to_one_phone_use_different_references(modem):
    provider = provider_on(modem.port)
    first, second = long_notice(100), long_notice(120)

    provider.send(text_of(first))
    provider.send(text_of(second, text_id="second"))

    assert [t.text for t in modem.texts] == [first, second]
    assert modem.parts[0].reference != modem.parts[2].reference


@needs_pty
@pytest.mark.parametrize(
    ("cms_error", "reason", "retryable", "provider_down"),
    [
        (331, reasons.MODEM_NO_NETWORK, True, True),  # no network service
        (310, reasons.MODEM_NO_SIM, True, True),  # SIM not inserted
        (500, reasons.MODEM_FAILED, True, False),  # unknown error
        (304, reasons.MODEM_BAD_FORMAT, False, False),  # invalid PDU mode parameter
        (1, reasons.NUMBER_REFUSED, False, False),  # unassigned number
    ],
)
def test_a_cms_error_becomes_a_human_reason(modem, cms_error, reason, retryable, provider_down):
    modem.refuse_next(cms_error)

    result = provider_on(modem.port).send(text_of("您的快递已到站"))

    assert (result.ok, result.code, result.reason) == (False, f"CMS.{cms_error}", reason)
    assert (result.retryable, result.provider_down) == (retryable, provider_down)
    assert result.detail == f"+CMS ERROR: {cms_error}"
    assert modem.texts == []


@needs_pty
def test_a_long_text_refused_midway_says_which_part(modem):
    provider = provider_on(modem.port)
    modem.refuse_next(331)

    result = provider.send(text_of(long_notice(140)))

    assert result.detail == "part 1 of 3: +CMS ERROR: 331"


@needs_pty
def test_the_fake_modem_answers_a_malformed_pdu_with_cms_error_304(modem):
    import serial

    port = serial.Serial(modem.port, timeout=2)
    try:
        port.write(b"ATE0\rAT+CMGF=0\r")
        assert port.read_until(b"OK\r\n").endswith(b"OK\r\n")
        assert port.read_until(b"OK\r\n").endswith(b"OK\r\n")
        port.write(b"AT+CMGS=19\r")
        assert port.read_until(b"> ").endswith(b"> ")
        port.write(b"0011000D91683108108300F00008AA044F60597\x1a")  # one hex digit short

        assert port.read_until(b"304\r\n").strip() == b"+CMS ERROR: 304"
    finally:
        port.close()
    assert modem.texts == []


# --- a modem that is not there -----------------------------------------------------------------


@pytest.mark.parametrize("port", ["/dev/ttyUSB7", "COM9"])
def test_an_absent_modem_gives_a_clear_status_and_keeps_texts_queued(port):
    provider = provider_on(port)

    status = provider.status()
    result = provider.send(text_of("您的快递已到站"))

    assert not status.ok
    assert status.detail.startswith(f"No modem on {port}: plug it in, or choose its port")
    assert (result.ok, result.retryable, result.provider_down) == (False, True, True)
    assert (result.code, result.reason) == ("modem.absent", reasons.MODEM_ABSENT)


def test_a_number_without_digits_is_refused_before_the_modem_is_opened():
    result = provider_on("/dev/ttyUSB7").send(text_of("您好", phone="无"))

    assert (result.ok, result.reason, result.retryable) == (False, reasons.NUMBER_REFUSED, False)


def test_no_port_chosen_says_to_choose_one():
    provider = ModemProvider(ModemConfig(port=""))

    assert provider.status().detail.startswith("No modem port is chosen")
    assert provider.send(text_of("您好")).retryable


@needs_pty
def test_a_port_where_nothing_answers_is_not_taken_for_a_modem():
    from tests.fakes.fake_modem import FakeModem

    silent = FakeModem(silent=True).start()
    try:
        provider = provider_on(silent.port, answer_timeout_s=0.2)
        status = provider.status()
        result = provider.send(text_of("您好"))
    finally:
        silent.stop()

    assert (status.ok, status.text) == (False, reasons.STATUS_MODEM_SILENT)
    assert (result.reason, result.retryable) == (reasons.MODEM_SILENT, True)


@needs_pty
def test_status_reports_the_signal_of_a_ready_modem(modem):
    modem.signal = 17

    status = provider_on(modem.port).status()

    assert status.ok
    assert status.detail == f"Modem ready on {modem.port}, signal 17 of 31; texts need no internet."


@needs_pty
@pytest.mark.parametrize(
    ("arrange", "text"),
    [
        (lambda fake: setattr(fake, "sim_ready", False), reasons.STATUS_MODEM_NO_SIM),
        (lambda fake: setattr(fake, "signal", 99), reasons.STATUS_MODEM_NO_NETWORK),
    ],
    ids=["no SIM", "no network"],
)
def test_status_tells_a_missing_sim_from_a_missing_network(modem, arrange, text):
    arrange(modem)

    status = provider_on(modem.port).status()

    assert (status.ok, status.text) == (False, text)
