"""Printing: receipts go through Qt's print system page by page at their physical size, and
without a printer the operator saves the PDF instead."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stationapp.receipts.document import (
    Column,
    Receipt,
    ReceiptFooter,
    ReceiptHeader,
    Row,
    Table,
    render,
)
from stationapp.receipts.paper import MM
from stationapp.ui.kit import printing

EVENT_ID = "0196a3b2-7c1d-7e4f-9a2b-3c4d5e6f7a8b"


def _receipt(rows: int) -> Receipt:
    return Receipt(
        title="交接清单",
        header=ReceiptHeader(station_name="孟定镇芒团村电商服务站", station_phone="0883-7123456"),
        lines=[
            Row("快递公司", "圆通"),
            Table(
                columns=[Column("序号", 1, "right"), Column("运单号", 3)],
                rows=[[str(n), f"YT75{n:011d}"] for n in range(1, rows + 1)],
            ),
        ],
        footer=ReceiptFooter(
            event_id=EVENT_ID,
            printed_at=datetime(2025, 5, 1, 6, 3, tzinfo=UTC),
            operator_name="李秀英",
        ),
    )


def _page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return [
        (float(width), float(height))
        for width, height in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ]


def test_printing_a_several_page_receipt_prints_every_page(qapp, tmp_path: Path):
    pdf = render(_receipt(150), "A4")
    source = tmp_path / "source.pdf"
    source.write_bytes(pdf)
    printed = tmp_path / "printed.pdf"

    assert printing.print_pdf(pdf, ask=False, output_file=printed)

    assert len(_page_sizes(printed)) == len(_page_sizes(source)) >= 2


def test_printed_roll_receipt_keeps_the_rolls_physical_size(qapp, tmp_path: Path):
    pdf = render(_receipt(3), "58mm")
    source = tmp_path / "source.pdf"
    source.write_bytes(pdf)
    printed = tmp_path / "printed.pdf"

    printing.print_pdf(pdf, ask=False, output_file=printed)

    [(width, height)] = _page_sizes(printed)
    [(_source_width, source_height)] = _page_sizes(source)
    assert width == pytest.approx(58 * MM, abs=1)
    assert height == pytest.approx(source_height, abs=1)


def test_without_a_printer_the_operator_is_told_and_saves_the_pdf(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    told: list[object] = []
    saved: list[bytes] = []

    def save(pdf: bytes, parent: object, suggested_name: str) -> Path:
        saved.append(pdf)
        return tmp_path / suggested_name

    monkeypatch.setattr(printing, "available_printers", lambda: [])
    monkeypatch.setattr(printing, "_tell_no_printer", told.append)
    monkeypatch.setattr(printing, "save_pdf", save)

    assert printing.print_pdf(b"%PDF-receipt", ask=False)
    assert told == [None]
    assert saved == [b"%PDF-receipt"]


def test_save_pdf_writes_the_file_and_adds_the_pdf_suffix(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "取件凭证"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(chosen), ""))
    )

    path = printing.save_pdf(b"%PDF-receipt", None, "receipt.pdf")

    assert path == tmp_path / "取件凭证.pdf"
    assert path.read_bytes() == b"%PDF-receipt"


def test_save_pdf_writes_nothing_when_the_operator_cancels(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: ("", ""))
    )

    assert printing.save_pdf(b"%PDF-receipt", None, "receipt.pdf") is None


def test_available_printers_lists_printer_names(qapp):
    printers = printing.available_printers()
    assert isinstance(printers, list)
    assert all(isinstance(name, str) and name for name in printers)


def test_importing_the_printing_module_loads_neither_print_support_nor_pdfium():
    code = (
        "import sys, stationapp.ui.kit.printing; "
        "print('PySide6.QtPrintSupport' in sys.modules, 'pypdfium2' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.stdout.split() == ["False", "False"]
