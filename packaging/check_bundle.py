"""Check what the bundled app's selftest left behind: a real screenshot and a readable receipt.

    python packaging/check_bundle.py --data-dir DATA --out OUT [--name 站名]

DATA is the data folder the selftest ran on (the station's name is read from it unless --name is
given); OUT holds ``main-window.png`` and ``test-receipt.pdf``. Prints each problem and exits 1
if there is any. Runs with the build machine's Python (standard library, plus PySide6 to look
at the picture and pypdfium2 where ``pdftotext`` is not installed, as on Windows).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

SCREENSHOT = "main-window.png"
RECEIPT = "test-receipt.pdf"
# A drawn window has text, borders and buttons; an empty or black capture has one or two colours.
MIN_SCREENSHOT_COLOURS = 8


def station_name(data_dir: Path) -> str:
    """The station's name as stored in its settings (read only: the file is left as it was)."""
    database = data_dir / "station.db"
    if not database.is_file():
        raise FileNotFoundError(f"no station database in {data_dir}")
    uri = database.resolve().as_uri() + "?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = 'station.name'").fetchone()
    if row is None:
        raise LookupError(f"the station in {data_dir} has no name setting")
    try:
        value = json.loads(row[0])
    except ValueError:
        value = row[0]
    return str(value)


def pdf_text(pdf: Path) -> str:
    """The text of a PDF as a reader would copy it (pdftotext, else pdfium's text layer)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        result = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        )
        return result.stdout.decode("utf-8")
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def screenshot_problems(png: Path) -> list[str]:
    if not png.is_file() or png.stat().st_size == 0:
        return [f"{png.name}: missing or empty"]
    if not png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"):
        return [f"{png.name}: not a PNG file"]
    colours = _colour_count(png)
    if colours is not None and colours < MIN_SCREENSHOT_COLOURS:
        return [f"{png.name}: only {colours} colours, the window was not drawn"]
    return []


def receipt_problems(pdf: Path, name: str) -> list[str]:
    if not pdf.is_file() or pdf.stat().st_size == 0:
        return [f"{pdf.name}: missing or empty"]
    if not pdf.read_bytes().startswith(b"%PDF-"):
        return [f"{pdf.name}: not a PDF file"]
    text = pdf_text(pdf)
    if name not in text.replace("\n", ""):
        return [f"{pdf.name}: the station's name {name!r} is not in its text: {text[:200]!r}"]
    return []


def _colour_count(png: Path, limit: int = 64) -> int | None:
    """Distinct colours on a grid of the picture (None when PySide6 is not at hand)."""
    try:
        from PySide6.QtGui import QImage
    except ImportError:
        return None
    image = QImage(str(png))
    if image.isNull():
        return 0
    colours: set[int] = set()
    step_x = max(1, image.width() // 64)
    step_y = max(1, image.height() // 64)
    for y in range(0, image.height(), step_y):
        for x in range(0, image.width(), step_x):
            colours.add(image.pixel(x, y))
            if len(colours) >= limit:
                return len(colours)
    return len(colours)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--name", default=None, help="the station name the receipt must show")
    args = parser.parse_args(argv)
    try:
        name = args.name or station_name(args.data_dir)
    except (OSError, LookupError, sqlite3.Error) as error:
        print(f"FAIL: {error}", file=sys.stderr)
        return 1
    problems = screenshot_problems(args.out / SCREENSHOT) + receipt_problems(
        args.out / RECEIPT, name
    )
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {SCREENSHOT} drawn, {RECEIPT} names {name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
