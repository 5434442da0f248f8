"""The proxy purchase line's document (DESIGN §8): the order slip (代购单), for 80 mm and 58 mm
rolls and A4. The villager keeps it until the goods arrive: the order number to ask by, the
items, what was quoted, the service fee (or that it was waived), the deposit and what is still
owed. The name is printed whole (it is the villager's own slip), the phone as ``尾号5678``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stationapp.core.i18n import QT_TRANSLATE_NOOP, translate
from stationapp.core.money import format_money
from stationapp.core.orders.store import STATE_NAMES
from stationapp.core.phone import mask_phone
from stationapp.receipts.document import (
    Column,
    Line,
    Receipt,
    ReceiptFooter,
    ReceiptHeader,
    Row,
    Separator,
    Signature,
    Table,
    Text,
    Total,
    render,
    tr,
)
from stationapp.receipts.paper import paper_for
from stationapp.receipts.parcels.fields import local_time

if TYPE_CHECKING:
    from stationapp.core.orders.store import Order, OrderItem


def order_slip(
    *,
    order: Order,
    header: ReceiptHeader,
    footer: ReceiptFooter,
    paper: str,
) -> bytes:
    """代购单: order number, villager (name, 尾号 phone, 建档户 marker with the household's kind
    as the orders page shows it: 【脱贫户】 or the 监测对象's kind), platform, the items,
    the goods total (quoted, or the price paid once placed), the service fee (``已减免`` with
    the amount when waived), the deposit and what is still owed (or the change due), and a line
    for the villager's signature. ``order`` is what ``st.orders.create`` / ``st.orders.get``
    returned."""
    lines: list[Line] = [
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Order no.")), order.order_no),
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Customer")), _person(order)),
    ]
    if order.household_id:
        marker = tr(QT_TRANSLATE_NOOP("Receipt", "Registered household {number}")).format(
            number=order.household_id
        )
        lines.append(Text("★ " + marker, emphasis=True))
        if order.household_kind:  # a line of its own: 【边缘易致贫户】 would break on a 58 mm roll
            lines.append(Text(f"【{order.household_kind}】", emphasis=True))
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Platform")), order.platform))
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Ordered")), local_time(order.created_at)))
    if order.state in STATE_NAMES and order.state != "to_place":
        state = translate("UserError", STATE_NAMES[order.state])
        lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "State")), state))
    if order.platform_order_no:
        lines.append(
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Platform order no.")), order.platform_order_no)
        )
    lines += _items(order.items, wide=not paper_for(paper).is_roll)
    lines.append(Separator())
    lines += _money(order)
    lines.append(
        Text(
            tr(
                QT_TRANSLATE_NOOP(
                    "Receipt",
                    "The price on the platform may differ from the quote; you pay what it "
                    "actually cost. Bring this slip when you collect the goods.",
                )
            ),
            small=True,
        )
    )
    lines.append(Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Customer's signature"))))
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Proxy purchase order"))
    return render(Receipt(title=title, header=header, lines=lines, footer=footer), paper)


def _person(order: Order) -> str:
    phone = mask_phone(order.customer_phone) if order.customer_phone else ""
    return " ".join(part for part in (order.customer_name, phone) if part)


def _item_name(item: OrderItem) -> str:
    return f"{item.name}（{item.spec}）" if item.spec else item.name


def _items(items: tuple[OrderItem, ...], *, wide: bool) -> list[Line]:
    """A table on A4; on a roll each item as a name line and its ``2 个 × ¥89.00 = ¥178.00``."""
    if wide:
        columns = [
            Column(tr(QT_TRANSLATE_NOOP("Receipt", "Item")), 4),
            Column(tr(QT_TRANSLATE_NOOP("Receipt", "Quantity")), 1.2, "right"),
            Column(tr(QT_TRANSLATE_NOOP("Receipt", "Unit price")), 1.5, "right"),
            Column(tr(QT_TRANSLATE_NOOP("Receipt", "Amount")), 1.5, "right"),
        ]
        rows = [
            [
                _item_name(item),
                f"{item.quantity} {item.unit}",
                format_money(item.unit_price_fen),
                format_money(item.amount_fen),
            ]
            for item in items
        ]
        return [Table(columns, rows)]
    lines: list[Line] = [Separator()]
    for item in items:
        lines.append(Text(_item_name(item), emphasis=True))
        lines.append(
            Row(
                f"{item.quantity} {item.unit} × {format_money(item.unit_price_fen)}",
                format_money(item.amount_fen),
            )
        )
    return lines


def _money(order: Order) -> list[Line]:
    goods_label = (
        QT_TRANSLATE_NOOP("Receipt", "Goods (price paid)")
        if order.placed_at
        else QT_TRANSLATE_NOOP("Receipt", "Goods (quoted)")
    )
    lines: list[Line] = [Row(tr(goods_label), format_money(order.goods_fen))]
    if order.fee_waived_fen:
        waived = tr(QT_TRANSLATE_NOOP("Receipt", "{amount} waived")).format(
            amount=format_money(order.fee_waived_fen)
        )
        lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Service fee")), f"¥0.00（{waived}）"))
    else:
        lines.append(
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Service fee")), format_money(order.fee_fen))
        )
    lines.append(Row(tr(QT_TRANSLATE_NOOP("Receipt", "Total")), format_money(order.total_fen)))
    lines.append(
        Row(tr(QT_TRANSLATE_NOOP("Receipt", "Deposit paid")), format_money(order.deposit_fen))
    )
    if order.taken_fen:
        lines.append(
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Paid on delivery")), format_money(order.taken_fen))
        )
    balance = order.balance_fen
    if balance < 0:
        lines.append(Total(tr(QT_TRANSLATE_NOOP("Receipt", "Change due to you")), -balance))
    else:
        lines.append(Total(tr(QT_TRANSLATE_NOOP("Receipt", "Still owed")), balance))
    return lines
