"""A report as a PDF: an A4 landscape table (its header repeated on every page, the sums
shaded), with a title, a few lines above it and a list below it, in the stations' CJK font
(WenQuanYi Micro Hei from ``resources/fonts``). reportlab embeds the subset of the font the
file uses, with its Unicode map, so the text can be searched and read back (``pdftotext``).

The font is registered here from its file: the station's receipts module registers the same
file, but the county server may not import the station's receipts (the import contract
``county-server-without-the-station``).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from stationapp.resources import resource_path

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
MARGIN = 12 * mm
_lock = threading.Lock()


def register_font() -> str:
    """Register the CJK font with reportlab once per process; return its name."""
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            # index 0 of the collection is Micro Hei itself (1 is its monospaced twin)
            font = TTFont(FONT_NAME, str(resource_path(*FONT_FILE)), subfontIndex=0)
            pdfmetrics.registerFont(font)
    return FONT_NAME


@dataclass(frozen=True)
class PdfColumn:
    title: str  # a line break where a narrow column's heading should break
    width: float  # in points
    right: bool = False  # figures are set right


@dataclass(frozen=True)
class PdfTable:
    title: str
    above: Sequence[str]  # lines under the title (scope, when made)
    columns: Sequence[PdfColumn]
    rows: Sequence[Sequence[str]]
    shaded: Sequence[int]  # indexes in ``rows`` of the sums
    below_title: str
    below: Sequence[str]
    footer: str  # beside the page number on every page


def table_pdf(table: PdfTable) -> bytes:
    """The PDF of ``table``."""
    font = register_font()
    styles = _styles(font)
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=table.title,
        author="县级电商服务中心",
    )
    story: list[Flowable] = [Paragraph(_text(table.title), styles["title"])]
    story += [Paragraph(_text(line), styles["line"]) for line in table.above]
    story.append(Spacer(1, 3 * mm))
    story.append(_grid(table, font, styles))
    if table.below_title:
        story += [Spacer(1, 5 * mm), Paragraph(_text(table.below_title), styles["heading"])]
        story += [Paragraph(_text(line), styles["line"]) for line in table.below]

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(MARGIN, MARGIN, f"{table.footer}　第 {doc.page} 页")
        canvas.restoreState()

    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


def _grid(table: PdfTable, font: str, styles: dict[str, ParagraphStyle]) -> Table:
    header = [
        Paragraph(_text(c.title).replace("\n", "<br/>"), styles["head"]) for c in table.columns
    ]
    body = [
        [
            Paragraph(_text(value), styles["cell_right" if column.right else "cell"])
            for value, column in zip(row, table.columns, strict=True)
        ]
        for row in table.rows
    ]
    grid = Table([header, *body], colWidths=[c.width for c in table.columns], repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b4")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe6ed")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for index in table.shaded:
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), colors.HexColor("#f3e3c3")))
    grid.setStyle(TableStyle(commands))
    return grid


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=21, spaceAfter=2),
        "line": ParagraphStyle("line", parent=base, fontSize=10, leading=14),
        "heading": ParagraphStyle("heading", parent=base, fontSize=12, leading=16, spaceAfter=2),
        "head": ParagraphStyle("head", parent=base, alignment=1),
        "cell": base,
        "cell_right": ParagraphStyle("cell_right", parent=base, alignment=2),
    }


def _text(value: str) -> str:
    """A plain text as a Paragraph's markup."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
