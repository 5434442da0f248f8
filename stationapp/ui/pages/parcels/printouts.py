"""Rendering the parcel documents on the database thread and printing them on the GUI thread.

reportlab and the documents module are imported inside these functions, on first use: the
window's cold start does not pay for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from stationapp.core import Station, clock
from stationapp.core.parcels.facade import Parcel
from stationapp.core.parcels.sending import HandoverBatch


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    printer: str


def _header(station: Station, operator_name: str) -> dict[str, Any]:
    info = station.info
    return {
        "station_name": info.name,
        "station_phone": info.phone,
        "operator_name": operator_name,
        "printed_at": clock.now(),
    }


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
    from stationapp.receipts import parcel_docs

    settings = station.settings.all()
    parcels: list[Parcel] = [station.parcels.get(i) for i in parcel_ids]
    pdf = parcel_docs.pickup_slip(
        parcels=parcels,
        verified_by=verified_by,
        proxy_name=proxy_name,
        proxy_phone=proxy_phone,
        paper=settings["paper"],
        event_id=event_id,
        **_header(station, operator_name),
    )
    return Rendered(pdf, settings["printer"])


def render_handover_manifest(
    station: Station, batch: HandoverBatch, *, paper: str, operator_name: str
) -> Rendered:
    from stationapp.receipts import parcel_docs

    event = station.events.record_print("handover_manifest", batch.id)
    pdf = parcel_docs.handover_manifest(
        batch=batch,
        cutoff=station.sending.cutoff(),
        paper=paper,
        event_id=event.id,
        **_header(station, operator_name),
    )
    return Rendered(pdf, station.settings.get("printer"))


def render_return_manifest(
    station: Station, batch_id: str, reason: str, *, carrier: str, operator_name: str
) -> Rendered:
    from stationapp.receipts import parcel_docs

    settings = station.settings.all()
    event = station.events.record_print("return_manifest", batch_id)
    pdf = parcel_docs.return_manifest(
        parcels=station.parcels.returned_batch(batch_id),
        reason=reason,
        carrier=carrier,
        paper=settings["paper"],
        event_id=event.id,
        **_header(station, operator_name),
    )
    return Rendered(pdf, settings["printer"])


def render_day_summary(station: Station, *, operator_name: str) -> Rendered:
    """当日快递汇总 for today: the print is recorded, its id is in the footer."""
    from stationapp.receipts import parcel_docs

    settings = station.settings.all()
    summary = station.parcels.day_summary()
    event = station.events.record_print("parcel_day_summary", summary.day)
    pdf = parcel_docs.parcel_day_summary(
        summary=summary,
        paper=settings["paper"],
        event_id=event.id,
        **_header(station, operator_name),
    )
    return Rendered(pdf, settings["printer"])


def print_rendered(rendered: Rendered, parent: QWidget) -> bool:
    """Hand the PDF to the printer (the print dialog when no printer is set); False when the
    operator cancelled."""
    from stationapp.ui.kit import printing

    return printing.print_pdf(
        rendered.pdf, printer_name=rendered.printer, parent=parent, ask=not rendered.printer
    )
