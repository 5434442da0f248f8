"""U on the pickup page: the station manager undoes a pickup made by mistake (handed to the wrong
person), with the reason; the parcel goes back on the shelf. A mixin of ``PickupPanel``: it works
on the picked-up parcel chosen in the results (shown when "Also picked up" is ticked)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QInputDialog

from stationapp.core import Event


class UndoPickup:
    """U: the manager's same-day undo of ``PickupPanel``'s chosen picked-up parcel."""

    @Slot()
    def undo_pickup(self) -> None:
        parcel = self.current_parcel()
        if parcel is None or parcel.status != "picked_up":
            self.message.refuse(
                self.tr("Choose a picked-up parcel in the list (arrow keys), then press U.")
            )
            return
        if not self.operator.is_manager:
            self.message.refuse(
                self.tr("Only the station manager can undo a pickup. Ask the manager to log in.")
            )
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Undo pickup"),
            self.tr("Why is pickup {code} undone? (e.g. handed to the wrong person)").format(
                code=parcel.pickup_code
            ),
        )
        if ok:
            self.undo(parcel.id, reason)

    def undo(self, parcel_id: str, reason: str) -> None:
        self.worker.call(
            self.station.parcels.undo_pickup,
            parcel_id,
            reason,
            on_done=self._undone,
            on_error=self._refuse_hand_out,
        )

    def _undone(self, event: Event) -> None:
        self.message.succeed(self.tr("The pickup was undone: the parcel is back on the shelf."))
        self.tell([event])
        self._search_again()
