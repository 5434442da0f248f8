"""The house rules of the layout (DESIGN §2, STYLE.md)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6)", re.MULTILINE)


def _python_files(*folders: str) -> list[Path]:
    missing = [f for f in folders if not (ROOT / f).is_dir()]
    assert missing == [], f"no such folder: {missing}"  # a moved folder must not go unchecked
    return [p for f in folders for p in (ROOT / f).rglob("*.py")]


def test_the_domain_receipts_and_sms_providers_never_import_qt():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files(
            "stationapp/core",
            "stationapp/receipts",
            "stationapp/sms_providers",
            "stationapp/scales",
        )
        if QT_IMPORT.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_widgets_hold_no_sql():
    sql = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files("stationapp/ui")
        if sql.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_importing_the_core_does_not_load_qt_or_heavy_libraries():
    import subprocess
    import sys

    code = (
        "import sys; from stationapp.core import Station;"
        "bad = [m for m in ('PySide6', 'reportlab', 'requests', 'pypinyin') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_the_protocol_and_the_client_import_no_web_framework_and_no_qt():
    framework = re.compile(
        r"^\s*(from|import)\s+(PySide6|fastapi|starlette|uvicorn|sqlalchemy|alembic)", re.MULTILINE
    )
    offenders = [
        name
        for name in ("sync/protocol.py", "sync/client.py")
        if (ROOT / name).exists() and framework.search((ROOT / name).read_text(encoding="utf-8"))
    ]
    assert (ROOT / "sync" / "protocol.py").exists()
    assert offenders == []
