"""Alt+letter means one thing on each screen: no two visible buttons (or labels of a field) of a
page or dialog share a mnemonic, in Chinese and in English. The tour opens every page, parcel
sub-page, the lock screen and every dialog of the app (a dialog class the tour does not open fails
the test, so a new one is looked at too)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

import stationapp.ui
from stationapp.ui.app import create_application, install_translators
from stationapp.ui.kit.page import Page
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow
from tests.test_ui_parcels_helpers import QT_LOG_IGNORE, desk, sounds_played  # noqa: F401
from tests.test_ui_parcels_screens import demo_station
from tests.ui_tour import clashes, mnemonic, tour

pytestmark = QT_LOG_IGNORE


def dialog_classes() -> set[type]:
    """Every QDialog subclass the app defines."""
    for module in pkgutil.walk_packages(stationapp.ui.__path__, "stationapp.ui."):
        importlib.import_module(module.name)
    found: set[type] = set()
    todo = [QDialog]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("stationapp."):
                found.add(cls)
    return found


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp) -> Iterator[str]:
    create_application()
    assert install_translators(request.param)
    yield request.param
    install_translators("en")


@pytest.fixture
def demo_window(qtbot, station, worker, desk, language) -> Iterator[MainWindow]:
    demo_station(station)
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield window
    window.close()


def test_the_mnemonic_is_the_letter_after_the_ampersand():
    assert [mnemonic(t) for t in ("&Save", "货架(&S):", "A && B", "Close (Esc)", "")] == [
        "s",
        "s",
        "",
        "",
        "",
    ]


def page_classes() -> set[type]:
    """Every page and panel class (``Page`` subclasses) the app defines."""
    dialog_classes()  # imports every module of the GUI
    found: set[type] = set()
    todo = [Page]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            found.add(cls)
    return found


def test_alt_letters_are_unique_on_every_screen(qtbot, demo_window, worker, tmp_path: Path):
    seen: dict[str, dict[str, list[str]]] = {}
    opened: set[type] = set()
    shown_pages: set[type] = set()
    for name, screen in tour(demo_window, worker, tmp_path / "new-pc"):
        if isinstance(screen, QDialog):
            opened.add(type(screen))
        shown_pages |= {type(p) for p in screen.findChildren(Page) if p.isVisibleTo(screen)}
        clash = clashes(screen)
        if clash:
            seen[name] = clash
    assert seen == {}
    missing = {c.__name__ for c in dialog_classes() if not any(issubclass(o, c) for o in opened)}
    assert missing == set()
    # a base (SubPagedPage) counts as shown when a page built on it is
    unseen = {c.__name__ for c in page_classes() if not any(issubclass(s, c) for s in shown_pages)}
    assert unseen == set()


def test_the_tour_sees_a_clash_where_there_is_one(qtbot, demo_window, worker, tmp_path: Path):
    """The check itself: two buttons with Alt+S on the settings page are found."""
    for name, screen in tour(demo_window, worker, tmp_path / "new-pc", dialogs=False):
        if name == "page-settings":
            extra = QPushButton("&Sabotage", screen.page("settings"))
            extra.show()
            letter = mnemonic(extra.text())
            assert extra.text() in clashes(screen).get(letter, [])
            extra.deleteLater()
