"""The manifests a courier signs: the handover of sent parcels (交件清单) and the return of
parcels nobody collected (退件清单). Whole waybills, because the courier checks each parcel
against them; no phone numbers, names masked, cities instead of addresses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from stationapp.core import clock
from stationapp.core.errors import ValidationError
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
    Signature,
    Spacer,
    Table,
    Text,
    Total,
    render,
    tr,
)
from stationapp.receipts.paper import paper_for
from stationapp.receipts.parcels.fields import (
    carrier_name,
    destination_city,
    kilograms,
    local_time,
    mask_name,
    parcel_count,
)

if TYPE_CHECKING:
    from stationapp.core.parcels.facade import Parcel
    from stationapp.core.parcels.sending import HandoverBatch, SentParcel


# --- handover manifest -----------------------------------------------------------------------


def handover_manifest(
    *,
    batch: HandoverBatch,
    cutoff: str,
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
) -> bytes:
    """交件清单: the batch's parcels in a table with totals, the cut-off time, and lines for the
    courier's and the station's signatures."""
    handed_at = local_time(batch.handed_at)
    lines: list[Line] = [
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Carrier")), carrier_name(batch.carrier)),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Handed over")), handed_at),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Cut-off time")), cutoff),
    ]
    if _after(handed_at[-5:], cutoff):
        lines.append(
            Text(
                tr(
                    QT_TRANSLATE_NOOP(
                        "Receipt",
                        "Handed over after the cut-off time: these parcels may leave the county "
                        "only tomorrow.",
                    )
                ),
                emphasis=True,
            )
        )
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Parcels")), parcel_count(len(batch.parcels))))
    lines += _handover_lines(batch.parcels, wide=not paper_for(paper).is_roll)
    lines += [
        Separator(),
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Items in all")),
            str(sum(p.item_count for p in batch.parcels)),
        ),
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Weight in all")),
            f"{kilograms(sum(p.weight_g for p in batch.parcels))} kg",
        ),
        Total(
            tr(QT_TRANSLATE_NOOP("Receipt", "Fees in all")),
            format_money(sum(p.fee_fen for p in batch.parcels)),
        ),
        Text(
            tr(
                QT_TRANSLATE_NOOP(
                    "Receipt",
                    "The courier counted the parcels above at the station; their number matches "
                    "this manifest.",
                )
            ),
            small=True,
        ),
        Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Courier's signature"))),
        Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Station's signature"))),
    ]
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Handover manifest"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


def _after(time: str, cutoff: str) -> bool:
    """Whether a ``HH:MM`` time is later than the cut-off (a malformed cut-off never is)."""
    hours, _, minutes = cutoff.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        return False
    return time > f"{int(hours):02d}:{int(minutes):02d}"


def _handover_lines(parcels: Sequence[SentParcel], *, wide: bool) -> list[Line]:
    if wide:
        return [
            Table(
                columns=[
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "No.")), 0.6, "right"),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Waybill")), 1.9),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Item")), 1.4),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Count")), 0.6, "right"),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Weight (kg)")), 1.1, "right"),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Recipient")), 0.8),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "To")), 2.1),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Fee")), 1.0, "right"),
                ],
                rows=[
                    [
                        str(number),
                        p.waybill,
                        p.item_name,
                        str(p.item_count),
                        kilograms(p.weight_g),
                        mask_name(p.recipient_name),
                        destination_city(p.recipient_address),
                        format_money(p.fee_fen),
                    ]
                    for number, p in enumerate(parcels, start=1)
                ],
            )
        ]
    # A roll is too narrow for a table of whole waybills: a line per parcel with its fee, and
    # the rest in small type below it.
    lines: list[Line] = [Separator()]
    for number, p in enumerate(parcels, start=1):
        details = f"{_addressee(p)} · {p.item_name}×{p.item_count} · {kilograms(p.weight_g)} kg"
        lines += [
            Row(f"{number}. {p.waybill}", format_money(p.fee_fen)),
            Text(details, small=True),
            Spacer(1),
        ]
    return lines


def _addressee(parcel: SentParcel) -> str:
    """``昆明市 张*``: where the parcel goes and to whom, masked."""
    return f"{destination_city(parcel.recipient_address)} {mask_name(parcel.recipient_name)}"


# --- return manifest -------------------------------------------------------------------------


def return_manifest(
    *,
    parcels: Sequence[Parcel],
    reason: str,
    carrier: str,
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
) -> bytes:
    """退件清单: the parcels going back to the courier, how long each waited and why, with a
    line for the courier's signature."""
    if not parcels:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "A return manifest needs the parcels going back; choose them."
            )
        )
    printed_at = footer.printed_at
    returned_at = max((p.returned_at for p in parcels if p.returned_at), default="")
    lines: list[Line] = [
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Carrier")), carrier_name(carrier)),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Returned")), local_time(returned_at or printed_at)),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Reason")), reason),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Parcels")), parcel_count(len(parcels))),
        *_return_lines(parcels, reason, printed_at, wide=not paper_for(paper).is_roll),
        Separator(),
        Text(
            tr(
                QT_TRANSLATE_NOOP(
                    "Receipt",
                    "The courier took back the parcels above at the station; their number "
                    "matches this manifest.",
                )
            ),
            small=True,
        ),
        Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Courier's signature"))),
    ]
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Return manifest"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


def days_waited(parcel: Parcel, printed_at: datetime) -> int:
    """Business days from arrival to return (to printing, for a parcel not yet returned)."""
    left = clock.business_day(parcel.returned_at or printed_at)
    return (left - clock.business_day(parcel.received_at)).days


def _return_lines(
    parcels: Sequence[Parcel], reason: str, printed_at: datetime, *, wide: bool
) -> list[Line]:
    if wide:
        return [
            Table(
                columns=[
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "No.")), 0.5, "right"),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Waybill")), 2.0),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Carrier")), 0.8),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Pickup code")), 1.1),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Arrived")), 1.1),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Days")), 0.9, "right"),
                    Column(tr(QT_TRANSLATE_NOOP("Receipt", "Reason")), 1.6),
                ],
                rows=[
                    [
                        str(number),
                        p.waybill,
                        carrier_name(p.carrier),
                        p.pickup_code,
                        clock.business_day(p.received_at).isoformat(),
                        str(days_waited(p, printed_at)),
                        p.return_reason or reason,
                    ]
                    for number, p in enumerate(parcels, start=1)
                ],
            )
        ]
    # On a roll: a line per parcel with its code, and below it when it came, how long it waited
    # and its own reason where it differs from the batch's (printed once above).
    lines: list[Line] = [Separator()]
    for number, p in enumerate(parcels, start=1):
        waited = tr(QT_TRANSLATE_NOOP("Receipt", "{carrier}, arrived {day}, waited {days} days"))
        details = waited.format(
            carrier=carrier_name(p.carrier),
            day=clock.business_day(p.received_at).strftime("%m-%d"),
            days=days_waited(p, printed_at),
        )
        if p.return_reason not in ("", reason):
            details += f" · {p.return_reason}"
        lines += [
            Row(f"{number}. {p.waybill}", p.pickup_code),
            Text(details, small=True),
            Spacer(1),
        ]
    return lines
