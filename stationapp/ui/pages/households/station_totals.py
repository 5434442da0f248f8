"""What the station did for the registered households in a period, in big figures (带动户数,
带动人数, bought from them, income brought, fees waived, services), and the 帮扶台账 of that
period saved as an XLSX file where the operator chooses (written on the worker)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import clock
from stationapp.core.changes import Changes
from stationapp.core.errors import StateError, UserError
from stationapp.core.households.reading import StationTotals
from stationapp.core.money import format_money
from stationapp.ui.kit.desk import Outcome, StepHint, section_title, shortcut
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.households import words
from stationapp.ui.pages.households.printouts import (
    Rendered,
    print_rendered,
    render_station_ledger,
)


class Figure(QFrame):
    """A big figure with its name under it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("0")
        self.value.setObjectName("bigFigure")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(name)
        label.setObjectName("stepHint")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(label)


class StationTotalsPanel(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.period = QComboBox()
        self.period.setStyleSheet("font-size: 18px;")
        for label, value in words.periods(clock.business_day()):
            self.period.addItem(label, value)
        self.period.currentIndexChanged.connect(lambda _index: self.refresh())
        self.figures = {
            "households_helped": Figure(self.tr("Households helped")),
            "people": Figure(self.tr("People in them")),
            "bought_fen": Figure(self.tr("Bought from them")),
            "income_fen": Figure(self.tr("Income brought")),
            "fees_waived_fen": Figure(self.tr("Fees waived")),
            "services": Figure(self.tr("Services")),
        }
        grid = QGridLayout()
        grid.setSpacing(16)
        for number, figure in enumerate(self.figures.values()):
            grid.addWidget(figure, number // 3, number % 3)
        self.export_button = QPushButton(self.tr("Save the household log as XLSX  Ctrl+E"))
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.export)
        self.print_button = QPushButton(self.tr("Print the ledger  Ctrl+D"))
        self.print_button.clicked.connect(self.print_ledger)
        self.hint = StepHint()
        self.hint.setText(
            self.tr(
                "Choose the period (Ctrl+P): the figures are the station's for it, and Ctrl+E "
                "saves its household log (one row per entry, with the signature column) as a "
                "workbook; Ctrl+D prints it."
            )
        )
        self.message = Outcome()
        self.saved_box: QMessageBox | None = None

        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Period  Ctrl+P")))
        chooser.addWidget(self.period)
        chooser.addStretch(1)
        chooser.addWidget(self.print_button)
        chooser.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(section_title(self.tr("What the station did for registered households")))
        layout.addLayout(chooser)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addStretch(1)
        shortcut(self, "Ctrl+P", self.period.setFocus)
        shortcut(self, "Ctrl+E", self.export)
        shortcut(self, "Ctrl+D", self.print_ledger)

    def chosen_period(self) -> str:
        return str(self.period.currentData())

    def choose_period(self, period: str) -> None:
        index = self.period.findData(period)
        if index >= 0:
            self.period.setCurrentIndex(index)

    # the figures -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.worker.call(
            self.station.households.station_totals,
            self.chosen_period(),
            on_done=self._show,
            on_error=self._refused,
        )

    def _show(self, totals: StationTotals) -> None:
        for key, figure in self.figures.items():
            value = getattr(totals, key)
            figure.value.setText(format_money(value) if key.endswith("_fen") else str(value))

    # the workbook ----------------------------------------------------------------------------

    def ask_path(self, suggested: Path) -> Path | None:
        """Where to save the workbook (the operator's answer; None: not now)."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the household log"), str(suggested), self.tr("Workbook (*.xlsx)")
        )
        return Path(chosen) if chosen else None

    def export(self) -> None:
        period = self.chosen_period()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path = self.ask_path(Path(folder or Path.home()) / f"帮扶台账-{period}.xlsx")
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")  # a name typed without its ending
        self.message.clear_message()
        self.export_button.setEnabled(False)
        self.worker.call(
            _export,
            self.station.households.export_ledger,
            period,
            path,
            on_done=self._exported,
            on_error=self._export_refused,
        )

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        text = self.tr("The household log is saved in {path}").format(path=path)
        self.message.succeed(text)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Household log saved"), text)
        box.setObjectName("ledgerSaved")
        box.setParent(self, box.windowFlags())
        box.open()
        self.saved_box = box

    def _export_refused(self, error: UserError) -> None:
        self.export_button.setEnabled(True)
        self._refused(error)

    def _refused(self, error: UserError) -> None:
        self.message.refuse(str(error))

    # the printed ledger ----------------------------------------------------------------------

    def print_ledger(self) -> None:
        """Ctrl+D: the station's 帮扶台账 for the period chosen, the print recorded."""
        if not self.print_button.isEnabled():
            return
        self.print_button.setEnabled(False)  # one print at a time
        self.message.clear_message()
        self.worker.call(
            render_station_ledger,
            self.station,
            self.chosen_period(),
            operator_name=self.operator.name,
            on_done=self._print,
            on_error=self._print_refused,
        )

    def _print(self, rendered: Rendered) -> None:
        self.print_button.setEnabled(True)
        if print_rendered(rendered, self):
            self.message.show_success(self.tr("The station's ledger went to the printer."))
        else:
            self.message.show_success(self.tr("Printing was cancelled."))

    def _print_refused(self, error: UserError) -> None:
        self.print_button.setEnabled(True)
        self._refused(error)

    # Page ------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.refresh()
        self.period.setFocus()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if self.isVisible():
            self.refresh()


def _export(export_ledger: Callable[[str, Path], bytes], period: str, path: Path) -> Path:
    """(On the worker.) The workbook written to ``path``; a folder that cannot be written is
    refused in the operator's words."""
    try:
        export_ledger(period, path)
    except OSError as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The household log could not be saved in {folder} ({reason}). Choose another "
                "folder, e.g. Documents or a USB stick.",
            ),
            folder=str(path.parent),
            reason=error.strerror or type(error).__name__,
        ) from error
    return path
