"""A stored event in a supervisor's words, for the receipt check: its kind in Chinese (收购 for
``produce.bought``), a printed document's name, and the payload's meaningful fields as labelled
lines, money as the station's cash box saw it (现金 付出 ¥2,013.55).

Privacy (DESIGN §11): a phone number is shown as ``尾号5678``; a field that could carry an ID
number is never shown; a payload field not named here is left out rather than shown raw.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stationapp.core.money import format_money
from stationapp.core.phone import mask_phone

KINDS = {
    "produce.bought": "收购",
    "produce.consigned": "代销收货",
    "produce.sold": "农产品销售",
    "produce.settled": "代销结算",
    "order.created": "代购下单",
    "order.placed": "代购：平台下单",
    "order.shipped": "代购：平台发货",
    "order.arrived": "代购：到货",
    "order.delivered": "代购：交给村民",
    "order.cancelled": "代购：取消",
    "order.returned": "代购：退货",
    "order.return_sent": "代购：退货寄回",
    "order.platform_refunded": "代购：平台退款",
    "parcel.received": "快递入库",
    "parcel.labelled": "快递贴签",
    "parcel.notified": "取件通知",
    "parcel.picked_up": "快递取件",
    "parcel.returned": "快递退回",
    "parcel.phone_added": "快递补录手机号",
    "parcel.sent": "快递寄件",
    "parcel.handed_over": "快递交接",
    "household.helped": "帮扶记录",
    "bill.requested": "代缴受理",
    "bill.submitted": "代缴提交",
    "bill.paid": "代缴成功",
    "bill.failed": "代缴失败",
    "bill.refunded": "代缴退款",
    "day.opened": "开始营业",
    "day.closed": "日结",
    "cash.moved": "现金存取",
    "event.voided": "作废",
    "receipt.printed": "打印凭证",
    "operator.added": "添加操作员",
    "operator.changed": "修改操作员",
    "settings.changed": "修改设置",
}

PRINTS = {  # receipt.printed's kind: the document on the paper
    "purchase_voucher": "收购凭证",
    "consignment_slip": "代销凭单",
    "settlement_slip": "代销结算单",
    "order_slip": "代购单",
    "handover_manifest": "快递交接清单",
    "return_manifest": "退件清单",
    "parcel_day_summary": "快递日报",
    "household_ledger": "帮扶台账",
    "test_page": "打印测试页",
}

METHODS = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "bank": "银行"}

# the payload's fields in reading order (who, what, how much) as (key, label, how): "text" as it
# is, "phone" masked, "fen" in yuan, "price" in yuan per the payload's unit; "household",
# "product" and "quantity" are put together from several keys
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("seller_name", "卖方", "text"),
    ("consignor_name", "委托人", "text"),
    ("buyer", "买方", "text"),
    ("household_id", "建档户", "household"),
    ("name", "村民", "text"),
    ("seller_phone", "电话", "phone"),
    ("consignor_phone", "电话", "phone"),
    ("phone", "电话", "phone"),
    ("channel", "销售渠道", "text"),
    ("platform", "平台", "text"),
    ("order_no", "代购单号", "text"),
    ("platform_order_no", "平台订单号", "text"),
    ("carrier", "快递公司", "text"),
    ("waybill", "运单号", "text"),
    ("shelf", "货架", "text"),
    ("product_name", "品名", "product"),
    ("grade", "等级", "text"),
    ("quantity", "数量", "quantity"),
    ("unit_price_fen", "单价", "price"),
    ("asking_price_fen", "底价", "price"),
    ("fee_fen", "服务费", "fen"),
    ("quoted_fen", "报价", "fen"),
    ("deposit_fen", "定金", "fen"),
    ("proceeds_fen", "货款", "fen"),
    ("commission_fen", "佣金", "fen"),
    ("paid_fen", "付款", "fen"),
    ("amount_fen", "金额", "fen"),
    ("reason", "原因", "text"),
    ("note", "备注", "text"),
)


def kind_words(event_type: str) -> str:
    """The event's kind in Chinese, or its type when it has no words here."""
    return KINDS.get(event_type, event_type)


def print_words(kind: Any) -> str:
    """The printed document's name (收购凭证), or 凭证 for a kind without words here."""
    return PRINTS.get(kind, "凭证") if isinstance(kind, str) else "凭证"


def money_words(payload: Mapping[str, Any]) -> list[str]:
    """The DESIGN §3 ``money`` entries: ``现金 付出 ¥2,013.55`` / ``微信 收入 ¥922.00``."""
    entries = payload.get("money")
    if not isinstance(entries, list):
        return []
    shown = []
    for entry in entries:
        if not isinstance(entry, Mapping) or not _is_fen(entry.get("fen")):
            continue
        method = METHODS.get(str(entry.get("method")), str(entry.get("method")))
        fen = entry["fen"]
        way = "收入" if fen > 0 else "付出"
        shown.append(f"{method} {way} {format_money(abs(fen))}")
    return shown


def field_words(
    payload: Mapping[str, Any], household_kinds: Mapping[str, str]
) -> list[tuple[str, str]]:
    """The payload's meaningful fields as (label, words). ``household_kinds``: the registry's
    words for a linked household (脱贫户...), by its number."""
    unit = _text(payload.get("unit"))
    fields: list[tuple[str, str]] = []
    for key, label, how in FIELDS:
        words = _words(payload, key, how, unit, household_kinds)
        if words:
            fields.append((label, words))
    for number, line in enumerate(_lines(payload), start=1):
        fields.append((f"第{number}项", line))
    return fields


def _words(
    payload: Mapping[str, Any], key: str, how: str, unit: str, household_kinds: Mapping[str, str]
) -> str:
    value = payload.get(key)
    if how in ("fen", "price"):
        if not _is_fen(value):
            return ""
        return f"{format_money(value)}/{unit}" if how == "price" and unit else format_money(value)
    if how == "product":
        return _text(value) or _text(payload.get("product"))
    words = _text(value)
    if not words:
        return ""
    if how == "phone":
        return mask_phone(words) or "尾号**"
    if how == "quantity":
        return f"{words} {unit}".strip()
    if how == "household":
        return f"{words} {household_kinds.get(words, '')}".strip()
    return words


def _lines(payload: Mapping[str, Any]) -> list[str]:
    """An order's items or a sale's lines: ``勐库大叶种晒青毛茶 一级 20 斤 × ¥45.00 = ¥900.00``."""
    found = payload.get("items", payload.get("lines"))
    if not isinstance(found, list):
        return []
    shown = []
    for item in found[:50]:
        if not isinstance(item, Mapping):
            continue
        name = _text(item.get("product_name")) or _text(item.get("name"))
        parts = [name, _text(item.get("spec")), _text(item.get("grade"))]
        parts.append(f"{_text(item.get('quantity'))} {_text(item.get('unit'))}".strip())
        text = " ".join(part for part in parts if part)
        if _is_fen(item.get("unit_price_fen")):
            text += f" × {format_money(item['unit_price_fen'])}"
        if _is_fen(item.get("amount_fen")):
            text += f" = {format_money(item['amount_fen'])}"
        shown.append(text)
    return shown


def _is_fen(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**15


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    return str(value).strip()[:200]
