"""What the consignment and sale forms share: labelled fields in a grid, Enter in any field
saves, the core's refusal in red with everything typed kept, and the paid-how choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from stationapp.core.errors import UserError
from stationapp.core.money import METHODS
from stationapp.ui.kit.desk import Outcome
from stationapp.ui.kit.page import Page
from stationapp.ui.pages.produce.words import method_words


def field_grid(rows: list[tuple[str, list[QWidget]]]) -> QGridLayout:
    """One row per label, its buddy the first widget after it."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    for r, (text, widgets) in enumerate(rows):
        label = QLabel(text)
        label.setBuddy(widgets[0])
        grid.addWidget(label, r, 0)
        for c, widget in enumerate(widgets, start=1):
            grid.addWidget(widget, r, c)
    grid.setColumnStretch(1, 2)
    grid.setColumnStretch(2, 1)
    return grid


def paid_choice() -> QComboBox:
    box = QComboBox()
    for method in METHODS:
        box.addItem(method_words(method), method)
    return box


class SavingForm(Page):
    """A form whose Enter saves through the worker; ``message`` says how it went."""

    busy = False
    message: Outcome

    def save_on_enter(self, fields: list[QLineEdit], save: Callable[[], None]) -> None:
        for field in fields:
            field.returnPressed.connect(save)

    def run(self, fn: Callable[..., Any], on_done: Callable[[Any], None], **kwargs: Any) -> None:
        """Call the core; a refusal shows its message and leaves the fields as typed."""
        if self.busy:
            return
        self.busy = True

        def done(result: Any) -> None:
            self.busy = False
            on_done(result)

        def refused(error: UserError) -> None:
            self.busy = False
            self.message.refuse(str(error))

        self.call_holding_keys(fn, on_done=done, on_error=refused, **kwargs)
