"""The parcel documents: all four (pickup slip, handover and return manifests, the day's parcel
summary) print in Chinese on every paper under the station's header, hide every phone number, name
and ID number, and carry a QR code naming their event; the pickup slip and the day summary say
the right codes and totals. The manifests' own tests are in ``test_parcel_manifests``.

``PYTHONPATH=. python tests/test_parcel_docs.py`` renders the pictures in ``docs/img/doc-*.png``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from stationapp.core.errors import ValidationError
from stationapp.receipts.paper import PAPERS
from stationapp.receipts.parcels.fields import destination_city, mask_name, mask_waybill
from tests.parcel_documents import (
    DOCUMENTS,
    EVENT_ID,
    EVERY_DOCUMENT_ON_EVERY_PAPER,
    PAPER_KINDS,
    PROXY_PHONE,
    RECEIPTS,
    RECIPIENT_PHONE,
    REPO,
    RESIDENT_ID,
    SENDER_PHONE,
    TSV_FILES,
    WHOLE_MOBILE,
    day_pdf,
    decoded_qr,
    handover_pdf,
    install_chinese,
    pdf_rows,
    pdf_text,
    pickup_slip_pdf,
    return_pdf,
    sample_parcel,
    sample_returned,
    word_boxes,
)


@pytest.fixture(autouse=True)
def _chinese() -> None:
    """Documents print in Chinese, the app's language (conftest resets the translator)."""
    install_chinese()


# --- every document ---------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "paper"), EVERY_DOCUMENT_ON_EVERY_PAPER)
def test_document_is_titled_in_chinese_under_the_stations_name(
    title: str, paper: str, tmp_path: Path
):
    text = pdf_text(DOCUMENTS[title](paper), tmp_path)
    assert title in text
    assert "孟定镇芒艾村电商服务站" in text
    assert "电话：0883-6123456" in text


@pytest.mark.parametrize(("title", "paper"), EVERY_DOCUMENT_ON_EVERY_PAPER)
def test_document_prints_no_whole_mobile_number_and_no_id_number(
    title: str, paper: str, tmp_path: Path
):
    text = pdf_text(DOCUMENTS[title](paper), tmp_path)
    assert WHOLE_MOBILE.findall(text) == []
    assert RESIDENT_ID.findall(text) == []
    for phone in (RECIPIENT_PHONE, PROXY_PHONE, SENDER_PHONE, "15912345678"):
        assert phone[:7] not in text  # at least the first seven of eleven digits stay hidden


@pytest.mark.parametrize(("title", "paper"), EVERY_DOCUMENT_ON_EVERY_PAPER)
def test_document_qr_code_decodes_to_the_event_id(title: str, paper: str, tmp_path: Path):
    pdf = DOCUMENTS[title](paper)
    assert decoded_qr(pdf, tmp_path) == EVENT_ID
    assert EVENT_ID in pdf_text(pdf, tmp_path)


@pytest.mark.parametrize("title", DOCUMENTS)
@pytest.mark.parametrize("paper", ["80mm", "58mm"])
def test_document_stays_inside_the_rolls_printable_width(title: str, paper: str, tmp_path: Path):
    sheet = PAPERS[paper]
    boxes = word_boxes(DOCUMENTS[title](paper), tmp_path)
    assert boxes
    outside = [
        word
        for word, x_min, x_max in boxes
        if x_min < sheet.margin_x - 1 or x_max > sheet.width - sheet.margin_x + 1
    ]
    assert outside == []


# --- pickup slip ------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_pickup_slip_lists_each_parcels_code_carrier_and_masked_waybill(paper: str, tmp_path: Path):
    rows = pdf_rows(pickup_slip_pdf(paper), tmp_path)
    assert "取件码 A-1-0451" in rows
    assert "取件码 A-1-0452" in rows
    assert "快递公司 圆通" in rows
    assert "快递公司 中通" in rows
    assert "运单号 ****0521" in rows
    assert "运单号 ****8902" in rows


