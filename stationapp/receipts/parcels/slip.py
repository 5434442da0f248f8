"""The pickup slip (取件凭条): the parcels one person took, how they were checked, who collected
them and what was charged. What is masked and why: see ``parcels.fields``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import format_money
from stationapp.receipts.document import (
    Line,
    Receipt,
    ReceiptFooter,
    ReceiptHeader,
    Row,
    Separator,
    Signature,
    Text,
    Total,
    render,
    tr,
)
from stationapp.receipts.parcels.fields import (
    carrier_name,
    local_time,
    mask_waybill,
    masked_person,
    parcel_count,
)

if TYPE_CHECKING:
    from stationapp.core.parcels.facade import Parcel

_VERIFICATIONS = {
    "code": QT_TRANSLATE_NOOP("Receipt", "Pickup code"),
    "phone": QT_TRANSLATE_NOOP("Receipt", "Phone number"),
    "id": QT_TRANSLATE_NOOP("Receipt", "ID document"),
}


def pickup_slip(
    *,
    parcels: Sequence[Parcel],
    verified_by: str,
    proxy_name: str = "",
    proxy_phone: str = "",
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
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
            local_time(picked_up or footer.printed_at),
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
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Pickup slip"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


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
