"""The manager's list of operators: add one, reset a PIN, switch an account off or on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, Operator
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.lines import changes_of
from stationapp.ui.kit.forms import MessageLabel, PinEdit, pin_again_label, same_pin_twice
from stationapp.ui.kit.page import PageContext


class PinForm(QDialog):
    """A new PIN, typed twice. ``submitted`` carries the values; the caller closes the form
    when the station accepted them, or shows the refusal in ``message``."""

    submitted = Signal(dict)

    def __init__(self, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(12)
        self.pin = PinEdit()
        self.pin_again = PinEdit()
        self.message = MessageLabel()
        self.ok_button = QPushButton(self.tr("&OK"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("&Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        if intro:
            intro_label = QLabel(intro)
            intro_label.setWordWrap(True)
            layout.addWidget(intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

    def add_pin_rows(self) -> None:
        self.form.addRow(self.tr("New &PIN (4–8 digits):"), self.pin)
        self.form.addRow(pin_again_label(), self.pin_again)

    def values(self) -> dict[str, Any]:
        return {"pin": self.pin.text()}

    @Slot()
    def submit(self) -> None:
        self.message.clear_message()
        if not same_pin_twice(self.pin, self.pin_again, self.message):
            return
        self.ok_button.setEnabled(False)
        self.submitted.emit(self.values())

    def refuse(self, error: UserError) -> None:
        self.ok_button.setEnabled(True)
        self.message.show_refusal(str(error))

    def done_ok(self, _result: object = None) -> None:
        self.accept()


class OperatorForm(PinForm):
    """A new operator: name, role, PIN twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add an operator"), parent=parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 玉香"))
        self.role = QComboBox()
        self.role.addItem(self.tr("Operator"), "operator")
        self.role.addItem(self.tr("Manager"), "manager")
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Role:"), self.role)
        self.add_pin_rows()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "role": self.role.currentData(), "pin": self.pin.text()}


class OperatorsPanel(QGroupBox):
    """Only built for the manager; the core refuses everyone else anyway."""

    changed = Signal(Changes)  # an operator added or changed

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Operators"))
        self.context = context
        self.operators: list[Operator] = []
        self.form: PinForm | None = None

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.add_button = QPushButton(self.tr("&Add operator"))
        self.add_button.clicked.connect(self.open_add_form)
        self.reset_button = QPushButton(self.tr("&Reset PIN"))
        self.reset_button.clicked.connect(self.open_reset_form)
        self.active_button = QPushButton(self.tr("Switch o&ff"))
        self.active_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.active_button)
        buttons.addStretch(1)
        self.message = MessageLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._selection_changed()

    # the list -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.context.worker.call(self.context.station.operators.list, on_done=self._show)

    def _show(self, operators: list[Operator]) -> None:
        selected = self.selected_operator()
        self.operators = operators
        self.table.setRowCount(len(operators))
        for row, operator in enumerate(operators):
            role = self.tr("Manager") if operator.is_manager else self.tr("Operator")
            status = self.tr("Active") if operator.active else self.tr("Switched off")
            for column, text in enumerate((operator.name, role, status)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if selected and operator.id == selected.id:
                self.table.selectRow(row)
        self._selection_changed()

    def selected_operator(self) -> Operator | None:
        rows = self.table.selectionModel().selectedRows()
        return self.operators[rows[0].row()] if rows else None

    def select_operator(self, name: str) -> None:
        for row, operator in enumerate(self.operators):
            if operator.name == name:
                self.table.selectRow(row)

    @Slot()
    def _selection_changed(self) -> None:
        operator = self.selected_operator()
        self.reset_button.setEnabled(operator is not None)
        self.active_button.setEnabled(operator is not None)
        if operator is not None and not operator.active:
            self.active_button.setText(self.tr("Switch o&n"))
        else:
            self.active_button.setText(self.tr("Switch o&ff"))

    # the actions --------------------------------------------------------------------------------

    @Slot()
    def open_add_form(self) -> OperatorForm:
        form = OperatorForm(self)
        form.submitted.connect(lambda values: self._add(form, values))
        self._open(form)
        return form

    def _add(self, form: OperatorForm, values: dict[str, Any]) -> None:
        self.context.worker.call(
            self.context.station.operators.add,
            name=values["name"],
            pin=values["pin"],
            role=values["role"],
            on_done=lambda operator: self._done(form, operator),
            on_error=form.refuse,
        )

    @Slot()
    def open_reset_form(self) -> PinForm | None:
        operator = self.selected_operator()
        if operator is None:
            self.message.show_refusal(self.tr("Click an operator in the list first."))
            return None
        form = PinForm(
            self.tr("Reset PIN"),
            self.tr("A new PIN for {name}. Tell it to {name} only.").format(name=operator.name),
            self,
        )
        form.add_pin_rows()
        form.submitted.connect(
            lambda values: self.context.worker.call(
                self.context.station.operators.reset_pin,
                operator.id,
                values["pin"],
                on_done=lambda result: self._done(form, result),
                on_error=form.refuse,
            )
        )
        self._open(form)
        return form

    @Slot()
    def toggle_active(self) -> None:
        operator = self.selected_operator()
        if operator is None:
            self.message.show_refusal(self.tr("Click an operator in the list first."))
            return
        self.message.clear_message()
        self.context.worker.call(
            self.context.station.operators.set_active,
            operator.id,
            not operator.active,
            on_done=lambda result: self._done(None, result),
            on_error=lambda error: self.message.show_refusal(str(error)),
        )

    def _open(self, form: PinForm) -> None:
        self.message.clear_message()
        self.form = form
        form.finished.connect(form.deleteLater)
        form.open()

    def _done(self, form: PinForm | None, result: Event | Operator | None) -> None:
        if form is not None:
            form.accept()
        self.message.show_success(self.tr("Saved."))
        self.changed.emit(changes_of(lines=["station"]))
        self.refresh()
