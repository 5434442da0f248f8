"""Money is an ``int`` of fen (分): parse what an operator types, format what receipts show.

Amounts are parsed digit by digit, never through ``float``.
"""

from __future__ import annotations

import re
import unicodedata

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

MAX_FEN = 100_000_000
"""The default ceiling of :func:`parse_money`: ¥1,000,000.00, far above any one transaction."""

GROUPING_FROM_FEN = 1_000_000
"""Amounts from ¥10,000.00 up get thousands separators: below that a receipt's narrow column reads
better without them, above it a missed digit is the likelier mistake."""

_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_SIGN_AND_SYMBOL = re.compile(
    r"^(?P<sign1>[-+]?)\s*(?P<symbol>¥|RMB|CNY)?\s*(?P<sign2>[-+]?)\s*(?P<body>.*)$",
    re.IGNORECASE,
)
_INTEGER = r"\d{1,3}(?:,\d{3})+|\d+"
_DECIMAL_FORM = re.compile(rf"^(?P<yuan>{_INTEGER})?(?:\.(?P<decimals>\d*))?\s*(?:[元块]\s*整?)?$")
_UNIT_FORM = re.compile(
    rf"^(?:(?P<yuan>{_INTEGER})\s*[元块]\s*)?"
    r"(?:(?P<jiao>\d+)\s*[角毛]\s*)?"
    r"(?:(?P<fen>\d+)\s*分\s*)?整?$"
)
_MAX_YUAN_DIGITS = 15
_OUR_DIGITS = frozenset("0123456789０１２３４５６７８９")


def parse_money(
    text: str | int,
    *,
    allow_negative: bool = False,
    allow_zero: bool = True,
    max_fen: int = MAX_FEN,
) -> int:
    """Read an amount as integer fen.

    A ``str`` is what an operator typed: ``12.5``, ``¥12.50``, ``12元5角3分``, ``1,234.50``,
    full-width digits. An ``int`` is taken as fen already (a value from the store or a form that
    holds fen) and is only range-checked. Refuses with :class:`ValidationError`.
    """
    if isinstance(text, bool) or not isinstance(text, int | str):
        raise TypeError(
            f"parse_money takes the typed text or an int of fen, not {type(text).__name__}"
        )
    if isinstance(text, int):
        return _checked(text, format_money(text), allow_negative, allow_zero, max_fen)
    shown = _clip(text.strip())
    _check_digits(text, shown)
    cleaned = unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip()
    if not cleaned:
        raise ValidationError(QT_TRANSLATE_NOOP("UserError", "Enter an amount, like 12.50."))
    match = _SIGN_AND_SYMBOL.match(cleaned)
    if match is None or (match["sign1"] and match["sign2"]):
        raise _not_an_amount(shown)
    negative = "-" in (match["sign1"], match["sign2"])
    fen = _unsigned_fen(match["body"], shown, max_fen)
    return _checked(-fen if negative else fen, shown, allow_negative, allow_zero, max_fen)


def foreign_digits(text: str) -> str:
    """The characters of ``text`` that Python reads as digits but are not 0-9 or the
    full-width ０-９ (Arabic-Indic ٥٠, Devanagari, superscript ², circled ①...), each once."""
    return "".join(
        dict.fromkeys(
            ch for ch in text if unicodedata.digit(ch, None) is not None and ch not in _OUR_DIGITS
        )
    )


def _check_digits(text: str, shown: str) -> None:
    # int() and Decimal() read every script's digits: '٥٠' would be taken as ¥50.00
    wrong = foreign_digits(text)
    if wrong:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The amount {amount} has digits other than 0–9 ({digits}); type it again with "
                "the digits 0–9.",
            ),
            amount=shown,
            digits=wrong,
        )


def _unsigned_fen(body: str, shown: str, max_fen: int) -> int:
    decimal = _DECIMAL_FORM.match(body)
    if decimal is not None and (decimal["yuan"] or decimal["decimals"]):
        decimals = decimal["decimals"] or ""
        if len(decimals) > 2:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The amount {amount} has more than two decimals; write it like 12.50.",
                ),
                amount=shown,
            )
        return _yuan_to_fen(decimal["yuan"], shown, max_fen) + int(decimals.ljust(2, "0"))
    units = _UNIT_FORM.match(body)
    if units is None or not any(units.group("yuan", "jiao", "fen")):
        raise _not_an_amount(shown)
    for part in ("jiao", "fen"):
        if units[part] is not None and len(units[part]) > 1:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "In {amount}, jiao (角) and fen (分) take one digit each, 0 to 9; "
                    "write it like 12元5角 or 12.50.",
                ),
                amount=shown,
            )
    jiao = int(units["jiao"] or 0)
    fen = int(units["fen"] or 0)
    return _yuan_to_fen(units["yuan"], shown, max_fen) + jiao * 10 + fen


def _yuan_to_fen(yuan: str | None, shown: str, max_fen: int) -> int:
    digits = (yuan or "0").replace(",", "")
    if len(digits.lstrip("0")) > _MAX_YUAN_DIGITS:
        raise _too_much(shown, max_fen)
    return int(digits) * 100


def _checked(fen: int, shown: str, allow_negative: bool, allow_zero: bool, max_fen: int) -> int:
    if fen < 0 and not allow_negative:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The amount {amount} is negative; enter it without the minus sign.",
            ),
            amount=shown,
        )
    if fen == 0 and not allow_zero:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "The amount cannot be zero here; enter an amount above ¥0.00."
            )
        )
    if abs(fen) > max_fen:
        raise _too_much(shown, max_fen)
    return fen


def _not_an_amount(shown: str) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError", "{amount} is not an amount; write it like 12.50 or 12元5角."
        ),
        amount=shown,
    )


def _too_much(shown: str, max_fen: int) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The amount {amount} is more than {limit}; check the digits and enter it again.",
        ),
        amount=shown,
        limit=format_money(max_fen),
    )


def format_money(fen: int, *, grouping: bool | None = None) -> str:
    """``¥12.50``, ``¥0.00``, ``-¥3.05``; thousands are grouped from ¥10,000.00 up (``¥12,345.00``)
    unless ``grouping`` says otherwise."""
    if grouping is None:
        grouping = abs(_fen(fen)) >= GROUPING_FROM_FEN
    else:
        _fen(fen)
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    whole = f"{yuan:,}" if grouping else str(yuan)
    return f"{sign}¥{whole}.{cents:02d}"


def fen_to_yuan_str(fen: int) -> str:
    """``12.50`` or ``-3.05``: no symbol, no grouping, for form fields; it parses back unchanged."""
    sign = "-" if _fen(fen) < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan}.{cents:02d}"


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fen(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"money is an int of fen, not {type(value).__name__}")
    return value
