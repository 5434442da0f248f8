"""The electronic scale: its two frame formats, the reader on its own thread against a scale on a
pseudo-terminal (unstable, stable, negative, noise, split frames, the cable pulled mid-weigh), the
stable weight taken, and the "test the scale" check."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
import serial

from stationapp.scales import (
    CONNECTED,
    DISCONNECTED_STATE,
    SILENT,
    STOPPED,
    Reading,
    ScaleConfig,
    ScaleError,
    ScaleReader,
    ScaleStatus,
    Tare,
    WeightWatch,
    check_scale,
    in_unit,
    make_parser,
    reasons,
    weighing_record,
)
from stationapp.scales.stgs import line
from stationapp.scales.xk3190 import frame

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
WAIT_S = 3.0  # generous: two shared cores; a frame normally arrives in well under a millisecond
NOISE = b"\xff\x00\x87garbage\x02\x02+12\r\n\xfe"


def reading(net: str, *, stable: bool = True, at: float = 100.0, **extra) -> Reading:
    return Reading(Decimal(net), "kg", stable, b"raw", at=at, **extra)


# --- the XK3190-A9 frame ------------------------------------------------------------------------
def test_the_a9_frame_of_52_30_is_the_one_the_indicator_sends():
    assert frame("52.30") == bytes.fromhex("02 2B 30 30 35 32 33 30 32 31 44 03")


def test_an_a9_weight_is_stable_only_once_it_repeats_three_times():
    parser = make_parser("xk3190-a9")
    readings = parser.feed(frame("1.20") + frame("1.25") + frame("1.25") + frame("1.25"))
    assert [(r.net, r.stable) for r in readings] == [
        (Decimal("1.20"), False),
        (Decimal("1.25"), False),
        (Decimal("1.25"), False),
        (Decimal("1.25"), True),
    ]
    assert readings[-1].raw_frame == frame("1.25") and readings[-1].unit == "kg"


def test_an_a9_frame_split_across_reads_is_kept_until_it_is_whole():
    parser = make_parser("xk3190-a9")
    whole = frame("52.30")
    assert parser.feed(whole[:4]) == [] and parser.feed(whole[4:11]) == []
    assert [r.net for r in parser.feed(whole[11:])] == [Decimal("52.30")]


def test_noise_and_a_frame_with_a_wrong_check_are_skipped_and_counted():
    parser = make_parser("xk3190-a9")
    broken = frame("9.99")[:9] + b"00" + b"\x03"
    readings = parser.feed(NOISE + broken + frame("3.5") + NOISE[:5] + frame("3.5"))
    assert [r.net for r in readings] == [Decimal("3.5"), Decimal("3.5")]
    assert parser.garbage >= len(NOISE) and parser.frames == 2


def test_a_negative_a9_weight_is_flagged():
    (only,) = make_parser("xk3190-a9").feed(frame("-0.150"))
    assert only.net == Decimal("-0.150") and only.negative


def test_the_reversed_a9_reads_digits_sent_lowest_first():
    (only,) = make_parser("xk3190-a9-reversed").feed(frame("52.30", lowest_first=True))
    assert only.net == Decimal("52.30")


# --- the ST,GS line -----------------------------------------------------------------------------
def test_the_st_gs_line_says_stable_unstable_and_the_unit():
    parser = make_parser("st-gs")
    readings = parser.feed(b"US,GS,+  4.800kg\r\nST,GS,+  4.876kg\r\nST,GS,+   4876 g\r\n")
    assert [(r.net, r.stable, r.unit) for r in readings] == [
        (Decimal("4.800"), False, "kg"),
        (Decimal("4.876"), True, "kg"),
        (Decimal("4876"), True, "g"),
    ]
    assert readings[1].raw_frame == b"ST,GS,+  4.876kg\r\n"


def test_a_tare_line_gives_its_tare_to_the_net_lines_after_it():
    parser = make_parser("st-gs")
    readings = parser.feed(line("ST", "TR", "0.500") + line("ST", "NT", "3.250"))
    assert [(r.net, r.tare) for r in readings] == [(Decimal("3.250"), Decimal("0.500"))]
    assert parser.feed(line("ST", "GS", "3.750"))[0].tare is None


def test_overload_negative_noise_and_split_lines_on_the_st_gs_scale():
    parser = make_parser("st-gs")
    assert parser.feed(NOISE + b"OL,GS,+  -----kg\r\nST,NT,-") != []
    (negative,) = parser.feed(b"  0.125kg\r\n")
    assert negative.net == Decimal("-0.125") and negative.negative and negative.stable
    assert parser.frames == 2 and parser.garbage > 0


def test_an_unknown_model_is_refused_with_the_models_there_are():
    with pytest.raises(ScaleError, match="no scale model"):
        make_parser("toledo-9000")
    with pytest.raises(ScaleError) as raised:
        ScaleConfig(port="COM3", model="toledo-9000")
    assert "st-gs" in raised.value.english


def test_the_settings_give_no_scale_without_a_port_and_refuse_a_wrong_baud_rate():
    assert ScaleConfig.from_settings({"scale.port": " "}) is None
    config = ScaleConfig.from_settings({"scale.port": "COM3", "scale.model": "ST-GS"})
    assert config == ScaleConfig(port="COM3", baudrate=9600, model="st-gs")
    with pytest.raises(ScaleError, match="baud rate"):
        ScaleConfig.from_settings({"scale.port": "COM3", "scale.baudrate": "9601"})


# --- taking the weight --------------------------------------------------------------------------
def test_the_stable_net_weight_is_taken_once_it_repeats():
    watch = WeightWatch()
    watch.note(reading("2.5", stable=False))
    watch.note(reading("2.5"))
    with pytest.raises(ScaleError, match="still moving"):
        watch.take_stable_net(now=100.0)
    watch.note(reading("2.5"))
    assert watch.take_stable_net(now=100.2).net == Decimal("2.5")


@pytest.mark.parametrize(
    ("last", "now", "refusal"),
    [
        (None, 100.0, reasons.NO_READING),
        (reading("2.5"), 101.5, reasons.STALE),
        (reading("2.5", stable=False), 100.0, reasons.UNSTABLE),
        (reading("-0.2", negative=True), 100.0, reasons.NEGATIVE),
        (reading("0"), 100.0, reasons.NOTHING_ON),
        (reading("0", overload=True), 100.0, reasons.OVERLOAD),
    ],
)
def test_a_weight_that_cannot_be_recorded_is_refused_with_what_to_do(last, now, refusal):
    watch = WeightWatch()
    for _ in range(3):
        if last is not None:
            watch.note(last)
    with pytest.raises(ScaleError) as raised:
        watch.take_stable_net(now=now)
    assert raised.value.text == refusal


def test_the_tare_is_the_indicators_own_or_the_empty_basket_on_the_scale():
    watch = WeightWatch()
    watch.note(reading("3.0", tare=Decimal("0.5")))
    assert watch.take_tare(now=100.0).weight == Decimal("0.5")
    watch.note(reading("0.8"))
    watch.note(reading("0.8"))
    basket = watch.take_tare(now=100.0)
    assert (basket.weight, basket.from_indicator) == (Decimal("0.8"), False)


def test_a_weight_in_kg_is_recorded_in_jin_when_the_purchase_is_priced_by_the_jin():
    assert in_unit(Decimal("4.876"), "kg", "斤") == Decimal("9.752")
    assert in_unit(Decimal("1250"), "g", "kg") == Decimal("1.250")


@pytest.mark.parametrize(
    ("tare", "gross", "tare_text", "net"),
    [
        (None, None, None, "9.752"),
        (Tare(Decimal("0.5"), "kg", True, b""), "10.752", "1", "9.752"),
        (Tare(Decimal("0.5"), "kg", False, b""), "9.752", "1", "8.752"),
    ],
)
def test_the_weight_taken_is_recorded_as_the_produce_line_checks_it(tare, gross, tare_text, net):
    from stationapp.core.produce.quantities import weighing

    taken = Reading(Decimal("4.876"), "kg", True, frame("4.876"))
    record = weighing_record(taken, unit="斤", tare=tare)
    assert (record.get("gross"), record.get("tare"), record["net"]) == (gross, tare_text, net)
    assert record["frame"] == "\\x02+004876315\\x03"
    assert weighing(Decimal(net), "斤", record) == record


# --- the reader against a scale on a pseudo-terminal --------------------------------------------
@pytest.fixture
def scale() -> Iterator:
    from tests.fakes.fake_scale import FakeScale

    fake = FakeScale()
    yield fake
    fake.close()


class Receiver:
    """What the reader hands over, stamped with when it arrived."""

    def __init__(self) -> None:
        self.readings: queue.Queue[tuple[float, Reading]] = queue.Queue()
        self.statuses: queue.Queue[ScaleStatus] = queue.Queue()

    def reading(self, reading: Reading) -> None:
        self.readings.put((time.monotonic(), reading))

    def next_reading(self) -> Reading:
        return self.readings.get(timeout=WAIT_S)[1]

    def status(self, state: str) -> ScaleStatus:
        while True:
            status = self.statuses.get(timeout=WAIT_S)
            if status.state == state:
                return status


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


def start_reader(port: str, model: str, receiver: Receiver, **extra) -> ScaleReader:
    config = ScaleConfig(port=port, baudrate=9600, model=model)
    reader = ScaleReader(config, receiver.reading, receiver.statuses.put, **extra).start()
    receiver.status(CONNECTED)  # pyserial empties the input on open: send after it
    return reader


@posix_only
def test_the_reader_sees_an_a9_weigh_settle_then_the_cable_pulled_mid_weigh(scale, receiver):
    reader = start_reader(scale.port, "xk3190-a9", receiver)
    try:
        scale.send(frame("1.20") + NOISE)
        whole = frame("1.25")
        scale.send(whole[:5])
        scale.send(whole[5:] + frame("1.25") + NOISE + frame("1.25"))
        seen = [receiver.next_reading() for _ in range(4)]
        assert [(r.net, r.stable) for r in seen] == [
            (Decimal("1.20"), False),
            (Decimal("1.25"), False),
            (Decimal("1.25"), False),
            (Decimal("1.25"), True),
        ]
        scale.send(frame("1.25"))
        receiver.next_reading()
        taken = reader.take_stable_net()
        assert taken.net == Decimal("1.25") and taken.raw_frame == frame("1.25")
        scale.send(frame("-0.35"))
        assert receiver.next_reading().negative
        scale.send(frame("40.00")[:6])
        scale.unplug()
        gone = receiver.status(DISCONNECTED_STATE)
        assert gone.error is not None and gone.error.text == reasons.UNPLUGGED
        assert scale.port in gone.error.english and gone.message
        with pytest.raises(ScaleError, match="stopped answering"):
            reader.take_stable_net()
    finally:
        reader.stop()
    assert receiver.status(STOPPED) and not reader._thread.is_alive()


@posix_only
def test_the_reader_sees_st_gs_lines_with_the_indicators_tare(scale, receiver):
    reader = start_reader(scale.port, "st-gs", receiver)
    try:
        scale.send(NOISE + b"US,GS,+  2.0")
        scale.send(b"40kg\r\n" + NOISE + b"\r\n" + line("ST", "TR", "0.300"))
        scale.send(line("ST", "NT", "1.740") + line("ST", "NT", "1.740"))
        seen = [receiver.next_reading() for _ in range(3)]
        assert [(r.net, r.stable, r.tare) for r in seen] == [
            (Decimal("2.040"), False, None),
            (Decimal("1.740"), True, Decimal("0.300")),
            (Decimal("1.740"), True, Decimal("0.300")),
        ]
        assert reader.take_stable_net().net == Decimal("1.740")
        assert reader.take_tare().weight == Decimal("0.300")
        scale.send(b"OL,GS,+  -----kg\r\n")
        assert receiver.next_reading().overload
        with pytest.raises(ScaleError, match="overloaded"):
            reader.take_stable_net()
        scale.unplug()
        assert receiver.status(DISCONNECTED_STATE).error.text == reasons.UNPLUGGED
    finally:
        reader.stop()


@posix_only
def test_a_frame_reaches_the_receiver_within_200_ms(scale, receiver):
    reader = start_reader(scale.port, "xk3190-a9", receiver)
    latencies = []
    try:
        for weight in ("0.00", "5.10", "5.15", "5.15", "5.15", "12.345", "-0.5", "52.30"):
            sent_at = scale.send(frame(weight))
            arrived_at, got = receiver.readings.get(timeout=WAIT_S)
            assert got.raw_frame == frame(weight)
            latencies.append((arrived_at - sent_at) * 1000)
    finally:
        reader.stop()
    print(f"scale frame -> receiver: max {max(latencies):.2f} ms, all {latencies}")
    assert max(latencies) < 200


@posix_only
def test_a_silent_scale_is_said_so_and_noise_says_check_the_baud_rate(scale, receiver):
    reader = start_reader(scale.port, "xk3190-a9", receiver, silent_after_s=0.2)
    try:
        assert receiver.status(SILENT).error.text == reasons.SILENT
        scale.send(frame("1.00"))
        receiver.status(CONNECTED)
        scale.send(NOISE * 3)
        assert receiver.status(SILENT).error.text == reasons.GARBAGE
    finally:
        reader.stop()


def test_a_missing_port_is_a_status_not_a_crash_and_stop_joins(tmp_path, receiver):
    config = ScaleConfig(port=str(tmp_path / "ttyUSB9"))
    reader = ScaleReader(config, receiver.reading, receiver.statuses.put, retry_s=0.05).start()
    missing = receiver.status(DISCONNECTED_STATE)
    assert missing.error.text == reasons.PORT_MISSING and "ttyUSB9" in missing.message
    reader.stop()
    assert not reader._thread.is_alive() and reader.status.state == STOPPED
    assert receiver.statuses.empty() or receiver.status(STOPPED)


# --- "test the scale" ---------------------------------------------------------------------------
@pytest.fixture
def streaming(scale) -> Iterator:
    """The scale keeps sending what ``streaming(data)`` is given every 20 ms while a check runs
    (the check opens the port itself, and an open empties what was sent before)."""
    stop = threading.Event()
    threads = []

    def start(data: bytes) -> None:
        def run() -> None:
            while not stop.wait(0.02) and scale.plugged:
                scale.send(data)

        threads.append(threading.Thread(target=run, daemon=True))
        threads[-1].start()

    yield start
    stop.set()
    for thread in threads:
        thread.join(WAIT_S)


@posix_only
def test_the_check_reads_frames_and_names_the_model(scale, streaming):
    streaming(frame("8.88"))
    check = check_scale(ScaleConfig(port=scale.port), seconds=WAIT_S)
    print(f"check: {check.frames} frames in {check.seconds} s, {check.frames_per_model}")
    assert check.ok and check.frames >= 5 and check.model_seen == "xk3190-a9"
    assert check.last is not None and check.last.net == Decimal("8.88")


@posix_only
def test_the_check_says_which_model_the_scale_talks_like(scale, streaming):
    streaming(line("ST", "GS", "4.876"))
    check = check_scale(ScaleConfig(port=scale.port, model="xk3190-a9"), seconds=0.5)
    assert check.model_seen == "st-gs" and check.error.text == reasons.OTHER_MODEL


@posix_only
def test_the_check_takes_noise_for_a_wrong_baud_rate(scale, streaming):
    streaming(NOISE)
    check = check_scale(ScaleConfig(port=scale.port, baudrate=1200), seconds=0.4)
    assert check.frames == 0 and check.bytes_seen > 0
    assert check.error.text == reasons.GARBAGE and "1200" in check.error.message


@posix_only
def test_the_check_of_a_port_another_program_holds_says_busy(scale):
    holder = serial.serial_for_url(scale.port, exclusive=True)
    try:
        check = check_scale(ScaleConfig(port=scale.port), seconds=0.2)
    finally:
        holder.close()
    assert check.error.text == reasons.PORT_BUSY


@pytest.mark.parametrize(
    ("port", "refusal"),
    [("loop://", reasons.SILENT), ("/dev/no-such-scale", reasons.PORT_MISSING)],
)
def test_the_check_of_a_silent_or_missing_port_says_what_to_do(port, refusal):
    check = check_scale(ScaleConfig(port=port), seconds=0.2)
    assert not check.ok and check.error.text == refusal and check.frames == 0
