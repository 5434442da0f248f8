"""The SMS providers against loopback fakes that check signatures and answer as the services do."""

from __future__ import annotations

import hashlib
import logging
import socket
import string
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stationapp.core import clock
from stationapp.core import i18n as core_i18n
from stationapp.core.errors import ValidationError
from stationapp.core.secrets import Secret
from stationapp.sms_providers import (
    OutgoingText,
    Provider,
    SecretStore,
    SendResult,
    make_provider,
    reasons,
)
from stationapp.sms_providers.aliyun import AliyunProvider
from stationapp.sms_providers.aliyun import sign as aliyun_sign
from stationapp.sms_providers.county import CountyRelayProvider
from stationapp.sms_providers.filelog import FileProvider
from stationapp.sms_providers.modem import ModemProvider
from stationapp.sms_providers.tencent import TencentProvider, tc3_signature
from tests.fakes.fake_aliyun import FakeAliyun
from tests.fakes.fake_tencent import FakeTencent

ROOT = Path(__file__).resolve().parents[1]
STATION = "芒艾村服务站"
ALIYUN_KEY_ID = "LTAI5tQ8mXvK2pY7wRz3Hn9a"
ALIYUN_KEY_SECRET = "k3F9/dq+Zx 7LmN*pQr~sT2uVwXyZa1"  # characters that test the encoding
TENCENT_SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3VILLAGE"
TENCENT_SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3VILLAGE"
ARRIVAL = "您的{carrier}快递(运单尾号{tail})已到站,取件码{codes},请于{deadline}前领取。"
ARRIVAL_TEXT = (
    "【芒艾村服务站】您的圆通快递(运单尾号0521)已到站,取件码A-1-0451,请于11月25日前领取。"
)
ARRIVAL_PARAMS = {
    "station": STATION,
    "carrier": "圆通",
    "tail": "0521",
    "codes": "A-1-0451",
    "deadline": "11月25日",
}


def notice(
    phone: str = "13812345678", text_id: str = "0192f3a1-arrival", **params: str
) -> OutgoingText:
    return OutgoingText(
        text_id=text_id,
        phone=phone,
        text=ARRIVAL_TEXT,
        template="parcel_arrival",
        params={**ARRIVAL_PARAMS, **params},
        signature=STATION,
    )


class SharedClock:
    """One time for the provider and the fake, moved by the test."""

    def __init__(self) -> None:
        self.at = datetime.now(clock.SHANGHAI).replace(hour=10, minute=0, second=0, microsecond=0)

    def now(self) -> datetime:
        return self.at

    def timestamp(self) -> float:
        return self.at.timestamp()

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def secrets(tmp_path: Path) -> SecretStore:
    store = SecretStore(tmp_path)
    store.set("sms.aliyun.access_key_id", ALIYUN_KEY_ID)
    store.set("sms.aliyun.access_key_secret", ALIYUN_KEY_SECRET)
    store.set("sms.tencent.secret_id", TENCENT_SECRET_ID)
    store.set("sms.tencent.secret_key", TENCENT_SECRET_KEY)
    return store


@pytest.fixture
def aliyun_fake() -> Iterator[FakeAliyun]:
    fake = FakeAliyun(
        access_keys={ALIYUN_KEY_ID: ALIYUN_KEY_SECRET},
        sign_names=(STATION,),
        templates={"SMS_465300123": ARRIVAL.replace("{", "${")},
    ).start()
    yield fake
    fake.stop()


@pytest.fixture
def tencent_fake() -> Iterator[FakeTencent]:
    fake = FakeTencent(
        secrets={TENCENT_SECRET_ID: TENCENT_SECRET_KEY},
        app_id="1400812345",
        sign_names=(STATION,),
        templates={"2031457": "您的{1}快递(运单尾号{2})已到站,取件码{3},请于{4}前领取。"},
    ).start()
    yield fake
    fake.stop()


def aliyun_settings(endpoint: str, **extra: Any) -> dict[str, Any]:
    return {
        "sms.provider": "aliyun",
        "sms.signature": STATION,
        "sms.aliyun.endpoint": endpoint,
        "sms.aliyun.template.parcel_arrival": "SMS_465300123",
        "sms.timeout_s": 2,
        **extra,
    }


