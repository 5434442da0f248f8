"""The small dialog a correction asks its reason in: type it, Enter gives it, Esc cancels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget


def ask_reason(
    parent: QWidget, title: str, text: str, on_reason: Callable[[str], None]
) -> QInputDialog:
    """Opens (not blocking) a one-line question; ``on_reason(text)`` once Enter gives it. The
    core refuses a reason too short, so what is typed is passed on as it is."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("reasonDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.textValueSelected.connect(on_reason)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
