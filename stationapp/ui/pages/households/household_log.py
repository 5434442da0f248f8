"""Find a registered household as you type (户编号, a name, pinyin initials, a phone tail) and
show it: type, village, members, and its log for the period chosen, with the period's totals.
A service without money is recorded under it (:class:`ServiceForm`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station, clock
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.households.facade import FoundHousehold, HouseholdLogPage
from stationapp.core.money import format_money
from stationapp.ui.kit.desk import Outcome, StepHint, scan_field, section_title, shortcut
from stationapp.ui.kit.forms import keep_last_words_together
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.households import words
from stationapp.ui.pages.households.printouts import (
    Rendered,
    print_rendered,
    render_household_ledger,
)
from stationapp.ui.pages.households.service import ServiceForm

LINE = "households"


@dataclass(frozen=True)
class Found:
    query: str
    households: list[FoundHousehold]


def household_line(found: FoundHousehold) -> str:
    """The results' entry: the head and village (with the names met), then the 户编号."""
    h = found.household
    met = f" ({'、'.join(found.people)})" if found.people else ""
    return f"{h.head_name}  {h.village}{met}  {h.household_no}"


class HouseholdLogPanel(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.shown_id = ""
        self.search = scan_field(
            self.tr("Household number, head's or member's name, pinyin initials, phone tail")
        )
        self.search.setObjectName("scanField")
        self.search.textChanged.connect(self.find)
        self.search.returnPressed.connect(self._take_first)
        self.results = QListWidget()
        self.results.setObjectName("recipientChoice")
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.currentItemChanged.connect(self._chosen)
        self.hint = StepHint()
        self.hint.setText(self.tr("Type to find a household (Ctrl+F)."))

        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setStyleSheet("font-size: 18px;")
        self.period = QComboBox()
        self.period.setStyleSheet("font-size: 18px;")
        for label, value in words.periods(clock.business_day()):
            self.period.addItem(label, value)
        self.period.currentIndexChanged.connect(lambda _index: self.reload())
        self.print_button = QPushButton(self.tr("Print the ledger  Ctrl+D"))
        self.print_button.clicked.connect(self.print_ledger)
        self.print_button.setEnabled(False)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("What"),
                self.tr("Goods / money"),
                self.tr("Amount"),
                self.tr("Income brought"),
                self.tr("Fee waived"),
                self.tr("Service note"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for wide in (1, 2, 6):  # what, the goods and the note share what is left, wrapped
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.totals = QLabel()
        self.totals.setObjectName("stepHint")
        self.totals.setWordWrap(True)
        self.message = Outcome()
        self.service = ServiceForm(context)
        self.service.recorded.connect(self._recorded)

        left = QVBoxLayout()
        left.addWidget(section_title(self.tr("Find a household  Ctrl+F")))
        left.addWidget(self.search)
        left.addWidget(self.hint)
        left.addWidget(self.results, 1)
        left.addWidget(self.service)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.details)
        period_row = QGridLayout()
        period_row.addWidget(QLabel(self.tr("Period  Ctrl+P")), 0, 0)
        period_row.addWidget(self.period, 0, 1)
        period_row.setColumnStretch(2, 1)
        period_row.addWidget(self.print_button, 0, 3)
        right.addLayout(period_row)
        right.addWidget(self.table, 1)
        right.addWidget(self.totals)
        right.addWidget(self.message)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 0, 0)
        layout.addLayout(right, 0, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 8)
        shortcut(self, "Ctrl+F", self.focus_search)
        shortcut(self, "Ctrl+P", self.period.setFocus)
        shortcut(self, "Ctrl+E", self.service.start)
        shortcut(self, "Ctrl+D", self.print_ledger)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self._show_household(None)

    # finding ---------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(str)
    def find(self, text: str) -> None:
        """What the operator typed, looked up on the worker; an answer to older text is dropped."""
        self.message.clear_message()  # what was said is about what was there before
        if not text.strip():
            self.results.clear()
            self.hint.setText(self.tr("Type to find a household (Ctrl+F)."))
            return
        self.worker.call(_find, self.station, text, on_done=self._found, on_error=self._refused)

    def _found(self, found: Found) -> None:
        if found.query != self.search.text():
            return  # the operator typed on meanwhile
        self.results.blockSignals(True)
        self.results.clear()
        for household in found.households:
            # a label in the row, wrapped: the 户编号 goes under the name, never behind a
            # sideways scroll bar
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, household.household_no)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, household_line(household))
            self.results.addItem(item)
            label = QLabel(keep_last_words_together(household_line(household)))
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setContentsMargins(8, 2, 8, 2)
            label.setStyleSheet("font-size: 20px;")
            self.results.setItemWidget(item, label)
        self.results.blockSignals(False)
        self._fit_results()
        if not found.households:
            self.hint.setText(self.tr("No registered household matches. Check what you typed."))
        else:
            self.hint.setText(
                self.tr("{count} found: ↓ to choose, Enter takes the first.").format(
                    count=len(found.households)
                )
            )
        if len(found.households) == 1:
            self.results.setCurrentRow(0)

    def _fit_results(self) -> None:
        """Each row as tall as its label's lines at the list's width."""
        width = self.results.viewport().width()
        for row in range(self.results.count()):
            item = self.results.item(row)
            label = self.results.itemWidget(item)
            if label is not None:
                item.setSizeHint(QSize(width, label.heightForWidth(width) + 4))

    def _take_first(self) -> None:
        if self.results.count():
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            else:
                self._chosen(self.results.currentItem(), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # ↓ in the search field goes to the results; the rows follow the list's width
        if watched is self.results and event.type() == QEvent.Type.Resize:
            self._fit_results()
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.results.count()
        ):
            self.results.setFocus()
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def _chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        self.open(item.data(Qt.ItemDataRole.UserRole))

    # the log ---------------------------------------------------------------------------------

    def open(self, household_id: str) -> None:
        self.shown_id = household_id
        self.service.set_household(household_id)
        self.print_button.setEnabled(bool(household_id))
        self.reload()

    def chosen_period(self) -> str:
        return str(self.period.currentData())

    def choose_period(self, period: str) -> None:
        index = self.period.findData(period)
        if index >= 0:
            self.period.setCurrentIndex(index)

    def reload(self) -> None:
        if not self.shown_id:
            return
        self.worker.call(
            self.station.households.log,
            self.shown_id,
            self.chosen_period(),
            on_done=self._show_log,
            on_error=self._refused,
        )

    def _show_log(self, page: HouseholdLogPage) -> None:
        if page.household_id != self.shown_id:
            return
        self._show_household(page)
        self.table.setRowCount(len(page.entries))
        for row, entry in enumerate(page.entries):
            service_note = entry.note if entry.service else entry.note or entry.person
            cells = [
                entry.day,
                words.what_of(entry),
                words.goods_of(entry),
                words.amount_of(entry),
                format_money(entry.income_fen) if entry.income_fen else "",
                format_money(entry.fee_waived_fen) if entry.fee_waived_fen else "",
                service_note,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (3, 4, 5):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        t = page.totals
        self.totals.setText(
            self.tr(
                "{period}: {events} entries, income brought {income}, fees waived {waived},"
                " {services} services."
            ).format(
                period=page.period.label if page.period else "",
                events=t.events,
                income=format_money(t.income_fen),
                waived=format_money(t.fees_waived_fen),
                services=t.services,
            )
        )

    def _show_household(self, page: HouseholdLogPage | None) -> None:
        if page is None:
            self.heading.setText(self.tr("No household chosen"))
            self.details.setText(
                self.tr("Find a household on the left: its log and totals show here.")
            )
            self.table.setRowCount(0)
            self.totals.clear()
            return
        found = page.household
        if found is None:
            self.heading.setText(page.household_id)
            self.details.setText(self.tr("The county's registry no longer lists this household."))
            return
        h = found.household
        kind = h.household_type
        if h.monitoring_type:
            kind = self.tr("{type}, monitored: {kind}").format(
                type=h.household_type, kind=h.monitoring_type
            )
            if h.risk_cleared:
                kind += self.tr(" (risk cleared)")
        self.heading.setText(f"{h.head_name}  {h.household_no}")
        met = "、".join(found.people) or self.tr("none yet")
        self.details.setText(
            self.tr(
                "{kind} · {township} {village} {natural} · {members} members · head's ID {id}"
                " · phone {phone}\nMembers met at the station: {met}"
            ).format(
                kind=kind,
                township=h.township,
                village=h.village,
                natural=h.natural_village,
                members=h.members,
                id=h.id_masked,
                phone=h.phone_masked or "-",
                met=met,
            )
        )

    def _recorded(self, changes: Changes) -> None:
        self.changed.emit(changes)
        self.reload()  # a page on its own hears no broadcast of what it changed
        self.message.succeed(self.tr("The service is in the household's log."))

    def _refused(self, error: UserError) -> None:
        self.message.refuse(str(error))

    # the printed ledger ----------------------------------------------------------------------

    def print_ledger(self) -> None:
        """Ctrl+D: the household's 帮扶台账 for the period chosen, the print recorded."""
        if not self.shown_id or not self.print_button.isEnabled():
            return
        self.print_button.setEnabled(False)  # one print at a time
        self.message.clear_message()
        self.worker.call(
            render_household_ledger,
            self.station,
            self.shown_id,
            self.chosen_period(),
            operator_name=self.operator.name,
            on_done=self._print,
            on_error=self._print_refused,
        )

    def _print(self, rendered: Rendered) -> None:
        self.print_button.setEnabled(bool(self.shown_id))
        if print_rendered(rendered, self):
            self.message.show_success(self.tr("The household's ledger went to the printer."))
        else:
            self.message.show_success(self.tr("Printing was cancelled."))

    def _print_refused(self, error: UserError) -> None:
        self.print_button.setEnabled(bool(self.shown_id))
        self._refused(error)

    # Page ------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.reload()
        self.search.setFocus()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if self.isVisible():
            self.reload()


def _find(station: Station, text: str) -> Found:
    return Found(text, station.households.find(text))
