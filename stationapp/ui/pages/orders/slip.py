"""The order slip (代购单, stationapp/receipts/orders.py): rendered on the database thread with
the station's header and this print's record in the footer, printed on the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from stationapp.core import Station
from stationapp.ui.kit.printing import receipt_frame


@dataclass(frozen=True)
class RenderedSlip:
    pdf: bytes
    printer: str
    order_no: str


def render_order_slip(station: Station, order_id: str, *, operator_name: str) -> RenderedSlip:
    """The order as it stands now; the print is recorded (its id in the footer)."""
    from stationapp.receipts.orders import order_slip

    order = station.orders.get(order_id)
    settings = station.settings.all()
    event = station.events.record_print("order_slip", order.id)
    pdf = order_slip(
        order=order, **receipt_frame(station, event.id, operator_name), paper=settings["paper"]
    )
    return RenderedSlip(pdf, settings["printer"], order.order_no)


def print_slip(slip: RenderedSlip, parent: QWidget) -> bool:
    """To the printer set (the print dialog when none is); False when the operator cancelled."""
    from stationapp.ui.kit import printing

    return printing.print_pdf(
        slip.pdf, printer_name=slip.printer, parent=parent, ask=not slip.printer
    )
