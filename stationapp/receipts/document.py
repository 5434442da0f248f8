"""The receipt model and its renderer, shared by every receipt the station prints.

A ``Receipt`` is a title, the station's header, a list of lines and a footer that names the event
it records (as text and as a QR code). ``render(receipt, paper)`` lays it out for an 80 mm or
58 mm roll (one page exactly as tall as its content) or for A4 (pages that break between lines,
tables repeating their header) and returns PDF bytes.

Privacy: receipts are handed out and left lying around. Callers pass villagers' phone numbers
already masked (``尾号5678``, GB/T 41833-2022 asks for at least six hidden digits) and ID numbers
masked; this module prints what it is given and never sees a whole number.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, translate
from stationapp.receipts.fonts import register_receipt_font
from stationapp.receipts.paper import MM, Paper, paper_for

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

BUSINESS_ZONE = ZoneInfo("Asia/Shanghai")
Align = Literal["left", "center", "right"]


def tr(text: str) -> str:
    """Translate a receipt string; mark its source with ``QT_TRANSLATE_NOOP("Receipt", ...)``."""
    return translate("Receipt", text)


def format_fen(fen: int) -> str:
    """Integer fen as the yuan amount a receipt shows: 1250 -> ``¥12.50``, -80 -> ``-¥0.80``."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"money is integer fen, got {fen!r}")
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"


# ---------------------------------------------------------------------------------------------
# The lines a receipt is made of


@dataclass(frozen=True)
class Row:
    """A label and its value: label on the left, value on the right (wrapped when long)."""

    label: str
    value: str


@dataclass(frozen=True)
class Text:
    """Running text, wrapped to the paper's width (Chinese breaks between any two characters)."""

    text: str
    emphasis: bool = False
    align: Align = "left"
    small: bool = False


@dataclass(frozen=True)
class Separator:
    """A dashed rule across the width."""


@dataclass(frozen=True)
class Total:
    """A money total in larger type: ``amount`` in integer fen, or a string already formatted."""

    label: str
    amount: int | str


@dataclass(frozen=True)
class Column:
    """One column of a ``Table``: its title, its share of the width, its alignment."""

    title: str
    weight: float = 1.0
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """Rows under a header; cells wrap within their column; on A4 the table breaks onto new
    pages and repeats its header there."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row {number} has {len(row)} cells for {len(self.columns)} columns"
                )


@dataclass(frozen=True)
class Signature:
    """Room to sign by hand, then ``签字：________`` (or another label, e.g. the payee's)."""

    label: str | None = None


@dataclass(frozen=True)
class Ruler:
    """A millimetre ruler across the usable width (the printer test page uses it)."""


@dataclass(frozen=True)
class Spacer:
    """Empty vertical space."""

    height_mm: float = 3.0


Line = Row | Text | Separator | Total | Table | Signature | Ruler | Spacer


@dataclass
class Receipt:
    """What a receipt says. Every string is printed as given: pass villagers' phone numbers and ID
    numbers masked (``尾号5678``), never whole; pass money already formatted or as fen in
    ``Total``. ``event_id`` is the id of the event the receipt records: it is printed and put in
    the QR code, so a receipt can be traced back to its record."""

    title: str
    station_name: str
    station_phone: str
    lines: list[Line]
    event_id: str
    printed_at: datetime
    operator_name: str
    notice: str | None = None


# ---------------------------------------------------------------------------------------------
# Wrapping

# A run of Latin letters, digits and their punctuation stays together (a waybill, ¥12.50, a
# pickup code); any other character (CJK, full-width punctuation) is a break opportunity.
_TOKEN = re.compile(r"[ \t]+|[\u0021-\u007e\u00a1-\u024f]+|.", re.DOTALL)
# Chinese typesetting rules (禁则): these never begin a line ...
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…%,.;:?!)]}·～—")
# ... and these never end one.
_NO_LINE_END = set("（《「『【〔“‘([{")


def text_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, register_receipt_font(), size)


def wrap_text(text: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points at ``size``; ``\\n`` forces a
    break. Latin words and numbers are kept whole when they fit on a line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, size, width))
    return lines


