"""The one header and footer every document shares (DESIGN §8), as two values built once and
passed to any document, and how they are drawn on each paper.

``ReceiptHeader`` heads the page: the station's name and phone number, then the document's title.
``ReceiptFooter`` ends it: the id of the event the document stands for, as text and as a QR code
(the county's receipt check reads it), when it was printed and by whom. Once the station is
enrolled the QR code is the address of that check, ``{county}/r/{station_id}/{event_id}``, so a
supervisor's phone camera opens the record as the county holds it; before, it is the id alone.
On A4 each page also ends with a band naming the event and the page number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from stationapp.core import clock
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.receipts.content import Align, tr
from stationapp.receipts.layout import Block, Layout, baseline, draw_string, leading
from stationapp.receipts.paper import MM
from stationapp.receipts.wrapping import text_width

if TYPE_CHECKING:
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.pdfgen.canvas import Canvas

QR_BORDER = 2  # modules of quiet zone around the code
# a thermal printer of 203 dpi makes a dot 0.125 mm: below 0.33 mm (under three dots) a module
# prints ragged and a phone's camera misreads it
SMALLEST_MODULE = 0.33 * MM


@dataclass(frozen=True)
class ReceiptHeader:
    """The station a document comes from: the same on every document it prints."""

    station_name: str
    station_phone: str = ""


@dataclass(frozen=True)
class ReceiptFooter:
    """What one print names: the event it stands for (printed whole and in the QR code, so the
    paper can be traced to its record), the time it was printed and the operator who printed it."""

    event_id: str
    printed_at: datetime
    operator_name: str
    # the county's receipt check of the station ("{county}/r/{station_id}", StationInfo's
    # receipt_check); '' before enrolment
    check_url: str = ""

    @property
    def qr_value(self) -> str:
        """What the QR code carries: the check's address of this event, or the id alone."""
        if not self.check_url:
            return self.event_id
        return f"{self.check_url.rstrip('/')}/{quote(self.event_id.strip(), safe='')}"


def header_blocks(layout: Layout, header: ReceiptHeader, title: str) -> list[Block]:
    """The station's name (bold, centred), its phone number, the document's title, a rule."""
    paper = layout.paper
    # A name a little too long for one line is set a little smaller rather than broken.
    size = paper.station_name_size
    natural = text_width(header.station_name, size)
    if layout.width < natural <= layout.width / 0.8:
        size = size * layout.width / natural * 0.99
    blocks = layout.paragraph(header.station_name, size, align="center", bold=True)
    if header.station_phone:
        phone = tr(QT_TRANSLATE_NOOP("Receipt", "Tel. {phone}")).format(phone=header.station_phone)
        blocks += layout.paragraph(phone, layout.body, align="center")
    blocks.append(layout.space(layout.body * 0.4))
    blocks += layout.paragraph(title, paper.title_size, align="center", bold=True)
    blocks.append(layout.separator())
    return blocks


def footer_blocks(layout: Layout, footer: ReceiptFooter) -> list[Block]:
    """On a roll: the QR code centred, the event id under it, then time and operator in small
    type. On A4: the same details on the left and the QR code on the right."""
    printed = tr(QT_TRANSLATE_NOOP("Receipt", "Printed")), _local_time(footer.printed_at)
    operator = tr(QT_TRANSLATE_NOOP("Receipt", "Operator")), footer.operator_name
    number_label = tr(QT_TRANSLATE_NOOP("Receipt", "Receipt no."))
    if layout.paper.is_roll:
        blocks = [
            layout.separator(),
            layout.space(layout.small * 0.5),
            _qr_block(layout, footer.qr_value),
        ]
        blocks.append(layout.text_line(number_label, layout.small, align="center"))
        blocks.append(_event_id_line(layout, footer.event_id, align="center"))
        blocks.append(layout.space(layout.small * 0.4))
        for label, value in (printed, operator):
            blocks += layout.row(label, value, layout.small)
        return blocks
    return [
        layout.separator(),
        _sheet_footer(layout, footer, number_label, printed, operator),
    ]


def page_band(layout: Layout, footer: ReceiptFooter, page: int, pages: int) -> Block:
    """The small line at the foot of every A4 page: event id and page number."""
    size = layout.small
    text = tr(QT_TRANSLATE_NOOP("Receipt", "Page {page} of {pages}")).format(page=page, pages=pages)

    def draw(canvas: Canvas, left: float, top: float) -> None:
        y = baseline(top, size)
        draw_string(canvas, left, y, footer.event_id, size, bold=False, align="left")
        draw_string(canvas, left + layout.width, y, text, size, bold=False, align="right")

    return Block(leading(size), draw)


def _event_id_line(layout: Layout, event_id: str, *, align: Align) -> Block:
    # The id must stay on one line to be read (and extracted) whole: shrink it to fit.
    natural = max(text_width(event_id, layout.small), 1)
    size = min(layout.small, layout.small * layout.width / natural)
    return layout.text_line(event_id, max(size, 4.5), align=align)


def _qr_block(layout: Layout, value: str) -> Block:
    size = layout.paper.qr_size

    def draw(canvas: Canvas, left: float, top: float) -> None:
        _draw_qr(canvas, value, left + (layout.width - size) / 2, top - size, size)

    return Block(size + layout.small * 0.3, draw)


def _sheet_footer(
    layout: Layout,
    footer: ReceiptFooter,
    number_label: str,
    printed: tuple[str, str],
    operator: tuple[str, str],
) -> Block:
    size = layout.body
    qr = layout.paper.qr_size
    text_width_available = layout.width - qr - 6 * MM
    lines = [
        (number_label, footer.event_id),
        printed,
        operator,
    ]
    height = max(qr, len(lines) * leading(size)) + size * 0.5

    def draw(canvas: Canvas, left: float, top: float) -> None:
        for number, (label, value) in enumerate(lines):
            y = baseline(top - number * leading(size), size)
            shown = f"{label}  {value}"
            fitted = min(size, size * text_width_available / max(text_width(shown, size), 1))
            draw_string(canvas, left, y, shown, fitted, bold=False, align="left")
        _draw_qr(canvas, footer.qr_value, left + layout.width - qr, top - qr, qr)

    return Block(height, draw)


def qr_code(value: str, size: float) -> QrCodeWidget:
    """The QR code of ``value`` printed ``size`` points wide: error correction M (15% of the
    code may be smudged or torn) while a module stays at least ``SMALLEST_MODULE`` wide; a
    value too long for that (a long county address) falls to L, whose smaller code keeps the
    modules big enough for a 203 dpi printer and a phone's camera, which matter more on a roll
    than the extra correction."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    for level in ("M", "L"):
        widget = QrCodeWidget(value, barLevel=level, barBorder=QR_BORDER)
        if size / (qr_modules(widget) + 2 * QR_BORDER) >= SMALLEST_MODULE:
            break
    return widget


def qr_modules(widget: QrCodeWidget) -> int:
    """The modules across a QR code (its quiet zone not counted)."""
    widget.draw()  # makes the code, whose size depends on the value and the level
    return widget.qr.getModuleCount()


def _draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Drawing

    widget = qr_code(value, size)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _local_time(moment: datetime) -> str:
    """Station wall time: an aware time is shown in the station's zone, a naive one as it is."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(clock.SHANGHAI)
    return moment.strftime("%Y-%m-%d %H:%M:%S")