def tencent_settings(endpoint: str, **extra: Any) -> dict[str, Any]:
    return {
        "sms.provider": "tencent",
        "sms.signature": STATION,
        "sms.tencent.endpoint": endpoint,
        "sms.tencent.app_id": "1400812345",
        "sms.tencent.template.parcel_arrival": "2031457",
        "sms.tencent.params.parcel_arrival": "carrier, tail, codes, deadline",
        "sms.timeout_s": 2,
        **extra,
    }


def aliyun(fake: FakeAliyun, secrets: SecretStore, **extra: Any) -> Provider:
    return make_provider(aliyun_settings(fake.base_url, **extra), secrets)


def tencent(fake: FakeTencent, secrets: SecretStore, **extra: Any) -> Provider:
    return make_provider(tencent_settings(fake.base_url, **extra), secrets)


def _closed_port() -> int:
    """A loopback port nobody listens on: connecting is refused at once."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


# --- Aliyun ------------------------------------------------------------------------------------


def test_aliyun_signer_reproduces_the_published_v3_example():
    # the worked example of Aliyun's "V3 request structure and signature" page
    _, headers = aliyun_sign(
        method="POST",
        host="ecs.cn-shanghai.aliyuncs.com",
        path="/",
        query={
            "ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            "RegionId": "cn-shanghai",
        },
        access_key_id=Secret("YourAccessKeyId"),
        access_key_secret=Secret("YourAccessKeySecret"),
        date="2023-10-26T10:22:32Z",
        nonce="3156853299f313e23d1673dc12e1703d",
        action="RunInstances",
        version="2014-05-26",
    )
    assert headers["Authorization"] == (
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
        "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
        "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    )


def test_aliyun_delivers_the_parcel_notice_with_the_signature_sent_apart(aliyun_fake, secrets):
    result = aliyun(aliyun_fake, secrets).send(notice())

    assert result.ok, result
    [delivered] = aliyun_fake.delivered
    assert delivered.text == ARRIVAL_TEXT
    assert delivered.sign_name == STATION
    assert result.message_id == delivered.biz_id


def test_aliyun_request_carries_the_outbox_id_and_string_values_without_the_station(
    aliyun_fake, secrets
):
    aliyun(aliyun_fake, secrets).send(notice(text_id="0192f3a1-7c4e", tail="0521"))

    [delivered] = aliyun_fake.delivered
    assert delivered.out_id == "0192f3a1-7c4e"
    assert delivered.params == {
        "carrier": "圆通",
        "tail": "0521",
        "codes": "A-1-0451",
        "deadline": "11月25日",
    }
    assert delivered.phone == "13812345678"


def test_aliyun_signs_values_holding_stars_spaces_and_tildes_as_the_service_decodes_them(
    aliyun_fake, secrets
):
    aliyun_fake.templates["SMS_465300999"] = "${name}您好,${note}"
    provider = aliyun(aliyun_fake, secrets, **{"sms.aliyun.template.note": "SMS_465300999"})
    params = {"name": "张*", "note": "A~B C+D/E=F&G%20"}
    text = OutgoingText("n1", "13812345678", "", "note", params, STATION)

    result = provider.send(text)

    assert result.ok, result
    assert aliyun_fake.delivered[0].text == "【芒艾村服务站】张*您好,A~B C+D/E=F&G%20"


def test_aliyun_fake_refuses_a_request_signed_with_the_wrong_secret(aliyun_fake, secrets):
    secrets.set("sms.aliyun.access_key_secret", ALIYUN_KEY_SECRET[:-1] + "2")

    result = aliyun(aliyun_fake, secrets).send(notice())

    assert (result.ok, result.code) == (False, "SignatureDoesNotMatch")
    assert result.reason == reasons.KEYS_WRONG
    assert not result.retryable and result.provider_down
    assert aliyun_fake.delivered == []


def _a_first_text(fake: Any, store: SecretStore, provider: Provider) -> None:
    assert provider.send(notice(text_id="first")).ok


def _nothing(fake: Any, store: SecretStore, provider: Provider) -> None:
    pass


ALIYUN_REFUSALS: list[tuple[str, Callable[..., Any], str, str, bool, float | None]] = [
    (
        "invalid number",
        _nothing,
        "isv.MOBILE_NUMBER_ILLEGAL",
        reasons.NUMBER_REFUSED,
        False,
        None,
    ),
    (
        "one a minute per number",
        _a_first_text,
        "isv.BUSINESS_LIMIT_CONTROL",
        reasons.RATE_LIMITED,
        True,
        60.0,
    ),
    (
        "balance exhausted",
        lambda fake, store, provider: setattr(fake, "balance", 0),
        "isv.AMOUNT_NOT_ENOUGH",
        reasons.BALANCE_EXHAUSTED,
        True,
        3600.0,
    ),
    (
        "unknown AccessKey ID",
        lambda fake, store, provider: store.set("sms.aliyun.access_key_id", "LTAI5tNotThisOne"),
        "InvalidAccessKeyId.NotFound",
        reasons.KEYS_WRONG,
        False,
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "arrange", "code", "reason", "retryable", "retry_after"),
    ALIYUN_REFUSALS,
    ids=[case[0] for case in ALIYUN_REFUSALS],
)
def test_aliyun_refusals_become_human_reasons(
    aliyun_fake, secrets, case, arrange, code, reason, retryable, retry_after
):
    phone = "12345678901" if case == "invalid number" else "13812345678"
    arrange(aliyun_fake, secrets, aliyun(aliyun_fake, secrets))

    result = aliyun(aliyun_fake, secrets).send(notice(phone=phone))

    assert (result.ok, result.code, result.reason) == (False, code, reason)
    assert result.retryable is retryable
    assert result.retry_after_s == retry_after


def test_aliyun_hourly_limit_asks_to_wait_an_hour(aliyun_fake, secrets):
    shared = SharedClock()
    aliyun_fake.clock = shared.timestamp
    provider = AliyunProvider(aliyun(aliyun_fake, secrets).config, now=shared.now)
    for n in range(5):
        assert provider.send(notice(text_id=f"t{n}")).ok
        shared.advance(61)

    result = provider.send(notice(text_id="t5"))

    assert result.detail == "isv.BUSINESS_LIMIT_CONTROL: 触发小时级流控Permits:5"
    assert result.retryable and result.retry_after_s == 3600


def test_aliyun_refuses_a_request_from_a_pc_whose_clock_is_wrong(aliyun_fake, secrets):
    an_hour_late = lambda: clock.now() - timedelta(hours=1)  # noqa: E731
    provider = AliyunProvider(aliyun(aliyun_fake, secrets).config, now=an_hour_late)

    result = provider.send(notice())

    assert (result.code, result.reason) == ("InvalidTimeStamp.Expired", reasons.CLOCK_WRONG)
    assert result.retryable


def test_aliyun_text_without_a_template_code_is_refused_before_any_request(aliyun_fake, secrets):
    provider = aliyun(aliyun_fake, secrets, **{"sms.aliyun.template.parcel_arrival": ""})

    result = provider.send(notice())

    assert (result.ok, result.reason, result.retryable) == (False, reasons.TEMPLATE_NOT_SET, False)
    assert aliyun_fake.requests == []


def test_aliyun_template_whose_fields_the_text_lacks_is_a_template_mismatch(aliyun_fake, secrets):
    provider = aliyun(aliyun_fake, secrets, **{"sms.aliyun.params.parcel_arrival": "carrier,tail"})

    result = provider.send(notice())

    assert (result.code, result.reason) == (
        "isv.TEMPLATE_MISSING_PARAMETERS",
        reasons.TEMPLATE_MISMATCH,
    )


# --- Tencent -----------------------------------------------------------------------------------


def test_tencent_key_chain_reproduces_the_published_tc3_example():
    # the worked example of Tencent Cloud's "Signature v3" page (CVM DescribeInstances)
    payload = (
        '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
    )

    canonical_request = (
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n"
        "\ncontent-type;host\n" + hashlib.sha256(payload.encode()).hexdigest()
    )
    signature = tc3_signature(
        Secret("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
        timestamp=1551113065,
        service="cvm",
        canonical_request=canonical_request,
    )
    assert signature == "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"


def test_tencent_delivers_the_parameters_in_the_order_set_for_the_template(tencent_fake, secrets):
    shuffled = dict(reversed(list(ARRIVAL_PARAMS.items())))
    text = OutgoingText("t1", "13812345678", ARRIVAL_TEXT, "parcel_arrival", shuffled, STATION)

    result = tencent(tencent_fake, secrets).send(text)

    assert result.ok, result
    [delivered] = tencent_fake.delivered
    assert delivered.text == ARRIVAL_TEXT
    assert delivered.params == ["圆通", "0521", "A-1-0451", "11月25日"]
    assert (delivered.phone, delivered.session_context) == ("+8613812345678", "t1")
    assert result.message_id == delivered.serial_no


def test_tencent_fake_refuses_a_request_signed_with_the_wrong_secret(tencent_fake, secrets):
    secrets.set("sms.tencent.secret_key", "X" + TENCENT_SECRET_KEY[1:])

    result = tencent(tencent_fake, secrets).send(notice())

    assert (result.ok, result.code) == (False, "AuthFailure.SignatureFailure")
    assert result.reason == reasons.KEYS_WRONG
    assert not result.retryable and result.provider_down
    assert tencent_fake.delivered == []


TENCENT_REFUSALS: list[tuple[str, Callable[..., Any], str, str, bool]] = [
    (
        "incorrect number",
        _nothing,
        "InvalidParameterValue.IncorrectPhoneNumber",
        reasons.NUMBER_REFUSED,
        False,
    ),
    (
        "number on the blacklist",
        lambda fake, store, provider: fake.blacklist.add("+8613812345678"),
        "FailedOperation.PhoneNumberInBlacklist",
        reasons.NUMBER_BLOCKED,
        False,
    ),
    (
        "same content within 30 s",
        _a_first_text,
        "LimitExceeded.PhoneNumberThirtySecondLimit",
        reasons.RATE_LIMITED,
        True,
    ),
    (
        "package used up",
        lambda fake, store, provider: setattr(fake, "balance", 0),
        "FailedOperation.InsufficientBalanceInSmsPackage",
        reasons.BALANCE_EXHAUSTED,
        True,
    ),
    (
        "unknown SecretId",
        lambda fake, store, provider: store.set("sms.tencent.secret_id", "AKIDnotTheStationsKey"),
        "AuthFailure.SecretIdNotFound",
        reasons.KEYS_WRONG,
        False,
    ),
]


@pytest.mark.parametrize(
    ("case", "arrange", "code", "reason", "retryable"),
    TENCENT_REFUSALS,
    ids=[case[0] for case in TENCENT_REFUSALS],
)
def test_tencent_reads_the_verdict_for_the_number_inside_a_200_answer(
    tencent_fake, secrets, case, arrange, code, reason, retryable
):
    phone = "12345678901" if case == "incorrect number" else "13812345678"
    arrange(tencent_fake, secrets, tencent(tencent_fake, secrets))

    result = tencent(tencent_fake, secrets).send(notice(phone=phone))

    assert (result.ok, result.code, result.reason) == (False, code, reason)
    assert result.retryable is retryable


def test_tencent_thirty_second_limit_asks_to_wait_thirty_seconds(tencent_fake, secrets):
    provider = tencent(tencent_fake, secrets)
    provider.send(notice(text_id="first"))

    assert provider.send(notice(text_id="again")).retry_after_s == 30


def test_tencent_daily_limit_waits_until_after_midnight_in_beijing(tencent_fake, secrets):
    shared = SharedClock()  # 10:00 in Beijing
    tencent_fake.clock = shared.timestamp
    provider = TencentProvider(tencent(tencent_fake, secrets).config, now=shared.now)
    for n in range(10):
        assert provider.send(notice(text_id=f"t{n}", codes=f"A-1-{n:04d}")).ok
        shared.advance(31)

    result = provider.send(notice(text_id="t10", codes="A-1-0010"))

    assert result.code == "LimitExceeded.PhoneNumberDailyLimit"
    midnight = (shared.at + timedelta(days=1)).replace(hour=0, minute=0, second=0)
    assert shared.at + timedelta(seconds=result.retry_after_s) > midnight
    assert result.retry_after_s < (midnight - shared.at).total_seconds() + 3600


def test_tencent_parameter_count_that_does_not_match_the_template_is_a_mismatch(
    tencent_fake, secrets
):
    provider = tencent(tencent_fake, secrets, **{"sms.tencent.params.parcel_arrival": "codes"})

    result = provider.send(notice())

    assert result.code == "FailedOperation.TemplateParamSetNotMatchApprovedTemplate"
    assert (result.reason, result.retryable) == (reasons.TEMPLATE_MISMATCH, False)


def test_tencent_too_many_pickup_codes_for_one_variable_says_the_value_is_too_long(
    tencent_fake, secrets
):
    result = tencent(tencent_fake, secrets).send(notice(codes="A-1-0451,A-1-0452"))

    assert (result.code, result.reason) == (
        "InvalidParameterValue.TemplateParameterLengthLimit",
        reasons.PARAM_TOO_LONG,
    )


# --- what the two HTTP providers share ----------------------------------------------------------


@pytest.fixture(params=["aliyun", "tencent"])
def http_case(request, secrets) -> Iterator[tuple[Any, Callable[..., Provider]]]:
    if request.param == "aliyun":
        fake = FakeAliyun(
            access_keys={ALIYUN_KEY_ID: ALIYUN_KEY_SECRET},
            templates={"SMS_465300123": ARRIVAL.replace("{", "${")},
        ).start()
        build = lambda endpoint, **extra: make_provider(  # noqa: E731
            aliyun_settings(endpoint, **extra), secrets
        )
    else:
        fake = FakeTencent(
            secrets={TENCENT_SECRET_ID: TENCENT_SECRET_KEY},
            app_id="1400812345",
            templates={"2031457": "您的{1}快递(运单尾号{2})已到站,取件码{3},请于{4}前领取。"},
        ).start()
        build = lambda endpoint, **extra: make_provider(  # noqa: E731
            tencent_settings(endpoint, **extra), secrets
        )
    yield fake, build
    fake.stop()


def test_a_5xx_answer_keeps_the_text_queued(http_case):
    fake, build = http_case
    fake.answer_next_with(503, "Service Temporarily Unavailable", "text/plain")

    result = build(fake.base_url).send(notice())

    assert (result.ok, result.code, result.reason) == (False, "http.503", reasons.SERVICE_TROUBLE)
    assert result.retryable


def test_a_login_page_answered_with_200_is_not_a_success(http_case):
    fake, build = http_case
    fake.answer_next_with(200, "<html><body>请输入账号登录 WiFi</body></html>")

    result = build(fake.base_url).send(notice())

    assert (result.ok, result.reason) == (False, reasons.CAPTIVE_PORTAL)
    assert result.retryable and result.provider_down


def test_a_redirect_to_a_login_page_is_not_followed(http_case):
    fake, build = http_case
    fake.answer_next_with(302, "")

    result = build(fake.base_url).send(notice())

    assert (result.ok, result.code, result.reason) == (False, "http.302", reasons.CAPTIVE_PORTAL)
    assert len(fake.requests) == 1


def test_no_network_keeps_the_text_queued(http_case):
    _, build = http_case

    result = build(f"http://127.0.0.1:{_closed_port()}").send(notice())

    assert (result.ok, result.code, result.reason) == (False, "network", reasons.NETWORK_DOWN)
    assert result.retryable and result.provider_down


def test_a_service_that_does_not_answer_in_time_keeps_the_text_queued(http_case):
    fake, build = http_case
    fake.stall_next()

    result = build(fake.base_url, **{"sms.timeout_s": 0.3}).send(notice())

    assert (result.ok, result.reason, result.retryable) == (False, reasons.NETWORK_DOWN, True)


def test_missing_keys_keep_texts_queued_and_the_status_says_so(http_case, tmp_path):
    fake, build = http_case
    provider = build(fake.base_url)
    provider.config = replace(provider.config, **_no_keys(provider))

    result = provider.send(notice())

    assert (result.ok, result.reason, result.retryable) == (False, reasons.KEYS_MISSING, True)
    assert not provider.status().ok
    assert "keys are not entered" in provider.status().detail
    assert fake.requests == []


def _no_keys(provider: Provider) -> dict[str, None]:
    if isinstance(provider, AliyunProvider):
        return {"access_key_id": None, "access_key_secret": None}
    return {"secret_id": None, "secret_key": None}


def test_a_configured_service_reports_ready_with_its_signature(http_case):
    fake, build = http_case

    status = build(fake.base_url).status()

    assert status.ok
    assert "【芒艾村服务站】" in status.detail


def test_without_an_sms_signature_the_station_name_signs(http_case):
    fake, build = http_case
    provider = build(fake.base_url, **{"sms.signature": "", "station.name": "芒艾村服务站"})

    assert provider.status().detail.endswith("signed 【芒艾村服务站】.")


def test_a_key_pasted_with_a_full_width_character_is_refused_before_any_request(http_case, secrets):
    fake, build = http_case
    for name in ("sms.aliyun.access_key_id", "sms.tencent.secret_id"):
        secrets.set(name, "ＬTAI5tQ8mXvK2pY7wRz3Hn9a")

    result = build(fake.base_url).send(notice())

    assert (result.code, result.reason, result.retryable) == (
        "keys.not_ascii",
        reasons.KEYS_WRONG,
        False,
    )
    assert fake.requests == []


# --- secrets -----------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_secrets_live_in_one_file_only_its_owner_can_read(tmp_path):
    store = SecretStore(tmp_path / "station")
    store.set("sms.aliyun.access_key_secret", ALIYUN_KEY_SECRET)

    assert (tmp_path / "station" / "secrets.json").stat().st_mode & 0o777 == 0o600
    assert SecretStore(tmp_path / "station").get("sms.aliyun.access_key_secret").reveal() == (
        ALIYUN_KEY_SECRET
    )


def test_a_secret_shows_as_stars_however_it_is_printed():
    secret = Secret(ALIYUN_KEY_SECRET)

    shown = [repr(secret), str(secret), f"{secret:>40}", repr({"key": secret})]

    assert shown == ["***", "***", "***", "{'key': ***}"]


def test_a_damaged_secrets_file_reads_as_no_keys_and_is_rewritten_whole(tmp_path):
    (tmp_path / "secrets.json").write_text('{"sms.aliyun.access_key_id": "LTAI', encoding="utf-8")
    store = SecretStore(tmp_path)

    assert store.get("sms.aliyun.access_key_id") is None
    store.set("sms.tencent.secret_id", TENCENT_SECRET_ID)
    assert store.names() == ["sms.tencent.secret_id"]


def test_an_empty_value_removes_a_secret(secrets):
    secrets.set("sms.tencent.secret_key", "  ")

    assert secrets.get("sms.tencent.secret_key") is None
    assert "sms.tencent.secret_key" not in secrets.names()


def test_no_log_line_repr_or_result_ever_holds_a_secret(aliyun_fake, tencent_fake, secrets, caplog):
    caplog.set_level(logging.DEBUG)
    offline = f"http://127.0.0.1:{_closed_port()}"
    providers = [
        aliyun(aliyun_fake, secrets),
        tencent(tencent_fake, secrets),
        make_provider(aliyun_settings(offline), secrets),
        make_provider(tencent_settings(offline), secrets),
    ]
    results = [provider.send(notice(text_id="one")) for provider in providers]
    secrets.set("sms.aliyun.access_key_secret", "wrong-" + ALIYUN_KEY_SECRET)
    results.append(aliyun(aliyun_fake, secrets).send(notice(text_id="refused")))

    shown = [caplog.text, repr(secrets)]
    shown += [f"{p!r} {p} {p.config!r} {vars(p)}" for p in providers]
    shown += [f"{r!r} {r.detail} {r.message}" for r in results]
    everything = "\n".join(shown)
    assert [r.ok for r in results] == [True, True, False, False, False]
    assert "sent via aliyun" in caplog.text and "not sent via tencent" in caplog.text
    for value in (ALIYUN_KEY_ID, ALIYUN_KEY_SECRET, TENCENT_SECRET_ID, TENCENT_SECRET_KEY):
        assert value[:10] not in everything


# --- file, county, choosing --------------------------------------------------------------------


def test_file_provider_appends_time_phone_and_text_lines(tmp_path, secrets):
    provider = make_provider({"sms.provider": "file"}, secrets, tmp_path)
    provider.send(notice(text_id="a"))
    second = notice(phone="13987654321", text_id="b")

    result = provider.send(second)

    lines = (tmp_path / "sms-outbox.txt").read_text(encoding="utf-8").splitlines()
    assert result.ok and result.message_id == "b"
    assert [line.split("\t")[1:] for line in lines] == [
        ["13812345678", ARRIVAL_TEXT],
        ["13987654321", ARRIVAL_TEXT],
    ]
    assert clock.parse_iso(lines[0].split("\t")[0]).utcoffset() == timedelta(hours=8)


def test_file_provider_keeps_a_text_with_line_breaks_on_one_line(tmp_path):
    provider = FileProvider(tmp_path)
    text = OutgoingText("x", "13812345678", "第一行\n第二行\t完", "note", {}, STATION)

    provider.send(text)

    assert (
        (tmp_path / "sms-outbox.txt").read_text(encoding="utf-8").endswith("\t第一行 第二行 完\n")
    )


def test_file_provider_status_names_the_file_to_open(tmp_path):
    status = FileProvider(tmp_path).status()

    assert status.ok and str(tmp_path / "sms-outbox.txt") in status.detail


def test_county_relay_says_not_joined_and_keeps_texts_queued():
    provider = CountyRelayProvider()

    result = provider.send(notice())

    assert not provider.status().ok
    assert "Not joined to a county center yet" in provider.status().detail
    assert (result.ok, result.retryable, result.reason) == (False, True, reasons.COUNTY_NOT_JOINED)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (None, FileProvider),
        ("file", FileProvider),
        ("aliyun", AliyunProvider),
        ("tencent", TencentProvider),
        ("modem", ModemProvider),
        ("county", CountyRelayProvider),
    ],
)
def test_make_provider_builds_the_provider_the_settings_choose(secrets, name, kind):
    assert isinstance(make_provider({"sms.provider": name}, secrets), kind)


def test_make_provider_refuses_an_unknown_service(secrets):
    with pytest.raises(ValidationError, match="no SMS service called 'twilio'"):
        make_provider({"sms.provider": "twilio"}, secrets)


def test_importing_the_providers_loads_no_network_or_serial_library():
    import subprocess

    code = (
        "import sys, stationapp.sms_providers, stationapp.sms_providers.aliyun,"
        " stationapp.sms_providers.tencent, stationapp.sms_providers.modem;"
        "print(','.join(m for m in ('requests', 'serial', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


# --- what the operator reads -------------------------------------------------------------------


def _incoming() -> dict[tuple[str, str], str]:
    pairs = {}
    tsv = ROOT / "resources" / "i18n" / "incoming" / "sms-providers.tsv"
    for line in tsv.read_text(encoding="utf-8").splitlines():
        context, source, translation = line.split("\t")
        pairs[(context, source)] = translation
    return pairs


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_reason_and_status_has_a_chinese_translation_with_the_same_fields():
    pairs = _incoming()
    sources = {
        value: ("UserError" if name == "UNKNOWN_PROVIDER" else "Sms")
        for name, value in vars(reasons).items()
        if name.isupper() and isinstance(value, str)
    }

    missing = [s for s, context in sources.items() if (context, s) not in pairs]

    assert missing == []
    assert all(_fields(s) == _fields(pairs[(c, s)]) for s, c in sources.items())


def test_send_reasons_have_no_fields_so_the_outbox_can_store_them_as_they_are():
    status_or_refusal = ("STATUS_", "UNKNOWN_")
    reasons_with_fields = [
        name
        for name, value in vars(reasons).items()
        if isinstance(value, str)
        and name.isupper()
        and not name.startswith(status_or_refusal)
        and _fields(value)
    ]
    assert reasons_with_fields == []


def test_a_refusal_and_a_status_read_in_chinese_once_a_translator_is_installed(tmp_path):
    pairs = _incoming()
    core_i18n.install_translator(lambda context, text: pairs.get((context, text), ""))

    result = CountyRelayProvider().send(notice())
    status = FileProvider(tmp_path).status()

    assert result.message.startswith("本站还没有加入县级服务中心")
    assert status.message.startswith(f"短信只写入文件 {tmp_path / 'sms-outbox.txt'}")


def test_a_send_result_of_a_success_has_no_reason():
    result = SendResult.sent("file", "x")

    assert (result.ok, result.reason, result.message, result.retryable) == (True, "", "", False)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_file_provider_that_cannot_write_keeps_the_text_queued(tmp_path):
    from tests.conftest import read_only

    folder = tmp_path / "readonly"
    folder.mkdir()
    with read_only(folder):
        result = FileProvider(folder).send(notice())

    assert (result.ok, result.reason, result.retryable) == (False, reasons.FILE_UNWRITABLE, True)
