"""Big lists as files: the month's 帮扶台账 rows of every station of the viewer's scope (or of
one of them) as an XLSX workbook, streamed while the rows are read from the database in pages,
so a county's 100,000 rows take no more memory than ten. The same scope as the pages: a
supervisor asking for another township, or a station outside theirs, is 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from stationapp.core import clock
from sync.server.web.deps import PageViewer
from sync.server.web.exports import attachment, xlsx
from sync.server.web.queries.receipt_words import KINDS
from sync.server.web.queries.report import (
    MONTH_PATTERN,
    LogRow,
    household_log_rows,
    last_month,
    report_township,
)
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
# the household log's events in the ledger's words (docs/households.md), others as the receipt
# check names them
LEDGER_KINDS = {
    "produce.sold": "代销售出",
    "parcel.received": "代收快递",
    "parcel.sent": "代寄快递",
    "household.helped": "帮扶服务",
}
SERVICES = {"training": "培训", "advice": "咨询", "form": "代办表格", "other": "其他"}
LOG_COLUMNS = (
    xlsx.Column("日期", width=11),
    xlsx.Column("站点", width=26),
    xlsx.Column("户编号", width=16),
    xlsx.Column("姓名", width=10),
    xlsx.Column("事项", width=16),
    xlsx.Column("品名", width=14),
    xlsx.Column("等级", width=8),
    xlsx.Column("数量", xlsx.NUMBER, width=9),
    xlsx.Column("单位", width=6),
    xlsx.Column("收款(元)", xlsx.YUAN, width=12),
    xlsx.Column("付款(元)", xlsx.YUAN, width=12),
    xlsx.Column("增收(元)", xlsx.YUAN, width=12),
    xlsx.Column("减免费用(元)", xlsx.YUAN, width=13),
)


@router.get(WEB_PREFIX + "/exports/household-log.xlsx")
def household_log_xlsx(
    request: Request,
    viewer: PageViewer,
    month: str = Query("", pattern=MONTH_PATTERN),
    township: str = Query("", max_length=200),
    station: str = Query("", max_length=64),
) -> Response:
    month = month or last_month(clock.business_day())
    conn = request.app.state.storage.engine.connect()
    try:  # the scope is checked (404) before the answer starts
        place = report_township(conn, viewer, township)
        rows = household_log_rows(conn, viewer, month, place, station_id=station)
    except BaseException:
        conn.close()
        raise
    sheet = xlsx.Sheet(f"帮扶台账 {month}", LOG_COLUMNS, (_cells(row) for row in rows))
    return StreamingResponse(
        _closing(conn, xlsx.workbook([sheet])),
        media_type=xlsx.MEDIA_TYPE,
        headers=attachment(f"{place or '全县'}帮扶台账-{month}.xlsx"),
    )


def _closing(conn: sa.Connection, pieces: Iterator[bytes]) -> Iterator[bytes]:
    """The workbook's pieces, the connection closed after the last (or when the download is
    given up)."""
    try:
        yield from pieces
    finally:
        conn.close()


def _cells(row: LogRow) -> list[Any]:
    kind = LEDGER_KINDS.get(row.type) or KINDS.get(row.type, row.type)
    if row.service:
        kind = f"{kind}({SERVICES.get(row.service, row.service)})"
    return [
        row.day,
        row.station_name,
        row.household_id,
        row.person,
        kind,
        row.product,
        row.grade,
        row.quantity,
        row.unit,
        row.paid_in_fen,
        row.paid_out_fen,
        row.income_fen,
        row.fee_waived_fen,
    ]
