"""The pickup slip: the last hand-out remembered, and Ctrl+P (or P) printing its slip. A mixin of
``PickupPanel``: it reads the panel's ``last``."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Slot

from stationapp.ui.pages.parcels.printouts import Rendered, print_rendered, render_pickup_slip


@dataclass
class Handed:
    """The last pickup, for its slip."""

    parcel_ids: list[str]
    verified_by: str
    proxy_name: str
    proxy_phone: str
    event_id: str
    codes: list[str] = field(default_factory=list)


class PickupSlip:
    """The slip of ``PickupPanel``'s last hand-out (its ``last``, ``message``, ``search``)."""

    @Slot()
    def print_slip(self) -> None:
        if self.last is None:
            self.message.refuse(self.tr("Hand out parcels first; then Ctrl+P prints their slip."))
            return
        last = self.last
        self.worker.call(
            render_pickup_slip,
            self.station,
            last.parcel_ids,
            verified_by=last.verified_by,
            proxy_name=last.proxy_name,
            proxy_phone=last.proxy_phone,
            event_id=last.event_id,
            operator_name=self.operator.name,
            on_done=self._print,
            on_error=self._refuse_hand_out,
        )

    def _print(self, rendered: Rendered) -> None:
        if print_rendered(rendered, self):
            self.message.show_success(self.tr("The pickup slip was printed or saved."))
        else:
            self.message.show_success(self.tr("Printing was cancelled."))
        self.search.setFocus()
