"""Sample parcels, batches and day figures, the parcel documents made from them, and the ways
the tests read the PDFs back (pdftotext, pdfinfo, zbarimg): shared by ``test_parcel_docs`` and
``test_parcel_manifests``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stationapp.core import i18n as core_i18n
from stationapp.core.parcels import HandoverBatch, Parcel, ParcelDaySummary, SentParcel
from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader
from stationapp.receipts.parcels import (
    handover_manifest,
    parcel_day_summary,
    pickup_slip,
    return_manifest,
)

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
RECIPIENT_PHONE = "13812345678"
PROXY_PHONE = "13700004321"
SENDER_PHONE = "13987654321"
SENDER_ID_MASKED = "**************123X"


def install_chinese() -> None:
    table: dict[tuple[str, str], str] = {}
    for tsv in TSV_FILES:
        for line in tsv.read_text(encoding="utf-8").splitlines():
            context, source, chinese = line.split("\t")
            table[(context, source)] = chinese
    core_i18n.install_translator(lambda context, text: table.get((context, text), text))


# --- what the documents are made from ---------------------------------------------------------


def sample_parcel(n: int, **changes: object) -> Parcel:
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


def sample_returned(n: int, **changes: object) -> Parcel:
    fields: dict[str, object] = {
        "status": "returned",
        "picked_up_at": "",
        "received_at": f"2025-11-{10 + n:02d}T09:00:00.000+08:00",
        "returned_at": "2025-11-20T10:15:00.000+08:00",
        "return_reason": "超期未取",
        "return_batch": "return-1",
    }
    fields.update(changes)
    return sample_parcel(n, **fields)


ITEMS = ["普洱茶饼", "小粒咖啡豆", "芒果干", "鲜花饼", "腊肉"]
RECIPIENTS = ["王丽华", "赵明", "陈小燕", "刘建国", "杨芳"]
ADDRESSES = [
    "云南省昆明市五华区青年路188号",
    "广东省深圳市南山区科技园南区12栋",
    "上海市浦东新区张江路100弄3号",
    "云南省德宏傣族景颇族自治州芒市勇罕街5号",
    "四川省成都市武侯区人民南路四段9号",
]


def sample_sent(n: int, **changes: object) -> SentParcel:
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


def sample_batch(count: int, *, handed_at: str = "2025-11-20T13:40:00.000+08:00") -> HandoverBatch:
    return HandoverBatch(
        id="handover-1",
        carrier="YTO",
        handed_at=handed_at,
        operator="李秀英",
        parcels=[sample_sent(n) for n in range(1, count + 1)],
    )


def sample_summary(**changes: object) -> ParcelDaySummary:
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


def pickup_slip_pdf(paper: str, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "parcels": [
            sample_parcel(1, waybill="YT7512345670521"),
            sample_parcel(2, carrier="ZTO", waybill="78912345678902"),
        ],
        "verified_by": "code",
        "paper": paper,
        **FRAME,
    }
    arguments.update(changes)
    return pickup_slip(**arguments)  # type: ignore[arg-type]


def handover_pdf(paper: str, count: int = 8, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "batch": sample_batch(count),
        "cutoff": "14:00",
        "paper": paper,
        **FRAME,
    }
    arguments.update(changes)
    return handover_manifest(**arguments)  # type: ignore[arg-type]


def return_pdf(paper: str, **changes: object) -> bytes:
    arguments: dict[str, object] = {
        "parcels": [sample_returned(n) for n in range(1, 6)],
        "reason": "超期未取",
        "carrier": "YTO",
        "paper": paper,
        **FRAME,
    }
    arguments.update(changes)
    return return_manifest(**arguments)  # type: ignore[arg-type]


def day_pdf(paper: str, **changes: object) -> bytes:
    return parcel_day_summary(summary=sample_summary(**changes), paper=paper, **FRAME)  # type: ignore[arg-type]


DOCUMENTS: dict[str, Callable[[str], bytes]] = {
    "取件凭条": pickup_slip_pdf,
    "交件清单": handover_pdf,
    "退件清单": return_pdf,
    "当日快递汇总": day_pdf,
}
EVERY_DOCUMENT_ON_EVERY_PAPER = [
    pytest.param(title, paper, id=f"{title}-{paper}")
    for title in DOCUMENTS
    for paper in PAPER_KINDS
]


# --- reading the PDFs -------------------------------------------------------------------------


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False, page: int | None = None) -> str:
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


def pdf_rows(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each printed line with its runs of spaces squeezed to one: ``核验方式 取件码``."""
    text = pdf_text(pdf, tmp_path, layout=True)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def squeezed(rows: list[str]) -> list[str]:
    """The rows without any space: ``件数8件`` however the gaps were extracted."""
    return ["".join(row.split()) for row in rows]


def page_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]


def word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float]]:
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


def decoded_qr(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zbarimg is missing on CI: add zbar-tools to the CI's apt packages")
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools) to decode the QR code")
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    last = str(page_count(pdf, tmp_path))  # the footer, with its QR code, ends the document
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
