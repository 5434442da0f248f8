"""How each kind of receipt line is drawn: a line becomes blocks of known height that draw
themselves at a given top, so pages can be filled with blocks (``document.render``).

Sizes come from the ``Paper``; one font serves every glyph (``fonts``). The bundled font has no
bold face, so bold text is filled and stroked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.receipts.content import (
    Align,
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
from stationapp.receipts.fonts import register_receipt_font
from stationapp.receipts.paper import MM, Paper
from stationapp.receipts.wrapping import text_width, wrap_text

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

Draw = Callable[["Canvas", float, float], None]
"""Draws a block given the canvas, the left edge of the usable width and the block's top."""


@dataclass
class Block:
    """A piece of a page: its height and how to draw it; it may ask to stay with the next."""

    height: float
    draw: Draw
    repeat: Block | None = None  # a table's header, repeated at the top of a new page
    keep_with_next: bool = False


def leading(size: float) -> float:
    """Height of one line of text at ``size``."""
    return size * 1.45


def baseline(top: float, size: float) -> float:
    """Where to set the glyphs of a line whose box starts at ``top``."""
    # Centre the glyphs in the line box; CJK ideographs sit between about -0.12 and 0.88 em.
    return top - leading(size) / 2 - 0.36 * size


def draw_string(
    canvas: Canvas, x: float, y: float, text: str, size: float, *, bold: bool, align: Align
) -> None:
    """Set one line of text, bold or not, aligned on ``x``."""
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


class Layout:
    """The blocks of each line kind on one paper."""

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
    ) -> Block:
        width = self.width

        def draw(canvas: Canvas, left: float, top: float) -> None:
            x = {"left": left + indent, "center": left + width / 2, "right": left + width}[align]
            draw_string(canvas, x, baseline(top, size), text, size, bold=bold, align=align)

        return Block(leading(size), draw)

    def paragraph(
        self,
        text: str,
        size: float,
        *,
        align: Align = "left",
        bold: bool = False,
        indent: float = 0,
    ) -> list[Block]:
        return [
            self.text_line(line, size, align=align, bold=bold, indent=indent)
            for line in wrap_text(text, size, self.width - indent)
        ]

    def space(self, height: float) -> Block:
        return Block(height, lambda canvas, left, top: None)

    # line kinds --------------------------------------------------------------------------
    def blocks(self, line: Line) -> list[Block]:
        match line:
            case Row():
                return self.row(line.label, line.value, self.body)
            case Text():
                size = self.small if line.small else self.body
                return self.paragraph(line.text, size, align=line.align, bold=line.emphasis)
            case Separator():
                return [self.separator()]
            case Total():
                size = self.paper.total_size
                return [self.space(size * 0.3), *self.row(line.label, line.shown, size, bold=True)]
            case Table():
                return self.table(line)
            case Signature():
                return [self.signature(line.label or tr(QT_TRANSLATE_NOOP("Receipt", "Signature")))]
            case Ruler():
                return [self.ruler()]
            case Spacer():
                return [self.space(line.height_mm * MM)]
        raise TypeError(f"not a receipt line: {line!r}")

    def row(self, label: str, value: str, size: float, *, bold: bool = False) -> list[Block]:
        gap = size
        label_width = text_width(label, size)
        if label_width + gap + text_width(value, size) <= self.width:

            def draw(canvas: Canvas, left: float, top: float) -> None:
                y = baseline(top, size)
                draw_string(canvas, left, y, label, size, bold=bold, align="left")
                draw_string(canvas, left + self.width, y, value, size, bold=bold, align="right")

            return [Block(leading(size), draw)]
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
            return [Block(first.height, draw_first, keep_with_next=bool(rest)), *rest]
        label_blocks = self.paragraph(label, size, bold=bold)
        label_blocks[-1].keep_with_next = True
        return [*label_blocks, *self.paragraph(value, size, bold=bold, indent=size)]

    def separator(self) -> Block:
        height = self.body * 0.9

        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.saveState()
            canvas.setLineWidth(0.6)
            canvas.setDash(2, 2)
            canvas.line(left, top - height / 2, left + self.width, top - height / 2)
            canvas.restoreState()

        return Block(height, draw)

    def signature(self, label: str) -> Block:
        size = self.body
        text = tr(QT_TRANSLATE_NOOP("Receipt", "{label}:")).format(label=label)
        height = size * 3.6  # room for a hand-written name above the line

        def draw(canvas: Canvas, left: float, top: float) -> None:
            y = top - height + size * 0.6
            draw_string(canvas, left, y, text, size, bold=False, align="left")
            start = left + min(text_width(text, size) + 2, self.width * 0.5)
            canvas.setLineWidth(0.8)
            canvas.line(start, y - 2, left + self.width, y - 2)

        return Block(height, draw)

    def ruler(self) -> Block:
        size = self.small
        tick = 3.2 * MM
        height = tick + leading(size) + size * 0.8
        millimetres = int(self.width / MM + 1e-6)

        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.line(left, top - 1, left + self.width, top - 1)
            label_y = baseline(top - tick - 1, size)
            for mm in range(millimetres + 1):
                length = tick if mm % 10 == 0 else tick * 0.65 if mm % 5 == 0 else tick * 0.35
                x = left + mm * MM
                canvas.line(x, top - 1, x, top - 1 - length)
                label = str(mm)
                half = text_width(label, size) / 2
                if mm % 10 == 0 and x + half <= left + self.width - 2:
                    align: Align = "left" if mm == 0 else "center"
                    draw_string(
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
                canvas.line(x, top - 1, x, top - tick - leading(size))
            canvas.restoreState()

        return Block(height, draw)

    def table(self, table: Table) -> list[Block]:
        size = self.body if self.paper.is_roll else self.body - 1
        pad = 3.0
        total_weight = sum(column.weight for column in table.columns)
        widths = [self.width * column.weight / total_weight for column in table.columns]
        ruled = not self.paper.is_roll

        def row_block(cells: Sequence[str], *, bold: bool, rule: float) -> Block:
            wrapped = [
                wrap_text(str(cell), size, width - 2 * pad)
                for cell, width in zip(cells, widths, strict=True)
            ]
            height = max(len(lines) for lines in wrapped) * leading(size) + pad

            def draw(canvas: Canvas, left: float, top: float) -> None:
                x = left
                for lines, width, column in zip(wrapped, widths, table.columns, strict=True):
                    anchor = {"left": x + pad, "center": x + width / 2, "right": x + width - pad}
                    for number, text in enumerate(lines):
                        y = baseline(top - number * leading(size), size)
                        draw_string(
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

            return Block(height, draw)

        header = row_block([column.title for column in table.columns], bold=True, rule=0.8)
        header.keep_with_next = True
        rows = [row_block(cells, bold=False, rule=0.3 if ruled else 0) for cells in table.rows]
        for block in rows:
            block.repeat = header
        return [self.space(size * 0.4), header, *rows]

    # the notice box ----------------------------------------------------------------------
    def notice(self, text: str) -> list[Block]:
        """A boxed warning in bold under the lines (a bill accepted but not yet paid)."""
        size = self.body
        pad = size * 0.5
        lines = wrap_text(text, size, self.width - 2 * pad)
        height = len(lines) * leading(size) + 2 * pad

        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.setLineWidth(1)
            canvas.rect(left + 0.5, top - height, self.width - 1, height - 0.5)
            for number, line in enumerate(lines):
                y = baseline(top - pad - number * leading(size), size)
                draw_string(canvas, left + pad, y, line, size, bold=True, align="left")

        return [self.space(size * 0.4), Block(height, draw), self.space(size * 0.4)]