def _wrap_paragraph(paragraph: str, size: float, width: float) -> list[str]:
    lines: list[list[str]] = []
    line: list[str] = []
    for token in _TOKEN.findall(paragraph):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        if text_width("".join([*line, token]), size) <= width:
            line.append(token)
            continue
        if text_width(token, size) > width:  # a word longer than a line: break it anywhere
            for char in token:
                if line and text_width("".join([*line, char]), size) > width:
                    lines.append(line)
                    line = []
                line.append(char)
            continue
        while line and line[-1] == " ":
            line.pop()
        carried: list[str] = []
        if token in _NO_LINE_START and len(line) > 1:
            carried.insert(0, line.pop())
        while len(line) > 1 and line[-1] in _NO_LINE_END:
            carried.insert(0, line.pop())
        if line:
            lines.append(line)
        line = [*carried, token]
    lines.append(line)
    _avoid_orphan(lines)
    return ["".join(parts).rstrip() for parts in lines]


def _avoid_orphan(lines: list[list[str]]) -> None:
    """Never leave one ideograph alone on the last line (孟定镇芒团村电商服务 / 站): bring the
    character before it down too."""
    last = [token for token in lines[-1] if token not in _NO_LINE_START]
    if len(lines) < 2 or len(last) != 1 or len(last[0]) != 1:
        return
    previous = lines[-2]
    if len(previous) >= 3 and len(previous[-1]) == 1 and not previous[-1].isspace():
        lines[-1].insert(0, previous.pop())
        while len(previous) > 1 and previous[-1] in _NO_LINE_END:
            lines[-1].insert(0, previous.pop())


# ---------------------------------------------------------------------------------------------
# Layout: a receipt becomes a list of blocks of known height; pages are filled with blocks.

Draw = Callable[["Canvas", float, float], None]
"""Draws a block given the canvas, the left edge of the usable width and the block's top."""

# The longest page a PDF viewer is required to handle is 200 inches; a longer roll receipt is
# cut into several roll pages.
_ROLL_PAGE_LIMIT = 14000.0


@dataclass
class _Block:
    height: float
    draw: Draw
    repeat: _Block | None = None  # a table's header, repeated at the top of a new page
    keep_with_next: bool = False


def _leading(size: float) -> float:
    return size * 1.45


def _baseline(top: float, size: float) -> float:
    # Centre the glyphs in the line box; CJK ideographs sit between about -0.12 and 0.88 em.
    return top - _leading(size) / 2 - 0.36 * size


def _draw_string(
    canvas: Canvas, x: float, y: float, text: str, size: float, *, bold: bool, align: Align
) -> None:
    canvas.saveState()
    canvas.setFont(register_receipt_font(), size)
    mode = None
    if bold:  # the bundled font has no bold face: fill and stroke the outlines
        canvas.setLineWidth(size * 0.045)
        canvas.setStrokeGray(0)
        mode = 2
    if align == "center":
        canvas.drawCentredString(x, y, text, mode=mode)
    elif align == "right":
        canvas.drawRightString(x, y, text, mode=mode)
    else:
        canvas.drawString(x, y, text, mode=mode)
    canvas.restoreState()


