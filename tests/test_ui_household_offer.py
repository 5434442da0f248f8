"""The kit's household offer under a villager field, driven by real keys into the form's field:
offered, accepted with Ctrl+H, cleared with Ctrl+Shift+H, marked without asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from stationapp.core.county.households import Household
from stationapp.ui.kit.household_offer import HouseholdOffer, marker

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def registered(no: str, name: str, **fields) -> Household:
    base = dict(
        household_no=no,
        head_name=name,
        id_tail="001X",
        members=4,
        township="孟定镇",
        village="芒艾村",
        natural_village="芒艾上寨",
        household_type="脱贫户",
        monitoring_type="",
        risk_cleared=False,
        causes=[],
        phone_masked="尾号5678",
    )
    return Household(**(base | fields))


WANG = registered("5309260101000001", "王秀英")
LI = registered("5309260101000002", "李小明", monitoring_type="边缘易致贫户")


@pytest.fixture
def form(qtbot):
    """A villager field with the offer under it, the field holding the keyboard focus."""
    host = QWidget()
    field = QLineEdit(host)
    offer = HouseholdOffer(host, host)
    layout = QVBoxLayout(host)
    layout.addWidget(field)
    layout.addWidget(offer)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=3000)
    field.setFocus()
    return host, field, offer


def test_the_marker_names_the_kind_a_monitored_household_first():
    assert marker(WANG) == "【脱贫户】"
    assert marker(LI) == "【边缘易致贫户】"


def test_nothing_is_shown_until_a_household_is_offered(form):
    _host, _field, offer = form
    assert offer.isHidden()
    offer.offer([])
    assert offer.isHidden() and offer.household_id == ""


def test_an_offer_shows_the_household_and_ctrl_h_accepts_it(qtbot, form):
    _host, field, offer = form
    qtbot.keyClicks(field, "13812345678")
    offer.offer([WANG, LI])
    assert offer.isVisible() and offer.offered
    assert "王秀英【脱贫户】" in offer.name.text() and WANG.household_no in offer.hint.text()
    assert "尾号5678" in offer.hint.text() and "Ctrl+H" in offer.hint.text()
    assert "1 more household" in offer.hint.text()
    assert offer.household_id == ""  # only offered
    with qtbot.waitSignal(offer.accepted) as accepted:
        qtbot.keyClick(field, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert accepted.args == [WANG.household_no]
    assert offer.household_id == WANG.household_no
    assert field.text() == "13812345678" and field.hasFocus()  # the key typed nothing
    assert "Marked" in offer.hint.text()


def test_ctrl_shift_h_turns_an_offer_down_and_nothing_is_marked(qtbot, form):
    _host, field, offer = form
    offer.offer([WANG])
    with qtbot.waitSignal(offer.cleared) as cleared:
        qtbot.keyClick(
            field,
            Qt.Key.Key_H,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert cleared.args == [WANG.household_no]
    assert offer.isHidden() and offer.household_id == ""


def test_a_linked_household_is_marked_without_asking_and_can_be_cleared(qtbot, form):
    _host, field, offer = form
    offer.mark(LI)
    assert offer.household_id == LI.household_no and not offer.offered
    assert "李小明【边缘易致贫户】" in offer.name.text()
    offer.offer([WANG])  # a later offer does not replace the mark
    assert offer.household_id == LI.household_no
    with qtbot.assertNotEmitted(offer.accepted):
        qtbot.keyClick(field, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(offer.cleared):
        qtbot.keyClick(
            field,
            Qt.Key.Key_H,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert offer.household_id == "" and offer.isHidden()


def test_reset_forgets_the_villager(form):
    _host, _field, offer = form
    offer.offer([WANG])
    offer.accept()
    offer.reset()
    assert offer.isHidden() and offer.household_id == "" and offer.shown is None
