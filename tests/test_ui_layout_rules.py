"""The house rules of stationapp/ui (DESIGN §2, STYLE.md): a page imports the core, ui/kit and
its own line's package, never another page; what a signal carries is typed, never ``object``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "stationapp" / "ui"
PAGES = UI / "pages"
SIGNAL_OF_OBJECT = re.compile(r"\bSignal\(\s*object\b")


def _imported(path: Path) -> list[str]:
    """Every module ``path`` imports, at its top or inside a function."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _line_packages() -> list[Path]:
    return sorted(p for p in PAGES.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def test_the_pages_are_packages_one_per_line():
    assert {p.name for p in _line_packages()} >= {"parcels", "sms", "sync", "station"}


def test_no_page_imports_another_page():
    offenders = []
    for package in _line_packages():
        own = f"stationapp.ui.pages.{package.name}"
        for path in package.rglob("*.py"):
            for name in _imported(path):
                if not name.startswith("stationapp.ui.pages"):
                    continue
                if name == own or name.startswith(own + "."):
                    continue
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_a_page_imports_only_the_core_the_kit_and_its_own_line():
    allowed = (
        "stationapp.core",
        "stationapp.receipts",
        "stationapp.scales",  # the produce page reads the scale (docs/scales.md)
        "stationapp.sms_providers",
        "sync.protocol",
    )
    allowed_ui = ("stationapp.ui.kit", "stationapp.ui.runners")
    offenders = []
    for package in _line_packages():
        own = f"stationapp.ui.pages.{package.name}"
        for path in package.rglob("*.py"):
            for name in _imported(path):
                if not name.startswith(("stationapp", "sync")):
                    continue
                if name.startswith((*allowed, *allowed_ui, own)):
                    continue
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_kit_imports_no_page_and_no_runner():
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (UI / "kit").rglob("*.py")
        for name in _imported(path)
        if name.startswith(("stationapp.ui.pages", "stationapp.ui.runners"))
    ]
    assert offenders == []


def test_no_ui_module_declares_a_signal_of_object():
    offenders = [
        str(path.relative_to(ROOT))
        for path in UI.rglob("*.py")
        if SIGNAL_OF_OBJECT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_rules_catch_what_they_are_for(tmp_path):
    """The checks themselves: a page importing another, and a signal of any object, are found."""
    page = tmp_path / "page.py"
    page.write_text(
        "from stationapp.ui.pages.parcels.words import CONSENTS\n"
        "from PySide6.QtCore import Signal\n"
        "class P:\n    told = Signal(" + "object)\n",  # split: the house's own grep looks too
        encoding="utf-8",
    )
    assert "stationapp.ui.pages.parcels.words" in _imported(page)
    assert SIGNAL_OF_OBJECT.search(page.read_text(encoding="utf-8"))
