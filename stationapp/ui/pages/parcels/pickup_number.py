"""N on the pickup page: the villager at the counter tells the whole phone number of a parcel taken
in with its label's last 4 digits alone; it must end in that tail, and their next parcels are
texted. A mixin of ``PickupPanel``: it works on the parcel chosen in the results."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QInputDialog

from stationapp.core import Event


class AddNumber:
    """N: add the phone number of ``PickupPanel``'s chosen tail-only parcel."""

    @Slot()
    def add_number(self) -> None:
        """N: the villager at the counter tells the number a tail-only label did not show."""
        parcel = self.current_parcel()
        if parcel is None or parcel.number_known:
            self.message.refuse(
                self.tr(
                    "N adds the phone number of a parcel taken in with the label's last 4 "
                    "digits alone: choose such a parcel (its phone shows only 尾号)."
                )
            )
            return
        number, ok = QInputDialog.getText(
            self,
            self.tr("Add the phone number"),
            self.tr(
                "The whole mobile number of {name} (it ends in {tail}); next time their "
                "parcels are texted."
            ).format(name=parcel.recipient_name, tail=parcel.phone_tail),
        )
        if ok:
            self.save_number(parcel.id, number)

    def save_number(self, parcel_id: str, number: str) -> None:
        self.worker.call(
            self.station.parcels.add_phone,
            parcel_id,
            number,
            on_done=self._number_added,
            on_error=self._refuse_hand_out,
        )

    def _number_added(self, event: Event) -> None:
        self.message.succeed(self.tr("The phone number was added."))
        self.tell([event])
        self._search_again()
