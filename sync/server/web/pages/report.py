"""月报: a month of every station of the viewer's township (an admin may pick a township, or
read the whole county), with the township's sum and the stations that recorded nothing; the
same report as an XLSX workbook and as an A4 PDF. A supervisor asking for another township is
404, in the page and the files alike."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from stationapp.core import clock
from stationapp.core.money import format_money
from sync.server.web.auth import Viewer
from sync.server.web.deps import PageViewer
from sync.server.web.exports import attachment, xlsx
from sync.server.web.exports.pdf import PdfColumn, PdfTable, table_pdf
from sync.server.web.queries.report import (
    MONTH_PATTERN,
    MonthReport,
    StationMonth,
    last_month,
    month_report,
    report_township,
)
from sync.server.web.render import page
from sync.server.web.scope import townships
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
COUNT, MONEY = "count", "money"
FIGURES = (  # (field, words, kind) in the report's column order
    ("events", "记录条数", COUNT),
    ("active_days", "有记录天数", COUNT),
    ("parcels_in", "快递入库", COUNT),
    ("parcels_picked_up", "快递取件", COUNT),
    ("orders_created", "代购下单", COUNT),
    ("orders_delivered", "代购交付", COUNT),
    ("purchases", "收购笔数", COUNT),
    ("bought_fen", "收购金额", MONEY),
    ("sold_fen", "销售金额", MONEY),
    ("households", "服务建档户", COUNT),
    ("income_fen", "带动增收", MONEY),
    ("consignments_open", "代销未结批次", COUNT),
)
SILENT_WORDS = "本月没有任何记录的站点"
# the PDF's narrow columns break their headings where a reader would
PDF_HEADINGS = {
    "有记录天数": "有记录\n天数",
    "服务建档户": "服务\n建档户",
    "代销未结批次": "代销未结\n批次",
}


def _read(request: Request, viewer: Viewer, month: str, township: str) -> MonthReport:
    month = month or last_month(clock.business_day())
    with request.app.state.storage.engine.connect() as conn:
        place = report_township(conn, viewer, township)
        return month_report(conn, viewer, month, place)


@router.get(WEB_PREFIX + "/report")
def report_page(
    request: Request,
    viewer: PageViewer,
    month: str = Query("", pattern=MONTH_PATTERN),
    township: str = Query("", max_length=200),
) -> Response:
    report = _read(request, viewer, month, township)
    with request.app.state.storage.engine.connect() as conn:
        places = townships(conn, viewer)
    return page(
        request,
        "report.html",
        viewer,
        report=report,
        figures=FIGURES,
        places=places,
        query=_query(report),
        silent_words=SILENT_WORDS,
    )


@router.get(WEB_PREFIX + "/report.xlsx")
def report_xlsx(
    request: Request,
    viewer: PageViewer,
    month: str = Query("", pattern=MONTH_PATTERN),
    township: str = Query("", max_length=200),
) -> Response:
    report = _read(request, viewer, month, township)
    columns = [
        xlsx.Column("乡镇", width=10),
        xlsx.Column("站点", width=28),
        *(
            xlsx.Column(words, xlsx.YUAN if kind == MONEY else xlsx.INTEGER, width=13)
            for _, words, kind in FIGURES
        ),
    ]
    sheets = [
        xlsx.Sheet(f"月报 {report.month.name}", columns, _sheet_rows(report)),
        xlsx.Sheet(
            SILENT_WORDS[2:],
            [xlsx.Column("乡镇", width=10), xlsx.Column("站点", width=28), xlsx.Column("村")],
            [(r.township, r.name, r.village) for r in report.silent],
        ),
    ]
    return StreamingResponse(
        xlsx.workbook(sheets),
        media_type=xlsx.MEDIA_TYPE,
        headers=attachment(f"{_scope_words(report)}月报-{report.month.name}.xlsx"),
    )


@router.get(WEB_PREFIX + "/report.pdf")
def report_pdf(
    request: Request,
    viewer: PageViewer,
    month: str = Query("", pattern=MONTH_PATTERN),
    township: str = Query("", max_length=200),
) -> Response:
    report = _read(request, viewer, month, township)
    rows = [_pdf_row(r) for r in report.rows]
    shaded = list(range(len(rows), len(rows) + len(report.summaries)))
    rows += [_pdf_row(s) for s in report.summaries]
    made = clock.now().strftime("%Y-%m-%d %H:%M")
    silent = [f"{r.township}　{r.name}（{r.village}）" for r in report.silent]
    document = PdfTable(
        title=f"{_scope_words(report)} {report.month.words} 月报",
        above=[
            f"范围：{_scope_words(report)}，{len(report.rows)} 个站点；"
            f"日期 {report.month.first} 至 {report.month.last}（站点的营业日）",
            f"生成时间：{made}（北京时间）；代销未结批次为生成时的数目",
        ],
        columns=[
            PdfColumn("乡镇", 50),
            PdfColumn("站点", 154),
            *(
                PdfColumn(PDF_HEADINGS.get(words, words), 64 if kind == MONEY else 42, right=True)
                for _, words, kind in FIGURES
            ),
        ],
        rows=rows,
        shaded=shaded,
        below_title=f"{SILENT_WORDS}（{len(silent)} 个）",
        below=silent or ["没有：每个站点本月都有记录。"],
        footer=f"县级电商服务中心 · {_scope_words(report)} {report.month.words} 月报",
    )
    return Response(
        table_pdf(document),
        media_type="application/pdf",
        headers=attachment(f"{_scope_words(report)}月报-{report.month.name}.pdf"),
    )


def _sheet_rows(report: MonthReport) -> Iterator[list | xlsx.Strong]:
    for row in report.rows:
        yield [row.township, row.name, *(getattr(row, f) for f, _, _ in FIGURES)]
    for total in report.summaries:
        yield xlsx.Strong([total.township, total.name, *(getattr(total, f) for f, _, _ in FIGURES)])


def _pdf_row(row: StationMonth) -> list[str]:
    return [
        row.township,
        row.name,
        *(
            format_money(getattr(row, f)) if kind == MONEY else str(getattr(row, f))
            for f, _, kind in FIGURES
        ),
    ]


def _scope_words(report: MonthReport) -> str:
    return report.township or "全县"


def _query(report: MonthReport) -> str:
    """The report's month and township as a query string, for its download links."""
    query = f"month={report.month.name}"
    return query + (f"&township={quote(report.township)}" if report.township else "")
