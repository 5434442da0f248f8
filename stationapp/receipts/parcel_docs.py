"""The parcel documents under their first names, taking the header's and footer's values one by
one (station name and phone, operator, time printed, event id), as the parcel screens call them.

Each builds the ``ReceiptHeader`` and ``ReceiptFooter`` and hands over to ``receipts.parcels``,
where new callers go directly with the two values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader
from stationapp.receipts.parcels import day_summary, manifests, slip

if TYPE_CHECKING:
    from stationapp.core.parcels.facade import Parcel, ParcelDaySummary
    from stationapp.core.parcels.sending import HandoverBatch

__all__ = ["handover_manifest", "parcel_day_summary", "pickup_slip", "return_manifest"]


def pickup_slip(
    *,
    parcels: Sequence[Parcel],
    verified_by: str,
    proxy_name: str = "",
    proxy_phone: str = "",
    station_name: str,
    station_phone: str,
    operator_name: str,
    printed_at: datetime,
    paper: str,
    event_id: str,
) -> bytes:
    """取件凭条: ``receipts.parcels.slip.pickup_slip``."""
    return slip.pickup_slip(
        parcels=parcels,
        verified_by=verified_by,
        proxy_name=proxy_name,
        proxy_phone=proxy_phone,
        header=ReceiptHeader(station_name, station_phone),
        footer=ReceiptFooter(event_id, printed_at, operator_name),
        paper=paper,
    )


def parcel_day_summary(
    *,
    summary: ParcelDaySummary,
    station_name: str,
    station_phone: str,
    operator_name: str,
    printed_at: datetime,
    paper: str,
    event_id: str,
) -> bytes:
    """当日快递汇总: ``receipts.parcels.day_summary.parcel_day_summary``."""
    return day_summary.parcel_day_summary(
        summary=summary,
        header=ReceiptHeader(station_name, station_phone),
        footer=ReceiptFooter(event_id, printed_at, operator_name),
        paper=paper,
    )


def handover_manifest(
    *,
    batch: HandoverBatch,
    cutoff: str,
    station_name: str,
    station_phone: str,
    operator_name: str,
    printed_at: datetime,
    paper: str,
    event_id: str,
) -> bytes:
    """交件清单: ``receipts.parcels.manifests.handover_manifest``."""
    return manifests.handover_manifest(
        batch=batch,
        cutoff=cutoff,
        header=ReceiptHeader(station_name, station_phone),
        footer=ReceiptFooter(event_id, printed_at, operator_name),
        paper=paper,
    )


def return_manifest(
    *,
    parcels: Sequence[Parcel],
    reason: str,
    carrier: str,
    station_name: str,
    station_phone: str,
    operator_name: str,
    printed_at: datetime,
    paper: str,
    event_id: str,
) -> bytes:
    """退件清单: ``receipts.parcels.manifests.return_manifest``."""
    return manifests.return_manifest(
        parcels=parcels,
        reason=reason,
        carrier=carrier,
        header=ReceiptHeader(station_name, station_phone),
        footer=ReceiptFooter(event_id, printed_at, operator_name),
        paper=paper,
    )
