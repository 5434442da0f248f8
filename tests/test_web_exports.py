"""The web's XLSX writer: a workbook openpyxl reads back (money in yuan with its format, numbers
as numbers, the sums in bold), written as a stream — its first bytes leave before its last rows
are read, and what it holds does not grow with the rows — and texts kept as texts (a leading
'=' is no formula; characters XML cannot carry are left out)."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator

import openpyxl

from sync.server.web.exports import attachment, xlsx

COLUMNS = (
    xlsx.Column("日期", width=11),
    xlsx.Column("金额", xlsx.YUAN),
    xlsx.Column("数量", xlsx.NUMBER),
    xlsx.Column("笔数", xlsx.INTEGER),
)


def read(pieces: Iterator[bytes]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(b"".join(pieces)))


def test_a_workbook_reads_back_with_its_kinds_and_sums():
    rows = [
        ("2026-11-01", 123_456, "12.5", 3),
        ("=HYPERLINK(1) & <b>\x01", -5, "半斤", None),
        xlsx.Strong(("合计", 123_451, "", 3)),
    ]
    book = read(xlsx.workbook([xlsx.Sheet("月报 2026-11", COLUMNS, rows)]))
    sheet = book["月报 2026-11"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("日期", "金额", "数量", "笔数"),
        ("2026-11-01", 1234.56, 12.5, 3),
        ("=HYPERLINK(1) & <b>", -0.05, "半斤", None),
        ("合计", 1234.51, None, 3),
    ]
    assert sheet["B2"].number_format == "#,##0.00" and sheet["A2"].data_type == "s"
    assert sheet["A4"].font.b and sheet["B4"].font.b and sheet["A1"].font.b
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"


def test_sheet_names_are_cut_to_what_a_workbook_allows():
    sheets = [xlsx.Sheet("没有记录的站点 [11/2026]?" * 3, COLUMNS[:1], [("a",)])]
    [name] = read(xlsx.workbook(sheets)).sheetnames
    assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_the_first_bytes_leave_before_the_last_rows_are_read():
    read_so_far = []

    def rows() -> Iterator[tuple]:
        for n in range(10 * xlsx.ROWS_PER_WRITE):
            read_so_far.append(n)
            yield (f"2026-11-{n % 28 + 1:02d}", n, "1.5", n)

    pieces = xlsx.workbook([xlsx.Sheet("台账", COLUMNS, rows())])
    sent: list[bytes] = []
    while len(read_so_far) < 2 * xlsx.ROWS_PER_WRITE:
        sent.append(next(pieces))
    assert sum(map(len, sent)) > 0 and len(read_so_far) < 10 * xlsx.ROWS_PER_WRITE
    book = read(iter([*sent, *pieces]))  # the rest, and the whole reads back
    assert book.active.max_row == 10 * xlsx.ROWS_PER_WRITE + 1


def peak_while_writing(count: int) -> int:
    rows = ((f"2026-11-{n % 28 + 1:02d}", n * 7, "12.5", n) for n in range(count))
    tracemalloc.start()
    try:
        for _ in xlsx.workbook([xlsx.Sheet("台账", COLUMNS, rows)]):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_what_the_writer_holds_does_not_grow_with_the_rows():
    small, big = peak_while_writing(5_000), peak_while_writing(50_000)
    assert big < small * 1.5 + 256 * 1024, (small, big)


def test_a_download_is_named_in_chinese_with_a_plain_fallback():
    header = attachment("孟定镇月报-2026-11.xlsx")["content-disposition"]
    assert header.startswith('attachment; filename="export.xlsx"; ')
    assert "filename*=UTF-8''%E5%AD%9F" in header
