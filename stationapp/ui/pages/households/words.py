"""The log's words as the page shows them: what an event was, a service's kind, the periods the
operator chooses from (this month, a month, a quarter, a year)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from stationapp.core.households.reading import LogEntry
from stationapp.core.money import format_money

WHAT = {
    "produce.bought": QT_TRANSLATE_NOOP("HouseholdWords", "Produce bought"),
    "produce.consigned": QT_TRANSLATE_NOOP("HouseholdWords", "Goods taken to sell"),
    "produce.sold": QT_TRANSLATE_NOOP("HouseholdWords", "Consigned goods sold"),
    "produce.settled": QT_TRANSLATE_NOOP("HouseholdWords", "Consignment settled"),
    "household.helped": QT_TRANSLATE_NOOP("HouseholdWords", "Service"),
    "parcel.received": QT_TRANSLATE_NOOP("HouseholdWords", "Parcel received for them"),
    "parcel.sent": QT_TRANSLATE_NOOP("HouseholdWords", "Parcel sent for them"),
}
WHAT_BY_LINE = {
    "order": QT_TRANSLATE_NOOP("HouseholdWords", "Proxy purchase"),
    "bill": QT_TRANSLATE_NOOP("HouseholdWords", "Bill"),
    "produce": QT_TRANSLATE_NOOP("HouseholdWords", "Produce"),
    "parcel": QT_TRANSLATE_NOOP("HouseholdWords", "Parcel"),
}
SERVICE_KINDS = {
    "training": QT_TRANSLATE_NOOP("HouseholdWords", "Training"),
    "advice": QT_TRANSLATE_NOOP("HouseholdWords", "Advice"),
    "form": QT_TRANSLATE_NOOP("HouseholdWords", "A form filled in"),
    "other": QT_TRANSLATE_NOOP("HouseholdWords", "Other"),
}


def tr(text: str) -> str:
    """``text`` marked with QT_TRANSLATE_NOOP above, in the operator's language."""
    return QCoreApplication.translate("HouseholdWords", text)


def what_of(entry: LogEntry) -> str:
    """``Service (Training)``, ``Produce bought``, ``Proxy purchase``..."""
    if entry.service:
        kind = SERVICE_KINDS.get(entry.service_kind)
        return QCoreApplication.translate("HouseholdWords", "Service ({kind})").format(
            kind=tr(kind) if kind else entry.service_kind
        )
    words = WHAT.get(entry.type) or WHAT_BY_LINE.get(entry.type.partition(".")[0])
    return tr(words) if words else entry.type


def goods_of(entry: LogEntry) -> str:
    """The product with its grade and quantity, else the money that moved (else empty)."""
    if entry.product:
        quantity = f" {entry.quantity}{entry.unit}" if entry.quantity else ""
        grade = f" {entry.grade}" if entry.grade else ""
        return f"{entry.product}{grade}{quantity}"
    if entry.paid_out_fen:
        return QCoreApplication.translate("HouseholdWords", "paid {amount}").format(
            amount=format_money(entry.paid_out_fen)
        )
    if entry.paid_in_fen:
        return QCoreApplication.translate("HouseholdWords", "took {amount}").format(
            amount=format_money(entry.paid_in_fen)
        )
    return ""


def amount_of(entry: LogEntry) -> str:
    moved = entry.paid_out_fen or entry.paid_in_fen
    return format_money(moved) if moved else ""


def periods(today: date) -> list[tuple[str, str]]:
    """(label shown, period) to choose from: this month, the 11 months before it, this year's
    quarters and last year's, this year and the two before."""
    chosen = [
        (
            QCoreApplication.translate("HouseholdWords", "This month ({period})").format(
                period=f"{today:%Y-%m}"
            ),
            f"{today:%Y-%m}",
        )
    ]
    year, month = today.year, today.month
    for _ in range(11):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        chosen.append(
            (
                QCoreApplication.translate("HouseholdWords", "Month {period}").format(
                    period=f"{year}-{month:02d}"
                ),
                f"{year}-{month:02d}",
            )
        )
    current_quarter = (today.month - 1) // 3 + 1
    for year in (today.year, today.year - 1):
        last = current_quarter if year == today.year else 4
        for quarter in range(last, 0, -1):
            label = f"{year}-Q{quarter}"
            chosen.append(
                (
                    QCoreApplication.translate("HouseholdWords", "Quarter {period}").format(
                        period=label
                    ),
                    label,
                )
            )
    for year in (today.year, today.year - 1, today.year - 2):
        chosen.append(
            (
                QCoreApplication.translate("HouseholdWords", "Year {period}").format(period=year),
                str(year),
            )
        )
    return chosen
