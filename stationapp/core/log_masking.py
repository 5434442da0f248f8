"""Phone numbers and ID numbers never reach a log line whole (DESIGN §11).

Whatever writes the line (our code, a library, an SMS provider echoing the number it refused), a
handler's formatter passes the finished line, traceback included, through :func:`mask_private`:

- a mobile number (``13812345678``, ``138-1234-5678``, ``+86 138 1234 5678``, ``8613812345678``)
  and a landline (``0883-6123456``, ``(0883)6123456``, ``010 12345678``, ``+86-883-6123456``),
  also inside longer text (``手机13812345678无效``), becomes ``尾号5678``;
- a resident ID number (18 characters with a birth date) shows only its last four.

:class:`MaskingFormatter` is the station's file log's formatter; the county's JSON lines call
:func:`mask_private` from their own redaction (``sync/server/logs.py``).
"""

from __future__ import annotations

import logging
import re

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")
_SEP = r"[-\s]?"
_COUNTRY = r"(?:(?:\+|00)\s?86|86)"
_MOBILE = re.compile(rf"(?<!\d)(?<!\d\.)(?:{_COUNTRY}{_SEP})?1[3-9]\d(?:{_SEP}\d){{8}}(?!\d)")
_LANDLINE = re.compile(
    rf"(?<!\d)(?<!\d\.)(?:(?P<country>{_COUNTRY}){_SEP}\(?0?|\(?0)"
    rf"[1-9]\d{{1,2}}\)?{_SEP}\d{{3,4}}{_SEP}\d{{3,4}}(?!\d)"
)
_RESIDENT_ID = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"\d{3}[\dXx](?![0-9A-Za-z])"
)


def _phone_tail(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "尾号" + digits[-4:]


def _landline_tail(match: re.Match[str]) -> str:
    country = match.group("country") or ""
    digits = re.sub(r"\D", "", match.group(0)[len(country) :])
    if not 9 <= len(digits) <= 12:  # area code and number: 10 to 12 digits with the 0
        return match.group(0)
    return "尾号" + digits[-4:]


def mask_private(text: str) -> str:
    """``text`` with every phone number as ``尾号5678`` and ID numbers showing their tail."""
    if not text:
        return text
    if any("０" <= ch <= "９" or ch == "＋" for ch in text):
        text = text.translate(_FULL_WIDTH_DIGITS)
    text = _RESIDENT_ID.sub(lambda m: "*" * 14 + m.group(0)[-4:].upper(), text)
    text = _MOBILE.sub(_phone_tail, text)
    return _LANDLINE.sub(_landline_tail, text)


class MaskingFormatter(logging.Formatter):
    """A formatter whose every line (message, arguments, traceback) goes through
    :func:`mask_private`."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_private(super().format(record))


class MaskingFilter(logging.Filter):
    """For a handler whose formatter is not ours: masks the record's message and arguments
    (the traceback is masked only by :class:`MaskingFormatter`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        record.msg, record.args = mask_private(message), None
        return True
