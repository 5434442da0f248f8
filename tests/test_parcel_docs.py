"""The parcel documents: pickup slip, handover manifest, return manifest and the day's parcel
summary print in Chinese on every paper, with the right codes and totals, hide every phone number,
name and ID number, break long manifests onto pages, and carry a QR code naming their event.

``PYTHONPATH=. python tests/test_parcel_docs.py`` renders the pictures in ``docs/img/doc-*.png``.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stationapp.core import i18n as core_i18n
from stationapp.core.errors import ValidationError
from stationapp.core.parcels.facade import Parcel, ParcelDaySummary
from stationapp.core.parcels.sending import HandoverBatch, SentParcel
from stationapp.receipts import parcel_docs
from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader
from stationapp.receipts.paper import PAPERS
from stationapp.receipts.parcels import (
    handover_manifest,
    parcel_day_summary,
    pickup_slip,
    return_manifest,
)
from stationapp.receipts.parcels.fields import destination_city, mask_name, mask_waybill

REPO = Path(__file__).resolve().parent.parent
RECEIPTS = REPO / "stationapp" / "receipts"
TSV_FILES = [
    REPO / "resources" / "i18n" / "incoming" / "receipts.tsv",
    REPO / "resources" / "i18n" / "incoming" / "parcel-docs.tsv",
]
EVENT_ID = "0196a3b2-7c1d-7e4f-9a2b-3c4d5e6f7a8b"
PAPER_KINDS = ["80mm", "58mm", "A4"]
WHOLE_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
RESIDENT_ID = re.compile(r"\d{17}[\dX]|\d{4}\*{6,}")
PRINTED_AT = datetime(2025, 11, 20, 6, 30, tzinfo=UTC)
HEADER = ReceiptHeader(station_name="孟定镇芒艾村电商服务站", station_phone="0883-6123456")
FOOTER = ReceiptFooter(event_id=EVENT_ID, printed_at=PRINTED_AT, operator_name="李秀英")
FRAME = {"header": HEADER, "footer": FOOTER}
ONE_BY_ONE = {
    "station_name": HEADER.station_name,
    "station_phone": HEADER.station_phone,
    "operator_name": FOOTER.operator_name,
    "printed_at": FOOTER.printed_at,
    "event_id": FOOTER.event_id,
}
RECIPIENT_PHONE = "13812345678"
PROXY_PHONE = "13700004321"
SENDER_PHONE = "13987654321"
SENDER_ID_MASKED = "**************123X"


def _install_chinese() -> None:
    table: dict[tuple[str, str], str] = {}
    for tsv in TSV_FILES:
        for line in tsv.read_text(encoding="utf-8").splitlines():
            context, source, chinese = line.split("\t")
            table[(context, source)] = chinese
    core_i18n.install_translator(lambda context, text: table.get((context, text), text))


@pytest.fixture(autouse=True)
def _chinese() -> None:
    """Documents print in Chinese, the app's language (conftest resets the translator)."""
    _install_chinese()


# --- what the documents are made from ---------------------------------------------------------


def _parcel(n: int, **changes: object) -> Parcel:
    fields: dict[str, object] = {
        "id": f"parcel-{n}",
        "waybill": f"YT75{n:011d}",
        "carrier": "YTO",
        "recipient_name": "张三丰",
        "recipient_phone": RECIPIENT_PHONE,
        "customer_id": "customer-1",
        "shelf": "A",
        "layer": 1,
        "seq": 450 + n,
        "pickup_code": f"A-1-{450 + n:04d}",
        "status": "picked_up",
        "consent": "sms_notice",
        "received_at": "2025-11-18T09:12:00.000+08:00",
        "received_by": "operator-1",
        "picked_up_at": "2025-11-20T14:03:00.000+08:00",
        "picked_up_by": "operator-1",
        "verified_by": "code",
        "proxy_name": "",
        "proxy_phone": "",
        "fee_fen": 0,
        "returned_at": "",
        "return_reason": "",
        "return_batch": "",
        "last_reminder_day": "",
    }
    fields.update(changes)
    return Parcel(**fields)  # type: ignore[arg-type]


def _returned(n: int, **changes: object) -> Parcel:
    fields: dict[str, object] = {
        "status": "returned",
        "picked_up_at": "",
        "received_at": f"2025-11-{10 + n:02d}T09:00:00.000+08:00",
        "returned_at": "2025-11-20T10:15:00.000+08:00",
        "return_reason": "超期未取",
        "return_batch": "return-1",
    }
    fields.update(changes)
    return _parcel(n, **fields)


