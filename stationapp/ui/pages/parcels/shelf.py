"""货架: the parcels on the shelves, lazily listed, coloured by age; the overdue view with one-key
reminders; return proposals; and 盘点 (the shelf check), which takes the panel's place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, Station, clock
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.parcels.facade import Parcel
from stationapp.ui.kit.desk import Outcome, StepHint, shortcut
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.parcels.models import STATUS_WORDS, ShelfModel, status_word
from stationapp.ui.pages.parcels.returns import ReturnDialog
from stationapp.ui.pages.parcels.shelfcheck import ShelfCheckPanel

SELECTED_TINT = QColor(36, 110, 200, 90)
COLUMN_WIDTHS = (120, 70, 190, 110, 110, 120, 90, 80, 100)
NAME_COLUMN, STATUS_COLUMN = 3, 7
CELL_ROOM = 24  # a cell's padding (the theme's 6 px each side) and its margins


class AgeTintDelegate(QStyledItemDelegate):
    """Chosen rows keep their age colour under a translucent tint, so the operator sees both
    which parcels are chosen and how long they have waited."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not option.state & QStyle.StateFlag.State_Selected:
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        painter.fillRect(option.rect, SELECTED_TINT)


@dataclass(frozen=True)
class ShelfSetup:
    shelves: list[str]
    overdue_days: int
    return_days: int


def _shelf_setup(station: Station) -> ShelfSetup:
    return ShelfSetup(
        shelves=[s.name for s in station.parcels.shelves()],
        overdue_days=station.settings.get("parcels.overdue_days"),
        return_days=station.settings.get("parcels.return_days"),
    )


