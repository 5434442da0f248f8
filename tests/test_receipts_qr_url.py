"""A receipt's QR code, once the station is enrolled, is the address of the county's receipt
check of its record (``{county}/r/{station_id}/{event_id}``); before, it is the event id alone.
Checked on real PDFs of a purchase voucher (收购凭证) as the produce screen renders it: the text
through pdftotext, the QR code through zbarimg on a pdftoppm render, at the 58 mm roll's
printer resolution (203 dpi) too, with modules wide enough for that printer."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from stationapp.core import Station
from stationapp.receipts.frame import SMALLEST_MODULE, qr_code, qr_modules
from stationapp.receipts.paper import MM, PAPERS
from stationapp.ui.pages.produce.printouts import render_purchase_voucher
from tests.county_server import LoopbackCounty

PRINTER_DPI = 203  # the usual thermal receipt printer


def needs(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            if os.environ.get("CI") == "true":
                pytest.fail(f"{tool} is missing on CI: add poppler-utils and zbar-tools")
            pytest.skip(f"{tool} is not installed (apt-get install poppler-utils zbar-tools)")


def decoded_qr(pdf: bytes, folder: Path, dpi: int = 300) -> str:
    """What a phone would read from the printed page: the QR code of a render at ``dpi``."""
    (folder / "receipt.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "receipt.pdf", "page"],
        cwd=folder,
        check=True,
    )
    return subprocess.run(
        ["zbarimg", "--raw", "-q", str(folder / "page.png")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def pdf_text(pdf: bytes, folder: Path) -> str:
    (folder / "text.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", "text.pdf", "-"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def buy_tea(station: Station, paper: str) -> tuple[str, bytes]:
    """A purchase and its voucher as the produce screen renders it: (print event id, PDF)."""
    station.settings.set("paper", paper)
    bought = station.produce.buy(
        seller="岩香",
        seller_phone="13912345678",
        product="八月瓜",
        grade="一级",
        quantity="52.3",
        unit="斤",
        unit_price="3.55",
        paid="cash",
    )
    rendered = render_purchase_voucher(station, bought.id, weighing=None, operator_name="岩温")
    printed = [e for e in station.log.iter_events() if e.type == "receipt.printed"][-1]
    return printed.id, rendered.pdf


def test_before_enrolment_the_qr_code_is_the_event_id(station: Station, tmp_path: Path):
    needs("pdftoppm", "zbarimg")
    assert station.info.receipt_check == ""
    event_id, pdf = buy_tea(station, "58mm")
    assert decoded_qr(pdf, tmp_path) == event_id


@pytest.mark.parametrize("paper", ["58mm", "80mm", "A4"])
def test_an_enrolled_station_s_voucher_carries_the_county_s_receipt_check(
    station: Station, county: LoopbackCounty, paper: str, tmp_path: Path
):
    needs("pdftoppm", "pdftotext", "zbarimg")
    station_id = county.join(station)
    assert station.info.receipt_check == f"{county.base_url}/r/{station_id}"
    event_id, pdf = buy_tea(station, paper)
    assert decoded_qr(pdf, tmp_path) == f"{county.base_url}/r/{station_id}/{event_id}"
    text = pdf_text(pdf, tmp_path)
    assert "Purchase voucher" in text  # (收购凭证 in the station's Chinese)
    assert event_id in text  # the id a person reads under the code stays
    assert "13912345678" not in text


def test_the_58mm_code_reads_at_a_thermal_printer_s_resolution(
    station: Station, county: LoopbackCounty, tmp_path: Path
):
    needs("pdftoppm", "zbarimg")
    station_id = county.join(station)
    event_id, pdf = buy_tea(station, "58mm")
    assert decoded_qr(pdf, tmp_path, PRINTER_DPI).endswith(f"/r/{station_id}/{event_id}")


def test_a_module_stays_at_least_a_third_of_a_millimetre_on_a_58mm_roll():
    size = PAPERS["58mm"].qr_size
    ordinary = f"https://dianshang.gengma.gov.cn/r/{'0' * 36}/{'0' * 36}"
    widget = qr_code(ordinary, size)
    assert widget.barLevel == "M"  # an ordinary county address keeps M's correction
    module = size / (qr_modules(widget) + 2 * widget.barBorder)
    assert module / MM >= 0.33
    assert module / MM * PRINTER_DPI / 25.4 >= 2.6  # dots of the printer per module
    # M holds up to about 290 characters at this size; beyond, L's smaller code keeps the
    # modules readable rather than shrink them
    long = f"https://county.example/{'x' * 220}{ordinary}"
    widget = qr_code(long, size)
    assert widget.barLevel == "L"
    assert size / (qr_modules(widget) + 2 * widget.barBorder) >= SMALLEST_MODULE
