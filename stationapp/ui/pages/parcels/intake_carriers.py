"""Intake's carrier choice: the ranked guesses for a waybill first, each with its reason on a line
of its own, then every other carrier, so that Enter takes the highlighted one and a digit (1-9)
any of them. A mixin of ``IntakePanel``: it works on the panel's ``carriers`` list."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidgetItem

from stationapp.core import waybill
from stationapp.core.i18n import translate

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CARRIER_LIST_HEIGHT = 276  # all nine carriers without scrolling
CARRIER_ITEM_PADDING = (8, 2)  # px, as common.STYLE_SHEET pads the carrier list's items


class CarrierChoice:
    """The carrier step of ``IntakePanel`` (its ``carriers``, ``step``, ``message``, ``phone``)."""

    def _show_candidates(self, candidates: list[waybill.CarrierGuess]) -> None:
        """The ranked guesses first, then every other carrier: digits 1-9 reach all of them."""
        self.carriers.clear()
        guessed = [g.carrier for g in candidates]
        others = [c for c in waybill.CARRIERS if c not in guessed]
        for number, code in enumerate(guessed + others, start=1):
            name = waybill.CARRIERS[code]
            if code in guessed:
                reason = translate("CarrierGuess", candidates[guessed.index(code)].reason)
                text = f"{number}  {name}   · {reason}"
            else:
                text = f"{number}  {name}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            if code not in guessed:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.carriers.addItem(item)
            if code in guessed:
                self._wrap_hint(item, reason)
        self._fit_carriers()
        self.carriers.setCurrentRow(0 if guessed else -1)
        if not guessed:
            self.step.setText(
                self.tr("The carrier cannot be told from this number: press its number.")
            )

    def _wrap_hint(self, item: QListWidgetItem, reason: str) -> None:
        """A guess with its reason on a line of its own under the carrier's name (in the list
        item's one line it was cut off behind a horizontal scroll bar at 1366×768). The item's
        text moves to its accessible text (screen readers), so the list does not paint it too."""
        name = html.escape(item.text().split("·")[0].rstrip())
        label = QLabel(f"{name}<br><span style='font-size: 16px;'>{html.escape(reason)}</span>")
        label.setObjectName("carrierHint")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setStyleSheet("QLabel#carrierHint { font-size: 20px; }")
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
        item.setText("")
        self.carriers.setItemWidget(item, label)

    def _fit_carriers(self) -> None:
        """Each guess as tall as its lines, and the list tall enough for every row."""
        width = self.carriers.viewport().width() - 2 * CARRIER_ITEM_PADDING[0]
        total = 0
        for row in range(self.carriers.count()):
            item = self.carriers.item(row)
            label = self.carriers.itemWidget(item)
            if label is not None:
                height = label.heightForWidth(width) + 2 * CARRIER_ITEM_PADDING[1]
                item.setSizeHint(QSize(width, height))
            total += self.carriers.sizeHintForRow(row)
        frame = 2 * self.carriers.frameWidth()
        self.carriers_height = max(CARRIER_LIST_HEIGHT, total + frame + 4)
        self.carriers.setFixedHeight(self.carriers_height)

    def _carrier_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in DIGIT_KEYS and DIGIT_KEYS[key] <= self.carriers.count():
            self.carriers.setCurrentRow(DIGIT_KEYS[key] - 1)
            self.carrier_confirmed()
            return True
        if key in ENTER_KEYS:
            self.carrier_confirmed()
            return True
        return False

    @Slot()
    def carrier_confirmed(self) -> None:
        if self.check is None:
            return
        if self.carriers.currentItem() is None:
            self.message.refuse(self.tr("Choose the carrier first: press its number (1 to 9)."))
            return
        self.message.clear_message()
        self.step.setText(self.tr("Type the recipient's mobile number and press Enter."))
        self.phone.setFocus()
        self.phone.selectAll()

    def chosen_carrier(self) -> str:
        item = self.carriers.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
