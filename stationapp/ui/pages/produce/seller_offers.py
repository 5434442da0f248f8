"""The villager field of the purchase and consignment forms (a mixin of both panels): as the
operator types a name, pinyin initials, 户编号 or phone tail, ``st.produce.sellers`` is asked on
the worker and its offers drop down under the field (registered households first, marked
【脱贫户】 or the 监测对象's kind); the one chosen fills the name and phone, its marker shows
beside the name, and the save passes its 户编号 as ``household=``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit

from stationapp.core.errors import UserError
from stationapp.core.produce.sellers import SellerHint
from stationapp.ui.kit.desk import Outcome

NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # what a chosen offer puts in the field
LOOK_UP_AFTER_MS = 150  # a pause in the typing: one look-up per word, not per key
MARK_STYLE = "QLabel#householdMark { font-size: 18px; color: #b35a00; font-weight: bold; }"


def household_marker(hint: SellerHint) -> str:
    """【脱贫户】, or the 监测对象's kind (【边缘易致贫户】); '' for a seller not registered."""
    if not hint.household_id:
        return ""
    return f"【{hint.monitoring_type or hint.household_type}】"


def seller_text(hint: SellerHint) -> str:
    """``岩温香 尾号5678 【脱贫户】``: the name, the phone tail, the household's kind."""
    return " ".join(p for p in (hint.name, hint.phone_masked, household_marker(hint)) if p)


class SellerOffers:
    """Needs the panel's ``station``, ``worker`` and ``message``; ``offer_sellers`` (called once
    from ``__init__``) makes ``seller_model``, ``seller_completer`` and the ``household`` mark;
    ``chosen`` is the offer taken, None while the name is only typed."""

    station: Any
    worker: Any
    message: Outcome
    chosen: SellerHint | None
    offered: list[SellerHint]
    household: QLabel

    def offer_sellers(self, name: QLineEdit, phone: QLineEdit) -> None:
        """Offer sellers under ``name``; a chosen one's full mobile (an earlier seller's) goes
        into ``phone``."""
        self.chosen = None
        self.offered = []
        self.name_field = name
        self.phone_field = phone
        self.seller_model = QStandardItemModel(self)
        self.seller_completer = QCompleter(self.seller_model, self)
        self.seller_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.seller_completer.setCompletionRole(NAME_ROLE)
        self.seller_completer.activated[QModelIndex].connect(self._seller_chosen)
        name.setCompleter(self.seller_completer)
        name.textEdited.connect(self._seller_typed)
        self.seller_timer = QTimer(self, singleShot=True, interval=LOOK_UP_AFTER_MS)
        self.seller_timer.timeout.connect(self.look_up_sellers)
        self.household = QLabel()
        self.household.setObjectName("householdMark")
        self.household.setStyleSheet(MARK_STYLE)

    def _seller_typed(self, _text: str) -> None:
        self.forget_seller()
        self.seller_timer.start()

    def look_up_sellers(self) -> None:
        text = self.name_field.text().strip()
        if not text:
            return
        self.worker.call(
            self.station.produce.sellers,
            text,
            on_done=self._offer_sellers,
            on_error=self._look_up_refused,
        )

    def _offer_sellers(self, hints: list[SellerHint]) -> None:
        self.seller_model.clear()
        for hint in hints:
            item = QStandardItem(seller_text(hint))
            item.setData(hint.name, NAME_ROLE)
            item.setData(hint, Qt.ItemDataRole.UserRole)
            self.seller_model.appendRow(item)
        self.offered = hints
        if hints and self.name_field.hasFocus():
            self.seller_completer.complete()

    def _look_up_refused(self, error: UserError) -> None:
        self.message.refuse(str(error))

    def choose_seller(self, hint: SellerHint) -> None:
        """Take an offered seller: the name, the phone and the household's marker."""
        self.chosen = hint
        self.seller_completer.popup().hide()
        self.name_field.setText(hint.name)
        if hint.phone:
            self.phone_field.setText(hint.phone)
        self.household.setText(
            " ".join(x for x in (hint.phone_masked, household_marker(hint)) if x)
        )

    def _seller_chosen(self, index: QModelIndex) -> None:
        hint = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(hint, SellerHint):
            QTimer.singleShot(0, lambda: self.choose_seller(hint))

    def offer_open(self) -> bool:
        """The offers are dropped down: Enter takes one, it does not save."""
        return self.seller_completer.popup().isVisible()

    def household_field(self) -> dict[str, str]:
        """``household=`` for the core: the chosen offer's 户编号, or nothing."""
        if self.chosen is not None and self.chosen.household_id:
            return {"household": self.chosen.household_id}
        return {}

    def forget_seller(self) -> None:
        """The name is typed again, or the form was saved: no offer taken, no marker."""
        self.chosen = None
        self.household.clear()
