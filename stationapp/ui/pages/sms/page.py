"""The 短信 page (F11): the outbox (Ctrl+1) and the SMS settings (Ctrl+2), with the do-not-text
list a key away from the outbox (N). The SMS settings are also this line's form for the settings
page, which asks for them through the main window (:meth:`SmsPage.open_form`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.sub_pages import SubPagedPage
from stationapp.ui.pages.sms.outbox import OutboxPanel
from stationapp.ui.pages.sms.settings import SmsSettingsPage

DEFAULT = "outbox"


class SmsPage(SubPagedPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.outbox = OutboxPanel(context)
        self.settings = SmsSettingsPage(context)
        self.set_sub_pages(
            self.tr("Texts"),
            [
                ("outbox", self.tr("Outbox"), self.outbox),
                ("settings", self.tr("SMS settings"), self.settings),
            ],
            DEFAULT,
        )

    def open_form(self, name: str, parent: QWidget) -> QDialog | None:
        """``settings``: the SMS settings in a window of their own (the manager's)."""
        if name != "settings" or not self.operator.is_manager:
            return None
        dialog = SmsSettingsDialog(self.context, parent)
        dialog.page.changed.connect(self.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(parent.window().size())
        dialog.open()
        dialog.page.on_shown()
        return dialog


class SmsSettingsDialog(QDialog):
    """The SMS settings in a window of their own, opened from the settings page (through the
    main window: :meth:`SmsPage.open_form`)."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("SMS settings"))
        self.page = SmsSettingsPage(context, self)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addLayout(row)
        self.finished.connect(lambda _result: self.page.shutdown())
