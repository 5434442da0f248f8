"""First run: two big choices, 新建服务站 (the station's name and phone, the manager's name and
PIN, on one screen) or 从县级中心恢复本站 (a station whose PC was lost comes back from the county
center: ``stationapp.ui.restore_from_county``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.errors import UserError
from stationapp.ui.kit.forms import (
    MessageLabel,
    PinEdit,
    centered_card,
    keep_last_words_together,
    pin_again_label,
    same_pin_twice,
)
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.restore_from_county import RestoreFromCounty

CHOICES, CREATE, RESTORE = range(3)


class SetupWizard(QDialog):
    """Creates the station; ``station_created`` carries the open Station, logged in as manager."""

    station_created = Signal(Station)

    def __init__(
        self, data_dir: Path, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.worker = worker
        self.setWindowTitle(self.tr("Set up the station"))

        self.pages = QStackedWidget()
        self.pages.addWidget(self._choices_page())
        self.pages.addWidget(self._create_page())
        self.restore = RestoreFromCounty(self.data_dir, worker)
        self.restore.restored.connect(self._created)
        self.restore.back_requested.connect(self.show_choices)
        self.pages.addWidget(self.restore)
        layout = centered_card(self)
        layout.addWidget(self.pages)
        self.show_choices()

    # the pages ----------------------------------------------------------------------------------

    def _choices_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Welcome! Set up your service station"))
        title.setObjectName("pageTitle")
        question = QLabel(
            self.tr("Is this a new station, or did it work on another PC that was lost or broke?")
        )
        question.setWordWrap(True)
        self.new_button = _big_button(self.tr("&New station"))
        self.new_button.clicked.connect(self.show_create)
        new_hint = _hint(
            self.tr("The first time on any PC: type the station's name and the manager's PIN.")
        )
        self.restore_choice = _big_button(self.tr("&Restore this station from the county center"))
        self.restore_choice.clicked.connect(self.show_restore)
        restore_hint = _hint(
            self.tr(
                "The station's PC was lost or broke: its records come back from the county "
                "center, with the new code the county center gave."
            )
        )
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(question)
        layout.addSpacing(8)
        for widget in (self.new_button, new_hint, self.restore_choice, restore_hint):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _create_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Welcome! Set up your service station"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            keep_last_words_together(
                self.tr(
                    "This is done once. Type the station's name as on its sign, a phone number "
                    "villagers can call, and the manager's name and PIN. The manager adds the "
                    "other operators later, in Settings."
                )
            )
        )
        intro.setWordWrap(True)

        self.station_name = QLineEdit()
        self.station_name.setPlaceholderText(self.tr("e.g. 孟定镇芒艾村电商服务站"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("mobile or landline, e.g. 0883-1234567"))
        self.manager_name = QLineEdit()
        self.manager_name.setPlaceholderText(self.tr("e.g. 岩温"))
        self.pin = PinEdit()
        self.pin_again = PinEdit()
        for field in (self.station_name, self.phone, self.manager_name):
            field.setMinimumWidth(420)

        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.addRow(self.tr("Station &name:"), self.station_name)
        form.addRow(self.tr("Contact &phone:"), self.phone)
        form.addRow(self.tr("&Manager's name:"), self.manager_name)
        form.addRow(self.tr("Manager's P&IN (4–8 digits):"), self.pin)
        form.addRow(pin_again_label(), self.pin_again)

        self.message = MessageLabel()
        self.create_button = QPushButton(self.tr("&Create the station"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_station)
        back_button = QPushButton(self.tr("&Back"))
        back_button.setAutoDefault(False)
        back_button.clicked.connect(self.show_choices)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(back_button)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        return page

    # moving between them ------------------------------------------------------------------------

    @Slot()
    def show_choices(self) -> None:
        self.pages.setCurrentIndex(CHOICES)
        self.new_button.setFocus()

    @Slot()
    def show_create(self) -> None:
        self.pages.setCurrentIndex(CREATE)
        self.create_button.setDefault(True)
        self.station_name.setFocus()

    @Slot()
    def show_restore(self) -> None:
        self.pages.setCurrentIndex(RESTORE)
        self.restore.focus_first()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc goes back to the two choices; on the choices it quits, as the Quit button. On the
        new station's form Enter goes to the next field, and from the last one creates it (not
        left to the dialog's default button: the choice page's button took that role when it
        had the focus)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.pages.currentIndex() == CREATE:
            fields = [self.station_name, self.phone, self.manager_name, self.pin, self.pin_again]
            focused = self.focusWidget()
            if focused in fields:
                event.accept()
                if focused is not fields[-1]:
                    fields[fields.index(focused) + 1].setFocus(Qt.FocusReason.TabFocusReason)
                elif self.create_button.isEnabled():
                    self.create_button.click()
                return
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() != CHOICES:
            if self.pages.currentIndex() == CREATE:
                self.show_choices()
            else:
                self.restore.go_back()
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        self.restore.stop_quietly()  # a download under way ends after its page; what came stays
        super().reject()

    @Slot()
    def create_station(self) -> None:
        self.message.clear_message()
        if not same_pin_twice(self.pin, self.pin_again, self.message):
            return
        self._set_busy(True)
        self.worker.call(
            Station.create,
            self.data_dir,
            name=self.station_name.text(),
            phone=self.phone.text(),
            manager_name=self.manager_name.text(),
            manager_pin=self.pin.text(),
            on_done=self._created,
            on_error=self._refused,
        )

    def _created(self, station: Station) -> None:
        self._set_busy(False)
        self.station_created.emit(station)
        self.accept()

    def _refused(self, error: UserError) -> None:
        self._set_busy(False)
        self.message.show_refusal(str(error))

    def _set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)


def _big_button(text: str) -> QPushButton:
    """One of the two choices: large, so it reads as the thing to do on this screen."""
    button = QPushButton(text)
    # the application's style sheet sets every button's height: this one's own rule wins
    button.setStyleSheet(
        "QPushButton { min-height: 60px; padding: 8px 16px; font-size: 22px; font-weight: bold; }"
    )
    return button


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setContentsMargins(8, 0, 8, 8)
    return label
