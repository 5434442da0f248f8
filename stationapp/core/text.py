"""Names as people type them: villagers, senders, operators, the station.

A name is shown on screens, printed on receipts, written into texts and logs and sent to the
county, so characters that no keyboard types and that change what is shown around them are
refused before anything is written: control characters (NUL, BEL, BS, ESC and the terminal
sequences it starts), direction overrides (a right-to-left override turns ``张三`` into a name
that reads backwards on every screen after it), noncharacters (U+FFFF) and names made only of
invisible characters. Chinese names with ``·`` (阿卜杜拉·买买提), spaces and Latin letters stay as
typed; surrounding and repeated white space is trimmed.
"""

from __future__ import annotations

import unicodedata

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term

# Zero-width characters carry no meaning in a name but break finding and comparing it (a name
# pasted from a chat app often holds one): they are dropped, and a name of nothing else refused.
# The Hangul fillers and the combining grapheme joiner are as invisible.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e\u034f\u115f\u1160\u3164\uffa0")
# Marks and overrides of the Unicode bidirectional algorithm (UAX #9): ALM, LRM, RLM, the
# embeddings and overrides LRE..RLO, the isolates LRI..PDI.
_DIRECTION = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TYPED_WHITE_SPACE = frozenset("\t\n\r")


def clean_name(value: str | None, *, what: Term, limit: int, required: bool = True) -> str:
    """The name as stored: white space trimmed and collapsed, zero-width characters dropped.

    Refuses, naming ``what`` and the character, a name that holds a control character, a
    direction mark or override, a noncharacter or another invisible formatting character; a name
    with no visible character (when ``required``); and one longer than ``limit``.
    """
    name = checked_characters(value, what=what)
    if not name:
        if required:
            raise ValidationError(QT_TRANSLATE_NOOP("UserError", "Fill in {what}."), what=what)
        return ""
    if len(name) > limit:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "{what} has at most {limit} characters."),
            what=what,
            limit=limit,
        )
    return name


def checked_characters(value: str | None, *, what: Term) -> str:
    """The text trimmed, its white space collapsed and zero-width characters dropped; refused
    as :func:`clean_name` does for its characters, but empty and any length allowed (callers
    with their own wording for those)."""
    text = value or ""
    for ch in text:
        _check_character(ch, what)
    cleaned = " ".join("".join(ch for ch in text if ch not in _ZERO_WIDTH).split())
    if not cleaned and text.strip():
        raise _invisible_only(what)
    return cleaned


def _check_character(ch: str, what: Term) -> None:
    if ch in _TYPED_WHITE_SPACE or ch in _ZERO_WIDTH:
        return
    code = f"U+{ord(ch):04X}"
    category = unicodedata.category(ch)
    if ch in _DIRECTION:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{what} contains a hidden text-direction mark ({code}) that makes it read "
                "backwards on screens and receipts. Delete the name and type it again.",
            ),
            what=what,
            code=code,
        )
    if category == "Cc":
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{what} contains a control character ({code}) that a keyboard does not type "
                "(it was pasted or scanned in). Delete the name and type it again.",
            ),
            what=what,
            code=code,
        )
    if _is_noncharacter(ch) or category in ("Cf", "Cs"):
        # Unassigned code points (Cn) other than noncharacters pass: Unicode adds rare Han
        # characters for names (Extension H, I) faster than Python's tables follow.
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{what} contains an invisible or invalid character ({code}). Delete the name "
                "and type it again.",
            ),
            what=what,
            code=code,
        )


def _is_noncharacter(ch: str) -> bool:
    point = ord(ch)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def _invisible_only(what: Term) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{what} has only invisible characters (zero-width spaces); type the name.",
        ),
        what=what,
    )
