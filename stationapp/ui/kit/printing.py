"""Printing receipts through Qt's print system, or saving them as PDF files.

Each PDF page is rasterized with pypdfium2 at the printer's resolution and painted at its physical
size, so an 80 mm receipt stays 80 mm wide on any printer and roll printers (whose drivers often
mishandle vector PDFs) get exactly the pixels they can print. Qt's print support and pypdfium2 are
imported on first use, to keep the window's cold start short.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths

from stationapp.core import clock

if TYPE_CHECKING:
    from pypdfium2 import PdfPage
    from PySide6.QtGui import QImage
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from stationapp.core import Station

# Thermal printers print at 203 dpi, office printers at 300-600; more pixels than 300 dpi add
# nothing to a receipt but memory (an A4 page at 600 dpi is 35 million pixels).
MAX_RASTER_DPI = 300


def _tr(text: str) -> str:
    """Translate a string marked with ``QT_TRANSLATE_NOOP("Printing", ...)``."""
    return QCoreApplication.translate("Printing", text)


def available_printers() -> list[str]:
    """Names of the printers installed on this computer (empty when there are none)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def print_pdf(
    pdf: bytes,
    *,
    printer_name: str = "",
    parent: QWidget | None = None,
    ask: bool = True,
    output_file: Path | None = None,
) -> bool:
    """Print ``pdf`` on ``printer_name`` (the system's default printer when empty).

    ``ask`` shows the print dialog first. With no printer installed, the operator is told so and
    offered to save the PDF instead. ``output_file`` prints into a PDF file through Qt's own PDF
    printer, without any dialog (tests, "print to file"). Returns True when the receipt was
    printed or saved, False when the operator cancelled.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

    if output_file is not None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output_file))
        return paint_pdf(pdf, printer)
    if not available_printers():
        _tell_no_printer(parent)
        return save_pdf(pdf, parent, _tr(QT_TRANSLATE_NOOP("Printing", "receipt.pdf"))) is not None
    info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo()
    if info.isNull():
        info = QPrinterInfo.defaultPrinter()
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    if ask:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_tr(QT_TRANSLATE_NOOP("Printing", "Print receipt")))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    return paint_pdf(pdf, printer)


def paint_pdf(pdf: bytes, printer: QPrinter) -> bool:
    """Paint every page of ``pdf`` on ``printer`` at its physical size; False if the printer
    could not start (offline, out of paper, access refused)."""
    import pypdfium2
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter

    document = pypdfium2.PdfDocument(pdf)
    try:
        sizes = [document.get_page_size(index) for index in range(len(document))]
        printer.setFullPage(True)

        def use_page_size(width: float, height: float) -> None:
            size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.ExactMatch)
            printer.setPageLayout(
                QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
            )

        use_page_size(*sizes[0])
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            for index, (width, height) in enumerate(sizes):
                if index:
                    use_page_size(width, height)
                    printer.newPage()
                dpi = printer.resolution()
                image = _rasterize(document[index], min(dpi, MAX_RASTER_DPI))
                # Keep the page's physical size: points -> printer pixels, never stretched to
                # the paper (an 80 mm receipt on an A4 printer stays 80 mm wide).
                target = QRectF(0, 0, width / 72 * dpi, height / 72 * dpi)
                painter.drawImage(target, image)
        finally:
            painter.end()
    finally:
        document.close()
    return True


def _rasterize(page: PdfPage, dpi: int) -> QImage:
    from PySide6.QtGui import QImage

    bitmap = page.render(scale=dpi / 72, grayscale=True)
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8
    )
    return image.copy()  # detach from pdfium's buffer before the page is freed


def save_pdf(pdf: bytes, parent: QWidget | None, suggested_name: str) -> Path | None:
    """Ask where to save ``pdf`` (in Documents by default) and write it; None if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        _tr(QT_TRANSLATE_NOOP("Printing", "Save receipt as PDF")),
        str(Path(folder) / suggested_name),
        _tr(QT_TRANSLATE_NOOP("Printing", "PDF files (*.pdf)")),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    path.write_bytes(pdf)
    return path


def _tell_no_printer(parent: QWidget | None) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(
        parent,
        _tr(QT_TRANSLATE_NOOP("Printing", "No printer")),
        _tr(
            QT_TRANSLATE_NOOP(
                "Printing",
                "No printer is installed on this computer. Save the receipt as a PDF file now; "
                "you can print it later, or install the printer's driver and print again.",
            )
        ),
    )


def receipt_frame(station: Station, event_id: str, operator_name: str) -> dict[str, object]:
    """A document's shared header (the station's name and phone) and footer (the print's record
    id, the time, the operator, and once the station is enrolled the county's check of the
    record in the QR code), as the receipts' ``header=``/``footer=`` arguments."""
    from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader

    info = station.info
    return {
        "header": ReceiptHeader(info.name, info.phone),
        "footer": ReceiptFooter(event_id, clock.now(), operator_name, info.receipt_check),
    }
