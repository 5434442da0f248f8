"""A service to the household shown that moved no money (``household.helped``): what kind
(typing 1-4 in the list picks one), what was done, who came; Ctrl+S records it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.event_record import Event
from stationapp.core.households.facade import NAME_MAX, NOTE_MAX, SERVICE_KINDS
from stationapp.core.lines import changes_of
from stationapp.ui.kit.desk import Outcome, section_title, shortcut
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.households import words


class ServiceForm(Page):
    """Records ``household.helped`` for :meth:`set_household`'s household; ``recorded`` says
    what changed."""

    recorded = Signal(Changes)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.household_id = ""
        self.kind = QComboBox()
        for number, kind in enumerate(SERVICE_KINDS, start=1):
            self.kind.addItem(f"{number} {words.tr(words.SERVICE_KINDS[kind])}", kind)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("What was done, e.g. filled in the insurance form"))
        self.note.returnPressed.connect(self.save)
        self.person = QLineEdit()
        self.person.setMaxLength(NAME_MAX)
        self.person.setPlaceholderText(self.tr("Who came (optional)"))
        self.person.returnPressed.connect(self.save)
        self.save_button = QPushButton(self.tr("Record the service  Ctrl+S"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.message = Outcome()
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Person"), self.person)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(section_title(self.tr("A service without money  Ctrl+E")))
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        shortcut(self, "Ctrl+S", self.save)
        self.set_household("")

    def set_household(self, household_id: str) -> None:
        self.household_id = household_id
        self.setEnabled(bool(household_id))
        self.message.clear_message()

    def start(self) -> None:
        """Ctrl+E: the kind first, then the note."""
        if self.household_id:
            self.kind.setFocus()

    def save(self) -> None:
        if not self.household_id:
            return
        self.call_holding_keys(
            self.station.households.helped,
            self.household_id,
            kind=str(self.kind.currentData()),
            note=self.note.text(),
            customer_name=self.person.text(),
            on_done=self._saved,
            on_error=self._refused,
        )

    def _saved(self, event: Event) -> None:
        self.note.clear()
        self.person.clear()
        self.message.clear_message()
        self.recorded.emit(changes_of([event]))
        self.note.setFocus()

    def _refused(self, error: UserError) -> None:
        self.message.refuse(str(error))
