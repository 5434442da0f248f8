"""Intake when the label shows only the phone's tail (``138****5678``): the known customers whose
numbers end so, latest parcel first, offered under the tail typed; Enter or a row's digit takes
one, 0 none of them (then the name on the label, and the parcel waits untexted). A mixin of
``IntakePanel``: it works on the panel's ``offers`` list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from stationapp.core.parcels.intake import KnownRecipient, label_tail
from stationapp.ui.kit.desk import day_text
from stationapp.ui.pages.parcels.intake_carriers import DIGIT_KEYS, ENTER_KEYS

OFFER_ROWS_SHOWN = 7  # known customers a tail offers, shown without scrolling (digits reach all)


class TailOffers:
    """The tail's offers of ``IntakePanel`` (its ``offers``, ``offered``, ``chosen``)."""

    def _show_offers(self, tail: str, offers: list[KnownRecipient]) -> None:
        if label_tail(self.phone.text()) != tail or self.check is None:
            return  # the operator has moved on meanwhile
        self.offered = offers
        self.offers.clear()
        if not offers:
            self._hide_offers()
            self.message.clear_message()
            self.step.setText(
                self.tr(
                    "No customer known here has a number ending in {tail}: type the name on "
                    "the label and press Enter. No text can be sent until the number is known."
                ).format(tail=tail)
            )
            self.name.setFocus()
            return
        for number, known in enumerate(offers, start=1):
            parts = [f"{number}  {known.name}"]
            if known.village_group:
                parts.append(known.village_group)
            if known.last_parcel_at:
                last = day_text(known.last_parcel_at)
                parts.append(self.tr("last parcel {day}").format(day=last))
            parts.append(known.masked_phone)
            self.offers.addItem("  ·  ".join(parts))
        self.offers.addItem(self.tr("0  None of them: type the name on the label"))
        rows = min(self.offers.count(), OFFER_ROWS_SHOWN)
        frame = 2 * self.offers.frameWidth()
        self.offers.setFixedHeight(rows * self.offers.sizeHintForRow(0) + frame)
        self.offers.setCurrentRow(0)
        self._shrink_carriers()  # the carrier is chosen: its list shrinks to that one row
        self.offers.show()
        self.message.clear_message()
        self.step.setText(
            self.tr(
                "Press Enter for {name}, a row's number for another, 0 for none of them."
            ).format(name=offers[0].name)
        )
        self.offers.setFocus()

    def _hide_offers(self) -> None:
        self.offered = []
        self.chosen = None
        self.offers.clear()
        self.offers.hide()
        self._fit_carrier_list()

    def _offer_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_0:
            self._hide_offers()
            self.step.setText(
                self.tr(
                    "Type the name on the label and press Enter. No text can be sent until the "
                    "number is known."
                )
            )
            self.name.setFocus()
            return True
        if key in DIGIT_KEYS and DIGIT_KEYS[key] <= len(self.offered):
            self._take_offer(DIGIT_KEYS[key] - 1)
            return True
        if key in ENTER_KEYS:
            row = self.offers.currentRow()
            if 0 <= row < len(self.offered):
                self._take_offer(row)
            else:  # the "none of them" row
                self._offer_key(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0, event.modifiers()))
            return True
        return False

    def _take_offer(self, row: int) -> None:
        self.chosen = self.offered[row]
        self._save()
