"""The SMS sender (texts leave on a network thread of their own) and the SMS settings page.

The page's picture is saved into docs/img when STATIONAPP_SCREENSHOTS names that folder:
``STATIONAPP_SCREENSHOTS=docs/img python -m pytest tests/test_ui_sms.py -k picture``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from stationapp.core import Station
from stationapp.core import secrets as keys
from stationapp.core.sms.providers import station_provider
from stationapp.sms_providers import SecretStore, reasons
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult
from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.pages.sms import SmsPage
from stationapp.ui.pages.sms import settings as sms_settings
from stationapp.ui.pages.sms.page import SmsSettingsDialog
from stationapp.ui.pages.sms.settings import SmsSettingsPage
from stationapp.ui.pages.station.settings import SettingsPage
from stationapp.ui.runners.sms_sender import SmsRound, SmsSender
from tests.ui_chinese import in_chinese

# the offscreen platform warns that it cannot raise or size windows: not the app's warning
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = Path(__file__).resolve().parents[1]
INCOMING = ROOT / "resources" / "i18n" / "incoming"
PHONES = ["13812345678", "13987654321", "15912340521"]
ARRIVAL = {"carrier": "圆通", "tails": "0521", "codes": "A-1-0451", "deadline": "11月25日"}
KEY_ID = "LTAI5tDemoKeyId7Q2"
KEY_SECRET = "s3cr3t-Zq9WvXk2LmN0pRt"
USABLE_HEIGHT = SCREEN_HEIGHT - 70  # a window's title bar and the task bar take the rest


# fakes ------------------------------------------------------------------------------------------


class FakeProvider:
    """Answers as told (one answer per text, then success), says it is ready or not."""

    name = "fake"

    def __init__(self, *answers: SendResult, ready: bool = True) -> None:
        self.answers = list(answers)
        self.ready = ready
        self.sent: list[OutgoingText] = []

    def status(self) -> ProviderStatus:
        if self.ready:
            return ProviderStatus.of(True, "ready")
        return ProviderStatus.of(False, reasons.STATUS_MODEM_ABSENT, port="COM3")

    def send(self, text: OutgoingText) -> SendResult:
        self.sent.append(text)
        if self.answers:
            return self.answers.pop(0)
        return SendResult.sent(self.name, f"msg-{len(self.sent)}")


class SlowProvider(FakeProvider):
    """Each send blocks until the test opens the gate, as a slow network would."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.returned = 0
        self.at_once = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def send(self, text: OutgoingText) -> SendResult:
        with self._lock:
            self.at_once += 1
            self.most_at_once = max(self.most_at_once, self.at_once)
        self.entered.set()
        self.gate.wait(timeout=10)
        result = super().send(text)
        with self._lock:
            self.at_once -= 1
            self.returned += 1
        return result


class RaisingProvider(FakeProvider):
    """A buggy provider whose exception carries a key."""

    def send(self, text: OutgoingText) -> SendResult:
        raise RuntimeError(f"POST /?AccessKeyId={KEY_ID}&Secret={KEY_SECRET} failed")


# fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def make_sender(qtbot, station: Station, worker: StationWorker, shown_errors):
    """Senders on the test's station, stopped (waiting for their network thread) at the end."""
    senders: list[SmsSender] = []

    def make(provider: FakeProvider | None = None, **options) -> SmsSender:
        factory = station_provider if provider is None else (lambda _settings, _dir: provider)
        options.setdefault("interval_ms", 0)
        sender = SmsSender(station, worker, make_provider=factory, **options)
        senders.append(sender)
        return sender

    yield make
    for sender in senders:
        sender.stop()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)


@pytest.fixture
def slow(make_sender) -> Iterator[SlowProvider]:
    """A slow provider whose gate is opened at the end whatever happened (no hung thread)."""
    provider = SlowProvider()
    yield provider
    provider.gate.set()


