"""快递设置 (the manager's): shelves, when a parcel is overdue and when it goes back, the
default consent, a pickup fee (off), the handover cut-off, and the arrival text's timing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.lines import changes_of
from stationapp.core.money import format_money, parse_money
from stationapp.ui.kit.forms import MessageLabel
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.pages.parcels.words import CONSENTS, fill_combo, select_data

KEYS = (
    "parcels.shelves",
    "parcels.overdue_days",
    "parcels.return_days",
    "parcels.default_consent",
    "parcels.pickup_fee_fen",
    "parcels.cutoff",
    "sms.group_minutes",
    "sms.pickup_days",
)


def shelves_text(shelves: list[dict[str, Any]]) -> str:
    return ", ".join(f"{s['name']}:{s['layers']}" for s in shelves)


class ShelvesEditor(QWidget):
    """The shelves as a form: a row per shelf, its name (the letter painted on it) and its
    number of layers, with a button to take the row away; "Add a shelf" adds the next letter.
    What the store refuses (a shelf named twice, a shelf with parcels still on it) is said by
    the dialog's message line when it saves."""

    MAX_ROWS_SHOWN = 5
    rows_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[QLineEdit, QSpinBox, QPushButton]] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setColumnStretch(3, 1)
        inner = QWidget()
        inner.setLayout(self.grid)
        self.area = QScrollArea()
        self.area.setWidget(inner)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton(self.tr("&Add a shelf"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        layout.addLayout(add_row)

    def set_shelves(self, shelves: list[dict[str, Any]]) -> None:
        while self.rows:
            self._take_row(0)
        for shelf in shelves:
            self.add_row(str(shelf["name"]), int(shelf["layers"]))

    def shelves(self) -> list[dict[str, Any]]:
        return [
            {"name": name.text().strip().upper(), "layers": layers.value()}
            for name, layers, _remove in self.rows
        ]

    def add_row(self, name: str | None = None, layers: int | None = None, *, focus=False) -> None:
        if name is None:
            name, layers = self._next_shelf()
        edit = QLineEdit(name)
        edit.setMaxLength(3)
        letters = QRegularExpression(r"[A-Za-z0-9]{0,3}")
        edit.setValidator(QRegularExpressionValidator(letters, edit))
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("MMMM") + 24)
        edit.setAccessibleName(self.tr("Shelf name"))
        count = QSpinBox()
        count.setRange(1, 20)
        count.setValue(layers or 4)
        count.setSuffix(self.tr(" layers"))
        count.setAccessibleName(self.tr("Layers"))
        remove = QPushButton(self.tr("Remove"))
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda: self._take_row(self._row_of(remove)))
        row = len(self.rows)
        label = QLabel(self.tr("Shelf"))
        self.grid.addWidget(label, row, 0)
        self.grid.addWidget(edit, row, 1)
        self.grid.addWidget(count, row, 2)
        self.grid.addWidget(remove, row, 3, Qt.AlignmentFlag.AlignLeft)
        self.rows.append((edit, count, remove))
        for widget in (label, edit, count, remove):
            widget.setVisible(True)  # now, not at the next layout pass: it takes the focus
        self._rows_changed()
        if focus:
            self.area.ensureWidgetVisible(edit)
            edit.setFocus()
            edit.selectAll()

    def _row_of(self, button: QPushButton) -> int:
        return next(i for i, row in enumerate(self.rows) if row[2] is button)

    def _take_row(self, index: int) -> None:
        self.rows.pop(index)
        # the grid cannot drop a row: lay the rest out again
        for position in reversed(range(self.grid.count())):
            item = self.grid.takeAt(position)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                if not any(widget in row for row in self.rows):
                    widget.deleteLater()
        for row, (edit, count, remove) in enumerate(self.rows):
            self.grid.addWidget(QLabel(self.tr("Shelf")), row, 0)
            self.grid.addWidget(edit, row, 1)
            self.grid.addWidget(count, row, 2)
            self.grid.addWidget(remove, row, 3, Qt.AlignmentFlag.AlignLeft)
            for widget in (edit, count, remove):
                widget.show()
        self._rows_changed()

    def _rows_changed(self) -> None:
        for _name, _count, remove in self.rows:
            remove.setEnabled(len(self.rows) > 1)
        if self.rows:
            self.setFocusProxy(self.rows[0][0])
        self.grid.activate()
        whole = self.area.widget().sizeHint().height()  # every row, with the grid's spacing
        rows = max(len(self.rows), 1)
        self.area.setFixedHeight(whole * min(rows, self.MAX_ROWS_SHOWN) // rows + 2)
        # its own height, fixed: the form otherwise lays it out by a height-for-width that
        # leaves the scroll area out, and the last shelf and the Add button overlapped
        self.layout().activate()
        self.setFixedHeight(self.layout().sizeHint().height())
        self.rows_changed.emit()

    def _next_shelf(self) -> tuple[str, int]:
        """The letter after the last shelf's (A, B, ... then 1, 2...), with its layers."""
        taken = {name.text().strip().upper() for name, _, _ in self.rows}
        layers = self.rows[-1][1].value() if self.rows else 4
        for candidate in [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [
            str(n) for n in range(1, 1000)
        ]:
            if candidate not in taken:
                return candidate, layers
        return "", layers


class ParcelSettingsDialog(QDialog):
    """``saved`` carries what the save changed (the pages refresh from it)."""

    saved = Signal(Changes)

    def __init__(
        self, station: Station, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
        self.setWindowTitle(self.tr("Parcel settings"))
        self.setMinimumWidth(760)

        self.shelves = ShelvesEditor()
        self.overdue_days = QSpinBox()
        self.overdue_days.setRange(1, 30)
        self.overdue_days.setSuffix(self.tr(" days"))
        self.return_days = QSpinBox()
        self.return_days.setRange(2, 60)
        self.return_days.setSuffix(self.tr(" days"))
        self.consent = QComboBox()
        fill_combo(self.consent, CONSENTS)
        self.pickup_fee = QLineEdit()
        self.cutoff = QLineEdit()
        self.cutoff.setPlaceholderText("14:00")
        self.group_minutes = QSpinBox()
        self.group_minutes.setRange(0, 120)
        self.group_minutes.setSuffix(self.tr(" min"))
        self.pickup_days = QSpinBox()
        self.pickup_days.setRange(1, 30)
        self.pickup_days.setSuffix(self.tr(" days"))

        form = QFormLayout()
        form.addRow(self.tr("S&helves:"), self.shelves)
        form.addRow(self.tr("&Overdue after:"), self.overdue_days)
        form.addRow(self.tr("Propose &return after:"), self.return_days)
        form.addRow(self.tr("Default &consent:"), self.consent)
        form.addRow(self.tr("Pickup &fee (yuan):"), self.pickup_fee)
        fee_note = QLabel(
            self.tr(
                "Leave the fee at 0: regulators have ordered refunds where stations charged "
                "recipients for pickup (二次收费)."
            )
        )
        fee_note.setWordWrap(True)
        fee_note.setObjectName("hint")
        form.addRow("", fee_note)
        form.addRow(self.tr("Handover c&ut-off:"), self.cutoff)
        form.addRow(self.tr("One text per phone &within:"), self.group_minutes)
        form.addRow(self.tr("Days to co&llect (in the text):"), self.pickup_days)

        self.message = MessageLabel()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.shelves.rows_changed.connect(self._fit_height)
        self.worker.call(self.station.settings.all, on_done=self._show)

    @Slot()
    def _fit_height(self) -> None:
        """Tall enough for every row at the dialog's width: a dialog's own minimum leaves out
        the wrapped fee note's second line, and the rows above it were squeezed by that much."""
        layout = self.layout()
        layout.activate()
        needed = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def _show(self, values: dict[str, Any]) -> None:
        self.shelves.set_shelves(values["parcels.shelves"])
        self.overdue_days.setValue(int(values["parcels.overdue_days"]))
        self.return_days.setValue(int(values["parcels.return_days"]))
        select_data(self.consent, values["parcels.default_consent"])
        self.pickup_fee.setText(format_money(int(values["parcels.pickup_fee_fen"])))
        self.cutoff.setText(values["parcels.cutoff"])
        self.group_minutes.setValue(int(values["sms.group_minutes"]))
        self.pickup_days.setValue(int(values["sms.pickup_days"]))

    def values(self) -> dict[str, Any]:
        return {
            "parcels.shelves": self.shelves.shelves(),
            "parcels.overdue_days": self.overdue_days.value(),
            "parcels.return_days": self.return_days.value(),
            "parcels.default_consent": self.consent.currentData(),
            "parcels.pickup_fee_fen": parse_money(self.pickup_fee.text() or "0"),
            "parcels.cutoff": self.cutoff.text(),
            "sms.group_minutes": self.group_minutes.value(),
            "sms.pickup_days": self.pickup_days.value(),
        }

    @Slot()
    def save(self) -> None:
        self.message.clear_message()
        try:
            values = self.values()
        except UserError as error:
            self.message.show_refusal(str(error))
            return
        self.worker.call(
            self.station.settings.set_many, values, on_done=self._saved, on_error=self._refused
        )

    def _saved(self, events: list[Any]) -> None:
        self.message.show_success(self.tr("Saved."))
        self.saved.emit(changes_of(events))

    def _refused(self, error: UserError) -> None:
        self.message.show_refusal(str(error))
