"""What a new operator tripped on (issue 9, point 9), each driven with real key events: Enter on
the wizard's last field, the "delivered again?" question after a double scan, a refusal left
on screen after Esc."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import argparse
import ast
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    VILLAGERS,
    YTO,
    desk,
    focused,
    parcels_page,
    press,
    receive,
    sounds_played,
    type_into_focus,
)

from stationapp.core import Station
from stationapp.ui.wizard import SetupWizard
from tests.test_cli import ROOT, run_cli

pytestmark = QT_LOG_IGNORE


# the first-run wizard ---------------------------------------------------------------------------


def test_the_wizard_goes_field_to_field_on_enter_and_creates_the_station_from_the_last(
    qtbot, tmp_data_dir, worker, shown_errors
):
    wizard = SetupWizard(tmp_data_dir, worker)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    assert wizard.new_button.hasFocus()
    press(qtbot, Qt.Key.Key_Space)  # 新建服务站, as an operator chooses it
    assert wizard.station_name.hasFocus()
    typed = ("孟定镇芒艾村电商服务站", "0883-6123456", "岩温", "123456")
    for field, text in zip(
        (wizard.station_name, wizard.phone, wizard.manager_name, wizard.pin), typed, strict=True
    ):
        assert field.hasFocus()
        type_into_focus(qtbot, text)  # ends with Enter: the next field
    assert wizard.pin_again.hasFocus()
    assert not Station.exists(tmp_data_dir)  # nothing was created before the last field
    with qtbot.waitSignal(wizard.station_created, timeout=5000) as created:
        type_into_focus(qtbot, "123456")  # 再输一次, then Enter: done
    station = created.args[0]
    try:
        assert worker.wait_for(lambda: station.info.name) == typed[0]
    finally:
        worker.wait_for(station.close)


# the "delivered again?" question ----------------------------------------------------------------


@pytest.fixture
def picked_up(station: Station, worker) -> str:
    """A waybill whose parcel was taken in and picked up: scanning it again asks."""
    parcel = worker.wait_for(receive, station, YTO, 2)
    worker.wait_for(station.parcels.pick_up, [parcel.id], "code")
    return YTO


def test_a_double_scan_ending_in_enter_does_not_take_the_parcel_in_again(
    qtbot, parcels_page, station, worker, picked_up
):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, picked_up)
    qtbot.waitUntil(lambda: intake.redelivery_box is not None, timeout=3000)
    box = intake.redelivery_box
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.waitUntil(box.isVisible)
    type_into_focus(qtbot, picked_up)  # the scanner's second read, Enter at its end
    qtbot.waitUntil(lambda: intake.redelivery_box is None, timeout=3000)
    assert not intake.redelivery_confirmed
    assert intake.check is None and intake.waybill.text() == ""
    count = worker.wait_for(lambda: station.parcels.shelf_list().count())
    assert count == 0  # nothing was taken in


def test_y_takes_the_parcel_in_again(qtbot, parcels_page, station, worker, picked_up):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, picked_up)
    qtbot.waitUntil(lambda: intake.redelivery_box is not None, timeout=3000)
    qtbot.waitUntil(intake.redelivery_box.isVisible)
    press(qtbot, Qt.Key.Key_Y)  # the Yes button's letter (it clicks after a short flash)
    qtbot.waitUntil(lambda: intake.redelivery_confirmed, timeout=3000)


# a refusal and Esc ------------------------------------------------------------------------------


def test_esc_after_a_refused_phone_clears_the_red_line_with_the_parcel(
    qtbot, parcels_page, station, worker
):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, "73100012345678")
    qtbot.waitUntil(lambda: worker.idle, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)  # the carrier
    assert intake.phone.hasFocus()
    type_into_focus(qtbot, "99912345678")
    qtbot.waitUntil(lambda: intake.message.kind == "refusal", timeout=3000)
    assert intake.message.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    assert intake.waybill.hasFocus()
    assert intake.message.isHidden()  # no red line about a parcel no longer on screen
    assert "next parcel" in intake.step.text()


def test_a_success_line_stays_when_the_next_parcel_starts(
    qtbot, parcels_page, station, worker
):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, "73100012345678")
    qtbot.waitUntil(lambda: worker.idle, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, VILLAGERS[0][0])
    qtbot.waitUntil(lambda: intake.name.hasFocus(), timeout=3000)  # a new phone: its name
    type_into_focus(qtbot, VILLAGERS[0][1])
    qtbot.waitUntil(lambda: intake.message.kind == "success", timeout=3000)
    assert intake.message.isVisible()  # "Taken in: ..." stays while the next waybill comes


# the command line -------------------------------------------------------------------------------


def test_the_data_folder_may_be_named_after_the_command_too(tmp_path):
    folder = tmp_path / "st"
    made = run_cli("init", "--data-dir", str(folder), "--name", "芒艾村服务站", "--manager", "岩温",
                   "--pin", "123456")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert (folder / "station.db").exists()
    checked = run_cli("verify", "--data-dir", str(folder), lang="en")
    assert checked.returncode == 0, checked.stderr
    copy = tmp_path / "copy.db"
    # given twice, the one after the command counts (it is the nearer)
    backed = run_cli("--data-dir", str(tmp_path / "nowhere"), "backup", str(copy),
                     "--data-dir", str(folder))  # fmt: skip
    assert backed.returncode == 0, backed.stderr
    assert copy.exists()


def test_every_argument_of_every_command_says_what_it_is():
    from stationapp.cli import build_parser

    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    silent = [
        f"{name} {'/'.join(action.option_strings) or action.dest}"
        for name, command in [("stationapp", parser), *commands.choices.items()]
        for action in command._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert silent == []
    assert "--data-dir" in run_cli("verify", "--help").stdout


# log lines --------------------------------------------------------------------------------------

LOG_CALL = re.compile(r"\b(?:log|logger|logging)\.(?:debug|info|warning|error|exception|critical)$")


def log_calls(path: Path) -> Iterator[tuple[int, ast.Call]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and LOG_CALL.search(ast.unparse(node.func)):
            yield node.lineno, node


def test_no_log_line_writes_a_message_template_with_its_fields_unfilled():
    """A refusal's ``text`` is its template (``{left} tries left``): the log takes ``english``,
    the same words with the fields filled; a literal format string has no ``{field}`` either."""
    bad = []
    for path in sorted([*ROOT.joinpath("stationapp").rglob("*.py"),
                        *ROOT.joinpath("sync").rglob("*.py")]):  # fmt: skip
        for line, call in log_calls(path):
            for arg in call.args:
                template = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                if template and re.search(r"\{\w+\}", arg.value):
                    bad.append(f"{path.relative_to(ROOT)}:{line}")
                if isinstance(arg, ast.Attribute) and arg.attr == "text":
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {ast.unparse(arg)}")
    assert bad == []


def test_a_refusal_is_logged_with_its_fields_filled(qtbot, station, worker, caplog):
    """The wrong-PIN refusal and the unreachable county, through the worker as the GUI asks."""
    refused = []
    with caplog.at_level(logging.INFO, logger="stationapp.ui.kit.worker"):
        worker.call(
            station.operators.check_login, station.operator.name, "999999", on_error=refused.append
        )
        worker.call(
            station.sync.enroll, "http://127.0.0.1:9", "ABCD-EFGH", on_error=refused.append
        )
        qtbot.waitUntil(lambda: len(refused) == 2, timeout=20000)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Wrong PIN. 4 tries left before a one-minute lock." in logged
    assert "The county center at http://127.0.0.1:9 cannot be reached now" in logged
    assert "{" not in logged


# the shelf check ---------------------------------------------------------------------------------


def test_the_shelf_check_names_the_shelf_to_scan(qtbot, parcels_page, worker):
    shelf = parcels_page.show_sub_page("shelf")
    qtbot.waitUntil(lambda: worker.idle, timeout=3000)
    shelf.open_check()
    qtbot.waitUntil(lambda: shelf.check_panel.shelf.count() > 0, timeout=3000)
    name = shelf.check_panel.shelf.currentText()
    assert name and f"shelf {name}," in shelf.check_panel.step.text()