class ShelfPanel(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setup: ShelfSetup | None = None
        self.return_dialog: ReturnDialog | None = None
        self.stale = True

        self.model = ShelfModel(context.station, context.worker, parent=self)
        self.model.count_changed.connect(self._show_count)

        self.shelf = QComboBox()
        self.shelf.addItem(self.tr("All shelves"), "")
        self.status = QComboBox()
        for code in STATUS_WORDS:
            self.status.addItem(status_word(code), code)
        self.overdue_only = QCheckBox(self.tr("&Overdue only"))
        self.count = QLabel()
        self.count.setObjectName("sectionTitle")
        filters = QHBoxLayout()
        for text, widget in ((self.tr("S&helf:"), self.shelf), (self.tr("S&tatus:"), self.status)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(12)
        filters.addWidget(self.overdue_only)
        filters.addStretch(1)
        filters.addWidget(self.count)
        self.shelf.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.overdue_only.toggled.connect(self.apply_filter)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setItemDelegate(AgeTintDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the name takes the room a wide screen adds (at 1920 the reminder column had it all)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        # at least the header's width, and the status column its longest word: in English
        # "On the shelf" did not fit 80 px (text padding comes from the theme)
        metrics = self.table.fontMetrics()
        statuses = max(metrics.horizontalAdvance(status_word(s)) for s in STATUS_WORDS)
        for column, width in enumerate(COLUMN_WIDTHS):
            if column == NAME_COLUMN:
                continue
            if column == STATUS_COLUMN:
                width = max(width, statuses + CELL_ROOM)
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selection())

        self.remind_button = QPushButton()
        self.remind_button.setObjectName("primary")
        self.remind_button.clicked.connect(self.remind)
        self.returns_button = QPushButton(self.tr("Return proposals (T)"))
        self.returns_button.clicked.connect(self.open_returns)
        self.check_button = QPushButton(self.tr("Shelf check (K)"))
        self.check_button.clicked.connect(self.open_check)
        self.summary_button = QPushButton(self.tr("Print today's summary (D)"))
        self.summary_button.clicked.connect(self.print_day_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remind_button)
        buttons.addWidget(self.returns_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary_button)

        self.step = StepHint()
        self.message = Outcome()

        self.list_view = QWidget()
        inner = QVBoxLayout(self.list_view)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(filters)
        inner.addWidget(self.table, 1)
        inner.addWidget(self.step)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        shortcut(self.list_view, Qt.Key.Key_R, self.remind)
        shortcut(self.list_view, Qt.Key.Key_T, self.open_returns)
        shortcut(self.list_view, Qt.Key.Key_K, self.open_check)
        shortcut(self.list_view, Qt.Key.Key_D, self.print_day_summary)

        self.check_panel = ShelfCheckPanel(context)
        self.check_panel.closed.connect(self.close_check)
        self.check_panel.changed.connect(self.changed)

        self.views = QStackedWidget()
        self.views.addWidget(self.list_view)
        self.views.addWidget(self.check_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self._show_selection()

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        if self.setup is None:
            self.worker.call(_shelf_setup, self.station, on_done=self._show_setup)
        elif self.stale:
            self.apply_filter()
        if self.checking:
            self.check_panel.on_shown()
        else:
            self.table.setFocus()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if changes.changed_setting():
            self.setup = None
        self.stale = True
        if self.isVisible() and not self.checking:
            if self.setup is None:
                self.worker.call(_shelf_setup, self.station, on_done=self._show_setup)
            else:
                self.apply_filter()

    def on_scan(self, code: str) -> bool:
        return self.check_panel.on_scan(code) if self.checking else False

    @property
    def checking(self) -> bool:
        return self.views.currentWidget() is self.check_panel

    # the list -------------------------------------------------------------------------------------

    def _show_setup(self, setup: ShelfSetup) -> None:
        self.setup = setup
        self.model.set_thresholds(setup.overdue_days, setup.return_days)
        chosen = self.shelf.currentData()
        self.shelf.blockSignals(True)
        self.shelf.clear()
        self.shelf.addItem(self.tr("All shelves"), "")
        for name in setup.shelves:
            self.shelf.addItem(name, name)
        index = self.shelf.findData(chosen)
        self.shelf.setCurrentIndex(max(index, 0))
        self.shelf.blockSignals(False)
        self.overdue_only.setText(
            self.tr("&Overdue only (more than %n day(s))", "", setup.overdue_days)
        )
        self.check_panel.set_shelves(setup.shelves)
        self.apply_filter()

    @Slot()
    def apply_filter(self) -> None:
        self.stale = False
        status = self.status.currentData()
        self.overdue_only.setEnabled(status == "waiting")
        self.model.set_filter(
            shelf=self.shelf.currentData() or None,
            status=status,
            overdue_only=self.overdue_only.isChecked() and status == "waiting",
        )
        self._show_selection()

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("%n parcel(s)", "", total))

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def selected_parcels(self) -> list[Parcel]:
        """The chosen parcels the model holds (a long selection may reach rows scrolled out of
        its cache: ``remind`` reads those again)."""
        parcels = (self.model.parcel(row) for row in self.selected_rows())
        return [p for p in parcels if p is not None]

    def _to_remind(self, parcels: list[Parcel] | None = None) -> list[Parcel]:
        today = clock.business_day().isoformat()
        return [
            p
            for p in (self.selected_parcels() if parcels is None else parcels)
            if p.status == "waiting" and p.last_reminder_day != today
        ]

    def _show_selection(self) -> None:
        held = self.selected_parcels()
        # rows scrolled out of the model's cache count as chosen; remind reads them again
        chosen = len(self.selected_rows())
        due = len(self._to_remind(held)) + chosen - len(held)
        self.remind_button.setText(
            self.tr("Text a reminder to %n (R); each parcel at most once a day", "", due)
        )
        self.remind_button.setEnabled(due > 0)
        if chosen and due < chosen:
            self.step.setText(
                self.tr(
                    "%n of the chosen parcels were already reminded today: each parcel gets at "
                    "most one reminder a day.",
                    "",
                    chosen - due,
                )
            )
        else:
            self.step.setText(
                self.tr(
                    "Choose parcels (Shift+arrows, Ctrl+A for all shown), then R texts a "
                    "reminder; each parcel gets at most one reminder a day."
                )
            )

    @Slot()
    def remind(self) -> None:
        rows = self.selected_rows()
        if len(self.selected_parcels()) < len(rows):  # some scrolled out of the cache
            self.model.fetch_parcels(rows, self._remind_these)
        else:
            self._remind_these(self.selected_parcels())

    def _remind_these(self, chosen: list[Parcel]) -> None:
        parcels = self._to_remind(chosen)
        if not parcels:
            self.message.refuse(
                self.tr(
                    "Choose the parcels to remind first (tick Overdue only to see them); "
                    "parcels reminded today are not texted again."
                )
            )
            return
        self.worker.call(
            self.station.parcels.remind,
            [p.id for p in parcels],
            on_done=self._reminded,
            on_error=self._refuse,
        )

    def _reminded(self, events: list[Event]) -> None:
        self.message.succeed(self.tr("A reminder is queued for %n parcel(s).", "", len(events)))
        self.tell(events)

    def _refuse(self, error: UserError) -> None:
        self.message.refuse(str(error))

    # returns --------------------------------------------------------------------------------------

    @Slot()
    def print_day_summary(self) -> None:
        """当日快递汇总: rendered on the database worker, printed (or saved) here."""
        from stationapp.ui.pages.parcels.printouts import print_rendered, render_day_summary

        def printed(rendered) -> None:
            if print_rendered(rendered, self):
                self.message.succeed(self.tr("Today's parcel summary was printed or saved."))

        self.worker.call(
            render_day_summary,
            self.station,
            operator_name=self.operator.name,
            on_done=printed,
            on_error=lambda error: self.message.refuse(str(error)),
        )

    def open_returns(self) -> ReturnDialog:
        dialog = ReturnDialog(self.context, self)
        dialog.changed.connect(self.changed)
        dialog.returned.connect(
            lambda count: self.message.succeed(
                self.tr("%n parcel(s) go back to the courier.", "", count)
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._returns_closed)
        self.return_dialog = dialog
        dialog.open()
        return dialog

    def _returns_closed(self) -> None:
        self.return_dialog = None
        self.table.setFocus()

    # the shelf check ------------------------------------------------------------------------------

    @Slot()
    def open_check(self) -> None:
        self.views.setCurrentWidget(self.check_panel)
        self.check_panel.on_shown()

    @Slot()
    def close_check(self) -> None:
        self.views.setCurrentWidget(self.list_view)
        if self.stale:
            self.apply_filter()
        self.table.setFocus()
