"""Money is an ``int`` of fen (分): parse what an operator types, format what receipts show,
and :class:`Money`, the ``money`` entries an event that moves money carries (DESIGN §3).

Amounts are parsed digit by digit, never through ``float``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term, translate

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


# --- money entries: what a money-moving event carries (DESIGN §3) ---------------------------

METHODS = ("cash", "wechat", "alipay", "bank")
"""How money moves: the cash box, the station's own WeChat and Alipay collection codes, a bank
transfer. The day close counts each one apart."""

METHOD_NAMES: dict[str, Term] = {
    "cash": Term(QT_TRANSLATE_NOOP("UserError", "Cash")),
    "wechat": Term(QT_TRANSLATE_NOOP("UserError", "WeChat Pay")),
    "alipay": Term(QT_TRANSLATE_NOOP("UserError", "Alipay")),
    "bank": Term(QT_TRANSLATE_NOOP("UserError", "Bank transfer")),
}
"""The methods' names for receipts, screens and refusals (现金, 微信支付, 支付宝, 银行转账)."""


def method_name(method: str) -> str:
    """The method's name in the installed language; an unknown code is shown as it is."""
    return translate("UserError", METHOD_NAMES[method]) if method in METHOD_NAMES else method


@dataclass(frozen=True)
class Entry:
    """One movement seen from the station's cash box and accounts: ``fen > 0`` taken in,
    ``fen < 0`` paid out; a known method and a non-zero integer fen, or refused."""

    method: str
    fen: int

    def __post_init__(self) -> None:
        _check_entry(self.method, self.fen)


@dataclass(frozen=True)
class Money:
    """The ``money`` of an event: its entries in the order written, never empty, each of a known
    method and a non-zero integer fen. The day close needs nothing else of the event."""

    entries: tuple[Entry, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))
        if not all(isinstance(e, Entry) for e in self.entries):
            raise TypeError("Money holds Entry values; read a payload with Money.from_payload")
        if not self.entries:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Money must move here: enter at least one amount and its method."
                )
            )

    @classmethod
    def of(cls, method: str, fen: int) -> Money:
        """A single entry: ``Money.of("cash", 800)``, ¥8.00 taken in cash."""
        return cls((Entry(method, fen),))

    @classmethod
    def from_payload(cls, items: Any) -> Money:
        """Read an event's ``[{"method": "cash", "fen": 800}, ...]``, refusing any other shape."""
        if not isinstance(items, list | tuple):
            raise _not_entries()
        entries = []
        for item in items:
            if not isinstance(item, dict) or set(item) != {"method", "fen"}:
                raise _not_entries()
            entries.append(Entry(item["method"], item["fen"]))
        return cls(tuple(entries))

    def to_payload(self) -> list[dict[str, Any]]:
        """The payload's list, plain strings and ints in the entries' order."""
        return [{"method": e.method, "fen": e.fen} for e in self.entries]

    @property
    def total(self) -> int:
        """Fen in (positive) or out (negative) over every method."""
        return sum(e.fen for e in self.entries)

    def by_method(self) -> dict[str, int]:
        """Net fen per method, in :data:`METHODS` order, for the methods the entries use."""
        totals = {m: sum(e.fen for e in self.entries if e.method == m) for m in METHODS}
        used = {e.method for e in self.entries}
        return {m: fen for m, fen in totals.items() if m in used}

    def reversed(self) -> Money:
        """The opposite entries, in the same order: what a refund of all of it or a void of its
        event moves (a void only before the day close that covers the event, DESIGN §3)."""
        return Money(tuple(Entry(e.method, -e.fen) for e in self.entries))


def money_of(payload: dict[str, Any]) -> Money | None:
    """An event payload's ``money``, or None for an event that moved none (older events too)."""
    items = payload.get("money")
    return None if items is None else Money.from_payload(items)


def refund_within(taken: Money, *refunds: Money) -> None:
    """Refuse refunds that give back more than was taken, method by method.

    ``refunds`` are every refund of ``taken`` so far, the new one included, as their events carry
    them (opposite in sign to what they give back). Per method rather than in total: the day close
    counts each method apart, so money taken by WeChat and handed back in cash would leave the
    cash box short and the WeChat account long. Works both ways: money paid out (``fen < 0``)
    comes back as positive entries, never beyond what was paid.
    """
    given_back: dict[str, int] = {}
    for refund in refunds:
        for method, fen in refund.by_method().items():
            given_back[method] = given_back.get(method, 0) + fen
    had = taken.by_method()
    for method, fen in given_back.items():
        moved = had.get(method, 0)
        if fen == 0:
            continue
        if moved == 0 or (fen > 0) == (moved > 0) or abs(fen) > abs(moved):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The refund by {method} is {refund}, more than the {taken} that moved by "
                    "{method}; give back no more than was paid, by the same method.",
                ),
                method=METHOD_NAMES[method],
                refund=format_money(abs(fen)),
                taken=format_money(abs(moved)),
            )


def check_method(method: Any) -> str:
    """``method`` when it is one of :data:`METHODS`; refused otherwise."""
    if method not in METHODS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "'{method}' is not a way money moves here; use cash, wechat, alipay or bank.",
            ),
            method=_clip(str(method)),
        )
    return method


def _check_entry(method: Any, fen: Any) -> None:
    check_method(method)
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "An amount of money is a whole number of fen, not {value}."
            ),
            value=_clip(repr(fen)),
        )
    if fen == 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "An amount of ¥0.00 by {method} moves no money; leave it out.",
            ),
            method=METHOD_NAMES[method],
        )
    if abs(fen) > MAX_FEN:
        raise _too_much(format_money(fen), MAX_FEN)


def _not_entries() -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "Money is written as a list of entries, each a method and an amount in fen "
            "and nothing else.",
        )
    )
