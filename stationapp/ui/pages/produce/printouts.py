"""The purchase voucher (收购凭证), rendered on the database thread and printed on the GUI
thread. The document comes from ``stationapp.receipts.produce``; imported on first use, so the
window's start does not pay for reportlab, and the key says so when that module is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from stationapp.core import Station, clock


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    printer: str


def voucher_maker() -> Any:
    """``purchase_voucher`` of the produce documents, or None where they are not installed."""
    try:
        from stationapp.receipts import produce as documents
    except ImportError:
        return None
    return getattr(documents, "purchase_voucher", None)


def render_purchase_voucher(
    station: Station, purchase_id: str, *, weighing: dict[str, Any] | None, operator_name: str
) -> Rendered:
    """The voucher of one purchase; the print is recorded and its id is in the footer."""
    from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader

    purchase = station.produce.purchase(purchase_id)
    household = None
    if purchase.household_id:
        found = station.households.household(purchase.household_id)
        household = found.household if found is not None else None
    settings = station.settings.all()
    event = station.events.record_print("purchase_voucher", purchase_id)
    info = station.info
    pdf = voucher_maker()(
        purchase=purchase,
        weighing=weighing,
        household=household,
        header=ReceiptHeader(info.name, info.phone),
        footer=ReceiptFooter(event.id, clock.now(), operator_name),
        paper=settings["paper"],
    )
    return Rendered(pdf, settings["printer"])


def print_rendered(rendered: Rendered, parent: QWidget) -> bool:
    """To the printer (the print dialog when none is set); False when cancelled."""
    from stationapp.ui.kit import printing

    return printing.print_pdf(
        rendered.pdf, printer_name=rendered.printer, parent=parent, ask=not rendered.printer
    )
