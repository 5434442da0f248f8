"""The day's parcel summary (当日快递汇总): parcels in and out on one business day, per carrier,
and the money they brought in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import format_money
from stationapp.receipts.document import (
    Column,
    Line,
    Receipt,
    ReceiptFooter,
    ReceiptHeader,
    Row,
    Separator,
    Spacer,
    Table,
    Text,
    Total,
    render,
    tr,
)
from stationapp.receipts.parcels.fields import carrier_name, carrier_order

if TYPE_CHECKING:
    from stationapp.core.parcels.facade import ParcelDaySummary


def parcel_day_summary(
    *,
    summary: ParcelDaySummary,
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
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
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Day's parcel summary"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


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
