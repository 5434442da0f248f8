"""Pieces the forms share: the PIN field, a new PIN typed twice, and the line that says what went
wrong."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PinEdit(QLineEdit):
    """A PIN field: the digits 0-9 only (a Chinese input method's full-width ０-９ too: the
    station reads them as 0-9), at most 8, shown as dots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(8)
        self.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9０-９]{0,8}"), self))
        self.setMaximumWidth(260)


class MessageLabel(QLabel):
    """A line under a form: red for a refusal, green for a success, hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_refusal(self, text: str) -> None:
        self._show("refusal", text)

    def show_success(self, text: str) -> None:
        self._show("success", text)

    def clear_message(self) -> None:
        self.clear()
        self.hide()

    @property
    def kind(self) -> str:
        return self.objectName()

    def _show(self, kind: str, text: str) -> None:
        self.setObjectName(kind)
        # the style sheet selects on the object name: re-polish so the colour follows
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.show()


def pin_again_label() -> str:
    """The label of the second of the two PIN fields."""
    return QCoreApplication.translate("PinTwice", "PIN &again:")


def same_pin_twice(pin: PinEdit, again: PinEdit, message: MessageLabel) -> bool:
    """True when a new PIN was typed the same twice (the wizard, a restore, the operators'
    forms); else ``message`` says so and the second field is emptied, with the cursor in it."""
    if pin.text() == again.text():
        return True
    message.show_refusal(
        QCoreApplication.translate(
            "PinTwice", "The two PINs are not the same. Type the same PIN in both fields."
        )
    )
    again.clear()
    again.setFocus()
    return False


def centered_card(window: QWidget, *, max_width: int = 820) -> QVBoxLayout:
    """The layout of a card centred in ``window``: the wizard, the login and the lock screen
    look the same in a small dialog and on a maximised 1366×768 screen."""
    card = QFrame(window)
    card.setObjectName("card")
    card.setMaximumWidth(max_width)
    outer = QGridLayout(window)
    outer.setContentsMargins(24, 24, 24, 24)
    outer.setRowStretch(0, 1)
    outer.setRowStretch(2, 1)
    outer.setColumnStretch(0, 1)
    outer.setColumnStretch(2, 1)
    outer.addWidget(card, 1, 1)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(40, 30, 40, 30)
    layout.setSpacing(16)
    return layout


def keep_last_words_together(text: str) -> str:
    """``text`` with the space before each paragraph's last word made unbreakable."""
    lines = []
    for line in text.split("\n"):
        head, space, last = line.rstrip().rpartition(" ")
        lines.append(f"{head}\u00a0{last}" if space and head.strip() else line)
    return "\n".join(lines)


def ask_reason(
    parent: QWidget, title: str, text: str, on_reason: Callable[[str], None]
) -> QInputDialog:
    """The small dialog a correction asks its reason in (type it, Enter gives it, Esc cancels):
    opened, not blocking; ``on_reason(text)`` once Enter gives it. The core refuses a reason too
    short, so what is typed is passed on as it is."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("reasonDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.textValueSelected.connect(on_reason)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
