"""What a receipt's body is made of: rows, running text, rules, totals, tables, signature lines.

Each kind is a plain value; ``layout`` knows how to draw it on each paper. Every string is printed
as given: callers pass villagers' phone numbers and ID numbers masked, never whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from stationapp.core.i18n import translate
from stationapp.core.money import format_money

Align = Literal["left", "center", "right"]


def tr(text: str) -> str:
    """Translate a receipt string; mark its source with ``QT_TRANSLATE_NOOP("Receipt", ...)``."""
    return translate("Receipt", text)


@dataclass(frozen=True)
class Row:
    """A label and its value: label on the left, value on the right (wrapped when long)."""

    label: str
    value: str


@dataclass(frozen=True)
class Text:
    """Running text, wrapped to the paper's width (Chinese breaks between any two characters)."""

    text: str
    emphasis: bool = False
    align: Align = "left"
    small: bool = False


@dataclass(frozen=True)
class Separator:
    """A dashed rule across the width."""


@dataclass(frozen=True)
class Total:
    """A money total in larger type: ``amount`` in integer fen, or a string already formatted."""

    label: str
    amount: int | str

    @property
    def shown(self) -> str:
        """The amount as printed. Fen are always grouped in thousands (``¥1,234.56``): a total
        stands alone in large type, where a missed digit is the likelier mistake."""
        if isinstance(self.amount, str):
            return self.amount
        return format_money(self.amount, grouping=True)


@dataclass(frozen=True)
class Column:
    """One column of a ``Table``: its title, its share of the width, its alignment."""

    title: str
    weight: float = 1.0
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """Rows under a header; cells wrap within their column; on A4 the table breaks onto new
    pages and repeats its header there."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row {number} has {len(row)} cells for {len(self.columns)} columns"
                )


@dataclass(frozen=True)
class Signature:
    """Room to sign by hand, then ``签字：________`` (or another label, e.g. the payee's)."""

    label: str | None = None


@dataclass(frozen=True)
class Ruler:
    """A millimetre ruler across the usable width (the printer test page uses it)."""


@dataclass(frozen=True)
class Spacer:
    """Empty vertical space."""

    height_mm: float = 3.0


Line = Row | Text | Separator | Total | Table | Signature | Ruler | Spacer
