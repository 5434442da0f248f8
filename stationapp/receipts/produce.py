"""The produce line's documents (DESIGN §8), for 80 mm and 58 mm rolls and A4:

- ``purchase_voucher`` (收购凭证): what the station bought from a villager and paid for it;
- ``consignment_slip`` (代销收货单): goods taken in to sell for a villager, and the commission;
- ``settlement_slip`` (代销结算单): what of a lot was sold, the commission, what was paid.

Each takes the plain values ``st.produce`` returns (``Purchase``, ``Lot``, ``Settlement``), the
station's ``ReceiptHeader``, the print's ``ReceiptFooter`` and the paper kind; PDF bytes. The
villager's name is printed whole (the voucher is their proof of payment and the station's proof
of purchase for the 帮扶台账, signed by them), the phone only as ``尾号5678``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import format_money, method_name
from stationapp.core.phone import mask_phone
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
from stationapp.receipts.parcels.fields import local_time

if TYPE_CHECKING:
    from stationapp.core.county.households import Household
    from stationapp.core.produce.views import Lot, Purchase, Settlement


def purchase_voucher(
    *,
    purchase: Purchase,
    weighing: Mapping[str, Any] | None = None,
    household: Household | None = None,
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
) -> bytes:
    """收购凭证: seller (name, 尾号 phone, 建档户 marker), product, grade, gross/tare/net
    (``过磅`` when the scale weighed it), unit price, amount, how it was paid, and a line for
    the seller's signature or thumbprint. ``weighing`` is the dict given to ``st.produce.buy``
    (gross, tare, net, source); without it the quantity is the net. ``household``: the registry's
    row when the purchase names one (``st.households.household(id).household``)."""
    lines: list[Line] = _party_rows(
        tr(QT_TRANSLATE_NOOP("Receipt", "Seller")),
        purchase.seller_name,
        purchase.seller_phone,
        purchase.household_id,
        household,
    )
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Bought")), local_time(purchase.bought_at)))
    lines.append(Separator())
    lines += _goods_rows(purchase.product_name, purchase.grade)
    lines += _weight_rows(purchase.quantity, purchase.unit, purchase.source, weighing)
    lines.append(
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Unit price")),
            _per_unit(purchase.unit_price_fen, purchase.unit),
        )
    )
    lines.append(Separator())
    lines.append(Total(tr(QT_TRANSLATE_NOOP("Receipt", "Amount paid")), purchase.amount_fen))
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Paid by")), _methods(purchase.paid_by)))
    lines.append(
        Text(
            tr(
                QT_TRANSLATE_NOOP(
                    "Receipt",
                    "The seller has checked the weight and the amount and received the money.",
                )
            ),
            small=True,
        )
    )
    lines.append(Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Seller's signature or thumbprint"))))
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Purchase voucher"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


def consignment_slip(
    *,
    lot: Lot,
    household: Household | None = None,
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
) -> bytes:
    """代销收货单: the goods taken in from a villager to sell for them (product, grade,
    quantity, asking price), the commission rule, and a line for the villager's signature. No
    money moves yet: the slip says so."""
    lines: list[Line] = _party_rows(
        tr(QT_TRANSLATE_NOOP("Receipt", "Consignor")),
        lot.consignor_name,
        lot.consignor_phone,
        lot.household_id,
        household,
    )
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Taken in")), local_time(lot.consigned_at)))
    lines.append(Separator())
    lines += _goods_rows(lot.product_name, lot.grade)
    lines.append(
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Quantity")), _quantity(lot.quantity, lot.unit))
    )
    lines.append(
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Asking price")),
            _per_unit(lot.asking_price_fen, lot.unit),
        )
    )
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Commission")), commission_rule(lot)))
    lines.append(Separator())
    lines.append(
        Text(
            tr(
                QT_TRANSLATE_NOOP(
                    "Receipt",
                    "No money was paid now. The station sells the goods for you and pays you "
                    "what they sold for, less the commission, at settlement: keep this slip.",
                )
            ),
            small=True,
        )
    )
    lines.append(Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Consignor's signature"))))
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Consignment slip"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


def settlement_slip(
    *,
    lot: Lot,
    settlement: Settlement,
    household: Household | None = None,
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
) -> bytes:
    """代销结算单: of a consigned lot, what was sold and settled this time, what it sold for,
    the commission, what the villager was paid and how, what is left to sell, and a line for
    their signature. ``settlement`` is what ``st.produce.settle`` returned; ``lot`` is the lot
    read after it (``st.produce.lot(lot_id)``)."""
    lines: list[Line] = _party_rows(
        tr(QT_TRANSLATE_NOOP("Receipt", "Consignor")),
        lot.consignor_name,
        lot.consignor_phone,
        lot.household_id,
        household,
    )
    lines.append(
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Settled")), local_time(settlement.settled_at))
    )
    lines.append(Separator())
    lines += _goods_rows(lot.product_name, lot.grade)
    lines.append(
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Quantity taken in")),
            _quantity(lot.quantity, lot.unit),
        )
    )
    lines.append(
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Sold and settled now")),
            _quantity(settlement.quantity, lot.unit),
        )
    )
    lines.append(
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Left to sell")), _quantity(lot.left, lot.unit))
    )
    lines.append(Separator())
    lines.append(
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Sold for")), format_money(settlement.proceeds_fen))
    )
    lines.append(
        Row(
            tr(QT_TRANSLATE_NOOP("Receipt", "Commission ({rule})")).format(
                rule=commission_rule(lot)
            ),
            "-" + format_money(settlement.commission_fen),
        )
    )
    lines.append(Total(tr(QT_TRANSLATE_NOOP("Receipt", "Paid to you")), settlement.paid_fen))
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Paid by")), _methods(settlement.paid_by)))
    lines.append(Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Consignor's signature"))))
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Consignment settlement"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


def commission_rule(lot: Lot) -> str:
    """``8.5%`` of the proceeds, or ``¥0.50/斤`` sold."""
    if lot.commission_kind == "percent":
        return tr(QT_TRANSLATE_NOOP("Receipt", "{percent}% of the sale")).format(
            percent=lot.commission_value
        )
    fen = int(Decimal(lot.commission_value))
    return tr(QT_TRANSLATE_NOOP("Receipt", "{price} per {unit} sold")).format(
        price=format_money(fen), unit=lot.unit
    )


def household_marker(household_id: str, household: Household | None) -> str:
    """``建档户 5325…0001 脱贫户（监测对象：边缘易致贫户）``: the registry's number and type."""
    text = tr(QT_TRANSLATE_NOOP("Receipt", "Registered household {number}")).format(
        number=household_id
    )
    if household is not None:
        kind = household.household_type
        if household.monitoring_type:
            kind += tr(QT_TRANSLATE_NOOP("Receipt", " (monitored: {kind})")).format(
                kind=household.monitoring_type
            )
        text = f"{text} {kind}".strip()
    return text


