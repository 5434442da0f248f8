"""The F2 page, 快递: its sub-pages behind a row of big buttons (Ctrl+1 to Ctrl+5).

A scan made on this page goes to the sub-page shown when it can use it (intake, the shelf check,
a sending label), else to pickup, which searches it; a scan made on any other page lands on
pickup too (:meth:`ParcelsPage.find_scanned`). The parcel settings and the sending form are this
line's forms, opened from other pages through the main window (:meth:`ParcelsPage.open_form`):
the settings from the settings page, the sending from an order's return.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from stationapp.ui.kit.page import FormRequest, PageContext
from stationapp.ui.kit.sub_pages import SubPagedPage
from stationapp.ui.pages.parcels.handover import HandoverPanel
from stationapp.ui.pages.parcels.intake import IntakePanel
from stationapp.ui.pages.parcels.pickup import PickupPanel
from stationapp.ui.pages.parcels.sending import SendingPanel
from stationapp.ui.pages.parcels.shelf import ShelfPanel

DEFAULT = "pickup"


class ParcelsPage(SubPagedPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.intake = IntakePanel(context)
        self.pickup = PickupPanel(context)
        self.shelf = ShelfPanel(context)
        self.sending = SendingPanel(context)
        self.handover = HandoverPanel(context)
        self.set_sub_pages(
            self.tr("Parcels"),
            [
                ("intake", self.tr("Intake"), self.intake),
                ("pickup", self.tr("Pickup"), self.pickup),
                ("shelf", self.tr("Shelves"), self.shelf),
                ("sending", self.tr("Sending"), self.sending),
                ("handover", self.tr("Handover"), self.handover),
            ],
            DEFAULT,
        )

    # Page -----------------------------------------------------------------------------------------

    def on_scan(self, code: str) -> bool:
        """To the sub-page shown when it uses the scan, else to pickup, which searches it."""
        if self.current_sub_page().on_scan(code):
            return True
        self.find_scanned(code)
        return True

    def find_scanned(self, code: str) -> None:
        """A scan made elsewhere: pickup searches it (the page a scan lands on)."""
        if self.current_key() != "pickup":
            self.show_sub_page("pickup")
        self.pickup.on_scan(code)

    def open_form(
        self, name: str, parent: QWidget, request: FormRequest | None = None
    ) -> QDialog | None:
        """``settings``: shelves, overdue and return days, consent, fee, cut-off (the
        manager's); ``sending``: the sending form filled in as ``request`` asks, telling it the
        parcel recorded (any operator); over ``parent``."""
        if name == "sending":
            from stationapp.ui.pages.parcels.sending_dialog import SendingDialog

            sending = SendingDialog(self.context, request or FormRequest(), parent)
            sending.form.changed.connect(self.changed)
            sending.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            sending.open()
            return sending
        if name != "settings" or not self.operator.is_manager:
            return None
        from stationapp.ui.pages.parcels.settings import ParcelSettingsDialog

        dialog = ParcelSettingsDialog(self.station, self.worker, parent)
        dialog.saved.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
