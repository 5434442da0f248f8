"""Rendering the parcel documents on the database thread and printing them on the GUI thread.

reportlab and the documents module are imported inside these functions, on first use: the
window's cold start does not pay for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from stationapp.core import Station
from stationapp.core.parcels.facade import Parcel
from stationapp.core.parcels.sending import HandoverBatch
from stationapp.ui.kit.printing import receipt_frame


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    printer: str


def _frame(station: Station, operator_name: str, event_id: str) -> dict[str, object]:
    """The document's shared header (the station) and footer (this print: its record's id)."""
    return receipt_frame(station, event_id, operator_name)


def render_pickup_slip(
    station: Station,
    parcel_ids: list[str],
    *,
    verified_by: str,
    proxy_name: str,
    proxy_phone: str,
    event_id: str,
    operator_name: str,
) -> Rendered:
    from stationapp.receipts import parcels as documents

    settings = station.settings.all()
    parcels: list[Parcel] = [station.parcels.get(i) for i in parcel_ids]
    pdf = documents.pickup_slip(
        parcels=parcels,
        verified_by=verified_by,
        proxy_name=proxy_name,
        proxy_phone=proxy_phone,
        paper=settings["paper"],
        **_frame(station, operator_name, event_id),
    )
    return Rendered(pdf, settings["printer"])


def render_handover_manifest(
    station: Station, batch: HandoverBatch, *, paper: str, operator_name: str
) -> Rendered:
    from stationapp.receipts import parcels as documents

    event = station.events.record_print("handover_manifest", batch.id)
    pdf = documents.handover_manifest(
        batch=batch,
        cutoff=station.sending.cutoff(),
        paper=paper,
        **_frame(station, operator_name, event.id),
    )
    return Rendered(pdf, station.settings.get("printer"))


def render_return_manifest(
    station: Station, batch_id: str, reason: str, *, carrier: str, operator_name: str
) -> Rendered:
    from stationapp.receipts import parcels as documents

    settings = station.settings.all()
    event = station.events.record_print("return_manifest", batch_id)
    pdf = documents.return_manifest(
        parcels=station.parcels.returned_batch(batch_id),
        reason=reason,
        carrier=carrier,
        paper=settings["paper"],
        **_frame(station, operator_name, event.id),
    )
    return Rendered(pdf, settings["printer"])


def render_day_summary(station: Station, *, operator_name: str) -> Rendered:
    """当日快递汇总 for today: the print is recorded, its id is in the footer."""
    from stationapp.receipts import parcels as documents

    settings = station.settings.all()
    summary = station.parcels.day_summary()
    event = station.events.record_print("parcel_day_summary", summary.day)
    pdf = documents.parcel_day_summary(
        summary=summary,
        paper=settings["paper"],
        **_frame(station, operator_name, event.id),
    )
    return Rendered(pdf, settings["printer"])


def print_rendered(rendered: Rendered, parent: QWidget) -> bool:
    """Hand the PDF to the printer (the print dialog when no printer is set); False when the
    operator cancelled."""
    from stationapp.ui.kit import printing

    return printing.print_pdf(
        rendered.pdf, printer_name=rendered.printer, parent=parent, ask=not rendered.printer
    )
