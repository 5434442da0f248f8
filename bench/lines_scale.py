"""The scale's part of bench/lines.py: a frame written by a pseudo-terminal indicator
(tests/fakes/fake_scale.py) to the reading handed to the reader's callback, the step before the
screen (tests/test_ui_produce_scale.py measures frame to label). The baseline is the bare pty: the
same bytes written and read back on another pty, no parser, no thread."""

from __future__ import annotations

import os
import queue
import statistics
import time
import tty

from stationapp.scales import CONNECTED, ScaleConfig, ScaleReader
from tests.fakes.fake_scale import FakeScale

WAIT_S = 5.0


def _frame(i: int) -> bytes:
    return f"ST,GS,+{1 + i % 50:>3}.{i % 1000:03d}kg\r\n".encode()


def frame_to_reading(frames: int) -> list[float]:
    """Milliseconds from each frame's write to its reading at the callback."""
    scale = FakeScale()
    readings: queue.Queue[float] = queue.Queue()
    statuses: queue.Queue[str] = queue.Queue()
    config = ScaleConfig(port=scale.port, baudrate=9600, model="st-gs")
    reader = ScaleReader(
        config, lambda _: readings.put(time.monotonic()), lambda s: statuses.put(s.state)
    ).start()
    try:
        while statuses.get(timeout=WAIT_S) != CONNECTED:
            pass  # pyserial empties the input on open: send after it
        delays = []
        for i in range(frames):
            sent_at = scale.send(_frame(i))
            delays.append((readings.get(timeout=WAIT_S) - sent_at) * 1000)
        return delays
    finally:
        reader.stop()
        scale.close()


def bare_pty(frames: int) -> list[float]:
    """Milliseconds for the same frames through a pty alone."""
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        delays = []
        for i in range(frames):
            data = _frame(i)
            sent_at = time.monotonic()
            os.write(master, data)
            got = b""
            while len(got) < len(data):
                got += os.read(slave, 64)
            delays.append((time.monotonic() - sent_at) * 1000)
        return delays
    finally:
        os.close(master)
        os.close(slave)


def scale_figures(frames: int) -> list[tuple[str, float, str, str, float, float]]:
    """(bench, value, unit, stat, target, baseline) for ``frames`` frames in a row."""
    delays, bare = frame_to_reading(frames), bare_pty(frames)
    return [
        (
            "scale.frame_to_reading",
            statistics.median(delays),
            "ms",
            "median",
            200,
            statistics.median(bare),
        ),
        ("scale.frame_to_reading", max(delays), "ms", "max", 200, max(bare)),
    ]
