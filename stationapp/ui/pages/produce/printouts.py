"""The produce documents (收购凭证, 代销收货单, 代销结算单), rendered on the database thread and
printed on the GUI thread. They come from ``stationapp.receipts.produce``, imported on first
use, so the window's start does not pay for reportlab; the key says so when it is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from stationapp.core import Station
from stationapp.ui.kit.printing import receipt_frame


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    printer: str


def voucher_maker(name: str = "purchase_voucher") -> Any:
    """The produce documents' ``name`` (purchase_voucher, consignment_slip, settlement_slip),
    or None where they are not installed."""
    try:
        from stationapp.receipts import produce as documents
    except ImportError:
        return None
    return getattr(documents, name, None)


def _household(station: Station, household_id: str) -> Any:
    if not household_id:
        return None
    found = station.households.household(household_id)
    return found.household if found is not None else None


def _frame(station: Station, kind: str, entity_id: str, operator_name: str) -> dict[str, Any]:
    """The shared header and footer; the print is recorded, its id is in the footer."""
    event = station.events.record_print(kind, entity_id)
    return {
        **receipt_frame(station, event.id, operator_name),
        "paper": station.settings.get("paper"),
    }


def render_lot_slip(
    station: Station, lot_id: str, *, settlement: Any = None, operator_name: str
) -> Rendered:
    """The consignment slip of a lot taken in, or its settlement slip when ``settlement``."""
    lot = station.produce.lot(lot_id)
    household = _household(station, lot.household_id)
    if settlement is None:
        frame = _frame(station, "consignment_slip", lot_id, operator_name)
        pdf = voucher_maker("consignment_slip")(lot=lot, household=household, **frame)
    else:
        frame = _frame(station, "settlement_slip", settlement.id, operator_name)
        pdf = voucher_maker("settlement_slip")(
            lot=lot, settlement=settlement, household=household, **frame
        )
    return Rendered(pdf, station.settings.get("printer"))


def render_purchase_voucher(
    station: Station, purchase_id: str, *, weighing: dict[str, Any] | None, operator_name: str
) -> Rendered:
    """The voucher of one purchase; the print is recorded and its id is in the footer."""
    purchase = station.produce.purchase(purchase_id)
    pdf = voucher_maker()(
        purchase=purchase,
        weighing=weighing,
        household=_household(station, purchase.household_id),
        **_frame(station, "purchase_voucher", purchase_id, operator_name),
    )
    return Rendered(pdf, station.settings.get("printer"))


def print_rendered(rendered: Rendered, parent: QWidget) -> bool:
    """To the printer (the print dialog when none is set); False when cancelled."""
    from stationapp.ui.kit import printing

    return printing.print_pdf(
        rendered.pdf, printer_name=rendered.printer, parent=parent, ask=not rendered.printer
    )
