"""The parcel documents (DESIGN §8): pickup slip (取件凭条), handover manifest (交件清单), return
manifest (退件清单) and the day's parcel summary (当日快递汇总), for 80 mm and 58 mm rolls and A4.

Each function takes the station's header, the operator, the time printed, the paper kind and the
id of the event the document stands for (printed in the footer and encoded in its QR code), and
returns PDF bytes. What is masked and why: see ``parcel_fields``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import format_money
from stationapp.receipts.document import (
    Column,
    Line,
    Row,
    Separator,
    Signature,
    Spacer,
    Table,
    Text,
    Total,
    tr,
)
from stationapp.receipts.parcel_fields import (
    carrier_name,
    carrier_order,
    local_time,
    mask_waybill,
    masked_person,
    parcel_count,
    parcel_document,
)
from stationapp.receipts.parcel_manifests import handover_manifest, return_manifest

if TYPE_CHECKING:
    from stationapp.core.parcels.facade import Parcel, ParcelDaySummary

__all__ = ["handover_manifest", "parcel_day_summary", "pickup_slip", "return_manifest"]


_VERIFICATIONS = {
    "code": QT_TRANSLATE_NOOP("Receipt", "Pickup code"),
    "phone": QT_TRANSLATE_NOOP("Receipt", "Phone number"),
    "id": QT_TRANSLATE_NOOP("Receipt", "ID document"),
}


# --- pickup slip -----------------------------------------------------------------------------


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
    """取件凭条: the parcels one person took, how they were checked, who collected them and
    what was charged (in practice nothing), with a line for the collector's signature."""
    if not parcels:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "A pickup slip needs the parcels that were picked up; choose them."
            )
        )
    people = {masked_person(p.recipient_name, p.masked_phone) for p in parcels}
    lines: list[Line] = []
    if len(people) == 1:
        lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Recipient")), people.pop()))
    verification = _VERIFICATIONS.get(verified_by, verified_by)
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Checked by")), tr(verification)))
    if proxy_name or proxy_phone:
        lines.append(
            Row(
                tr(QT_TRANSLATE_NOOP("Receipt", "Collected for them by")),
                masked_person(proxy_name, proxy_phone),
            )
        )
    picked_up = max((p.picked_up_at for p in parcels if p.picked_up_at), default="")
    lines.append(
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Picked up")),
            local_time(picked_up or printed_at),
        )
    )
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Parcels")), parcel_count(len(parcels))))
    for parcel in parcels:
        lines += _slip_parcel(parcel, several=len(parcels) > 1, show_recipient=len(people) > 1)
    lines.append(Separator())
    fee = sum(p.fee_fen for p in parcels)
    if fee:
        lines.append(Total(tr(QT_TRANSLATE_NOOP("Receipt", "Pickup fee")), format_money(fee)))
    else:
        # Regulators have ordered stations to refund pickup fees (二次收费): say plainly that
        # nothing was charged.
        lines.append(
            Text(tr(QT_TRANSLATE_NOOP("Receipt", "No fee of any kind was charged.")), emphasis=True)
        )
    lines.append(
        Text(
            tr(
                QT_TRANSLATE_NOOP(
                    "Receipt",
                    "Check the parcels here at the counter; report any damage before you leave.",
                )
            ),
            small=True,
        )
    )
    lines.append(Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Collector's signature"))))
    return parcel_document(
        title=tr(QT_TRANSLATE_NOOP("Receipt", "Pickup slip")),
        lines=lines,
        station_name=station_name,
        station_phone=station_phone,
        operator_name=operator_name,
        printed_at=printed_at,
        paper=paper,
        event_id=event_id,
    )


def _slip_parcel(parcel: Parcel, *, several: bool, show_recipient: bool) -> list[Line]:
    lines: list[Line] = [
        Separator(),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Pickup code")), parcel.pickup_code),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Carrier")), carrier_name(parcel.carrier)),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Waybill")), mask_waybill(parcel.waybill)),
    ]
    if show_recipient:
        lines.append(
            Row(
                tr(QT_TRANSLATE_NOOP("Receipt", "Recipient")),
                masked_person(parcel.recipient_name, parcel.masked_phone),
            )
        )
    if parcel.fee_fen and several:  # one parcel's fee is the total below
        lines.append(
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Pickup fee")), format_money(parcel.fee_fen))
        )
    return lines


