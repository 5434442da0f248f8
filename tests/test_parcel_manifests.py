"""The courier's manifests: the handover manifest totals and lists every whole waybill with the
cut-off and both signatures; the return manifest lists each parcel with its code, the days it
waited and why it goes back. Both mask names and print cities, never streets or phones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stationapp.core.errors import ValidationError
from tests.parcel_documents import (
    PAPER_KINDS,
    SENDER_ID_MASKED,
    handover_pdf,
    install_chinese,
    page_count,
    pdf_rows,
    pdf_text,
    return_pdf,
    sample_batch,
    sample_returned,
    squeezed,
)


@pytest.fixture(autouse=True)
def _chinese() -> None:
    """Documents print in Chinese, the app's language (conftest resets the translator)."""
    install_chinese()


# --- handover manifest ------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_totals_the_items_weight_and_fees(paper: str, tmp_path: Path):
    batch = sample_batch(8)
    rows = pdf_rows(handover_pdf(paper), tmp_path)
    # items 2+3+1+2+3+1+2+3, weight 8 x 500 + 250 x 36 g, fees 8 x 10 + 0.5 x 36 yuan
    assert sum(p.item_count for p in batch.parcels) == 17
    assert "物品总数 17" in rows
    assert "总重量 13.000 kg" in rows
    assert "运费合计 ¥98.00" in rows
    assert "件数8件" in squeezed(rows)


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_lists_every_whole_waybill_and_its_fee(paper: str, tmp_path: Path):
    text = pdf_text(handover_pdf(paper), tmp_path)
    for n in range(1, 9):
        assert f"YT88{n:011d}" in text
    assert "¥10.50" in text
    assert "¥14.00" in text


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_shows_the_destination_city_and_masked_name_only(
    paper: str, tmp_path: Path
):
    text = pdf_text(handover_pdf(paper), tmp_path)
    assert "昆明市" in text
    assert "德宏傣族景颇族自治州" in text
    assert {"王*", "赵*", "陈*", "刘*", "杨*"} <= set(re.findall(r"\w\*", text))
    for hidden in ("丽华", "小燕", "建国", "杨芳", "赵明"):
        assert hidden not in text
    for street in ("青年路", "科技园", "张江路", "勇罕街", "人民南路"):
        assert street not in text


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_prints_the_cut_off_and_both_signature_lines(paper: str, tmp_path: Path):
    rows = pdf_rows(handover_pdf(paper), tmp_path)
    assert "截单时间 14:00" in rows
    assert "交件时间 2025-11-20 13:40" in rows
    text = "\n".join(rows)
    assert "快递员签字：" in text
    assert "站点经办人签字：" in text


def test_handover_manifest_warns_when_handed_over_after_the_cut_off(tmp_path: Path):
    late = sample_batch(3, handed_at="2025-11-20T14:20:00.000+08:00")
    text = pdf_text(handover_pdf("80mm", batch=late), tmp_path)
    assert "晚于截单时间" in "".join(text.split())


def test_handover_manifest_before_the_cut_off_has_no_warning(tmp_path: Path):
    assert "晚于截单时间" not in pdf_text(handover_pdf("80mm"), tmp_path)


def test_handover_manifest_never_prints_the_senders_details(tmp_path: Path):
    text = pdf_text(handover_pdf("A4"), tmp_path)
    assert "岩温" not in text
    assert SENDER_ID_MASKED not in text


def test_a4_handover_manifest_of_120_parcels_spans_pages_each_with_the_table_header(
    tmp_path: Path,
):
    pdf = handover_pdf("A4", count=120)
    pages = page_count(pdf, tmp_path)
    assert pages >= 3
    pages_with_rows = 0
    for page in range(1, pages + 1):
        text = " ".join(pdf_text(pdf, tmp_path, layout=True, page=page).split())
        assert f"第 {page} 页，共 {pages} 页" in text
        if re.search(r"YT88\d{11}", text):
            pages_with_rows += 1
            assert "序号 运单号 物品 数量 重量(kg) 收件人 目的地 运费" in text, page
    assert pages_with_rows >= 3
    text = pdf_text(pdf, tmp_path)
    assert sorted(re.findall(r"YT88\d{11}", text)) == [f"YT88{n:011d}" for n in range(1, 121)]


# --- return manifest --------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_return_manifest_lists_each_waybill_with_its_code_and_days_waited(
    paper: str, tmp_path: Path
):
    text = " ".join(pdf_text(return_pdf(paper), tmp_path, layout=True).split())
    for n in range(1, 6):
        assert f"YT75{n:011d}" in text
        assert f"A-1-{450 + n:04d}" in text
    # arrived 11-11 .. 11-15, returned 11-20: waited 9 .. 5 days
    if paper == "A4":
        assert "1 YT7500000000001 圆通 A-1-0451 2025-11-11 9 超期未取" in text
        assert "5 YT7500000000005 圆通 A-1-0455 2025-11-15 5 超期未取" in text
    else:
        assert "圆通，11-11到站，滞留9天" in text
        assert "圆通，11-15到站，滞留5天" in text


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_return_manifest_prints_the_reason_the_carrier_and_the_couriers_signature(
    paper: str, tmp_path: Path
):
    rows = pdf_rows(return_pdf(paper), tmp_path)
    assert "退回原因 超期未取" in rows
    assert "快递公司 圆通" in rows
    assert "件数5件" in squeezed(rows)
    assert "快递员签字：" in "\n".join(rows)


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_return_manifest_prints_a_parcels_own_reason_where_it_differs(paper: str, tmp_path: Path):
    parcels = [sample_returned(1), sample_returned(2, return_reason="收件人拒收")]
    text = pdf_text(return_pdf(paper, parcels=parcels), tmp_path)
    assert "收件人拒收" in text


def test_return_manifest_counts_days_to_printing_for_a_parcel_not_yet_returned(tmp_path: Path):
    waiting = sample_returned(1, status="waiting", returned_at="", return_reason="")
    text = pdf_text(return_pdf("80mm", parcels=[waiting]), tmp_path)
    assert "滞留9天" in text  # arrived 11-11, printed 11-20


def test_return_manifest_of_no_parcels_is_refused():
    with pytest.raises(ValidationError, match="退件清单要列出退回的快递"):
        return_pdf("80mm", parcels=[])
