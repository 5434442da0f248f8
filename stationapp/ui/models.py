"""Table models over the station's lists, lazy where a list can be long.

The shelf list may hold a million parcels, so :class:`ShelfModel` keeps only the rows shown so
far and fetches the next page when the view scrolls to the end (Qt's ``canFetchMore`` /
``fetchMore``). Each page is fetched on the station's database thread through the worker, never on
the GUI thread: one thread owns the database (STYLE.md), and a slow disk then costs a short wait
for the next page, not a frozen window. A page is fetched by keyset (after the last parcel shown),
so the thousandth page costs what the first does; a filter change starts a new generation and
drops any page still on its way for the old one.
"""

from __future__ import annotations

from typing import Any

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
from stationapp.core.parcels import Parcel
from stationapp.ui.worker import StationWorker

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
"""Rows per page: a few screens' worth, small enough to fetch in a few milliseconds."""

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
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._station = station
        self._worker = worker
        self.page_size = page_size
        self._rows: list[Parcel] = []
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
        self._rows = []
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
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def parcel(self, row: int) -> Parcel:
        return self._rows[row]

    @property
    def loaded(self) -> int:
        return len(self._rows)

    @property
    def busy(self) -> bool:
        return self._fetching

    # QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._fetching and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent) or self._query is None:
            return
        self._fetching = True
        generation = self._generation
        after = self._rows[-1] if self._rows else None
        self._worker.call(
            self._query.page,
            after,
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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        parcel = self._rows[index.row()]
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
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        # only now may a view (or the model tester) ask for the next page: a fetch started while
        # the rows were going in would start after the wrong parcel
        self._exhausted = len(rows) < self.page_size
        self._fetching = False
        self.page_loaded.emit(len(self._rows))


def _open_query(station: Station, selection: dict[str, Any], limit: int) -> tuple[Any, list]:
    """On the database thread: the query and its first page (the count follows)."""
    query = station.parcels.shelf_list(**selection)
    return query, query.page(None, limit)
