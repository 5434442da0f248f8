"""Receipts: the PDFs have the paper's size, readable text, a QR code that names the event,
text that wraps inside the page, roll pages as tall as their content, and A4 tables that break."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stationapp.core import i18n as core_i18n
from stationapp.core.errors import ValidationError
from stationapp.receipts import fonts
from stationapp.receipts.document import (
    Column,
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
    wrap_text,
)
from stationapp.receipts.paper import MM, PAPERS, validate_paper
from stationapp.receipts.testpage import printer_test_page

REPO = Path(__file__).resolve().parent.parent
STATION_NAME = "孟定镇芒团村电商服务站"
EVENT_ID = "0196a3b2-7c1d-7e4f-9a2b-3c4d5e6f7a8b"
PRINTED_AT = datetime(2025, 5, 1, 6, 3, 9, tzinfo=UTC)
HEADER = ReceiptHeader(station_name=STATION_NAME, station_phone="0883-7123456")
FOOTER = ReceiptFooter(event_id=EVENT_ID, printed_at=PRINTED_AT, operator_name="李秀英")
LONG_CHINESE = (
    "收购说明：本站按照县里公布的收购价收购农户的甘蔗、茶叶和咖啡豆，现场过秤、现场付款，"
    "对建档立卡脱贫户优先收购并免收服务费；如对重量或价格有疑问，请当场提出，"
    "站长会重新过秤并在凭证上签字确认。"
)


def _pdf_file(pdf: bytes, tmp_path: Path, name: str = "receipt.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = _pdf_file(pdf, tmp_path)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _page_sizes(pdf: bytes, tmp_path: Path) -> list[tuple[float, float]]:
    path = _pdf_file(pdf, tmp_path, "sizes.pdf")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return [
        (float(width), float(height))
        for width, height in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ]


def _word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word pdftotext finds."""
    path = _pdf_file(pdf, tmp_path, "boxes.pdf")
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    root = ElementTree.fromstring(html)
    return [
        (word.text or "", float(word.get("xMin", 0)), float(word.get("xMax", 0)))
        for word in root.iter("{http://www.w3.org/1999/xhtml}word")
    ]


def _test_page(paper: str) -> bytes:
    return printer_test_page(header=HEADER, footer=FOOTER, paper=paper)


def _receipt(lines: list, **changes: object) -> Receipt:
    fields = {"title": "收购凭证", "header": HEADER, "lines": lines, "footer": FOOTER}
    fields.update(changes)
    return Receipt(**fields)  # type: ignore[arg-type]


def _chinese_translator() -> core_i18n.Translator:
    table = {}
    for tsv in (REPO / "resources" / "i18n" / "incoming").glob("*.tsv"):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if line.strip():
                context, source, chinese = line.split("\t")
                table[(context, source)] = chinese
    return lambda context, text: table.get((context, text), text)


# --- paper ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paper", "width_mm"),
    [("80mm", 80), ("58mm", 58), ("A4", 210)],
)
def test_test_receipt_page_is_as_wide_as_the_paper(paper: str, width_mm: float, tmp_path: Path):
    [(width, _height)] = _page_sizes(_test_page(paper), tmp_path)
    assert width == pytest.approx(width_mm * MM, abs=0.5)


def test_a4_test_receipt_is_a_whole_a4_page(tmp_path: Path):
    [(_width, height)] = _page_sizes(_test_page("A4"), tmp_path)
    assert height == pytest.approx(297 * MM, abs=0.5)


@pytest.mark.parametrize(
    ("paper", "usable_mm"),
    [("80mm", 72), ("58mm", 48)],
)
def test_roll_papers_print_on_the_rolls_printable_width(paper: str, usable_mm: int):
    assert PAPERS[paper].usable_width_mm == usable_mm


@pytest.mark.parametrize(
    ("text", "kind"),
    [("80mm", "80mm"), ("58MM", "58mm"), (" a4 ", "A4"), ("80 mm", "80mm")],
)
def test_validate_paper_accepts_known_kinds_in_any_case(text: str, kind: str):
    assert validate_paper(text) == kind


def test_validate_paper_refuses_an_unknown_kind_and_lists_the_known_ones():
    with pytest.raises(ValidationError, match=r"paper kind 76mm is unknown.*80mm, 58mm, A4"):
        validate_paper("76mm")