ITEMS = ["普洱茶饼", "小粒咖啡豆", "芒果干", "鲜花饼", "腊肉"]
RECIPIENTS = ["王丽华", "赵明", "陈小燕", "刘建国", "杨芳"]
ADDRESSES = [
    "云南省昆明市五华区青年路188号",
    "广东省深圳市南山区科技园南区12栋",
    "上海市浦东新区张江路100弄3号",
    "云南省德宏傣族景颇族自治州芒市勇罕街5号",
    "四川省成都市武侯区人民南路四段9号",
]


def _sent(n: int, **changes: object) -> SentParcel:
    fields: dict[str, object] = {
        "id": f"sent-{n}",
        "sender_name": "岩温",
        "sender_phone": SENDER_PHONE,
        "id_type": "resident_id",
        "id_tail": SENDER_ID_MASKED[-4:],
        "item_name": ITEMS[n % len(ITEMS)],
        "item_category": "food",
        "item_count": n % 3 + 1,
        "recipient_name": RECIPIENTS[n % len(RECIPIENTS)],
        "recipient_phone": "15912345678",
        "recipient_address": ADDRESSES[n % len(ADDRESSES)],
        "carrier": "YTO",
        "weight_g": 500 + n * 250,
        "fee_fen": 1000 + n * 50,
        "payment": "cash",
        "waybill": f"YT88{n:011d}",
        "status": "handed_over",
        "sent_at": "2025-11-20T10:00:00.000+08:00",
        "sent_by": "operator-1",
        "handover_id": "handover-1",
    }
    fields.update(changes)
    return SentParcel(**fields)  # type: ignore[arg-type]


def _batch(count: int, *, handed_at: str = "2025-11-20T13:40:00.000+08:00") -> HandoverBatch:
    return HandoverBatch(
        id="handover-1",
        carrier="YTO",
        handed_at=handed_at,
        operator="李秀英",
        parcels=[_sent(n) for n in range(1, count + 1)],
    )


def _summary(**changes: object) -> ParcelDaySummary:
    fields: dict[str, object] = {
        "day": "2025-11-20",
        "received": 42,
        "picked_up": 38,
        "returned": 2,
        "waiting": 117,
        "overdue": 9,
        "sent": 6,
        "handed_over": 5,
        "received_by_carrier": {"YTO": 20, "ZTO": 15, "JT": 7},
        "sent_by_carrier": {"YTO": 4, "SF": 2},
        "fees_fen": 0,
        "sent_fees_fen": 9050,
        "sent_cash_fen": 6000,
    }
    fields.update(changes)
    return ParcelDaySummary(**fields)  # type: ignore[arg-type]


def _pickup_slip(paper: str, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "parcels": [
            _parcel(1, waybill="YT7512345670521"),
            _parcel(2, carrier="ZTO", waybill="78912345678902"),
        ],
        "verified_by": "code",
        "paper": paper,
        **FRAME,
    }
    arguments.update(changes)
    return pickup_slip(**arguments)  # type: ignore[arg-type]


def _handover(paper: str, count: int = 8, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "batch": _batch(count),
        "cutoff": "14:00",
        "paper": paper,
        **FRAME,
    }
    arguments.update(changes)
    return handover_manifest(**arguments)  # type: ignore[arg-type]


def _return(paper: str, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "parcels": [_returned(n) for n in range(1, 6)],
        "reason": "超期未取",
        "carrier": "YTO",
        "paper": paper,
        **FRAME,
    }
    arguments.update(changes)
    return return_manifest(**arguments)  # type: ignore[arg-type]


def _day(paper: str, **changes: object) -> bytes:
    return parcel_day_summary(summary=_summary(**changes), paper=paper, **FRAME)  # type: ignore[arg-type]


DOCUMENTS: dict[str, Callable[[str], bytes]] = {
    "取件凭条": _pickup_slip,
    "交件清单": _handover,
    "退件清单": _return,
    "当日快递汇总": _day,
}
EVERY_DOCUMENT_ON_EVERY_PAPER = [
    pytest.param(title, paper, id=f"{title}-{paper}")
    for title in DOCUMENTS
    for paper in PAPER_KINDS
]


# --- reading the PDFs -------------------------------------------------------------------------


