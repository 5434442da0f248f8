"""The 帮扶台账 export: one row per thing the station did for a registered household in a month
or a year (DOMAIN.md's purchase-log columns, a 事项 column for what else it was), and a sheet of
totals per household. The ID number and the phone are shown masked, as the registry holds them
(DESIGN §11); the signature column is left for the printed copy."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from stationapp.core.households import sheet
from stationapp.core.households.periods import Period
from stationapp.core.households.reading import station_totals

ROWS_HEADER = (
    "日期", "户编号", "姓名", "户主", "身份证号", "联系电话", "村", "户类型", "监测对象类型",
    "事项", "品名", "等级", "数量", "单位", "单价(元)", "市场价(元)", "金额(元)", "付款方式",
    "增收(元)", "减免费用(元)", "备注", "签字/手印", "经办人",
)  # fmt: skip
TOTALS_HEADER = (
    "户编号", "户主", "村", "户类型", "监测对象类型", "人数", "次数", "增收(元)",
    "减免费用(元)", "帮扶服务(次)",
)  # fmt: skip
WHAT = {
    "produce.bought": "收购",
    "produce.consigned": "代销收货",
    "produce.sold": "代销售出",
    "produce.settled": "代销结算",
    "parcel.received": "代收快递",
    "parcel.sent": "代寄快递",
    "household.helped": "帮扶服务",
}
WHAT_BY_LINE = {"order": "代购", "bill": "缴费", "produce": "农产品", "parcel": "快递"}
SERVICE = {"training": "培训", "advice": "咨询", "form": "代办表格", "other": "其他"}
METHOD = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "bank": "银行转账"}

_ROWS = """
SELECT l.day, l.household_id, l.person, h.head_name, h.id_tail, h.phone_masked, h.village,
       h.household_type, h.monitoring_type, l.type, l.service_kind, l.product, l.grade,
       l.quantity, l.unit, l.unit_price_fen, l.market_price_fen, l.paid_in_fen, l.paid_out_fen,
       l.pay_methods, l.income_fen, l.fee_waived_fen, l.note, o.name
FROM household_log l
LEFT JOIN county_households h ON h.household_no = l.household_id
LEFT JOIN operators o ON o.id = l.operator
WHERE l.day BETWEEN ? AND ?
ORDER BY l.day, l.occurred_at, l.event_id
"""
_TOTALS = """
SELECT l.household_id, h.head_name, h.village, h.household_type, h.monitoring_type, h.members,
       count(*), sum(l.income_fen), sum(l.fee_waived_fen), sum(l.service)
FROM household_log l
LEFT JOIN county_households h ON h.household_no = l.household_id
WHERE l.day BETWEEN ? AND ?
GROUP BY l.household_id
ORDER BY h.village, l.household_id
"""


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen).scaleb(-2)


def _what(event_type: str, service_kind: str) -> str:
    if service_kind:
        return f"帮扶服务({SERVICE.get(service_kind, service_kind)})"
    return WHAT.get(event_type) or WHAT_BY_LINE.get(event_type.partition(".")[0], event_type)


def _masked_id(tail: str | None) -> str:
    return "*" * 14 + tail if tail else ""


def _rows(conn: sqlite3.Connection, period: Period) -> Iterator[tuple[sheet.Cell, ...]]:
    for row in conn.execute(_ROWS, period.bounds):
        (day, number, person, head, tail, phone, village, kind, monitoring, event_type,
         service_kind, product, grade, quantity, unit, price, market, paid_in, paid_out,
         methods, income, waived, note, operator) = row  # fmt: skip
        amount = paid_out or paid_in
        yield (
            day, number, person or head or "", head or "", _masked_id(tail), phone or "",
            village or "", kind or "", monitoring or "", _what(event_type, service_kind),
            product, grade, quantity, unit, yuan(price), yuan(market), yuan(amount or None),
            "、".join(METHOD.get(m, m) for m in methods.split(",") if m),
            yuan(income or None), yuan(waived or None), note, "", operator or "",
        )  # fmt: skip


def _totals(conn: sqlite3.Connection, period: Period) -> Iterator[tuple[sheet.Cell, ...]]:
    for row in conn.execute(_TOTALS, period.bounds):
        number, head, village, kind, monitoring, members, count, income, waived, services = row
        yield (
            number, head or "", village or "", kind or "", monitoring or "", members or 0,
            count, yuan(income), yuan(waived), services,
        )  # fmt: skip
    total = station_totals(conn, period)
    yield (
        "合计", f"{total.households_helped} 户", "", "", "", total.people, None,
        yuan(total.income_fen), yuan(total.fees_waived_fen), total.services,
    )  # fmt: skip


def export(conn: sqlite3.Connection, period: Period, path: Path | None = None) -> bytes:
    """The workbook's bytes; written to ``path`` too when given."""
    data = sheet.workbook(
        [
            (f"帮扶台账 {period.label}", ROWS_HEADER, _rows(conn, period)),
            (f"汇总 {period.label}", TOTALS_HEADER, _totals(conn, period)),
        ]
    )
    if path is not None:
        Path(path).write_bytes(data)
    return data
