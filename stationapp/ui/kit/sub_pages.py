"""A page made of sub-pages behind a row of big buttons, Ctrl+1, Ctrl+2... (快递, 短信): the
sub-page shown is refreshed when shown; what one records is told to the window as the page's."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.core.changes import Changes
from stationapp.ui.kit.desk import STYLE_SHEET, shortcut
from stationapp.ui.kit.page import Page, PageContext


class SubPagedPage(Page):
    """Subclasses build their sub-pages, then call :meth:`set_sub_pages` once."""

    sub_page_changed = Signal(str)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setStyleSheet(STYLE_SHEET)
        self.sub_pages: dict[str, Page] = {}
        self.sub_page_buttons: dict[str, QPushButton] = {}
        self.stack = QStackedWidget()

    def set_sub_pages(self, title: str, pages: list[tuple[str, str, Page]], default: str) -> None:
        """``pages`` as (key, button title, sub-page), in the order of Ctrl+1, Ctrl+2..."""
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(heading)
        bar.addSpacing(16)
        for number, (key, text, page) in enumerate(pages, start=1):
            button = QPushButton(f"{text}  Ctrl+{number}")
            button.setObjectName("subPage")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, key=key: self.show_sub_page(key))
            self.buttons.addButton(button)
            bar.addWidget(button)
            self.stack.addWidget(page)
            page.changed.connect(self.changed)
            self.sub_pages[key] = page
            self.sub_page_buttons[key] = button
            digit = getattr(Qt.Key, f"Key_{number}")
            shortcut(
                self,
                QKeySequence(QKeyCombination(Qt.Modifier.CTRL, digit)),
                lambda key=key: self.show_sub_page(key),
            )
        bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.show_sub_page(default, shown=False)

    def current_key(self) -> str:
        current = self.stack.currentWidget()
        return next(key for key, page in self.sub_pages.items() if page is current)

    def current_sub_page(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def show_sub_page(self, key: str, *, shown: bool = True) -> Page:
        page = self.sub_pages[key]
        changed = self.stack.currentWidget() is not page
        self.stack.setCurrentWidget(page)
        self.sub_page_buttons[key].setChecked(True)
        if shown:
            page.on_shown()
        if changed:
            self.sub_page_changed.emit(key)
        return page

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.current_sub_page().on_shown()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        for page in self.sub_pages.values():
            page.on_changed(changes)