def _pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False, page: int | None = None) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        command.append("-layout")
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    return subprocess.run(
        [*command, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _rows(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each printed line with its runs of spaces squeezed to one: ``核验方式 取件码``."""
    text = _pdf_text(pdf, tmp_path, layout=True)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _squeezed(rows: list[str]) -> list[str]:
    """The rows without any space: ``件数8件`` however the gaps were extracted."""
    return ["".join(row.split()) for row in rows]


def _page_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]


def _word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float]]:
    path = tmp_path / "boxes.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (word.text or "", float(word.get("xMin", 0)), float(word.get("xMax", 0)))
        for word in ElementTree.fromstring(html).iter("{http://www.w3.org/1999/xhtml}word")
    ]


def _decoded_qr(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zbarimg is missing on CI: add zbar-tools to the CI's apt packages")
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools) to decode the QR code")
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    last = str(_page_count(pdf, tmp_path))  # the footer, with its QR code, ends the document
    pages = ["-f", last, "-l", last]
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", *pages, str(path), str(tmp_path / "qr")],
        check=True,
    )
    return subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


# --- every document ---------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "paper"), EVERY_DOCUMENT_ON_EVERY_PAPER)
def test_document_is_titled_in_chinese_under_the_stations_name(
    title: str, paper: str, tmp_path: Path
):
    text = _pdf_text(DOCUMENTS[title](paper), tmp_path)
    assert title in text
    assert "孟定镇芒艾村电商服务站" in text
    assert "电话：0883-6123456" in text


@pytest.mark.parametrize(("title", "paper"), EVERY_DOCUMENT_ON_EVERY_PAPER)
def test_document_prints_no_whole_mobile_number_and_no_id_number(
    title: str, paper: str, tmp_path: Path
):
    text = _pdf_text(DOCUMENTS[title](paper), tmp_path)
    assert WHOLE_MOBILE.findall(text) == []
    assert RESIDENT_ID.findall(text) == []
    for phone in (RECIPIENT_PHONE, PROXY_PHONE, SENDER_PHONE, "15912345678"):
        assert phone[:7] not in text  # at least the first seven of eleven digits stay hidden


@pytest.mark.parametrize(("title", "paper"), EVERY_DOCUMENT_ON_EVERY_PAPER)
def test_document_qr_code_decodes_to_the_event_id(title: str, paper: str, tmp_path: Path):
    pdf = DOCUMENTS[title](paper)
    assert _decoded_qr(pdf, tmp_path) == EVENT_ID
    assert EVENT_ID in _pdf_text(pdf, tmp_path)


@pytest.mark.parametrize("title", DOCUMENTS)
@pytest.mark.parametrize("paper", ["80mm", "58mm"])
def test_document_stays_inside_the_rolls_printable_width(title: str, paper: str, tmp_path: Path):
    sheet = PAPERS[paper]
    boxes = _word_boxes(DOCUMENTS[title](paper), tmp_path)
    assert boxes
    outside = [
        word
        for word, x_min, x_max in boxes
        if x_min < sheet.margin_x - 1 or x_max > sheet.width - sheet.margin_x + 1
    ]
    assert outside == []


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_each_document_called_with_the_header_and_footer_values_one_by_one_is_the_same_pdf(
    paper: str,
):
    """The parcel screens still call ``parcel_docs`` with the six values; nothing differs."""
    slip_parcels = [_parcel(1), _parcel(2, carrier="ZTO")]
    returned = [_returned(n) for n in range(1, 4)]
    assert parcel_docs.pickup_slip(
        parcels=slip_parcels, verified_by="id", paper=paper, **ONE_BY_ONE
    ) == _pickup_slip(paper, parcels=slip_parcels, verified_by="id")
    assert parcel_docs.handover_manifest(
        batch=_batch(3), cutoff="14:00", paper=paper, **ONE_BY_ONE
    ) == _handover(paper, count=3)
    assert parcel_docs.return_manifest(
        parcels=returned, reason="超期未取", carrier="YTO", paper=paper, **ONE_BY_ONE
    ) == _return(paper, parcels=returned)
    assert parcel_docs.parcel_day_summary(summary=_summary(), paper=paper, **ONE_BY_ONE) == _day(
        paper
    )


# --- pickup slip ------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_pickup_slip_lists_each_parcels_code_carrier_and_masked_waybill(paper: str, tmp_path: Path):
    rows = _rows(_pickup_slip(paper), tmp_path)
    assert "取件码 A-1-0451" in rows
    assert "取件码 A-1-0452" in rows
    assert "快递公司 圆通" in rows
    assert "快递公司 中通" in rows
    assert "运单号 ****0521" in rows
    assert "运单号 ****8902" in rows


def test_pickup_slip_never_prints_the_whole_waybill(tmp_path: Path):
    text = _pdf_text(_pickup_slip("80mm"), tmp_path)
    assert "YT7512345670521" not in text
    assert "12345670521" not in text
    assert "78912345678902" not in text


def test_pickup_slip_shows_the_recipient_as_surname_and_phone_tail(tmp_path: Path):
    rows = _rows(_pickup_slip("80mm"), tmp_path)
    assert "收件人 张* 尾号5678" in rows
    assert "三丰" not in "".join(rows)


@pytest.mark.parametrize(
    ("verified_by", "shown"),
    [("code", "取件码"), ("phone", "手机号"), ("id", "身份证件")],
)
def test_pickup_slip_says_how_the_recipient_was_checked(
    verified_by: str, shown: str, tmp_path: Path
):
    rows = _rows(_pickup_slip("80mm", verified_by=verified_by), tmp_path)
    assert f"核验方式 {shown}" in rows


def test_pickup_slip_names_the_proxy_collector_masked(tmp_path: Path):
    pdf = _pickup_slip("58mm", proxy_name="王小二", proxy_phone=PROXY_PHONE)
    rows = _rows(pdf, tmp_path)
    assert "代取人 王* 尾号4321" in rows
    assert "小二" not in "".join(rows)


def test_pickup_slip_without_a_proxy_names_none(tmp_path: Path):
    assert "代取人" not in _pdf_text(_pickup_slip("80mm"), tmp_path)


def test_pickup_slip_says_no_fee_was_charged_when_none_was(tmp_path: Path):
    text = _pdf_text(_pickup_slip("80mm"), tmp_path)
    assert "未收取任何费用" in text
    assert "取件费" not in text
    assert "¥" not in text


def test_pickup_slip_prints_the_fee_total_when_the_station_charged_one(tmp_path: Path):
    parcels = [_parcel(1, fee_fen=100), _parcel(2, fee_fen=150)]
    rows = _rows(_pickup_slip("80mm", parcels=parcels), tmp_path)
    assert "取件费 ¥2.50" in rows
    assert not any("未收取任何费用" in row for row in rows)


def test_pickup_slip_has_a_line_for_the_collectors_signature(tmp_path: Path):
    assert "取件人签字：" in _pdf_text(_pickup_slip("58mm"), tmp_path)


def test_pickup_slip_of_several_recipients_names_each_parcels_recipient(tmp_path: Path):
    parcels = [_parcel(1), _parcel(2, recipient_name="李四", recipient_phone="15011112222")]
    rows = _rows(_pickup_slip("80mm", parcels=parcels), tmp_path)
    assert "收件人 张* 尾号5678" in rows
    assert "收件人 李* 尾号2222" in rows


def test_pickup_slip_of_no_parcels_is_refused():
    with pytest.raises(ValidationError, match="取件凭条要列出取走的快递"):
        _pickup_slip("80mm", parcels=[])


# --- handover manifest ------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_totals_the_items_weight_and_fees(paper: str, tmp_path: Path):
    batch = _batch(8)
    rows = _rows(_handover(paper), tmp_path)
    # items 2+3+1+2+3+1+2+3, weight 8 x 500 + 250 x 36 g, fees 8 x 10 + 0.5 x 36 yuan
    assert sum(p.item_count for p in batch.parcels) == 17
    assert "物品总数 17" in rows
    assert "总重量 13.000 kg" in rows
    assert "运费合计 ¥98.00" in rows
    assert "件数8件" in _squeezed(rows)


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_lists_every_whole_waybill_and_its_fee(paper: str, tmp_path: Path):
    text = _pdf_text(_handover(paper), tmp_path)
    for n in range(1, 9):
        assert f"YT88{n:011d}" in text
    assert "¥10.50" in text
    assert "¥14.00" in text


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_shows_the_destination_city_and_masked_name_only(
    paper: str, tmp_path: Path
):
    text = _pdf_text(_handover(paper), tmp_path)
    assert "昆明市" in text
    assert "德宏傣族景颇族自治州" in text
    assert {"王*", "赵*", "陈*", "刘*", "杨*"} <= set(re.findall(r"\w\*", text))
    for hidden in ("丽华", "小燕", "建国", "杨芳", "赵明"):
        assert hidden not in text
    for street in ("青年路", "科技园", "张江路", "勇罕街", "人民南路"):
        assert street not in text


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_handover_manifest_prints_the_cut_off_and_both_signature_lines(paper: str, tmp_path: Path):
    rows = _rows(_handover(paper), tmp_path)
    assert "截单时间 14:00" in rows
    assert "交件时间 2025-11-20 13:40" in rows
    text = "\n".join(rows)
    assert "快递员签字：" in text
    assert "站点经办人签字：" in text


def test_handover_manifest_warns_when_handed_over_after_the_cut_off(tmp_path: Path):
    late = _batch(3, handed_at="2025-11-20T14:20:00.000+08:00")
    text = _pdf_text(_handover("80mm", batch=late), tmp_path)
    assert "晚于截单时间" in "".join(text.split())


def test_handover_manifest_before_the_cut_off_has_no_warning(tmp_path: Path):
    assert "晚于截单时间" not in _pdf_text(_handover("80mm"), tmp_path)


def test_handover_manifest_never_prints_the_senders_details(tmp_path: Path):
    text = _pdf_text(_handover("A4"), tmp_path)
    assert "岩温" not in text
    assert SENDER_ID_MASKED not in text


def test_a4_handover_manifest_of_120_parcels_spans_pages_each_with_the_table_header(
    tmp_path: Path,
):
    pdf = _handover("A4", count=120)
    pages = _page_count(pdf, tmp_path)
    assert pages >= 3
    pages_with_rows = 0
    for page in range(1, pages + 1):
        text = " ".join(_pdf_text(pdf, tmp_path, layout=True, page=page).split())
        assert f"第 {page} 页，共 {pages} 页" in text
        if re.search(r"YT88\d{11}", text):
            pages_with_rows += 1
            assert "序号 运单号 物品 数量 重量(kg) 收件人 目的地 运费" in text, page
    assert pages_with_rows >= 3
    text = _pdf_text(pdf, tmp_path)
    assert sorted(re.findall(r"YT88\d{11}", text)) == [f"YT88{n:011d}" for n in range(1, 121)]


# --- return manifest --------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_return_manifest_lists_each_waybill_with_its_code_and_days_waited(
    paper: str, tmp_path: Path
):
    text = " ".join(_pdf_text(_return(paper), tmp_path, layout=True).split())
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
    rows = _rows(_return(paper), tmp_path)
    assert "退回原因 超期未取" in rows
    assert "快递公司 圆通" in rows
    assert "件数5件" in _squeezed(rows)
    assert "快递员签字：" in "\n".join(rows)


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_return_manifest_prints_a_parcels_own_reason_where_it_differs(paper: str, tmp_path: Path):
    parcels = [_returned(1), _returned(2, return_reason="收件人拒收")]
    text = _pdf_text(_return(paper, parcels=parcels), tmp_path)
    assert "收件人拒收" in text


def test_return_manifest_counts_days_to_printing_for_a_parcel_not_yet_returned(tmp_path: Path):
    waiting = _returned(1, status="waiting", returned_at="", return_reason="")
    text = _pdf_text(_return("80mm", parcels=[waiting]), tmp_path)
    assert "滞留9天" in text  # arrived 11-11, printed 11-20


def test_return_manifest_of_no_parcels_is_refused():
    with pytest.raises(ValidationError, match="退件清单要列出退回的快递"):
        _return("80mm", parcels=[])


# --- the day's parcel summary -----------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPER_KINDS)
def test_day_summary_prints_each_count_of_the_day(paper: str, tmp_path: Path):
    rows = _rows(_day(paper), tmp_path)
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
    rows = _rows(_day(paper), tmp_path)
    assert "圆通 20 4" in rows
    assert "中通 15 0" in rows
    assert "顺丰 0 2" in rows
    assert "极兔 7 0" in rows
    assert "合计 42 6" in rows


def test_day_summary_totals_the_fees_and_says_no_pickup_fee_was_charged(tmp_path: Path):
    rows = _rows(_day("80mm"), tmp_path)
    assert "寄件运费 ¥90.50" in rows
    assert "其中现金 ¥60.00" in rows
    assert "取件费 未收取" in rows
    assert "快递收款合计 ¥90.50" in rows


def test_day_summary_adds_pickup_fees_when_the_station_charged_them(tmp_path: Path):
    rows = _rows(_day("80mm", fees_fen=300), tmp_path)
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
    _install_chinese()
    pictures = {
        "doc-pickup-slip-80mm": _pickup_slip(
            "80mm", proxy_name="王小二", proxy_phone=PROXY_PHONE, verified_by="phone"
        ),
        "doc-handover-a4": _handover("A4"),
        "doc-return-a4": _return(
            "A4",
            parcels=[_returned(n) for n in range(1, 5)]
            + [_returned(5, return_reason="收件人拒收")],
        ),
        "doc-parcel-day-80mm": _day("80mm"),
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