# --- shared rows ------------------------------------------------------------------------------


def _party_rows(
    label: str, name: str, phone: str, household_id: str, household: Household | None
) -> list[Line]:
    shown = " ".join(part for part in (name, mask_phone(phone) if phone else "") if part)
    lines: list[Line] = [Row(label, shown)]
    if household_id:
        lines.append(Text("★ " + household_marker(household_id, household), emphasis=True))
    return lines


def _goods_rows(product_name: str, grade: str) -> list[Line]:
    return [
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Product")), product_name),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Grade")), grade),
    ]


def _weight_rows(
    quantity: str, unit: str, source: str, weighing: Mapping[str, Any] | None
) -> list[Line]:
    how = dict(weighing or {})
    lines: list[Line] = []
    if "gross" in how:
        lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Gross")), _quantity(how["gross"], unit)))
        lines.append(
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Tare")), _quantity(how.get("tare", "0"), unit))
        )
    if "gross" in how:
        label = QT_TRANSLATE_NOOP("Receipt", "Net")
    else:
        label = QT_TRANSLATE_NOOP("Receipt", "Quantity")
    shown = _quantity(quantity, unit)
    if source == "scale" or how.get("source") == "scale":
        shown += " " + tr(QT_TRANSLATE_NOOP("Receipt", "(weighed)"))
    lines.append(Row(tr(label), shown))
    return lines


def _quantity(quantity: str, unit: str) -> str:
    return f"{quantity} {unit}"


def _per_unit(fen: int, unit: str) -> str:
    return f"{format_money(fen)}/{unit}"


def _methods(paid_by: str) -> str:
    """``现金+微信支付`` from the stored ``cash+wechat``."""
    codes = [code for code in paid_by.replace(",", "+").split("+") if code]
    return "+".join(method_name(code) for code in codes)
