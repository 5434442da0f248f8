"""The printer test page (打印测试页): shows the station's details, the paper kind, every kind of
character a receipt uses, and a ruler of the usable width, so an operator can set a printer up."""

from __future__ import annotations

from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.receipts.document import (
    Receipt,
    ReceiptFooter,
    ReceiptHeader,
    Row,
    Ruler,
    Separator,
    Text,
    Total,
    render,
    tr,
)
from stationapp.receipts.paper import paper_for

# Not translated on purpose: the line checks that the printer shows Chinese, Latin letters,
# digits, the yuan sign and full-width punctuation, whatever the interface language.
SAMPLE_CHARACTERS = "中文汉字 ABCxyz 0123456789 ¥12.50 取件码：3-2-0451（测试）"


def printer_test_page(*, header: ReceiptHeader, footer: ReceiptFooter, paper: str) -> bytes:
    """PDF bytes of the printer test page for ``paper`` ("80mm", "58mm" or "A4")."""
    sheet = paper_for(paper)
    width = tr(QT_TRANSLATE_NOOP("Receipt", "{millimetres} mm printable")).format(
        millimetres=sheet.usable_width_mm
    )
    ruler_title = tr(QT_TRANSLATE_NOOP("Receipt", "Ruler, {millimetres} mm from edge to edge:"))
    ruler_title = ruler_title.format(millimetres=sheet.usable_width_mm)
    receipt = Receipt(
        title=tr(QT_TRANSLATE_NOOP("Receipt", "Printer test page")),
        header=header,
        lines=[
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Paper")), tr(sheet.label)),
            Row(tr(QT_TRANSLATE_NOOP("Receipt", "Usable width")), width),
            Separator(),
            Text(tr(QT_TRANSLATE_NOOP("Receipt", "Characters:"))),
            Text(SAMPLE_CHARACTERS, emphasis=True),
            Total(tr(QT_TRANSLATE_NOOP("Receipt", "Sample amount")), 1250),
            Separator(),
            Text(ruler_title),
            Ruler(),
            Text(
                tr(
                    QT_TRANSLATE_NOOP(
                        "Receipt",
                        "If every line is sharp and the ruler reaches both edges of the paper, "
                        "the printer is set up right. If the ruler is cut off, choose the "
                        "narrower paper in the settings.",
                    )
                ),
            ),
        ],
        footer=footer,
    )
    return render(receipt, sheet)
