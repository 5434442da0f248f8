"""``stationapp selftest --out DIR``: open the main window offscreen, save a screenshot and the
printer test page, check the event log, and say plainly whether all is well."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

DEMO_STATION = "孟定镇芒艾村电商服务站"
DEMO_PHONE = "0883-6123456"
DEMO_MANAGER = "岩温"
DEMO_PIN = "123456"
SCREENSHOT = "main-window.png"
TEST_RECEIPT = "test-receipt.pdf"


def run_selftest(data_dir: Path | None, out_dir: Path) -> int:
    """0 when the window opened, both files were written and the event log verifies.

    The window and the test page come from a demo station: in ``data_dir`` when it holds no
    station yet, else in a scratch folder (a real station's PIN is not known here, and a
    self-test must not write into its records); a real station in ``data_dir`` is verified."""
    import tempfile

    if data_dir is not None and _station_exists(data_dir):
        real_problems = _verify_real_station(data_dir)
        with tempfile.TemporaryDirectory(prefix="stationapp-selftest-") as scratch:
            return _run(Path(scratch) / "demo", out_dir, real_problems)
    if data_dir is None:
        with tempfile.TemporaryDirectory(prefix="stationapp-selftest-") as scratch:
            return _run(Path(scratch) / "demo", out_dir, [])
    return _run(Path(data_dir), out_dir, [])


def _station_exists(data_dir: Path) -> bool:
    from stationapp.core import Station

    return Station.exists(Path(data_dir))


def _verify_real_station(data_dir: Path) -> list[str]:
    from stationapp.core import Station, UserError

    try:
        with Station.open(Path(data_dir)) as station:
            result = station.events.verify()
    except UserError as error:
        return [str(error)]
    return [f"{data_dir}: {problem}" for problem in result.problems]


def _run(data_dir: Path, out_dir: Path, problems: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler

    from stationapp.core import Station
    from stationapp.ui.app import DEFAULT_LANGUAGE, create_application, install_translators
    from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
    from stationapp.ui.kit.worker import StationWorker
    from stationapp.ui.mainwindow import MainWindow

    summary: dict[str, Any] = {"data_dir": str(data_dir), "out_dir": str(out_dir)}
    previous_handler = qInstallMessageHandler(_quiet_offscreen(sys.stderr))
    app = create_application()
    worker = StationWorker()
    station: Station | None = None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        station = worker.wait_for(_create_demo, Path(data_dir))
        install_translators(worker.wait_for(station.settings.get, "language") or DEFAULT_LANGUAGE)
        operator = station.operator
        summary["station"] = worker.wait_for(lambda: station.info.name)
        summary["operator"] = operator.name if operator else ""

        window = MainWindow(station, worker, operator)
        window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
        window.show()
        _settle(app, worker)
        screenshot = out_dir / SCREENSHOT
        if not window.grab().save(str(screenshot)):
            problems.append(f"could not write {screenshot}")
        summary["screenshot"] = str(screenshot)
        if window.tamper_warning.isVisible():
            problems.append("the main window shows the tamper warning")
        window.stop_watching()
        window.close()

        receipt = out_dir / TEST_RECEIPT
        receipt.write_bytes(worker.wait_for(_render_test_page, station))
        summary["test_receipt"] = str(receipt)

        result = worker.wait_for(station.events.verify)
        summary["events_checked"] = result.events_checked
        summary["verify_ok"] = result.ok
        problems.extend(result.problems)
    except Exception as error:  # a self-test reports every failure instead of a traceback
        problems.append(f"{type(error).__name__}: {error}")
    finally:
        if station is not None:
            worker.wait_for(station.close)
        worker.shutdown()
        QCoreApplication.processEvents()
        qInstallMessageHandler(previous_handler)

    summary["ok"] = not problems
    summary["problems"] = problems
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if problems:
        print("selftest FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    return 0


def _quiet_offscreen(stream):
    """Qt's messages, less the offscreen platform's notes that it cannot raise or size windows."""

    def handle(_mode, _context, message: str) -> None:
        if not message.startswith("This plugin does not support"):
            print(message, file=stream)

    return handle


def _create_demo(data_dir: Path):
    from stationapp.core import Station

    return Station.create(
        data_dir,
        name=DEMO_STATION,
        phone=DEMO_PHONE,
        manager_name=DEMO_MANAGER,
        manager_pin=DEMO_PIN,
    )


def _render_test_page(station) -> bytes:
    from stationapp.core import clock
    from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader
    from stationapp.receipts.testpage import printer_test_page

    event = station.events.record_print("test_page")
    info = station.info
    return printer_test_page(
        header=ReceiptHeader(info.name, info.phone),
        footer=ReceiptFooter(
            event.id,
            clock.parse_iso(event.occurred_at),
            station.operator.name,
            info.receipt_check,
        ),
        paper=station.settings.get("paper"),
    )


def _settle(app, worker, timeout: float = 10.0) -> None:
    """Let the window's first calls come back and paint."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout
    app.processEvents()
    while time.monotonic() < deadline and not worker.idle:
        # waits for the worker's result signals instead of spinning
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    app.processEvents()
