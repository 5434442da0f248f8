"""Table models over the station's lists, lazy where a list can be long.

The shelf list may hold a million parcels, so :class:`ShelfModel` fetches the next page when
the view scrolls to the end (Qt's ``canFetchMore`` / ``fetchMore``) and keeps the rows of only
:data:`CACHED_PAGES` pages, the ones read last: a page scrolled out of the cache is forgotten
but for where it starts (its keyset key, two short texts) and is fetched again when a view
shows it. Scrolling through 100,000 rows then holds about 2,000 of them, not all (which took
249 MB). Each page is fetched on the station's database thread through the worker, never on
the GUI thread: one thread owns the database (STYLE.md), and a slow disk then costs a short wait
for the next page, not a frozen window. A page is fetched by keyset (after the last parcel of
the page before), so the thousandth page costs what the first does; a filter change starts a
new generation and drops any page still on its way for the old one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, NamedTuple

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from stationapp.core import Station, clock
from stationapp.core.parcels.facade import Parcel
from stationapp.ui.kit.worker import StationWorker

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
"""Rows per page: a few screens' worth, small enough to fetch in a few milliseconds."""
CACHED_PAGES = 10
"""Pages whose rows the shelf model keeps (the ones read last): 2,000 rows, some 5 MB."""


class PageStart(NamedTuple):
    """Where a page starts: after the parcel with this (received_at, id), as
    ``ShelfQuery.page`` takes it."""

    received_at: str
    id: str


STATUS_WORDS = {
    "waiting": QT_TRANSLATE_NOOP("ParcelWords", "On the shelf"),
    "picked_up": QT_TRANSLATE_NOOP("ParcelWords", "Picked up"),
    "returned": QT_TRANSLATE_NOOP("ParcelWords", "Returned"),
}

AMBER = QColor("#ffe6a6")
RED = QColor("#ffc4c4")


def status_word(status: str) -> str:
    return QCoreApplication.translate("ParcelWords", STATUS_WORDS.get(status, status))


def received_text(parcel: Parcel) -> str:
    """``11-22 09:30``: when the parcel came, short enough for a table cell."""
    return parcel.received_at[5:16].replace("T", " ")


