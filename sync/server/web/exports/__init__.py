"""The supervisor web's files: XLSX workbooks written as a stream (``xlsx.py``: memory that does
not grow with the rows) and the monthly report as a PDF (``pdf.py``: reportlab, the stations'
CJK font, text a machine can read back). They write what they are given; the rows come from the
scoped queries in ``web/queries/``."""

from __future__ import annotations

from urllib.parse import quote


def attachment(filename: str) -> dict[str, str]:
    """A download's header: an ASCII name for old browsers and the Chinese one (RFC 6266)."""
    fallback = "export" + filename[filename.rfind(".") :]
    return {
        "content-disposition": f'attachment; filename="{fallback}"; '
        f"filename*=UTF-8''{quote(filename)}"
    }