# --- text and QR code ----------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["80mm", "58mm", "A4"])
def test_test_receipt_text_names_the_station_the_event_and_an_amount(paper: str, tmp_path: Path):
    text = _pdf_text(_test_page(paper), tmp_path)
    assert STATION_NAME in text
    assert EVENT_ID in text
    assert "¥12.50" in text
    assert "李秀英" in text


def test_a_station_without_a_phone_number_prints_no_phone_line(tmp_path: Path):
    header = ReceiptHeader(station_name=STATION_NAME)
    text = _pdf_text(render(_receipt([Row("件数", "1")], header=header), "80mm"), tmp_path)
    assert STATION_NAME in text
    assert "Tel." not in text


def test_test_receipt_speaks_chinese_when_the_chinese_translation_is_installed(tmp_path: Path):
    core_i18n.install_translator(_chinese_translator())
    text = _pdf_text(_test_page("80mm"), tmp_path)
    assert "打印测试页" in text
    assert "80毫米卷纸" in text
    assert "凭证号" in text


@pytest.mark.parametrize("paper", ["80mm", "58mm", "A4"])
def test_receipt_qr_code_decodes_to_the_event_id(paper: str, tmp_path: Path):
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zbarimg is missing on CI: add zbar-tools to the CI's apt packages")
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools) to decode the QR code")
    pdf_path = _pdf_file(_test_page(paper), tmp_path)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf_path), str(tmp_path / "page")],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "page.png")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert decoded.strip() == EVENT_ID


def test_printed_time_is_shown_in_the_stations_time_zone(tmp_path: Path):
    text = _pdf_text(_test_page("80mm"), tmp_path)
    assert "2025-05-01 14:03:09" in text


# --- wrapping ------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["80mm", "58mm"])
def test_long_chinese_text_wraps_and_stays_inside_the_page(paper: str, tmp_path: Path):
    sheet = PAPERS[paper]
    pdf = render(_receipt([Text(LONG_CHINESE)]), paper)
    boxes = _word_boxes(pdf, tmp_path)
    assert boxes, "no text found in the PDF"
    assert all(x_min >= sheet.margin_x - 1 for _word, x_min, _x_max in boxes)
    assert all(x_max <= sheet.width - sheet.margin_x + 1 for _word, _x_min, x_max in boxes)
    text = _pdf_text(pdf, tmp_path)
    assert "".join(text.split()).count("站长会重新过秤") == 1


def test_long_chinese_text_needs_several_lines_on_a_roll():
    lines = wrap_text(LONG_CHINESE, 9, PAPERS["58mm"].usable_width)
    assert len(lines) >= 6
    assert "".join(lines) == LONG_CHINESE


def test_wrapping_keeps_a_waybill_number_whole():
    lines = wrap_text("运单号 YT7512345678901 已到站，请凭取件码取件", 10, 60 * MM)
    assert any("YT7512345678901" in line for line in lines)


def test_wrapping_never_starts_a_line_with_a_chinese_comma():
    text = "甘蔗一吨，茶叶两斤，咖啡豆三斤，八月瓜四个，遮放贡米五袋，龙眼六斤，荔枝七斤"
    for width in range(40, 160, 7):
        for line in wrap_text(text, 10, width)[1:]:
            assert not line.startswith(("，", "。")), (width, line)


def test_a_long_row_value_stays_inside_the_page(tmp_path: Path):
    sheet = PAPERS["58mm"]
    pdf = render(_receipt([Row("商品", "古丈毛尖明前特级绿茶礼盒装二百五十克两盒")]), sheet)
    boxes = _word_boxes(pdf, tmp_path)
    assert all(x_max <= sheet.width - sheet.margin_x + 1 for _word, _x_min, x_max in boxes)


# --- page height and pages ------------------------------------------------------------------


def test_roll_receipt_grows_with_its_lines(tmp_path: Path):
    short = render(_receipt([Row(f"第{n}行", "¥1.00") for n in range(5)]), "80mm")
    long = render(_receipt([Row(f"第{n}行", "¥1.00") for n in range(25)]), "80mm")
    [(_w, short_height)] = _page_sizes(short, tmp_path)
    [(_w, long_height)] = _page_sizes(long, tmp_path)
    row_height = PAPERS["80mm"].body_size * 1.3  # at least one text line per row
    assert long_height - short_height >= 20 * row_height