class ShelfModel(QAbstractTableModel):
    """The parcels on the shelves (or picked up, or returned), oldest first, fetched by page."""

    count_changed = Signal(int)
    page_loaded = Signal(int)

    COLUMNS = (
        ("code", QT_TRANSLATE_NOOP("ShelfModel", "Pickup code")),
        ("carrier", QT_TRANSLATE_NOOP("ShelfModel", "Carrier")),
        ("waybill", QT_TRANSLATE_NOOP("ShelfModel", "Waybill")),
        ("name", QT_TRANSLATE_NOOP("ShelfModel", "Recipient")),
        ("phone", QT_TRANSLATE_NOOP("ShelfModel", "Phone")),
        ("received", QT_TRANSLATE_NOOP("ShelfModel", "Arrived")),
        ("age", QT_TRANSLATE_NOOP("ShelfModel", "Days")),
        ("status", QT_TRANSLATE_NOOP("ShelfModel", "Status")),
        ("reminded", QT_TRANSLATE_NOOP("ShelfModel", "Reminded")),
    )
    AGE_COLUMN = 6

    def __init__(
        self,
        station: Station,
        worker: StationWorker,
        *,
        page_size: int = PAGE_SIZE,
        cached_pages: int = CACHED_PAGES,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._station = station
        self._worker = worker
        self.page_size = page_size
        self.cached_pages = max(cached_pages, 2)
        self._row_count = 0
        self._pages: OrderedDict[int, list[Parcel]] = OrderedDict()  # least recently read first
        self._starts: list[PageStart | None] = [None]  # page k starts after _starts[k]
        self._refetching: set[int] = set()
        self._query: Any = None  # a ShelfQuery, used on the database thread only
        self._generation = 0
        self._fetching = False
        self._exhausted = True
        self.total = 0
        self.today = clock.business_day()
        self.amber_days = 3
        self.red_days = 7
        self.filter: dict[str, Any] = {"shelf": None, "status": "waiting", "overdue_only": False}

    # what the panel asks ------------------------------------------------------------------------

    def set_filter(
        self, *, shelf: str | None = None, status: str = "waiting", overdue_only: bool = False
    ) -> None:
        """Show another selection: the rows go, the count and the first page are fetched."""
        self.filter = {"shelf": shelf or None, "status": status, "overdue_only": overdue_only}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._generation += 1
        self._row_count = 0
        self._pages.clear()
        self._starts = [None]
        self._refetching.clear()
        self._query = None
        self._fetching = True
        self._exhausted = False
        self.today = clock.business_day()
        self.endResetModel()
        generation = self._generation
        self._worker.call(
            _open_query,
            self._station,
            self.filter,
            self.page_size,
            on_done=lambda opened: self._opened(generation, opened),
        )

    def set_thresholds(self, amber_days: int, red_days: int) -> None:
        """Ages from ``amber_days`` show amber, from ``red_days`` red (the overdue and return
        days of the settings)."""
        self.amber_days, self.red_days = amber_days, red_days
        if self._row_count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._row_count - 1, len(self.COLUMNS) - 1)
            )

    def parcel(self, row: int) -> Parcel | None:
        """The parcel of ``row`` when its page is in the cache (else None; a view showing the
        row fetches it again)."""
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        return page[offset] if page is not None and offset < len(page) else None

    def fetch_parcels(self, rows: list[int], on_done: Callable[[list[Parcel]], None]) -> None:
        """The parcels of ``rows`` (a selection may reach rows scrolled out of the cache), those
        not cached read again on the database thread; ``on_done`` gets them in row order."""
        size = self.page_size
        wanted = sorted(r for r in set(rows) if 0 <= r < self._row_count)
        missing = sorted({r // size for r in wanted} - set(self._pages))
        generation, query = self._generation, self._query
        starts = {number: self._starts[number] for number in missing}

        def read() -> dict[int, list[Parcel]]:
            return {number: query.page(starts[number], size) for number in missing}

        def found(pages: dict[int, list[Parcel]]) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            parcels = []
            for row in wanted:
                number, offset = divmod(row, size)
                page = pages.get(number) or self._pages.get(number) or []
                if offset < len(page):
                    parcels.append(page[offset])
            on_done(parcels)

        if missing and query is not None:
            self._worker.call(read, on_done=found)
        else:
            found({})

    @property
    def loaded(self) -> int:
        """Rows in the model (scrolled to so far); their parcels are cached by page."""
        return self._row_count

    @property
    def cached_rows(self) -> int:
        """Rows whose parcels the model holds (at most ``cached_pages`` pages)."""
        return sum(len(page) for page in self._pages.values())

    @property
    def busy(self) -> bool:
        return self._fetching or bool(self._refetching)

    # QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._row_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._fetching and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent) or self._query is None:
            return
        self._fetching = True
        generation = self._generation
        self._worker.call(
            self._query.page,
            self._starts[-1],
            self.page_size,
            on_done=lambda rows: self._append(generation, rows),
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._row_count:
            return None
        number, offset = divmod(index.row(), self.page_size)
        page = self._pages.get(number)
        if page is None:  # scrolled out of the cache: shown blank until it is read again
            self._refetch(number)
            return None
        self._pages.move_to_end(number)
        if offset >= len(page):  # the page came back shorter (parcels left meanwhile)
            return None
        parcel = page[offset]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(parcel, self.COLUMNS[column][0])
        if role == Qt.ItemDataRole.UserRole:
            return parcel.id
        age = parcel.age_days(self.today) if parcel.status == "waiting" else 0
        if role == Qt.ItemDataRole.BackgroundRole:
            if age >= self.red_days:
                return RED
            if age >= self.amber_days:
                return AMBER
            return None
        if (
            role == Qt.ItemDataRole.FontRole
            and column == self.AGE_COLUMN
            and age >= self.amber_days
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AGE_COLUMN:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, parcel: Parcel, key: str) -> str:
        if key == "code":
            return parcel.pickup_code
        if key == "carrier":
            return parcel.carrier_name
        if key == "waybill":
            return parcel.waybill
        if key == "name":
            return parcel.recipient_name
        if key == "phone":
            return parcel.masked_phone
        if key == "received":
            return received_text(parcel)
        if key == "age":
            return str(parcel.age_days(self.today)) if parcel.status == "waiting" else ""
        if key == "status":
            return status_word(parcel.status)
        if key == "reminded":
            if parcel.last_reminder_day == self.today.isoformat():
                return self.tr("today")
            return parcel.last_reminder_day[5:]
        return ""

    # results from the database thread -----------------------------------------------------------

    def _opened(self, generation: int, opened: tuple[Any, list[Parcel]]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._query, rows = opened
        self._append(generation, rows)
        # the count comes after the first rows: over a long history it is the slow part
        self._worker.call(self._query.count, on_done=lambda total: self._counted(generation, total))

    def _counted(self, generation: int, total: int) -> None:
        # the count may come back after the page (and this model) is gone
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.total = total
        self.count_changed.emit(total)

    def _append(self, generation: int, rows: list[Parcel]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        if rows:
            number = len(self._starts) - 1
            start = self._row_count
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._row_count += len(rows)
            self._keep(number, rows)
            self.endInsertRows()
            if len(rows) == self.page_size:
                self._starts.append(PageStart(rows[-1].received_at, rows[-1].id))
        # only now may a view (or the model tester) ask for the next page: a fetch started while
        # the rows were going in would start after the wrong parcel
        self._exhausted = len(rows) < self.page_size
        self._fetching = False
        self.page_loaded.emit(self._row_count)

    def _keep(self, number: int, rows: list[Parcel]) -> None:
        """Cache a page's rows, forgetting the pages read longest ago beyond the bound."""
        self._pages[number] = rows
        self._pages.move_to_end(number)
        while len(self._pages) > self.cached_pages:
            self._pages.popitem(last=False)

    def _refetch(self, number: int) -> None:
        if number in self._refetching or self._query is None:
            return
        self._refetching.add(number)
        generation = self._generation
        self._worker.call(
            self._query.page,
            self._starts[number],
            self.page_size,
            on_done=lambda rows: self._refetched(generation, number, rows),
        )

    def _refetched(self, generation: int, number: int, rows: list[Parcel]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._refetching.discard(number)
        self._keep(number, rows)
        first = number * self.page_size
        last = min(first + self.page_size, self._row_count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))


def _open_query(station: Station, selection: dict[str, Any], limit: int) -> tuple[Any, list]:
    """On the database thread: the query and its first page (the count follows)."""
    query = station.parcels.shelf_list(**selection)
    return query, query.page(None, limit)