@pytest.fixture
def page(qtbot, station: Station, worker: StationWorker, shown_errors) -> SmsSettingsPage:
    page = SmsSettingsPage(PageContext(station, worker, station.operator))
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: worker.idle and bool(page.loaded), timeout=5000)
    yield page
    page.shutdown()


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The app in Chinese, with the committed translation (complete: test_translations)."""
    with in_chinese(station_look=True):
        yield


# helpers ----------------------------------------------------------------------------------------


def queue_notices(station: Station, phones: list[str] = PHONES) -> None:
    with station.log.batch() as batch:
        for number, phone in enumerate(phones):
            station.sms.queue_text(
                batch,
                purpose="parcel_arrival",
                entity_key=f"parcel-{number}",
                phone=phone,
                template="parcel_arrival",
                params=ARRIVAL,
                operator=station.operator.id,
            )


def run_round(qtbot, sender: SmsSender, worker: StationWorker) -> SmsRound:
    with qtbot.waitSignal(sender.round_finished, timeout=5000) as finished:
        sender.send_now()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    return finished.args[0]


def outbox(station: Station, worker: StationWorker) -> list:
    return worker.wait_for(station.sms.outbox)


def every_text_shown(widget) -> str:
    """All that the widget and its children show or would show (placeholders too)."""
    parts = []
    for edit in widget.findChildren(QLineEdit):
        parts += [edit.text(), edit.placeholderText(), edit.displayText()]
    parts += [label.text() for label in widget.findChildren(QLabel)]
    return "\n".join(parts)


# the sender -------------------------------------------------------------------------------------


def test_due_texts_go_out_through_the_file_provider_and_are_marked_sent(
    qtbot, station, worker, make_sender
):
    queue_notices(station)
    summary = run_round(qtbot, make_sender(), worker)
    assert (summary.sent, summary.failed, summary.deferred) == (3, 0, 0)
    assert {text.status for text in outbox(station, worker)} == {"sent"}
    lines = (station.data_dir / "sms-outbox.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(line.split("\t")[1] for line in lines) == sorted(PHONES)
    assert all("取件码A-1-0451" in line for line in lines)


def test_the_first_round_tells_the_provider_status(qtbot, station, worker, make_sender):
    sender = make_sender()
    with qtbot.waitSignal(sender.status_changed, timeout=5000) as changed:
        sender.start()
    assert changed.args[0].ok
    assert "sms-outbox.txt" in changed.args[0].message


def test_a_retryable_refusal_keeps_the_texts_queued(qtbot, station, worker, make_sender):
    queue_notices(station)
    busy = SendResult.failed("fake", reasons.RATE_LIMITED, code="limit", retryable=True)
    summary = run_round(qtbot, make_sender(FakeProvider(busy, busy, busy)), worker)
    assert (summary.sent, summary.failed, summary.deferred) == (0, 0, 3)
    texts = outbox(station, worker)
    assert [(t.status, t.attempts) for t in texts] == [("queued", 1)] * 3
    assert all(t.last_error for t in texts)


def test_a_refused_number_ends_failed_with_the_reason(qtbot, station, worker, make_sender):
    queue_notices(station, PHONES[:1])
    refused = SendResult.failed("fake", reasons.NUMBER_REFUSED, code="isv.MOBILE_NUMBER_ILLEGAL")
    summary = run_round(qtbot, make_sender(FakeProvider(refused)), worker)
    assert (summary.sent, summary.failed) == (0, 1)
    [text] = outbox(station, worker)
    assert text.status == "failed"
    assert "not a valid mobile number" in text.last_error


def test_a_provider_down_stops_the_round_and_gives_the_rest_back(
    qtbot, station, worker, make_sender
):
    queue_notices(station)
    down = SendResult.failed(
        "fake", reasons.BALANCE_EXHAUSTED, code="balance", retryable=True, provider_down=True
    )
    provider = FakeProvider(down)
    sender = make_sender(provider)
    with qtbot.waitSignal(sender.status_changed, timeout=5000) as changed:
        summary = run_round(qtbot, sender, worker)
    assert len(provider.sent) == 1
    assert (summary.sent, summary.deferred) == (0, 3)
    assert not changed.args[0].ok and "run out of credit" in changed.args[0].message
    counts = worker.wait_for(station.sms.counts)
    assert (counts["queued"], counts["sending"]) == (3, 0)


def test_a_provider_that_cannot_send_is_not_asked_to(qtbot, station, worker, make_sender):
    queue_notices(station)
    provider = FakeProvider(ready=False)
    sender = make_sender(provider)
    with qtbot.waitSignal(sender.status_changed, timeout=5000) as changed:
        summary = run_round(qtbot, sender, worker)
    assert provider.sent == []
    assert "No modem on COM3" in changed.args[0].message
    assert summary.deferred == 3
    texts = outbox(station, worker)
    assert [(t.status, t.attempts) for t in texts] == [("queued", 0)] * 3
    assert worker.wait_for(station.sms.counts)["sending"] == 0


def test_a_slow_send_never_freezes_the_window_nor_the_database(
    qtbot, station, worker, make_sender, slow
):
    queue_notices(station)
    sender = make_sender(slow)
    ticks: list[int] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start()
    sender.send_now()
    qtbot.waitUntil(slow.entered.is_set, timeout=5000)
    seen = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= seen + 5, timeout=5000)  # the GUI thread ticks on
    counts: list[dict[str, int]] = []
    worker.call(station.sms.counts, on_done=counts.append)  # the database thread answers
    qtbot.waitUntil(lambda: bool(counts), timeout=5000)
    assert counts[0]["sending"] == 3
    assert slow.returned == 0 and sender.running
    ticker.stop()
    with qtbot.waitSignal(sender.round_finished, timeout=5000):
        slow.gate.set()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert {text.status for text in outbox(station, worker)} == {"sent"}


def test_a_second_round_never_starts_while_one_is_sending(
    qtbot, station, worker, make_sender, slow
):
    queue_notices(station)
    sender = make_sender(slow)
    rounds: list[SmsRound] = []
    sender.round_finished.connect(rounds.append)
    sender.send_now()
    qtbot.waitUntil(slow.entered.is_set, timeout=5000)
    for _ in range(3):
        sender.send_now()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    slow.gate.set()
    qtbot.waitUntil(lambda: len(rounds) == 2 and not sender.running, timeout=5000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert slow.most_at_once == 1
    assert sorted(text.phone for text in slow.sent) == sorted(PHONES)
    assert [r.sent for r in rounds] == [3, 0]  # the one round asked for during the first


def test_stop_waits_for_the_text_being_sent_and_gives_the_rest_back(
    qtbot, station, worker, make_sender, slow
):
    queue_notices(station)
    sender = make_sender(slow)
    sender.send_now()
    qtbot.waitUntil(slow.entered.is_set, timeout=5000)
    opener = threading.Thread(target=lambda: sender.stop_requested.wait(10) and slow.gate.set())
    opener.start()
    sender.stop()
    opener.join()
    assert slow.returned == 1  # stop() came back only once the send had
    assert len(slow.sent) == 1  # and no other text went after stop was asked
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    counts = worker.wait_for(station.sms.counts)
    assert (counts["sent"], counts["queued"], counts["sending"]) == (1, 2, 0)


def test_the_provider_is_built_again_when_the_sms_settings_change(
    qtbot, station, worker, make_sender
):
    built: list[str] = []

    def factory(settings, data_dir):
        built.append(settings["sms.signature"])
        return FakeProvider()

    sender = SmsSender(station, worker, interval_ms=0, make_provider=factory)
    try:
        run_round(qtbot, sender, worker)
        run_round(qtbot, sender, worker)
        assert built == [""]
        worker.wait_for(station.settings.set, "sms.signature", "芒艾村服务站")
        run_round(qtbot, sender, worker)
        assert built == ["", "芒艾村服务站"]
        with qtbot.waitSignal(sender.round_finished, timeout=5000):
            sender.provider_changed()
        assert built == ["", "芒艾村服务站", "芒艾村服务站"]
    finally:
        sender.stop()


def test_a_provider_that_raises_leaves_the_text_queued_and_its_words_out_of_the_log(
    qtbot, station, worker, make_sender, caplog
):
    caplog.set_level(logging.DEBUG)
    queue_notices(station, PHONES[:1])
    summary = run_round(qtbot, make_sender(RaisingProvider()), worker)
    assert summary.deferred == 1
    [text] = outbox(station, worker)
    assert text.status == "queued"
    for shown in (caplog.text, text.last_error, repr(text)):
        assert KEY_SECRET not in shown and KEY_ID not in shown


def test_keys_stay_out_of_the_log_when_the_service_cannot_be_reached(
    qtbot, station, worker, make_sender, caplog
):
    caplog.set_level(logging.DEBUG)
    with socket.socket() as probe:  # a port nobody listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = {
        "sms.provider": "aliyun",
        "sms.signature": "芒艾村服务站",
        "sms.aliyun.endpoint": f"http://127.0.0.1:{port}",
        "sms.aliyun.templates": {"parcel_arrival": "SMS_465200017"},
    }
    worker.wait_for(station.settings.set_many, settings)
    store = SecretStore(station.data_dir)
    store.set(keys.ALIYUN_ACCESS_KEY_ID, KEY_ID)
    store.set(keys.ALIYUN_ACCESS_KEY_SECRET, KEY_SECRET)
    queue_notices(station, PHONES[:1])
    summary = run_round(qtbot, make_sender(), worker)
    assert summary.deferred == 1 and not summary.status.ok
    [text] = outbox(station, worker)
    assert text.status == "queued" and "could not be reached" in text.last_error
    for shown in (caplog.text, text.last_error, summary.status.message):
        assert KEY_SECRET not in shown and KEY_ID not in shown


# the settings page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "shown", "hidden"),
    [
        ("aliyun", "aliyun_key_secret", "tencent_secret_key"),
        ("tencent", "tencent_secret_key", "aliyun_key_secret"),
        ("modem", "modem_port", "aliyun_key_id"),
    ],
)
def test_only_the_chosen_services_fields_are_shown(page, provider, shown, hidden):
    page.provider.setCurrentIndex(page.provider.findData(provider))
    assert getattr(page, shown).isVisibleTo(page)
    assert not getattr(page, hidden).isVisibleTo(page)


def test_saving_keeps_the_settings_and_the_keys_and_never_shows_a_key_again(
    qtbot, page, station, worker, caplog
):
    caplog.set_level(logging.DEBUG)
    recorded: list = []
    page.changed.connect(lambda changes: recorded.extend(changes.events))
    page.provider.setCurrentIndex(page.provider.findData("aliyun"))
    page.signature.setText("芒艾村服务站")
    page.aliyun_key_id.setText(KEY_ID)
    page.aliyun_key_secret.setText(KEY_SECRET)
    page.aliyun_templates["parcel_arrival"].setText("SMS_46520001")
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.kind == "success", timeout=5000)

    settings = worker.wait_for(station.settings.all)
    assert settings["sms.provider"] == "aliyun"
    assert settings["sms.aliyun.templates"] == {"parcel_arrival": "SMS_46520001"}
    stored = json.loads((station.data_dir / "secrets.json").read_text(encoding="utf-8"))
    assert stored[keys.ALIYUN_ACCESS_KEY_SECRET] == KEY_SECRET
    assert {e.payload["key"] for e in recorded} >= {"sms.provider", "sms.signature"}
    for edit in (page.aliyun_key_id, page.aliyun_key_secret):
        assert (edit.text(), edit.placeholderText()) == ("", "Saved")
        assert not edit.isUndoAvailable()
    shown = every_text_shown(page)
    assert KEY_SECRET not in shown and KEY_ID not in shown
    assert KEY_SECRET not in caplog.text and KEY_ID not in caplog.text
    assert all(KEY_SECRET not in json.dumps(e.payload) for e in recorded)


def test_a_refused_setting_saves_no_key_and_says_nothing_of_it(qtbot, page, station, worker):
    page.signature.setText("村")  # too short for an approved signature
    page.aliyun_key_secret.setText(KEY_SECRET)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.kind == "refusal", timeout=5000)
    assert "2 to 20 characters" in page.message.text()
    assert KEY_SECRET not in page.message.text()
    assert not (station.data_dir / "secrets.json").exists()


def test_the_tencent_fields_are_saved_as_the_provider_reads_them(qtbot, page, station, worker):
    page.provider.setCurrentIndex(page.provider.findData("tencent"))
    page.tencent_app_id.setText("1400006666")
    page.tencent_region.setCurrentText("ap-beijing")
    page.tencent_templates["parcel_reminder"].setText("1234567")
    page.tencent_params["parcel_reminder"].setText("codes, days")
    page.tencent_secret_id.setText("AKIDdemo")
    page.tencent_secret_key.setText(KEY_SECRET)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.kind == "success", timeout=5000)
    settings = worker.wait_for(station.settings.all)
    assert settings["sms.tencent.app_id"] == "1400006666"
    assert settings["sms.tencent.region"] == "ap-beijing"
    assert settings["sms.tencent.templates"] == {"parcel_reminder": "1234567"}
    assert settings["sms.tencent.params"] == {"parcel_reminder": "codes, days"}
    provider = station_provider(settings, station.data_dir)
    assert provider.status().ok


def test_the_modem_port_is_chosen_from_the_ports_found(
    qtbot, station, worker, shown_errors, monkeypatch
):
    found = [("COM3", "Quectel USB AT Port"), ("COM4", "USB-SERIAL CH340")]
    monkeypatch.setattr(sms_settings, "serial_ports", lambda: found)
    page = SmsSettingsPage(PageContext(station, worker, station.operator))
    qtbot.addWidget(page)
    page.on_shown()
    qtbot.waitUntil(lambda: page.modem_port.count() == 2 and worker.idle, timeout=5000)
    page.provider.setCurrentIndex(page.provider.findData("modem"))
    page.modem_port.setCurrentIndex(0)
    assert page.port_description.text() == "Quectel USB AT Port"
    page.modem_baud.setCurrentIndex(page.modem_baud.findData(9600))
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.kind == "success", timeout=5000)
    settings = worker.wait_for(station.settings.all)
    assert (settings["sms.modem.port"], settings["sms.modem.baud"]) == ("COM3", 9600)
    page.shutdown()


def test_check_says_in_plain_words_what_the_service_lacks(qtbot, page):
    page.provider.setCurrentIndex(page.provider.findData("aliyun"))
    page.check_button.click()
    qtbot.waitUntil(lambda: page.check_result.kind == "refusal", timeout=5000)
    assert "keys are not entered yet" in page.check_result.text()


def test_check_uses_the_keys_typed_before_saving_them(qtbot, page, station):
    page.provider.setCurrentIndex(page.provider.findData("aliyun"))
    page.signature.setText("芒艾村服务站")
    page.aliyun_key_id.setText(KEY_ID)
    page.aliyun_key_secret.setText(KEY_SECRET)
    page.check_button.click()
    qtbot.waitUntil(lambda: page.check_result.text().startswith("Texts go out"), timeout=5000)
    assert page.check_result.text() == "Texts go out through Aliyun SMS, signed 【芒艾村服务站】."
    assert page.check_result.kind == "success"
    assert not (station.data_dir / "secrets.json").exists()  # checked, not saved


def test_check_answers_in_chinese(qtbot, chinese, page):
    page.provider.setCurrentIndex(page.provider.findData("county"))
    page.check_button.click()
    qtbot.waitUntil(lambda: page.check_result.kind == "refusal", timeout=5000)
    assert "还没有加入县级服务中心" in page.check_result.text()


def test_a_test_text_is_queued_through_the_outbox_and_sent(
    qtbot, page, station, worker, make_sender
):
    sender = make_sender()
    page.changed.connect(sender.on_changed)  # as the main window's broadcast does
    page.test_phone.setText("138 1234 5678")
    with qtbot.waitSignal(sender.round_finished, timeout=5000) as finished:
        page.test_button.click()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert "尾号5678" in page.test_result.text()
    assert finished.args[0].sent == 1
    [text] = outbox(station, worker)
    assert (text.template, text.purpose, text.status) == ("sms_test", "sms_test", "sent")
    assert "测试短信" in (station.data_dir / "sms-outbox.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("phone", "says"),
    [
        ("12345", "12345"),
        ("", "Enter a mobile number"),
    ],
)
def test_a_test_text_to_a_wrong_number_is_refused(qtbot, page, station, worker, phone, says):
    page.test_phone.setText(phone)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.test_result.kind == "refusal", timeout=5000)
    assert says in page.test_result.text()
    assert outbox(station, worker) == []


def test_a_test_text_waits_for_unsaved_changes_to_be_saved(qtbot, page, station, worker):
    page.signature.setText("芒艾村服务站")
    page.test_phone.setText("13812345678")
    page.test_button.click()
    assert page.test_result.kind == "refusal"
    assert "Save the settings first" in page.test_result.text()
    assert outbox(station, worker) == []


def test_an_operator_sees_that_the_sms_settings_are_the_managers(
    qtbot, station, worker, shown_errors
):
    operator = station.operators.add(name="玉香", pin="2468", role="operator")
    page = SmsSettingsPage(PageContext(station, worker, operator))
    qtbot.addWidget(page)
    page.show()
    assert page.manager_only.isVisible() and not page.editor.isVisible()
    page.save()
    assert "Only the station manager" in page.message.text()


def test_the_settings_page_opens_the_sms_settings_for_the_manager_only(
    qtbot, station, worker, shown_errors
):
    # the settings page asks the 短信 page for its form through the main window
    sms_page = SmsPage(PageContext(station, worker, station.operator))
    qtbot.addWidget(sms_page)
    opener = lambda name, parent: sms_page.open_form(name.partition(".")[2], parent)  # noqa: E731
    context = PageContext(station, worker, station.operator, open_form=opener)
    manager_page = SettingsPage(context)
    qtbot.addWidget(manager_page)
    manager_page.show()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    dialog = manager_page.open_sms_settings()
    assert isinstance(dialog, SmsSettingsDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: worker.idle and bool(dialog.page.loaded), timeout=5000)
    dialog.accept()
    operator = station.operators.add(name="玉香", pin="2468", role="operator")
    operator_page = SettingsPage(PageContext(station, worker, operator))
    qtbot.addWidget(operator_page)
    operator_page.show()
    assert not operator_page.sms_button.isVisible()
    assert operator_page.open_sms_settings() is None


@pytest.mark.parametrize("provider", ["file", "aliyun", "tencent", "modem", "county"])
def test_each_ways_fields_fit_a_small_screen_in_chinese(
    qtbot, chinese, station, worker, shown_errors, provider
):
    dialog = SmsSettingsDialog(PageContext(station, worker, station.operator))
    qtbot.addWidget(dialog)
    dialog.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    dialog.show()
    dialog.page.provider.setCurrentIndex(dialog.page.provider.findData(provider))
    QApplication.processEvents()
    assert (dialog.width(), dialog.height()) == (SCREEN_WIDTH, SCREEN_HEIGHT)
    assert dialog.minimumSizeHint().height() <= USABLE_HEIGHT
    dialog.page.shutdown()


def test_the_page_fits_the_screen_in_chinese_and_its_picture_is_saved(
    qtbot, chinese, station, worker, shown_errors, tmp_path
):
    worker.wait_for(
        station.settings.set_many,
        {
            "sms.provider": "aliyun",
            "sms.signature": "芒艾村服务站",
            "sms.aliyun.templates": {
                "parcel_arrival": "SMS_465200017",
                "parcel_reminder": "SMS_465200018",
            },
        },
    )
    store = SecretStore(station.data_dir)
    store.set(keys.ALIYUN_ACCESS_KEY_ID, KEY_ID)
    store.set(keys.ALIYUN_ACCESS_KEY_SECRET, KEY_SECRET)
    dialog = SmsSettingsDialog(PageContext(station, worker, station.operator))
    qtbot.addWidget(dialog)
    dialog.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    dialog.show()
    page = dialog.page
    page.on_shown()
    qtbot.waitUntil(lambda: worker.idle and bool(page.loaded), timeout=5000)
    page.test_phone.setText("13812345678")
    page.check_button.click()
    qtbot.waitUntil(page.check_button.isEnabled, timeout=5000)
    QApplication.processEvents()

    assert page.provider.currentText() == "阿里云短信"
    assert page.aliyun_key_secret.placeholderText() == "已保存"
    assert "短信经阿里云短信发出" in page.check_result.text()
    picture = dialog.grab()
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    assert picture.save(str(folder / "ui-sms-settings.png"))
    assert dialog.minimumSizeHint().height() <= SCREEN_HEIGHT
    assert dialog.minimumSizeHint().width() <= SCREEN_WIDTH
    assert (picture.width(), picture.height()) == (SCREEN_WIDTH, SCREEN_HEIGHT)
    page.shutdown()
