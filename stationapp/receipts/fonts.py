"""The bundled CJK font, registered with reportlab once per process.

WenQuanYi Micro Hei has Latin and CJK glyphs, so one font serves every receipt; reportlab embeds
the subset a PDF uses, which keeps the text extractable (``pdftotext``) and the files small.
"""

from __future__ import annotations

import threading

from stationapp.resources import resource_path

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")

_lock = threading.Lock()
_registered = False


def register_receipt_font() -> str:
    """Register the receipt font with reportlab (idempotent, thread-safe); return its name."""
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            # Index 0 of the collection is Micro Hei itself (index 1 is its monospaced twin).
            font = TTFont(FONT_NAME, str(resource_path(*FONT_FILE)), subfontIndex=0)
            pdfmetrics.registerFont(font)
            _registered = True
    return FONT_NAME
