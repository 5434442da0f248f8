"""Intake's batch setup: the shelf, layer and consent the operator sets once for the batch (by
mouse or Alt+letter; the scanner's steps never stop there), filled from the station's shelves and
settings and kept when the settings change. A mixin of ``IntakePanel``: it makes the panel's
``shelf``, ``layer`` and ``consent``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QGridLayout

from stationapp.ui.pages.parcels.intake_records import DeskSetup
from stationapp.ui.pages.parcels.words import CONSENTS, fill_combo, select_data


class BatchSetup:
    """The shelf, layer and consent of ``IntakePanel``."""

    def _build_batch_setup(self) -> QGridLayout:
        """The three combo boxes, and their grid for the panel's right column."""
        self.shelf = QComboBox()
        self.layer = QComboBox()
        self.consent = QComboBox()
        fill_combo(self.consent, CONSENTS)
        self.shelf.currentIndexChanged.connect(self._shelf_changed)
        for combo in (self.shelf, self.layer, self.consent):
            combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # where the parcels go and how the recipients agreed: set once for the batch
        slot = QGridLayout()
        slot.setColumnStretch(4, 1)
        for row, column, text, combo in (
            (0, 0, self.tr("Shel&f:"), self.shelf),
            (0, 2, self.tr("La&yer:"), self.layer),
            (1, 0, self.tr("C&onsent:"), self.consent),
        ):
            slot.addWidget(self._label(text, combo), row, column)
            slot.addWidget(combo, row, column + 1, 1, 3 if row else 1)
        return slot

    def _show_setup(self, setup: DeskSetup) -> None:
        first_load = not self.setup_loaded
        self.setup_loaded = True
        current = (self.shelf.currentData(), self.layer.currentData())
        self.shelf.blockSignals(True)
        self.shelf.clear()
        for shelf in setup.shelves:
            self.shelf.addItem(shelf.name, shelf.layers)
        self.shelf.blockSignals(False)
        shelf_name, layer = setup.last_shelf if first_load or current[0] is None else current
        index = self.shelf.findText(str(shelf_name))
        self.shelf.setCurrentIndex(max(index, 0))
        self._shelf_changed()
        select_data(self.layer, layer)
        if first_load:
            select_data(self.consent, setup.default_consent)

    @Slot()
    def _shelf_changed(self) -> None:
        keep = self.layer.currentData()
        layers = self.shelf.currentData() or 0
        self.layer.clear()
        for number in range(1, int(layers) + 1):
            self.layer.addItem(str(number), number)
        select_data(self.layer, keep)
