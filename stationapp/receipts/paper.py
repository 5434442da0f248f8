"""Paper kinds a station prints on: 80 mm and 58 mm thermal rolls, and A4 sheets.

Sizes are in PDF points (1/72 inch). A roll has a fixed width and no fixed height: a roll receipt's
page is as tall as its content, so no paper is wasted. An A4 page is a normal page.
"""

from __future__ import annotations

from dataclasses import dataclass

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

MM = 72 / 25.4
"""Points per millimetre."""


@dataclass(frozen=True)
class Paper:
    """One paper kind: page width, margins and the font sizes that read well on it."""

    kind: str
    label: str  # English source, context "Receipt"; translate when shown
    width: float
    height: float | None  # None: a roll, the page height follows the content
    margin_x: float
    margin_top: float
    margin_bottom: float
    station_name_size: float
    title_size: float
    body_size: float
    total_size: float
    small_size: float
    qr_size: float

    @property
    def is_roll(self) -> bool:
        return self.height is None

    @property
    def usable_width(self) -> float:
        """Width between the margins, where the printer can print."""
        return self.width - 2 * self.margin_x

    @property
    def usable_width_mm(self) -> int:
        return round(self.usable_width / MM)


# Roll printers print about 72 mm of an 80 mm roll and 48 mm of a 58 mm roll; the bottom margin
# leaves room above the tear bar so the footer is never torn. Operators have weak eyes: body text
# stays at 9-10 pt even on the narrow roll.
PAPERS: dict[str, Paper] = {
    "80mm": Paper(
        kind="80mm",
        label=QT_TRANSLATE_NOOP("Receipt", "80 mm roll"),
        width=80 * MM,
        height=None,
        margin_x=4 * MM,
        margin_top=4 * MM,
        margin_bottom=8 * MM,
        station_name_size=14,
        title_size=12,
        body_size=10,
        total_size=12,
        small_size=8,
        qr_size=26 * MM,
    ),
    "58mm": Paper(
        kind="58mm",
        label=QT_TRANSLATE_NOOP("Receipt", "58 mm roll"),
        width=58 * MM,
        height=None,
        margin_x=5 * MM,
        margin_top=4 * MM,
        margin_bottom=8 * MM,
        station_name_size=13,
        title_size=11,
        body_size=9,
        total_size=11,
        small_size=7.5,
        qr_size=24 * MM,
    ),
    "A4": Paper(
        kind="A4",
        label=QT_TRANSLATE_NOOP("Receipt", "A4 sheet"),
        width=210 * MM,
        height=297 * MM,
        margin_x=18 * MM,
        margin_top=16 * MM,
        margin_bottom=16 * MM,
        station_name_size=18,
        title_size=14,
        body_size=11,
        total_size=13,
        small_size=9,
        qr_size=28 * MM,
    ),
}

PAPER_KINDS: tuple[str, ...] = tuple(PAPERS)


def validate_paper(text: str) -> str:
    """The paper kind named by ``text`` ("80mm", "58mm" or "A4"; case and spaces forgiven)."""
    wanted = text.strip().replace(" ", "").lower()
    for kind in PAPERS:
        if kind.lower() == wanted:
            return kind
    raise ValidationError(
        QT_TRANSLATE_NOOP("UserError", "The paper kind {kind} is unknown; choose one of {kinds}."),
        kind=text,
        kinds=", ".join(PAPER_KINDS),
    )


def paper_for(kind: str) -> Paper:
    """The ``Paper`` of a kind, validated."""
    return PAPERS[validate_paper(kind)]
