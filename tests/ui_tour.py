"""A tour of every screen of the app: each page and parcel sub-page of the real main window, the
lock screen, and every dialog (the first-run wizard's steps, login, the settings dialogs, the
forms, the message boxes), opened the way the operator opens them.

Used by the tests that look at every screen (tests/test_ui_mnemonics.py, tests/test_ui_layout.py)
and by scripts/screenshots.py, which saves the pictures in docs/img. ``tour`` yields
``(name, widget)`` with the screen showing; the next step closes what it opened.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QGroupBox,
    QLabel,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.errors import StateError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.mainwindow import PAGES, MainWindow

# the file names docs/manual-zh.md uses for the screens that had a picture before the tour
PICTURE_NAMES = {
    "page-home": "ui-main",
    "page-settings": "ui-settings",
    "page-sync": "ui-sync",
    "parcels-intake": "ui-parcels-intake",
    "parcels-pickup": "ui-parcels-pickup",
    "parcels-shelf": "ui-parcels-shelf",
    "parcels-sending": "ui-parcels-sending",
    "parcels-handover": "ui-parcels-handover",
    "lock": "ui-lock",
    "login": "ui-login",
    "wizard-choices": "restore-choices",
    "wizard-create": "ui-wizard",
    "wizard-restore": "restore-address",
    "sms-outbox": "ui-sms-outbox",
    "sms-settings": "ui-sms-settings",
    "join-county": "join-county",
}


def settle(worker: StationWorker, timeout_s: float = 10.0) -> None:
    """Until the worker has answered everything asked of it and the answers are painted."""
    import time

    app = QApplication.instance()
    deadline = time.monotonic() + timeout_s
    app.processEvents()
    while not worker.idle and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    app.processEvents()
    app.processEvents()


def tour(
    window: MainWindow,
    worker: StationWorker,
    new_pc: Path,
    *,
    dialogs: bool = True,
    staged: bool = False,
) -> Iterator[tuple[str, QWidget]]:
    """Each screen in turn, shown: ``(name, the window or dialog to look at)``; ``staged``: the
    parcel sub-pages with a parcel half typed, a search made, rows chosen (for pictures)."""
    station: Station = window.station
    for key, _title in PAGES:
        page = window.show_page(key)
        settle(worker)
        sub_pages = getattr(page, "sub_pages", None)
        if not sub_pages:
            yield f"page-{key}", window
            continue
        for sub in sub_pages:
            page.show_sub_page(sub)
            settle(worker)
            if staged and key == "parcels":
                stage_parcels(window, worker, sub)
            if staged and key == "orders":
                from tests.ui_tour_orders import stage_orders

                stage_orders(window, settle, worker, sub)
            if staged and key == "households":
                from tests.ui_tour_households import stage_households

                stage_households(window, settle, worker, sub)
            yield f"{key}-{sub}", window
            if sub == "shelf":  # 盘点 (K) takes the shelf page's place until it is closed
                page.shelf.open_check()
                settle(worker)
                yield "parcels-shelfcheck", window
                page.shelf.close_check()
                settle(worker)
    window.lock()
    settle(worker)
    yield "lock", window
    window.lock_screen.pin.setText("")
    window._unlocked(station.operator)  # as a right PIN does
    settle(worker)
    if not dialogs:
        return
    for name, opener in _dialogs(window, worker, new_pc):
        dialog = opener()
        assert dialog is not None, f"{name} did not open"
        dialog.show()
        settle(worker)
        yield name, dialog
        dialog.hide()
        dialog.deleteLater()
        settle(worker)


def _dialogs(
    window: MainWindow, worker: StationWorker, new_pc: Path
) -> list[tuple[str, Callable[[], QWidget | None]]]:
    from stationapp.ui.kit.errors import ErrorDialog, RefusalBox
    from stationapp.ui.login import LoginDialog
    from stationapp.ui.pages.sms.do_not_text import DoNotTextDialog
    from stationapp.ui.wizard import SetupWizard
    from tests.ui_tour_orders import open_return_sending

    station = window.station
    settings = window.page("settings")
    parcels = window.page("parcels")

    def on_settings(open_it: Callable[[], QWidget | None]) -> Callable[[], QWidget | None]:
        def opened() -> QWidget | None:
            window.show_page("settings")
            settle(worker)
            return open_it()

        return opened

    def reset_pin() -> QWidget | None:
        window.show_page("settings")
        settle(worker)
        settings.operators_panel.table.selectRow(0)
        return settings.open_reset_pin()

    def returns() -> QWidget | None:
        window.show_page("parcels")
        parcels.show_sub_page("shelf")
        settle(worker)
        return parcels.shelf.open_returns()

    def duplicate_question() -> QWidget | None:
        """A waybill scanned again after its parcel left: "delivered again?"."""
        number = worker.wait_for(_a_waybill_that_left, station)
        window.show_page("parcels")
        intake = parcels.show_sub_page("intake")
        settle(worker)
        intake.start_over()
        intake.waybill.setText(number)
        intake.waybill_entered()
        settle(worker)
        return intake.redelivery_box

    def full_screen(make: Callable[[], QWidget]) -> Callable[[], QWidget]:
        """The login and the wizard fill the screen, as the app shows them (maximised)."""

        def opened() -> QWidget:
            dialog = make()
            dialog.resize(window.size())
            return dialog

        return opened

    def wizard(step: str) -> Callable[[], QWidget]:
        def opened() -> QWidget:
            dialog = SetupWizard(new_pc, worker)
            dialog.resize(window.size())
            getattr(dialog, f"show_{step}")()
            return dialog

        return opened

    return [
        ("wizard-choices", wizard("choices")),
        ("wizard-create", wizard("create")),
        ("wizard-restore", wizard("restore")),
        ("login", full_screen(lambda: LoginDialog(station, worker))),
        ("parcel-settings", on_settings(settings.open_parcel_settings)),
        ("sms-settings-window", on_settings(settings.open_sms_settings)),
        ("join-county", on_settings(settings.open_join_county)),
        ("add-operator", on_settings(settings.open_add_operator)),
        ("reset-pin", reset_pin),
        ("my-pin", on_settings(settings.open_my_pin_form)),
        ("returns", returns),
        ("orders-return-sending-form", lambda: open_return_sending(window)),
        ("do-not-text", lambda: DoNotTextDialog(station, worker, window)),
        ("duplicate-waybill", duplicate_question),
        ("refusal", lambda: RefusalBox(NOTHING_TO_UNDO, window)),
        ("error", lambda: ErrorDialog("Traceback (most recent call last): ...", window)),
    ]


# a refusal as the operator meets it (in the translation, so shown in Chinese)
NOTHING_TO_UNDO = StateError(
    QT_TRANSLATE_NOOP("UserError", "Parcel {code} is not picked up; there is nothing to undo."),
    code="A-1-0001",
)


def _a_waybill_that_left(station: Station) -> str:
    """(On the database thread.) The waybill of a parcel picked up; the oldest waiting one is
    handed out first if none was."""
    [gone] = station.parcels.shelf_list(status="picked_up").page(None, 1) or [None]
    if gone is None:
        [oldest] = station.parcels.shelf_list().page(None, 1)
        station.parcels.pick_up([oldest.id], "code")
        gone = oldest
    return gone.waybill


# --- a station with a morning's work behind it ---------------------------------------------------


def demo_station(data_dir: Path, county: Any | None = None, *, now: Any = None) -> Station:
    """(On the database thread.) 芒艾村's station: parcels on the shelves for days, texts sent
    and refused, sendings, the county's announcements; joined to ``county`` (a LoopbackCounty)
    and synced with it a few times when one is given. The station clock stays at the demo's
    moment: a Monday afternoon, or ``now`` (the county center keeps the real time and warns of
    a station clock far from it: the pictures are taken at the real time)."""
    import tests.test_ui_parcels_screens as morning
    from stationapp.core import clock
    from tests.conftest import MANAGER, MANAGER_PIN, STATION_NAME
    from tests.test_ui_home_announcements import DELIVERY_ROUTE, PURCHASE_DRIVE, page_of
    from tests.test_ui_parcels_screens import demo_station as parcels_morning

    if now is not None:
        morning.NOW = now
    NOW = morning.NOW
    clock.set_clock(lambda: NOW - timedelta(days=12))
    station = Station.create(
        data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN,
        phone="0883-6123456",
    )  # fmt: skip
    station.operators.add(name="玉香", pin="2468", role="operator")
    station.operators.add(name="岩罕", pin="1357", role="operator")
    station.operators.check_login("玉香", "2468")  # the login screen offers whoever came last
    parcels_morning(station)
    station.county.apply_page(page_of(PURCHASE_DRIVE, DELIVERY_ROUTE), "2")
    if county is not None:
        county.join(station)
        # the last round now: the county center keeps the real time and judges the clock by it
        for minutes in (3, 2, 0):
            clock.set_clock(lambda minutes=minutes: NOW - timedelta(minutes=minutes))
            station.settings.set("parcels.overdue_days", 3 + minutes % 2)
            station.sync.run()
    return station


def stage_parcels(window: MainWindow, worker: StationWorker, key: str) -> None:
    """A parcel sub-page in a state worth showing (what tests/test_ui_parcels_screens fills)."""
    from tests.test_ui_parcels_screens import stage

    class Waiter:  # what stage() asks of pytest-qt's qtbot
        @staticmethod
        def waitUntil(condition: Callable[[], Any], timeout: int = 5000) -> None:
            settle(worker, timeout / 1000)
            assert condition()

    stage(Waiter(), window, key)


# --- what the tests look at ----------------------------------------------------------------------

_MNEMONIC = re.compile(r"&(.)")


def mnemonic(text: str) -> str:
    """The letter Alt+ presses in a Qt text ("" for none): ``&Save`` -> ``s``, ``A && B`` none."""
    for match in _MNEMONIC.finditer(text.replace("&&", "")):
        return match.group(1).lower()
    return ""


def visible_mnemonics(top: QWidget) -> dict[str, list[str]]:
    """Letter -> the texts of the visible buttons, group boxes and labels with a buddy that use
    it: what Alt+letter could mean in ``top`` as it is shown."""
    found: dict[str, list[str]] = {}
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.window() is not top:
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            text = widget.text()
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            text = widget.title()
        else:
            continue
        letter = mnemonic(text)
        if letter:
            found.setdefault(letter, []).append(text)
    return found


def clashes(top: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in visible_mnemonics(top).items() if len(v) > 1}


def scroll_areas(top: QWidget) -> list[QAbstractScrollArea]:
    return [
        area
        for area in top.findChildren(QAbstractScrollArea)
        if area.isVisibleTo(top) and area.window() is top
    ]


def horizontal_bar_shown(area: QAbstractScrollArea) -> bool:
    bar = area.horizontalScrollBar()
    policy = area.horizontalScrollBarPolicy()
    return policy != Qt.ScrollBarPolicy.ScrollBarAlwaysOff and bar.isVisible() and bar.maximum() > 0