def test_a4_receipt_keeps_the_a4_height_however_short(tmp_path: Path):
    [(_w, height)] = _page_sizes(render(_receipt([Row("件数", "1")]), "A4"), tmp_path)
    assert height == pytest.approx(297 * MM, abs=0.5)


def _manifest(rows: int) -> Receipt:
    table = Table(
        columns=[
            Column("序号", 0.6, "right"),
            Column("运单号", 2.2),
            Column("快递公司", 1.2),
            Column("收件人", 1.2),
            Column("重量(kg)", 1, "right"),
        ],
        rows=[
            [str(n), f"YT75{n:011d}", "圆通", "尾号5678", f"{n % 7 + 1}.5"]
            for n in range(1, rows + 1)
        ],
    )
    return _receipt([table, Separator(), Signature("快递员签字")], title="交接清单")


def test_a4_table_of_200_rows_breaks_onto_several_pages(tmp_path: Path):
    pdf = render(_manifest(200), "A4")
    pages = _page_sizes(pdf, tmp_path)
    assert len(pages) >= 3
    text = _pdf_text(pdf, tmp_path)
    assert f"YT75{200:011d}" in text
    assert text.count("运单号") == len(pages), "the header repeats on every page"


def test_table_rows_are_never_lost_between_pages(tmp_path: Path):
    text = _pdf_text(render(_manifest(200), "A4"), tmp_path)
    waybills = re.findall(r"YT75\d{11}", text)
    assert sorted(waybills) == [f"YT75{n:011d}" for n in range(1, 201)]


def test_table_with_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="row 1 has 1 cells for 2 columns"):
        Table(columns=[Column("a"), Column("b")], rows=[["only one"]])


def test_signature_line_and_total_are_printed(tmp_path: Path):
    core_i18n.install_translator(_chinese_translator())
    pdf = render(_receipt([Total("合计", 123456), Signature()]), "58mm")
    text = _pdf_text(pdf, tmp_path)
    assert "¥1,234.56" in text
    assert "签字：" in text


def test_notice_is_printed_on_the_receipt(tmp_path: Path):
    pdf = render(_receipt([Row("户号", "0601234567")], notice="受理凭证：缴费尚未到账"), "80mm")
    assert "受理凭证：缴费尚未到账" in _pdf_text(pdf, tmp_path)


def test_render_refuses_a_receipt_that_names_no_event():
    with pytest.raises(ValidationError, match="names no record"):
        render(_receipt([], footer=ReceiptFooter(" ", PRINTED_AT, "李秀英")), "80mm")


# --- money, fonts, translations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "shown"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (1250, "¥12.50"),
        (123456, "¥1,234.56"),
        (123456789, "¥1,234,567.89"),
        (-80, "-¥0.80"),
    ],
)
def test_a_total_in_fen_shows_yuan_with_two_decimals_grouped_in_thousands(fen: int, shown: str):
    assert Total("合计", fen).shown == shown


def test_a_total_already_formatted_is_shown_as_given():
    assert Total("合计", "¥12.5 (含押金)").shown == "¥12.5 (含押金)"


@pytest.mark.parametrize("amount", [12.5, True])
def test_a_total_refuses_anything_but_integer_fen(amount: object):
    with pytest.raises(TypeError, match="int of fen"):
        Total("合计", amount).shown  # type: ignore[arg-type]  # noqa: B018


def test_importing_every_receipts_module_loads_no_qt():
    modules = sorted(
        ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for path in (REPO / "stationapp" / "receipts").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "stationapp.receipts.parcels.slip" in modules
    assert done.stdout.strip() == "[]"


def test_receipt_font_is_loaded_once_when_many_threads_ask_at_once(
    monkeypatch: pytest.MonkeyPatch,
):
    from reportlab.pdfbase import ttfonts

    loads: list[str] = []
    real_font = ttfonts.TTFont

    def counting_font(*args: object, **kwargs: object) -> ttfonts.TTFont:
        loads.append(str(args[0]))
        return real_font(*args, **kwargs)

    monkeypatch.setattr(ttfonts, "TTFont", counting_font)
    monkeypatch.setattr(fonts, "_registered", False)
    names: list[str] = []
    threads = [
        threading.Thread(target=lambda: names.append(fonts.register_receipt_font()))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert names == [fonts.FONT_NAME] * 8
    assert loads == [fonts.FONT_NAME]
