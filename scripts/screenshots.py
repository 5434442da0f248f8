"""Pictures of every screen of the app for docs/img and the manual, made again in one go:

    .venv/bin/python scripts/screenshots.py                  # 1366x768 into docs/img
    .venv/bin/python scripts/screenshots.py --size 1920x1080 --out /tmp/shots

A demo station (芒艾村: a morning's parcels, texts, sendings, the county's announcements) is made
in a scratch folder and joined to a county center started on 127.0.0.1; the real main window is
shown offscreen in Chinese and tests/ui_tour.py walks every page, parcel sub-page, the lock
screen and every dialog. A screen that had a picture keeps its file name (docs/manual-zh.md uses
them); the others are ``ui-<screen>.png``. With another --size or --language the names get them
as a suffix (``ui-main-1920x1080.png``, ``ui-main-en.png``): they never replace the manual's.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="the folder")
    parser.add_argument("--size", default="1366x768", help="the window's size, WIDTHxHEIGHT")
    parser.add_argument("--only", nargs="*", default=None, help="screen names to take (all)")
    parser.add_argument("--language", default="zh_CN", help="zh_CN (the manual's) or en")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    suffix = "" if (width, height) == (1366, 768) else f"-{width}x{height}"
    if args.language != "zh_CN":
        suffix += f"-{args.language}"

    from PySide6.QtCore import qInstallMessageHandler

    from stationapp.core.clock import SHANGHAI
    from stationapp.ui.app import create_application, install_translators
    from stationapp.ui.kit.worker import StationWorker
    from stationapp.ui.mainwindow import MainWindow
    from tests.county_server import LoopbackCounty
    from tests.ui_tour import PICTURE_NAMES, demo_station, settle, tour

    qInstallMessageHandler(
        lambda _mode, _context, message: (
            None
            if message.startswith("This plugin does not support")
            else print(message, file=sys.stderr)
        )
    )
    app = create_application()
    if not install_translators(args.language):
        print(f"the translation {args.language} is missing", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    worker = StationWorker()
    written = []
    scratch_dir = tempfile.TemporaryDirectory()
    scratch = scratch_dir.name
    with scratch_dir, LoopbackCounty(Path(scratch) / "county") as county:
        now = datetime.now(SHANGHAI).replace(second=0, microsecond=0)
        folder = Path(scratch) / "VillageStation"  # as the data folder is named on a PC
        station = worker.wait_for(demo_station, folder, county, now=now)
        window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
        window.resize(width, height)
        window.show()
        settle(worker)
        for name, screen in tour(window, worker, Path(scratch) / "new-pc", staged=True):
            if args.only and name not in args.only:
                continue
            if screen is not window and screen.width() > width:
                screen.resize(width, min(screen.height(), height))
            settle(worker)
            path = args.out / f"{PICTURE_NAMES.get(name, f'ui-{name}')}{suffix}.png"
            if not screen.grab().save(str(path)):
                print(f"could not write {path}", file=sys.stderr)
                return 1
            written.append(path)
        window.stop_watching()
        window.close()
        worker.wait_for(station.close)
    worker.shutdown()
    app.processEvents()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
