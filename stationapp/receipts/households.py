"""The household log's document (DESIGN §8): the printed 帮扶台账 on A4 landscape, one row per log
entry of one household or of the whole station for a period, in DOMAIN.md's purchase-log columns
(date, 户编号, name, masked ID, phone, village, type, what, product, grade, quantity, unit, unit
price against the market price, amount, paid how, income, fees waived, operator) with a column
for the villager's signature or thumbprint, and the period's totals.

ID numbers print as ``**************1234`` and phones as ``尾号5678`` (DESIGN §11), as the
registry holds them; the document never sees a whole number."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from stationapp.core.households.ledger import METHOD, SERVICE, WHAT, WHAT_BY_LINE
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import format_money
from stationapp.receipts.document import (
    Column,
    Line,
    Receipt,
    ReceiptFooter,
    ReceiptHeader,
    Signature,
    Table,
    Text,
    render,
    tr,
)
from stationapp.receipts.paper import MM, PAPERS, Paper

if TYPE_CHECKING:
    from stationapp.core.county.households import Household
    from stationapp.core.households.facade import HouseholdLogPage
    from stationapp.core.households.periods import Period
    from stationapp.core.households.reading import LogEntry, StationTotals

# A4 turned: 18 columns need the long side; the table's type a size smaller than a letter's.
A4_LANDSCAPE: Paper = replace(
    PAPERS["A4"],
    width=297 * MM,
    height=210 * MM,
    margin_x=12 * MM,
    margin_top=12 * MM,
    margin_bottom=10 * MM,
    body_size=8.5,
    total_size=11,
    small_size=7.5,
    qr_size=22 * MM,
)
# Room for a thumbprint: every row is at least three lines tall.
_SIGN_CELL = "\n\n"


def household_ledger(
    *,
    page: HouseholdLogPage,
    operators: Mapping[str, str] | None = None,
    header: ReceiptHeader,
    footer: ReceiptFooter,
) -> bytes:
    """帮扶台账 of one household: ``page`` is ``st.households.log(household_id, period)``;
    ``operators`` maps operator ids to names (``{o.id: o.name for o in
    st.operators.list()}``; an id not in it prints blank). The head, type,
    village, masked ID and phone head the sheet; the totals close it."""
    found = page.household
    household = found.household if found is not None else None
    lines: list[Line] = [
        Text(_household_line(page.household_id, household)),
        Text(_period_line(page.period)),
    ]
    if household is None:
        lines.append(
            Text(
                tr(
                    QT_TRANSLATE_NOOP(
                        "Receipt", "The county's registry no longer lists this household."
                    )
                ),
                emphasis=True,
            )
        )
    known = {page.household_id: household} if household is not None else {}
    lines.append(_table(page.entries, known, operators or {}))
    totals = page.totals
    figures = [
        (QT_TRANSLATE_NOOP("Receipt", "Entries"), str(totals.events)),
        (QT_TRANSLATE_NOOP("Receipt", "Services"), str(totals.services)),
        (QT_TRANSLATE_NOOP("Receipt", "Fees waived"), format_money(totals.fees_waived_fen)),
        (QT_TRANSLATE_NOOP("Receipt", "Income brought"), format_money(totals.income_fen)),
    ]
    lines += [
        _figures(figures),
        Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Station operator's signature"))),
    ]
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Household assistance ledger"))
    receipt = Receipt(title=title, header=header, lines=lines, footer=footer)
    return render(receipt, A4_LANDSCAPE)


def station_ledger(
    *,
    period: Period,
    entries: Sequence[LogEntry],
    households: Mapping[str, Household],
    totals: StationTotals,
    operators: Mapping[str, str] | None = None,
    header: ReceiptHeader,
    footer: ReceiptFooter,
) -> bytes:
    """帮扶台账 of the station for a period: every household's entries (``st.households.
    entries(period)``), ``households`` the registry's rows by 户编号 for the names, masked IDs,
    villages and types (``st.households.household(id).household``), ``totals`` from
    ``st.households.station_totals(period)``: households helped, people, bought, income."""
    lines: list[Line] = [
        Text(_period_line(period)),
        _table(entries, households, operators or {}),
        _figures(
            [
                (QT_TRANSLATE_NOOP("Receipt", "Households helped"), str(totals.households_helped)),
                (QT_TRANSLATE_NOOP("Receipt", "People in them"), str(totals.people)),
                (QT_TRANSLATE_NOOP("Receipt", "Services"), str(totals.services)),
                (QT_TRANSLATE_NOOP("Receipt", "Bought from them"), format_money(totals.bought_fen)),
                (QT_TRANSLATE_NOOP("Receipt", "Fees waived"), format_money(totals.fees_waived_fen)),
                (QT_TRANSLATE_NOOP("Receipt", "Income brought"), format_money(totals.income_fen)),
            ]
        ),
        Signature(tr(QT_TRANSLATE_NOOP("Receipt", "Station operator's signature"))),
    ]
    title = tr(QT_TRANSLATE_NOOP("Receipt", "Household assistance ledger"))
    receipt = Receipt(title=title, header=header, lines=lines, footer=footer)
    return render(receipt, A4_LANDSCAPE)


# --- the table --------------------------------------------------------------------------------

_COLUMNS = (
    (QT_TRANSLATE_NOOP("Receipt", "Date"), 1.7, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Household no."), 2.3, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Name"), 1.3, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "ID number"), 3.5, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Phone"), 1.6, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Village"), 1.3, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Type"), 1.3, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "What"), 2.2, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Product"), 1.8, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Grade"), 0.9, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Quantity"), 1.3, "right"),
    (QT_TRANSLATE_NOOP("Receipt", "Price (market)"), 1.7, "right"),
    (QT_TRANSLATE_NOOP("Receipt", "Amount"), 1.6, "right"),
    (QT_TRANSLATE_NOOP("Receipt", "Paid by"), 1.2, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Income"), 1.6, "right"),
    (QT_TRANSLATE_NOOP("Receipt", "Fee waived"), 1.2, "right"),
    (QT_TRANSLATE_NOOP("Receipt", "Signature / thumbprint"), 1.8, "left"),
    (QT_TRANSLATE_NOOP("Receipt", "Operator"), 1.1, "left"),
)


def _table(
    entries: Sequence[LogEntry],
    households: Mapping[str, Household],
    operators: Mapping[str, str],
) -> Table:
    columns = [Column(tr(title), weight, align) for title, weight, align in _COLUMNS]  # type: ignore[arg-type]
    rows = [_row(entry, households.get(entry.household_id), operators) for entry in entries]
    return Table(columns, rows)


def _row(entry: LogEntry, household: Household | None, operators: Mapping[str, str]) -> list[str]:
    amount = entry.paid_out_fen or entry.paid_in_fen
    name = entry.person or (household.head_name if household else "")
    return [
        entry.day,
        entry.household_id,
        name,
        household.id_masked if household else "",
        household.phone_masked if household else "",
        household.village if household else "",
        _kind(household) if household else "",
        _what(entry),
        entry.product,
        entry.grade,
        f"{entry.quantity} {entry.unit}".strip(),
        _price(entry),
        format_money(amount) if amount else "",
        "、".join(METHOD.get(m, m) for m in entry.pay_methods.split(",") if m),
        format_money(entry.income_fen) if entry.income_fen else "",
        format_money(entry.fee_waived_fen) if entry.fee_waived_fen else "",
        _SIGN_CELL,
        operators.get(entry.operator, ""),
    ]


def _what(entry: LogEntry) -> str:
    if entry.service:
        kind = SERVICE.get(entry.service_kind, entry.service_kind)
        return "\n".join(part for part in ("帮扶服务", kind, entry.note) if part)
    return WHAT.get(entry.type) or WHAT_BY_LINE.get(entry.type.partition(".")[0], entry.type)


def _price(entry: LogEntry) -> str:
    if entry.unit_price_fen is None:
        return ""
    shown = format_money(entry.unit_price_fen)
    if entry.market_price_fen is not None:
        shown += f"\n({format_money(entry.market_price_fen)})"
    return shown


def _household_line(number: str, household: Household | None) -> str:
    """户编号, head, masked ID and phone, village, type, people: one line across the sheet."""
    parts = [(QT_TRANSLATE_NOOP("Receipt", "Household no."), number)]
    if household is not None:
        parts += [
            (QT_TRANSLATE_NOOP("Receipt", "Head of household"), household.head_name),
            (QT_TRANSLATE_NOOP("Receipt", "ID number"), household.id_masked),
            (QT_TRANSLATE_NOOP("Receipt", "Phone"), household.phone_masked),
            (QT_TRANSLATE_NOOP("Receipt", "Village"), _village(household)),
            (QT_TRANSLATE_NOOP("Receipt", "Household type"), _kind(household).replace("\n", " ")),
            (QT_TRANSLATE_NOOP("Receipt", "People"), str(household.members)),
        ]
    return "　".join(f"{tr(label)} {value}" for label, value in parts if value)


def _figures(figures: list[tuple[str, str]]) -> Table:
    """The period's totals as one row under their names."""
    columns = [Column(tr(label), 1, "right") for label, _ in figures]
    return Table(columns, [[value for _, value in figures]])


def _kind(household: Household) -> str:
    if household.monitoring_type:
        return f"{household.household_type}\n{household.monitoring_type}".strip()
    return household.household_type


def _village(household: Household) -> str:
    return " ".join(p for p in (household.township, household.village) if p)


def _period_line(period: Period | None) -> str:
    label = tr(QT_TRANSLATE_NOOP("Receipt", "Period"))
    if period is None:
        return label + " " + tr(QT_TRANSLATE_NOOP("Receipt", "All time"))
    return f"{label} {period.label}（{period.first.isoformat()} – {period.last.isoformat()}）"
