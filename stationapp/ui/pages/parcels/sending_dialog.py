"""寄件 as a form other pages ask for by name (``parcels.sending`` through
``PageContext.open_form``): the sending form without today's list, filled in as the
``FormRequest`` asks (an order's return: the villager as sender, 退货 and the order number as
the item), with the label's waybill on it, since such a parcel is labelled at the counter. What
it recorded goes back to the asking page (``FormRequest.on_saved``) and stays on the dialog
(``SendingDialog.saved``); Esc closes it recording nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stationapp.core import waybill
from stationapp.core.parcels.sending import SentParcel
from stationapp.ui.kit.desk import scan_field
from stationapp.ui.kit.page import FormRequest, PageContext
from stationapp.ui.pages.parcels.sending import SendingPanel

# the names a FormRequest's prefill may use, as st.sending.send calls its arguments
PREFILL_FIELDS = (
    "sender_name",
    "sender_phone",
    "item_name",
    "recipient_name",
    "recipient_phone",
    "recipient_address",
    "fee",
)


class OfferedSendingForm(SendingPanel):
    """The sending form with its label's waybill asked with it; ``parcel_sent`` once recorded."""

    parcel_sent = Signal(SentParcel)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.today_column.hide()
        self.label_waybill = scan_field(self.tr("Scan or type the waybill of the label"))
        self.label_waybill.returnPressed.connect(self.send)

    def prefill(self, values: Mapping[str, str]) -> None:
        """Each named field gets its text; the focus goes to the first sender field left empty
        (the ID number, read from the card, when the name and mobile are given)."""
        for name, text in values.items():
            if name not in PREFILL_FIELDS:
                raise KeyError(f"the sending form has no field {name!r} to fill in")
            getattr(self, name).setText(text)
        for field in (self.sender_name, self.sender_phone, self.id_number):
            if not field.text():
                field.setFocus()
                return
        self.recipient_name.setFocus()

    def fields(self) -> dict[str, Any]:
        return {**super().fields(), "waybill": self.label_waybill.text()}

    @Slot()
    def send(self) -> None:
        if not self.label_waybill.text().strip():
            self.message.refuse(self.tr("Scan or type the waybill of the label on the parcel."))
            self.label_waybill.setFocus()
            return
        super().send()

    def _sent(self, parcel: SentParcel) -> None:
        self.busy = False
        self.tell(lines=["parcels"])
        self.parcel_sent.emit(parcel)


class SendingDialog(QDialog):
    """The offered sending form over the asking page; ``saved`` is what it recorded."""

    def __init__(self, context: PageContext, request: FormRequest, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("sendingDialog")
        self.setWindowTitle(self.tr("Send a parcel"))
        self.request = request
        self.saved: SentParcel | None = None
        self.form = OfferedSendingForm(context)
        self.form.parcel_sent.connect(self._saved)
        label = QLabel(self.tr("&Label waybill:"))
        label.setBuddy(self.form.label_waybill)
        cancel = QPushButton(self.tr("Not now (Esc)"))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.form.label_waybill, 1)
        row.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addLayout(row)
        self.setTabOrder(self.form.payment, self.form.label_waybill)
        self.resize(980, 600)
        self.form.prefill(request.prefill)

    def on_scan(self, code: str) -> bool:
        """A scanned label's waybill goes on the form (the operator then records it)."""
        if not waybill.carrier_candidates(code):
            return False
        self.form.label_waybill.setText(code)
        self.form.label_waybill.setFocus()
        return True

    @Slot(SentParcel)
    def _saved(self, parcel: SentParcel) -> None:
        self.saved = parcel
        if self.request.on_saved is not None:
            self.request.on_saved(parcel)
        self.accept()
