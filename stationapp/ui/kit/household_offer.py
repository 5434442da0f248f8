"""Under a form's villager field: the county's registered household (脱贫户, 监测对象) the
villager may belong to, offered with its marker (``王秀英【脱贫户】 户编号 …``), accepted with
one key and cleared with another, so the household log's link is made as the work is done.

The widget holds no SQL: the form finds the candidates on the database thread and hands them
in. Its whole use::

    offer = HouseholdOffer(form)   # its keys work while the focus is anywhere in ``form``
    layout.addWidget(offer)        # hidden until there is something to show
    offer.offer(candidates)        # found for what was typed: the first one offered
    offer.mark(household)          # already linked (or accepted elsewhere): shown as marked
    offer.household_id            # the 户编号 accepted or marked; '' for none
    offer.accepted / offer.cleared # Signal(str), the 户编号, after ACCEPT_KEY / CLEAR_KEY
    offer.reset()                  # the next villager: nothing shown

A candidate is any object with the registry's fields ``household_no``, ``head_name``,
``household_type``, ``monitoring_type``, ``village`` and ``phone_masked``
(``stationapp.core.county.households.Household`` is one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from stationapp.ui.kit.desk import shortcut

ACCEPT_KEY = "Ctrl+H"  # H: 户, the household
CLEAR_KEY = "Ctrl+Shift+H"

STYLE_SHEET = """
QFrame#householdOffer { border: 2px solid #e0a030; border-radius: 6px; background: #fff6e0; }
QFrame#householdOffer[marked="true"] { border-color: #1f6f3f; background: #e8f4ec; }
QLabel#householdName { font-size: 22px; font-weight: bold; color: #1b1b1b; }
QLabel#householdHint { font-size: 18px; color: #24435c; }
"""


class RegisteredHousehold(Protocol):
    """What the widget shows of a household: the registry's row, as the county sends it."""

    household_no: str
    head_name: str
    household_type: str  # 脱贫户 / 普通农户
    monitoring_type: str  # a 监测对象's kind, or ''
    village: str
    phone_masked: str  # 尾号5678, or ''


def marker(household: RegisteredHousehold) -> str:
    """The household's kind in brackets, as the orders and produce forms mark it: 【脱贫户】,
    【边缘易致贫户】; '' when the registry gives no kind."""
    kind = household.monitoring_type or household.household_type
    return f"【{kind}】" if kind else ""


class HouseholdOffer(QFrame):
    """A registered household offered (amber) or marked (green) under a villager field; hidden
    while there is neither. ``ACCEPT_KEY`` takes the offer, ``CLEAR_KEY`` turns it down or
    clears the mark; each says so by its signal, with the 户编号."""

    accepted = Signal(str)
    cleared = Signal(str)

    def __init__(self, keys_owner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdOffer")
        self.setStyleSheet(STYLE_SHEET)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.name = QLabel()
        self.name.setObjectName("householdName")
        self.name.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("householdHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.name)
        layout.addWidget(self.hint)
        self.candidates: list[RegisteredHousehold] = []
        self.shown: RegisteredHousehold | None = None
        self.marked = False
        self.keys = (
            shortcut(keys_owner, ACCEPT_KEY, self.accept),
            shortcut(keys_owner, CLEAR_KEY, self.clear),
        )
        self.hide()

    # what the form tells it -------------------------------------------------------------------

    def offer(self, candidates: Sequence[RegisteredHousehold]) -> None:
        """Offer the first candidate (the best the form found), the others counted; nothing
        shown for none. A household already marked stays marked."""
        if self.marked:
            return
        self.candidates = list(candidates)
        if not self.candidates:
            self.reset()
            return
        self.shown = self.candidates[0]
        self._show()

    def mark(self, household: RegisteredHousehold) -> None:
        """Show ``household`` as the villager's, without asking (already linked, or accepted)."""
        self.candidates = [household]
        self.shown = household
        self.marked = True
        self._show()

    def reset(self) -> None:
        """Nothing offered or marked: the form moves to the next villager."""
        self.candidates = []
        self.shown = None
        self.marked = False
        self.hide()

    @property
    def household_id(self) -> str:
        """The 户编号 marked for the villager; '' while it is only offered, or none."""
        return self.shown.household_no if self.marked and self.shown is not None else ""

    @property
    def offered(self) -> bool:
        """A household is shown and waits for the operator's key."""
        return self.shown is not None and not self.marked

    # the keys ---------------------------------------------------------------------------------

    @Slot()
    def accept(self) -> None:
        """ACCEPT_KEY: the household offered is the villager's."""
        if not self.offered:
            return
        self.marked = True
        self._show()
        assert self.shown is not None
        self.accepted.emit(self.shown.household_no)

    @Slot()
    def clear(self) -> None:
        """CLEAR_KEY: not this household (an offer turned down, or a wrong mark cleared)."""
        if self.shown is None:
            return
        number = self.shown.household_no
        self.reset()
        self.cleared.emit(number)

    # ------------------------------------------------------------------------------------------

    def _show(self) -> None:
        household = self.shown
        assert household is not None
        self.name.setText(
            self.tr("Registered household: {name}{marker}").format(
                name=household.head_name, marker=marker(household)
            )
        )
        number = self.tr("No. {number}").format(number=household.household_no)
        where = "  ·  ".join(p for p in (number, household.village, household.phone_masked) if p)
        if self.marked:
            keys = self.tr("Marked  ·  {clear}: not this household").format(clear=CLEAR_KEY)
        else:
            keys = self.tr("{accept}: it is this household  ·  {clear}: it is not").format(
                accept=ACCEPT_KEY, clear=CLEAR_KEY
            )
        others = len(self.candidates) - 1
        more = (
            self.tr("%n more household(s) match: type the name to narrow them", "", others)
            if others > 0 and not self.marked
            else ""
        )
        self.hint.setText("\n".join(p for p in (where, keys, more) if p))
        self.setProperty("marked", "true" if self.marked else "false")
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
