"""The two questions intake asks, whose Enter and Esc say no: a waybill that left the station
before (delivered again?) and a mobile number the numbering plan does not list (keep it?). A mixin
of ``IntakePanel``: the open box is kept in the panel's ``redelivery_box`` or ``phone_box``."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from stationapp.core import phone
from stationapp.ui.kit.desk import ask_no_by_default, when_text
from stationapp.ui.pages.parcels.intake_records import WaybillCheck


class IntakeQuestions:
    """The redelivery and unlisted-phone questions of ``IntakePanel``."""

    def _ask_redelivery(self, check: WaybillCheck) -> None:
        parcel = check.left_before
        assert parcel is not None
        when = when_text(parcel.picked_up_at or parcel.returned_at)
        # a double scan ends with Enter: that must not take the parcel in a second time
        self.redelivery_box = ask_no_by_default(
            self,
            QMessageBox.Icon.Question,
            self.tr("Delivered again?"),
            self.tr(
                "Waybill {waybill} was taken in before and left the station on {when}. Did "
                "the courier bring it again? Y: yes, take it in again. Enter or Esc: no."
            ).format(waybill=check.number, when=when),
            name="redeliveryQuestion",
            on_answer=self._redelivery_answered,
        )

    def _redelivery_answered(self, box: QMessageBox, yes: bool) -> None:
        self.redelivery_box = None
        box.deleteLater()
        if yes:
            self.redelivery_confirmed = True
            self.carriers.setFocus()
        else:
            self.start_over()
            self.step.setText(self.tr("Not taken in. Scan the next parcel's waybill."))

    def _ask_unlisted_phone(self, warning: phone.UnlistedNumber) -> None:
        self.message.refuse(str(warning))
        # Enter must not keep a mistyped number: the safe answer is the default
        self.phone_box = ask_no_by_default(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Keep this number?"),
            self.tr(
                "{warning}\n\nIs {number} right? Y: yes, keep it. Enter or Esc: no, correct it."
            ).format(warning=str(warning), number=warning.number),
            name="unlistedPhoneQuestion",
            on_answer=lambda box, yes: self._unlisted_phone_answered(box, yes, warning.number),
        )

    def _unlisted_phone_answered(self, box: QMessageBox, yes: bool, number: str) -> None:
        self.phone_box = None
        box.deleteLater()
        if yes:
            self.confirmed_phone = number
            self.message.clear_message()
            self._save()
            return
        self.step.setText(self.tr("Correct the mobile number and press Enter."))
        self.phone.setFocus()
        self.phone.selectAll()
