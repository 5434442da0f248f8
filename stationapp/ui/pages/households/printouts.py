"""The printed 帮扶台账, rendered on the worker thread (the print recorded first, so the footer
carries its event's id) and printed on the GUI thread.

reportlab and the documents module are imported inside these functions, on first use: the
window's cold start does not pay for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stationapp.core import Station
from stationapp.ui.kit.printing import receipt_frame

if TYPE_CHECKING:
    from stationapp.core.county.households import Household

PRINT_KIND = "household_ledger"


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    printer: str


def _frame(station: Station, operator_name: str, entity_id: str) -> dict[str, object]:
    """The print recorded; the shared header (the station) and footer (that record's id)."""
    event = station.events.record_print(PRINT_KIND, entity_id)
    return receipt_frame(station, event.id, operator_name)


def _operators(station: Station) -> dict[str, str]:
    return {operator.id: operator.name for operator in station.operators.list()}


def render_household_ledger(
    station: Station, household_id: str, period: str, *, operator_name: str
) -> Rendered:
    """(On the worker.) One household's 帮扶台账 for ``period``."""
    from stationapp.receipts import households as documents

    pdf = documents.household_ledger(
        page=station.households.log(household_id, period),
        operators=_operators(station),
        **_frame(station, operator_name, household_id),
    )
    return Rendered(pdf, station.settings.get("printer"))


def render_station_ledger(station: Station, period: str, *, operator_name: str) -> Rendered:
    """(On the worker.) The station's 帮扶台账 for ``period``: every household's entries and
    the station's totals."""
    from stationapp.core.households.periods import period_of
    from stationapp.receipts import households as documents

    entries = station.households.entries(period)
    households: dict[str, Household] = {}
    for number in dict.fromkeys(entry.household_id for entry in entries):
        found = station.households.household(number)
        if found is not None:
            households[number] = found.household
    totals = station.households.station_totals(period)
    pdf = documents.station_ledger(
        period=period_of(period),
        entries=entries,
        households=households,
        totals=totals,
        operators=_operators(station),
        **_frame(station, operator_name, period),
    )
    return Rendered(pdf, station.settings.get("printer"))


def print_rendered(rendered: Rendered, parent: QWidget) -> bool:
    """Hand the PDF to the printer (the print dialog when no printer is set); False when the
    operator cancelled or the printer could not start."""
    from stationapp.ui.kit import printing

    return printing.print_pdf(
        rendered.pdf, printer_name=rendered.printer, parent=parent, ask=not rendered.printer
    )