def test_pickup_slip_never_prints_the_whole_waybill(tmp_path: Path):
    text = pdf_text(pickup_slip_pdf("80mm"), tmp_path)
    assert "YT7512345670521" not in text
    assert "12345670521" not in text
    assert "78912345678902" not in text


def test_pickup_slip_shows_the_recipient_as_surname_and_phone_tail(tmp_path: Path):
    rows = pdf_rows(pickup_slip_pdf("80mm"), tmp_path)
    assert "收件人 张* 尾号5678" in rows
    assert "三丰" not in "".join(rows)


@pytest.mark.parametrize(
    ("verified_by", "shown"),
    [("code", "取件码"), ("phone", "手机号"), ("id", "身份证件")],
)
def test_pickup_slip_says_how_the_recipient_was_checked(
    verified_by: str, shown: str, tmp_path: Path
):
    rows = pdf_rows(pickup_slip_pdf("80mm", verified_by=verified_by), tmp_path)
    assert f"核验方式 {shown}" in rows


def test_pickup_slip_names_the_proxy_collector_masked(tmp_path: Path):
    pdf = pickup_slip_pdf("58mm", proxy_name="王小二", proxy_phone=PROXY_PHONE)
    rows = pdf_rows(pdf, tmp_path)
    assert "代取人 王* 尾号4321" in rows
    assert "小二" not in "".join(rows)


def test_pickup_slip_without_a_proxy_names_none(tmp_path: Path):
    assert "代取人" not in pdf_text(pickup_slip_pdf("80mm"), tmp_path)


def test_pickup_slip_says_no_fee_was_charged_when_none_was(tmp_path: Path):
    text = pdf_text(pickup_slip_pdf("80mm"), tmp_path)
    assert "未收取任何费用" in text
    assert "取件费" not in text
    assert "¥" not in text


def test_pickup_slip_prints_the_fee_total_when_the_station_charged_one(tmp_path: Path):
    parcels = [sample_parcel(1, fee_fen=100), sample_parcel(2, fee_fen=150)]
    rows = pdf_rows(pickup_slip_pdf("80mm", parcels=parcels), tmp_path)
    assert "取件费 ¥2.50" in rows
    assert not any("未收取任何费用" in row for row in rows)


def test_pickup_slip_has_a_line_for_the_collectors_signature(tmp_path: Path):
    assert "取件人签字：" in pdf_text(pickup_slip_pdf("58mm"), tmp_path)


def test_pickup_slip_of_several_recipients_names_each_parcels_recipient(tmp_path: Path):
    parcels = [
        sample_parcel(1),
        sample_parcel(2, recipient_name="李四", recipient_phone="15011112222"),
    ]
    rows = pdf_rows(pickup_slip_pdf("80mm", parcels=parcels), tmp_path)
    assert "收件人 张* 尾号5678" in rows
    assert "收件人 李* 尾号2222" in rows


def test_pickup_slip_of_no_parcels_is_refused():
    with pytest.raises(ValidationError, match="取件凭条要列出取走的快递"):
        pickup_slip_pdf("80mm", parcels=[])


# --- the day's parcel summary -----------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_day_summary_prints_each_count_of_the_day(paper: str, tmp_path: Path):
    rows = pdf_rows(day_pdf(paper), tmp_path)
    for row in (
        "营业日 2025-11-20",
        "今日到件 42",
        "今日取件 38",
        "今日退件 2",
        "在架待取 117",
        "其中超期 9",
        "今日寄件 6",
        "今日交件 5",
    ):
        assert row in rows


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_day_summary_counts_parcels_per_carrier_with_totals(paper: str, tmp_path: Path):
    rows = pdf_rows(day_pdf(paper), tmp_path)
    assert "圆通 20 4" in rows
    assert "中通 15 0" in rows
    assert "顺丰 0 2" in rows
    assert "极兔 7 0" in rows
    assert "合计 42 6" in rows


