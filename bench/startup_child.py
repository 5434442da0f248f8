"""One cold start for bench/core.py: the app's own start path up to the main window shown.

Runs as a fresh process (so imports count): QApplication with font and translations, the
station opened on the worker thread, the login dialog shown, the manager's PIN checked, the
main window shown. Prints one JSON line: {"shown": bool, "rss_mb": float, "inside_s": float}.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

# the project before bench/: `sync` is the project's package, not bench/sync.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from PySide6.QtCore import QTimer

    from stationapp.ui.app import create_application, install_translators
    from stationapp.ui.shell import Shell

    data_dir = Path(sys.argv[1])
    app = create_application()
    install_translators("zh_CN")
    shell = Shell(data_dir, maximized=False)
    report: dict[str, object] = {"shown": False}

    def log_in_when_ready() -> None:
        if shell.dialog is None or shell.station is None:
            QTimer.singleShot(1, log_in_when_ready)
            return
        operator = shell.worker.wait_for(shell.station.login, "岩温", "123456")
        window = shell.open_main_window(operator)
        app.processEvents()
        report["shown"] = window.isVisible()
        report["inside_s"] = round(time.perf_counter() - STARTED, 4)
        report["rss_mb"] = round(rss_mb(), 1)
        app.quit()

    shell.start()
    QTimer.singleShot(0, log_in_when_ready)
    app.exec()
    shell.shutdown()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
