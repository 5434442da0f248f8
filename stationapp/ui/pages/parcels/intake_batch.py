"""Intake's running batch: the parcels this batch took in, newest first, with their pickup codes in
bold. A mixin of ``IntakePanel``: it fills the panel's ``batch`` table (the count over it, a %n
string, stays in the panel, whose translation context PySide looks it up in)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem

from stationapp.core.parcels.facade import Parcel
from stationapp.ui.pages.parcels.words import waybill_tail


class RunningBatch:
    """The running list of ``IntakePanel`` (its ``batch``, ``batch_title``, ``recorded``)."""

    BATCH_COLUMNS = 5

    def _add_to_batch(self, parcel: Parcel, household: str = "") -> None:
        """The parcel on top; ``household``: the registered household it was marked for, shown
        with its marker instead of the name (王秀英【脱贫户】)."""
        self.batch.insertRow(0)
        cells = (
            parcel.pickup_code,
            waybill_tail(parcel),
            parcel.masked_phone,
            household or parcel.recipient_name,
            parcel.carrier_name,
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                font = item.font()
                font.setBold(True)
                font.setPixelSize(20)
                item.setFont(font)
            self.batch.setItem(0, column, item)
        self._show_batch_count()

    def batch_rows(self) -> list[list[str]]:
        """The running list as shown, newest first (for tests and the screenshot)."""
        return [
            [self.batch.item(row, column).text() for column in range(self.BATCH_COLUMNS)]
            for row in range(self.batch.rowCount())
        ]