class _Layout:
    def __init__(self, paper: Paper) -> None:
        self.paper = paper
        self.width = paper.usable_width
        self.body = paper.body_size
        self.small = paper.small_size

    # one line of text --------------------------------------------------------------------
    def text_line(
        self,
        text: str,
        size: float,
        *,
        align: Align = "left",
        bold: bool = False,
        indent: float = 0,
    ) -> _Block:
        width = self.width

        def draw(canvas: Canvas, left: float, top: float) -> None:
            x = {"left": left + indent, "center": left + width / 2, "right": left + width}[align]
            _draw_string(canvas, x, _baseline(top, size), text, size, bold=bold, align=align)

        return _Block(_leading(size), draw)

    def paragraph(
        self,
        text: str,
        size: float,
        *,
        align: Align = "left",
        bold: bool = False,
        indent: float = 0,
    ) -> list[_Block]:
        return [
            self.text_line(line, size, align=align, bold=bold, indent=indent)
            for line in wrap_text(text, size, self.width - indent)
        ]

    def space(self, height: float) -> _Block:
        return _Block(height, lambda canvas, left, top: None)

    # line kinds --------------------------------------------------------------------------
    def blocks(self, line: Line) -> list[_Block]:
        match line:
            case Row():
                return self.row(line.label, line.value, self.body)
            case Text():
                size = self.small if line.small else self.body
                return self.paragraph(line.text, size, align=line.align, bold=line.emphasis)
            case Separator():
                return [self.separator()]
            case Total():
                amount = line.amount if isinstance(line.amount, str) else format_fen(line.amount)
                size = self.paper.total_size
                return [self.space(size * 0.3), *self.row(line.label, amount, size, bold=True)]
            case Table():
                return self.table(line)
            case Signature():
                return [self.signature(line.label or tr(QT_TRANSLATE_NOOP("Receipt", "Signature")))]
            case Ruler():
                return [self.ruler()]
            case Spacer():
                return [self.space(line.height_mm * MM)]
        raise TypeError(f"not a receipt line: {line!r}")

    def row(self, label: str, value: str, size: float, *, bold: bool = False) -> list[_Block]:
        gap = size
        label_width = text_width(label, size)
        if label_width + gap + text_width(value, size) <= self.width:

            def draw(canvas: Canvas, left: float, top: float) -> None:
                y = _baseline(top, size)
                _draw_string(canvas, left, y, label, size, bold=bold, align="left")
                _draw_string(canvas, left + self.width, y, value, size, bold=bold, align="right")

            return [_Block(_leading(size), draw)]
        if label_width + gap <= self.width * 0.4:
            # A short label keeps its place; the value wraps in the column to its right.
            indent = label_width + gap
            value_lines = wrap_text(value, size, self.width - indent)
            first = self.text_line(value_lines[0], size, bold=bold, indent=indent)
            label_block = self.text_line(label, size, bold=bold)

            def draw_first(canvas: Canvas, left: float, top: float) -> None:
                label_block.draw(canvas, left, top)
                first.draw(canvas, left, top)

            rest = [
                self.text_line(text, size, bold=bold, indent=indent) for text in value_lines[1:]
            ]
            return [_Block(first.height, draw_first, keep_with_next=bool(rest)), *rest]
        label_blocks = self.paragraph(label, size, bold=bold)
        label_blocks[-1].keep_with_next = True
        return [*label_blocks, *self.paragraph(value, size, bold=bold, indent=size)]

    def separator(self) -> _Block:
        height = self.body * 0.9

        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.saveState()
            canvas.setLineWidth(0.6)
            canvas.setDash(2, 2)
            canvas.line(left, top - height / 2, left + self.width, top - height / 2)
            canvas.restoreState()

        return _Block(height, draw)

    def signature(self, label: str) -> _Block:
        size = self.body
        text = tr(QT_TRANSLATE_NOOP("Receipt", "{label}:")).format(label=label)
        height = size * 3.6  # room for a hand-written name above the line

        def draw(canvas: Canvas, left: float, top: float) -> None:
            y = top - height + size * 0.6
            _draw_string(canvas, left, y, text, size, bold=False, align="left")
            start = left + min(text_width(text, size) + 2, self.width * 0.5)
            canvas.setLineWidth(0.8)
            canvas.line(start, y - 2, left + self.width, y - 2)

        return _Block(height, draw)

    def ruler(self) -> _Block:
        size = self.small
        tick = 3.2 * MM
        height = tick + _leading(size) + size * 0.8
        millimetres = int(self.width / MM + 1e-6)

        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.line(left, top - 1, left + self.width, top - 1)
            label_y = _baseline(top - tick - 1, size)
            for mm in range(millimetres + 1):
                length = tick if mm % 10 == 0 else tick * 0.65 if mm % 5 == 0 else tick * 0.35
                x = left + mm * MM
                canvas.line(x, top - 1, x, top - 1 - length)
                label = str(mm)
                half = text_width(label, size) / 2
                if mm % 10 == 0 and x + half <= left + self.width - 2:
                    align: Align = "left" if mm == 0 else "center"
                    _draw_string(
                        canvas,
                        x + (1 if mm == 0 else 0),
                        label_y,
                        label,
                        size,
                        bold=False,
                        align=align,
                    )
            # Both edges of the usable width, full height: both must show on the paper.
            canvas.setLineWidth(0.8)
            for x in (left + 0.4, left + self.width - 0.4):
                canvas.line(x, top - 1, x, top - tick - _leading(size))
            canvas.restoreState()

        return _Block(height, draw)

    def table(self, table: Table) -> list[_Block]:
        size = self.body if self.paper.is_roll else self.body - 1
        pad = 3.0
        total_weight = sum(column.weight for column in table.columns)
        widths = [self.width * column.weight / total_weight for column in table.columns]
        ruled = not self.paper.is_roll

        def row_block(cells: Sequence[str], *, bold: bool, rule: float) -> _Block:
            wrapped = [
                wrap_text(str(cell), size, width - 2 * pad)
                for cell, width in zip(cells, widths, strict=True)
            ]
            height = max(len(lines) for lines in wrapped) * _leading(size) + pad

            def draw(canvas: Canvas, left: float, top: float) -> None:
                x = left
                for lines, width, column in zip(wrapped, widths, table.columns, strict=True):
                    anchor = {"left": x + pad, "center": x + width / 2, "right": x + width - pad}
                    for number, text in enumerate(lines):
                        y = _baseline(top - number * _leading(size), size)
                        _draw_string(
                            canvas,
                            anchor[column.align],
                            y,
                            text,
                            size,
                            bold=bold,
                            align=column.align,
                        )
                    x += width
                if rule:
                    canvas.saveState()
                    canvas.setLineWidth(rule)
                    canvas.setStrokeGray(0 if bold else 0.6)
                    canvas.line(left, top - height, left + self.width, top - height)
                    canvas.restoreState()

            return _Block(height, draw)

        header = row_block([column.title for column in table.columns], bold=True, rule=0.8)
        header.keep_with_next = True
        rows = [row_block(cells, bold=False, rule=0.3 if ruled else 0) for cells in table.rows]
        for block in rows:
            block.repeat = header
        return [self.space(size * 0.4), header, *rows]

    # header and footer -------------------------------------------------------------------
    def header(self, receipt: Receipt) -> list[_Block]:
        paper = self.paper
        # A name a little too long for one line is set a little smaller rather than broken.
        size = paper.station_name_size
        natural = text_width(receipt.station_name, size)
        if self.width < natural <= self.width / 0.8:
            size = size * self.width / natural * 0.99
        blocks = self.paragraph(receipt.station_name, size, align="center", bold=True)
        if receipt.station_phone:
            phone = tr(QT_TRANSLATE_NOOP("Receipt", "Tel. {phone}")).format(
                phone=receipt.station_phone
            )
            blocks += self.paragraph(phone, self.body, align="center")
        blocks.append(self.space(self.body * 0.4))
        blocks += self.paragraph(receipt.title, paper.title_size, align="center", bold=True)
        blocks.append(self.separator())
        return blocks

    def notice(self, text: str) -> list[_Block]:
        size = self.body
        pad = size * 0.5
        lines = wrap_text(text, size, self.width - 2 * pad)
        height = len(lines) * _leading(size) + 2 * pad

        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.setLineWidth(1)
            canvas.rect(left + 0.5, top - height, self.width - 1, height - 0.5)
            for number, line in enumerate(lines):
                y = _baseline(top - pad - number * _leading(size), size)
                _draw_string(canvas, left + pad, y, line, size, bold=True, align="left")

        return [self.space(size * 0.4), _Block(height, draw), self.space(size * 0.4)]

    def footer(self, receipt: Receipt) -> list[_Block]:
        printed = tr(QT_TRANSLATE_NOOP("Receipt", "Printed")), _local_time(receipt.printed_at)
        operator = tr(QT_TRANSLATE_NOOP("Receipt", "Operator")), receipt.operator_name
        number_label = tr(QT_TRANSLATE_NOOP("Receipt", "Receipt no."))
        if self.paper.is_roll:
            blocks = [
                self.separator(),
                self.space(self.small * 0.5),
                self.qr_block(receipt.event_id),
            ]
            blocks.append(self.text_line(number_label, self.small, align="center"))
            blocks.append(self.event_id_line(receipt.event_id, align="center"))
            blocks.append(self.space(self.small * 0.4))
            for label, value in (printed, operator):
                blocks += self.row(label, value, self.small)
            return blocks
        return [self.separator(), self.sheet_footer(receipt, number_label, printed, operator)]

    def event_id_line(self, event_id: str, *, align: Align) -> _Block:
        # The id must stay on one line to be read (and extracted) whole: shrink it to fit.
        natural = max(text_width(event_id, self.small), 1)
        size = min(self.small, self.small * self.width / natural)
        return self.text_line(event_id, max(size, 4.5), align=align)

    def qr_block(self, event_id: str) -> _Block:
        size = self.paper.qr_size

        def draw(canvas: Canvas, left: float, top: float) -> None:
            _draw_qr(canvas, event_id, left + (self.width - size) / 2, top - size, size)

        return _Block(size + self.small * 0.3, draw)

    def sheet_footer(
        self,
        receipt: Receipt,
        number_label: str,
        printed: tuple[str, str],
        operator: tuple[str, str],
    ) -> _Block:
        size = self.body
        qr = self.paper.qr_size
        text_width_available = self.width - qr - 6 * MM
        lines = [
            (number_label, receipt.event_id),
            printed,
            operator,
        ]
        height = max(qr, len(lines) * _leading(size)) + size * 0.5

        def draw(canvas: Canvas, left: float, top: float) -> None:
            for number, (label, value) in enumerate(lines):
                y = _baseline(top - number * _leading(size), size)
                shown = f"{label}  {value}"
                fitted = min(size, size * text_width_available / max(text_width(shown, size), 1))
                _draw_string(canvas, left, y, shown, fitted, bold=False, align="left")
            _draw_qr(canvas, receipt.event_id, left + self.width - qr, top - qr, qr)

        return _Block(height, draw)