# --- the day's parcel summary ----------------------------------------------------------------


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
    """当日快递汇总: parcels in and out on one business day, per carrier, and the money taken."""
    lines: list[Line] = [
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Business day")), summary.day),
        Separator(),
        Text(tr(QT_TRANSLATE_NOOP("Receipt", "Parcels in")), emphasis=True),
        _count_row(QT_TRANSLATE_NOOP("Receipt", "Received today"), summary.received),
        _count_row(QT_TRANSLATE_NOOP("Receipt", "Picked up today"), summary.picked_up),
        _count_row(QT_TRANSLATE_NOOP("Receipt", "Returned to couriers"), summary.returned),
        _count_row(QT_TRANSLATE_NOOP("Receipt", "Waiting on the shelves"), summary.waiting),
        _count_row(QT_TRANSLATE_NOOP("Receipt", "Of them overdue"), summary.overdue),
        Spacer(2),
        Text(tr(QT_TRANSLATE_NOOP("Receipt", "Parcels out")), emphasis=True),
        _count_row(QT_TRANSLATE_NOOP("Receipt", "Sent today"), summary.sent),
        _count_row(QT_TRANSLATE_NOOP("Receipt", "Handed to couriers"), summary.handed_over),
        Separator(),
        Text(tr(QT_TRANSLATE_NOOP("Receipt", "By carrier")), emphasis=True),
        _carrier_table(summary),
        Separator(),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Sending fees")), format_money(summary.sent_fees_fen)),
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Of them in cash")),
            format_money(summary.sent_cash_fen),
        ),
    ]
    if summary.fees_fen:
        lines.append(
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Pickup fees")), format_money(summary.fees_fen))
        )
    else:
        lines.append(
            Row(
                tr(QT_TRANSLATE_NOOP("Receipt", "Pickup fees")),
                tr(QT_TRANSLATE_NOOP("Receipt", "none charged")),
            )
        )
    lines.append(
        Total(
            tr(QT_TRANSLATE_NOOP("Receipt", "Parcel takings")),
            summary.sent_fees_fen + summary.fees_fen,
        )
    )
    return parcel_document(
        title=tr(QT_TRANSLATE_NOOP("Receipt", "Day's parcel summary")),
        lines=lines,
        station_name=station_name,
        station_phone=station_phone,
        operator_name=operator_name,
        printed_at=printed_at,
        paper=paper,
        event_id=event_id,
    )


def _count_row(label: str, count: int) -> Row:
    return Row(tr(label), str(count))


def _carrier_table(summary: ParcelDaySummary) -> Table:
    carriers = sorted({*summary.received_by_carrier, *summary.sent_by_carrier}, key=carrier_order)
    rows = [
        [
            carrier_name(code),
            str(summary.received_by_carrier.get(code, 0)),
            str(summary.sent_by_carrier.get(code, 0)),
        ]
        for code in carriers
    ]
    rows.append(
        [
            tr(QT_TRANSLATE_NOOP("Receipt", "Total")),
            str(sum(summary.received_by_carrier.values())),
            str(sum(summary.sent_by_carrier.values())),
        ]
    )
    return Table(
        columns=[
            Column(tr(QT_TRANSLATE_NOOP("Receipt", "Carrier")), 1.4),
            Column(tr(QT_TRANSLATE_NOOP("Receipt", "In")), 1, "right"),
            Column(tr(QT_TRANSLATE_NOOP("Receipt", "Out")), 1, "right"),
        ],
        rows=rows,
    )
