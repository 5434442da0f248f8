"""A receipt, and the renderer every document the station prints goes through.

A ``Receipt`` is a title, the station's header, a list of lines, an optional notice and a footer
that names the event it records (as text and as a QR code). ``render(receipt, paper)`` lays it
out for an 80 mm or 58 mm roll (one page exactly as tall as its content) or for A4 (pages that
break between lines, tables repeating their header) and returns PDF bytes.

Privacy: receipts are handed out and left lying around. Callers pass villagers' phone numbers
already masked (``尾号5678``, GB/T 41833-2022 asks for at least six hidden digits) and ID numbers
masked; this module prints what it is given and never sees a whole number.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.receipts.content import (
    Column,
    Line,
    Row,
    Ruler,
    Separator,
    Signature,
    Spacer,
    Table,
    Text,
    Total,
    tr,
)
from stationapp.receipts.frame import (
    ReceiptFooter,
    ReceiptHeader,
    footer_blocks,
    header_blocks,
    page_band,
)
from stationapp.receipts.layout import Block, Layout, leading
from stationapp.receipts.paper import MM, Paper, paper_for
from stationapp.receipts.wrapping import wrap_text

# The longest page a PDF viewer is required to handle is 200 inches; a longer roll receipt is
# cut into several roll pages.
_ROLL_PAGE_LIMIT = 14000.0


@dataclass
class Receipt:
    """What a receipt says. Every string is printed as given: pass villagers' phone numbers and ID
    numbers masked (``尾号5678``), never whole; pass money already formatted or as fen in
    ``Total``. The footer names the event the receipt records, so it can be traced back."""

    title: str
    header: ReceiptHeader
    lines: list[Line]
    footer: ReceiptFooter
    notice: str | None = None


def render(receipt: Receipt, paper: Paper | str) -> bytes:
    """Lay out ``receipt`` on ``paper`` ("80mm", "58mm", "A4" or a ``Paper``); PDF bytes."""
    from reportlab.pdfgen.canvas import Canvas

    if not receipt.footer.event_id.strip():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "This receipt names no record; save the action first, then print its receipt.",
            )
        )
    if isinstance(paper, str):
        paper = paper_for(paper)
    layout = Layout(paper)
    blocks = header_blocks(layout, receipt.header, receipt.title)
    for line in receipt.lines:
        blocks += layout.blocks(line)
    if receipt.notice:
        blocks += layout.notice(receipt.notice)
    footer = footer_blocks(layout, receipt.footer)
    footer[0].keep_with_next = True
    blocks += footer

    band_height = leading(paper.small_size) + 2 * MM
    if paper.height is None:
        capacity = _ROLL_PAGE_LIMIT - paper.margin_top - paper.margin_bottom
    else:
        capacity = paper.height - paper.margin_top - paper.margin_bottom - band_height
    pages = _paginate(blocks, capacity)

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(paper.width, paper.height or 100), invariant=True)
    canvas.setTitle(receipt.title)
    canvas.setAuthor(receipt.header.station_name)
    canvas.setCreator("Village Station")
    for number, page in enumerate(pages, start=1):
        content = sum(block.height for block in page)
        height = paper.height or paper.margin_top + content + paper.margin_bottom
        canvas.setPageSize((paper.width, height))
        top = height - paper.margin_top
        for block in page:
            block.draw(canvas, paper.margin_x, top)
            top -= block.height
        if paper.height is not None:
            band = page_band(layout, receipt.footer, number, len(pages))
            band.draw(canvas, paper.margin_x, paper.margin_bottom + band.height)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _paginate(blocks: list[Block], capacity: float) -> list[list[Block]]:
    """Fill pages of ``capacity`` points with blocks; a block that keeps with the next moves
    with it, and a table row starting a page brings its table's header along."""
    pages: list[list[Block]] = [[]]
    used = 0.0
    for index, block in enumerate(blocks):
        needed = block.height
        if block.keep_with_next and index + 1 < len(blocks):
            needed += blocks[index + 1].height
        if pages[-1] and used + needed > capacity:
            pages.append([])
            used = 0.0
            if block.repeat is not None:
                pages[-1].append(block.repeat)
                used += block.repeat.height
        pages[-1].append(block)
        used += block.height
    return pages


# The line kinds and the frame are imported from here by every document.
__all__ = [
    "Column",
    "Line",
    "Receipt",
    "ReceiptFooter",
    "ReceiptHeader",
    "Row",
    "Ruler",
    "Separator",
    "Signature",
    "Spacer",
    "Table",
    "Text",
    "Total",
    "render",
    "tr",
    "wrap_text",
]