def _draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(value, barLevel="M", barBorder=2)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _local_time(moment: datetime) -> str:
    """Station wall time: an aware time is shown in the business zone, a naive one as it is."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(BUSINESS_ZONE)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------------------------------------
# Pages


def _paginate(blocks: list[_Block], capacity: float) -> list[list[_Block]]:
    pages: list[list[_Block]] = [[]]
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


def _page_band(layout: _Layout, receipt: Receipt, page: int, pages: int) -> _Block:
    """The small line at the foot of every A4 page: event id and page number."""
    size = layout.small
    text = tr(QT_TRANSLATE_NOOP("Receipt", "Page {page} of {pages}")).format(page=page, pages=pages)

    def draw(canvas: Canvas, left: float, top: float) -> None:
        y = _baseline(top, size)
        _draw_string(canvas, left, y, receipt.event_id, size, bold=False, align="left")
        _draw_string(canvas, left + layout.width, y, text, size, bold=False, align="right")

    return _Block(_leading(size), draw)


def render(receipt: Receipt, paper: Paper | str) -> bytes:
    """Lay out ``receipt`` on ``paper`` ("80mm", "58mm", "A4" or a ``Paper``); PDF bytes."""
    from reportlab.pdfgen.canvas import Canvas

    if not receipt.event_id.strip():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "This receipt names no record; save the action first, then print its receipt.",
            )
        )
    if isinstance(paper, str):
        paper = paper_for(paper)
    layout = _Layout(paper)
    blocks = layout.header(receipt)
    for line in receipt.lines:
        blocks += layout.blocks(line)
    if receipt.notice:
        blocks += layout.notice(receipt.notice)
    footer = layout.footer(receipt)
    footer[0].keep_with_next = True
    blocks += footer

    band_height = _leading(paper.small_size) + 2 * MM
    if paper.height is None:
        capacity = _ROLL_PAGE_LIMIT - paper.margin_top - paper.margin_bottom
    else:
        capacity = paper.height - paper.margin_top - paper.margin_bottom - band_height
    pages = _paginate(blocks, capacity)

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(paper.width, paper.height or 100), invariant=True)
    canvas.setTitle(receipt.title)
    canvas.setAuthor(receipt.station_name)
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
            band = _page_band(layout, receipt, number, len(pages))
            band.draw(canvas, paper.margin_x, paper.margin_bottom + band.height)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


__all__ = [
    "Column",
    "Line",
    "Receipt",
    "Row",
    "Ruler",
    "Separator",
    "Signature",
    "Spacer",
    "Table",
    "Text",
    "Total",
    "format_fen",
    "render",
    "tr",
    "wrap_text",
]