def test_day_summary_totals_the_fees_and_says_no_pickup_fee_was_charged(tmp_path: Path):
    rows = pdf_rows(day_pdf("80mm"), tmp_path)
    assert "寄件运费 ¥90.50" in rows
    assert "其中现金 ¥60.00" in rows
    assert "取件费 未收取" in rows
    assert "快递收款合计 ¥90.50" in rows


def test_day_summary_adds_pickup_fees_when_the_station_charged_them(tmp_path: Path):
    rows = pdf_rows(day_pdf("80mm", fees_fen=300), tmp_path)
    assert "取件费 ¥3.00" in rows
    assert "快递收款合计 ¥93.50" in rows


# --- masking rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("张三丰", "张*"),
        ("张*", "张*"),
        ("欧阳娜娜", "欧*"),
        ("李", "李*"),
        (" 王 五 ", "王*"),
        ("", ""),
    ],
)
def test_mask_name_keeps_only_the_first_character(name: str, shown: str):
    assert mask_name(name) == shown


@pytest.mark.parametrize(
    ("waybill", "shown"),
    [("YT7512345670521", "****0521"), ("78912345678902", "****8902"), ("SF1", "****")],
)
def test_mask_waybill_shows_four_fixed_stars_and_the_last_four(waybill: str, shown: str):
    assert mask_waybill(waybill) == shown


@pytest.mark.parametrize(
    ("address", "city"),
    [
        ("云南省昆明市五华区青年路188号", "昆明市"),
        ("广东省广州市天河区体育西路1号", "广州市"),
        ("上海市浦东新区张江路100弄3号", "上海市"),
        ("北京朝阳区建国路88号", "北京市"),
        ("云南省德宏傣族景颇族自治州芒市勇罕街5号", "德宏傣族景颇族自治州"),
        ("广西壮族自治区南宁市青秀区民族大道1号", "南宁市"),
        ("新疆维吾尔自治区阿克苏地区库车市天山路2号", "阿克苏地区"),
        ("香港特别行政区九龙弥敦道1号", "香港特别行政区"),
        ("广东深圳南山区科技园", "广东深圳…"),
    ],
)
def test_destination_city_names_the_city_and_never_the_street(address: str, city: str):
    assert destination_city(address) == city


# --- translations -----------------------------------------------------------------------------


def _marked_strings(path: Path) -> set[tuple[str, str]]:
    marked = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            context, text = (arg.value for arg in node.args)  # type: ignore[attr-defined]
            marked.add((context, text))
    return marked


def test_every_parcel_document_string_has_a_chinese_translation():
    sources = sorted((RECEIPTS / "parcels").glob("*.py"))
    marked = set().union(*(_marked_strings(path) for path in sources))
    translated = {
        tuple(line.split("\t")[:2])
        for tsv in TSV_FILES
        for line in tsv.read_text(encoding="utf-8").splitlines()
    }
    assert len(marked) > 40
    assert marked - translated == set()


# --- the pictures in the docs -----------------------------------------------------------------


def render_doc_images(folder: Path = REPO / "docs" / "img") -> list[Path]:
    """Render the documents as the operator manual shows them (pdftoppm at 120 dpi)."""
    install_chinese()
    pictures = {
        "doc-pickup-slip-80mm": pickup_slip_pdf(
            "80mm", proxy_name="王小二", proxy_phone=PROXY_PHONE, verified_by="phone"
        ),
        "doc-handover-a4": handover_pdf("A4"),
        "doc-return-a4": return_pdf(
            "A4",
            parcels=[sample_returned(n) for n in range(1, 5)]
            + [sample_returned(5, return_reason="收件人拒收")],
        ),
        "doc-parcel-day-80mm": day_pdf("80mm"),
    }
    written = []
    for name, pdf in pictures.items():
        pdf_path = folder / f"{name}.pdf"
        pdf_path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "120", "-png", "-singlefile", str(pdf_path), str(folder / name)],
            check=True,
        )
        pdf_path.unlink()
        written.append(folder / f"{name}.png")
    return written


if __name__ == "__main__":
    for picture in render_doc_images():
        sys.stdout.write(f"{picture}\n")
