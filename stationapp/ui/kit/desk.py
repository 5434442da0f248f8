"""What the desk's screens share: the outcome line with its sound, the next-step hint, scoped
shortcuts, and the desk's style (big scan fields, big messages, the row of sub-page buttons)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

from stationapp.core import clock
from stationapp.ui.kit import sounds
from stationapp.ui.kit.forms import MessageLabel, keep_last_words_together

STYLE_SHEET = """
QLineEdit#scanField { font-size: 24px; min-height: 44px; }
QLabel#refusal, QLabel#success { font-size: 20px; }
QLabel#stepHint { font-size: 20px; color: #24435c; }
QLabel#sectionTitle { font-size: 19px; font-weight: bold; color: #24435c; }
QLabel#bigFigure { font-size: 40px; font-weight: bold; color: #24435c; }
QLabel#lateWarning { font-size: 20px; font-weight: bold; color: #ffffff; background: #b00020;
                     padding: 6px 10px; }
QPushButton#subPage { font-size: 18px; padding: 8px 14px; min-height: 34px; }
QPushButton#subPage:checked { background: #24435c; color: #ffffff; border: none; }
QPushButton#primary { font-size: 18px; font-weight: bold; background: #1f6f3f; color: #ffffff;
                      padding: 8px 20px; border-radius: 4px; }
QPushButton#primary:disabled { background: #9bb8a6; }
QTableView, QTableWidget, QListWidget { font-size: 17px; }
QListWidget#carrierChoice, QListWidget#recipientChoice { font-size: 20px; }
QListWidget#carrierChoice::item, QListWidget#recipientChoice::item { padding: 2px 8px; }
QListWidget#carrierChoice::item:selected, QListWidget#recipientChoice::item:selected {
    background: #f0a030; color: #1b1b1b; }
"""


class Outcome(MessageLabel):
    """The line that says how the last action went: green with the success sound, or red with
    the refusal sound and what to do."""

    def refuse(self, text: str) -> None:
        self.show_refusal(text)
        sounds.play_refusal()

    def succeed(self, text: str) -> None:
        self.show_success(text)
        sounds.play_success()


class StepHint(QLabel):
    """Says what to do next, in a few words: the operator never has to guess."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepHint")
        self.setWordWrap(True)
        self._text = ""

    def setText(self, text: str) -> None:
        """Shown with its last two words held together, so that a wrapped hint never ends on a
        line of one word ("Retry." alone under a full line); ``text()`` gives it as set."""
        self._text = text
        super().setText(keep_last_words_together(text))

    def text(self) -> str:
        return self._text


def scan_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setObjectName("scanField")
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    return field


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def shortcut(
    owner: QWidget, keys: QKeySequence | Qt.Key | str | int, slot: Callable[[], object]
) -> QShortcut:
    """A key that works while the focus is anywhere inside ``owner`` (and only there)."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    key = QShortcut(sequence, owner)
    key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    key.activated.connect(slot)
    return key


def when_text(iso: str) -> str:
    """``2026-11-22 09:30`` from an ISO time (empty stays empty)."""
    return clock.minute_text(iso)


def day_text(iso: str) -> str:
    """``2026-11-22``: the business day of an ISO time (empty stays empty)."""
    return clock.business_day(iso).isoformat() if iso else ""


def ask_no_by_default(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    *,
    name: str,
    on_answer: Callable[[QMessageBox, bool], None],
) -> QMessageBox:
    """A Yes/No question, open (not modal-blocking), whose Enter and Esc both say no: a scanner's
    Enter (a double scan) never confirms it; Y does. ``on_answer(box, yes)`` once answered."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName(name)
    # wide enough that the question and its keys read as lines, not a ragged column
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 560px; }")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    box.finished.connect(lambda _result: on_answer(box, box.clickedButton() is yes))
    box.open()
    return box
