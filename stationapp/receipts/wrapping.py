"""Breaking a receipt's text into lines that fit the paper, by the rules of Chinese typesetting.

A run of Latin letters, digits and their punctuation stays together (a waybill, ¥12.50, a pickup
code); any other character (CJK, full-width punctuation) is a break opportunity.
"""

from __future__ import annotations

import re

from stationapp.receipts.fonts import register_receipt_font

_TOKEN = re.compile(r"[ \t]+|[\u0021-\u007e\u00a1-\u024f]+|.", re.DOTALL)
# Chinese typesetting rules (禁则): these never begin a line ...
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…%,.;:?!)]}·～—")
# ... and these never end one.
_NO_LINE_END = set("（《「『【〔“‘([{")


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` set in the receipt font at ``size``."""
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
