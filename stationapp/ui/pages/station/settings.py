"""Settings (设置): the station's details, language, idle lock, paper, printer, the operators,
and the printer test page. Changing anything but one's own PIN is the manager's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, clock
from stationapp.core.changes import Changes
from stationapp.ui.kit.forms import MessageLabel
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.station.operators import OperatorsPanel, PinForm

# each language is named in its own words, so anyone can find theirs
LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


class SettingsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editing_allowed = context.operator.is_manager
        self.loaded: dict[str, Any] = {}
        self.printers_listed = False

        title = QLabel(self.tr("Settings"))
        title.setObjectName("pageTitle")
        self.manager_only = QLabel(
            self.tr(
                "Only the station manager can change the settings and the operators. "
                "Ask the manager to log in."
            )
        )
        self.manager_only.setObjectName("refusal")
        self.manager_only.setWordWrap(True)

        self.station_box = self._station_box()
        self.general_box = self._general_box()
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.clicked.connect(self.save)
        self.operators_panel = OperatorsPanel(context)
        self.operators_panel.changed.connect(self.changed)

        self.test_page_button = QPushButton(self.tr("&Print test page"))
        self.test_page_button.clicked.connect(self.print_test_page)
        self.save_test_page_button = QPushButton(self.tr("Save test page as P&DF"))
        self.save_test_page_button.clicked.connect(self.save_test_page)
        self.my_pin_button = QPushButton(self.tr("Change &my PIN"))
        self.my_pin_button.clicked.connect(self.open_my_pin_form)
        self.sms_button = QPushButton(self.tr("SMS settin&gs…"))
        self.sms_button.clicked.connect(self.open_sms_settings)
        self.parcel_settings_button = QPushButton(self.tr("Parcel settings (&K)…"))
        self.parcel_settings_button.clicked.connect(self.open_parcel_settings)
        self.join_county_button = QPushButton(self.tr("&Join the county center…"))
        self.join_county_button.clicked.connect(self.open_join_county)
        self.message = MessageLabel()

        left = QVBoxLayout()
        left.addWidget(self.station_box)
        left.addWidget(self.general_box)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        left.addLayout(save_row)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(20)
        columns.addLayout(left, 1)
        columns.addWidget(self.operators_panel, 1)

        actions = QHBoxLayout()
        actions.addWidget(self.test_page_button)
        actions.addWidget(self.save_test_page_button)
        actions.addWidget(self.my_pin_button)
        actions.addWidget(self.sms_button)
        actions.addWidget(self.parcel_settings_button)
        actions.addWidget(self.join_county_button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.manager_only)
        layout.addLayout(columns, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        editors = (
            self.station_box,
            self.general_box,
            self.save_button,
            self.operators_panel,
            self.sms_button,
            self.parcel_settings_button,
            self.join_county_button,
        )
        for editor in editors:
            editor.setVisible(self.editing_allowed)
        self.manager_only.setVisible(not self.editing_allowed)
        if not self.editing_allowed:
            layout.insertStretch(3, 1)

    def _station_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The station"))
        self.station_name = QLineEdit()
        self.station_phone = QLineEdit()
        self.station_phone.setPlaceholderText(self.tr("mobile or landline, e.g. 0883-1234567"))
        form = QFormLayout(box)
        form.addRow(self.tr("Station &name:"), self.station_name)
        form.addRow(self.tr("Contact p&hone:"), self.station_phone)
        return box

    def _general_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Working"))
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(0, 240)
        self.idle_lock.setSuffix(self.tr(" min"))
        self.idle_lock.setSpecialValueText(self.tr("never"))
        self.paper = QComboBox()
        self.paper.addItem(self.tr("80 mm roll"), "80mm")
        self.paper.addItem(self.tr("58 mm roll"), "58mm")
        self.paper.addItem(self.tr("A4 sheet"), "A4")
        self.printer = QComboBox()
        self.printer.addItem(self.tr("Ask each time (or save as PDF)"), "")
        form = QFormLayout(box)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("Lock the screen when &idle for:"), self.idle_lock)
        form.addRow(self.tr("Receipt pap&er:"), self.paper)
        form.addRow(self.tr("Prin&ter:"), self.printer)
        return box

    # loading ------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        if not self.editing_allowed:
            return
        if not self.printers_listed:
            self._list_printers()
        self.worker.call(self.station.settings.all, on_done=self._show_settings)
        self.operators_panel.refresh()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if self.editing_allowed and changes.changed_setting():
            self.worker.call(self.station.settings.all, on_done=self._show_settings)

    def _list_printers(self) -> None:
        from stationapp.ui.kit import printing

        for name in printing.available_printers():
            self.printer.addItem(name, name)
        self.printers_listed = True

    def _show_settings(self, values: dict[str, Any]) -> None:
        self.loaded = values
        self.station_name.setText(values["station.name"])
        self.station_phone.setText(values["station.phone"])
        _select(self.language, values["language"])
        self.idle_lock.setValue(int(values["idle_lock_minutes"]))
        _select(self.paper, values["paper"])
        if values["printer"] and self.printer.findData(values["printer"]) < 0:
            self.printer.addItem(values["printer"], values["printer"])
        _select(self.printer, values["printer"])

    def edited(self) -> dict[str, Any]:
        """What the form shows, by setting key."""
        return {
            "station.name": self.station_name.text(),
            "station.phone": self.station_phone.text(),
            "language": self.language.currentData(),
            "idle_lock_minutes": self.idle_lock.value(),
            "paper": self.paper.currentData(),
            "printer": self.printer.currentData(),
        }

    # saving -------------------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        if not self._allowed():
            return
        changes = {k: v for k, v in self.edited().items() if self.loaded.get(k) != v}
        if not changes:
            self.message.show_success(self.tr("Nothing was changed."))
            return
        self.worker.call(
            self.station.settings.set_many,
            changes,
            on_done=self._saved,
            on_error=lambda error: self.message.show_refusal(str(error)),
        )

    def _saved(self, events: list[Event]) -> None:
        self.message.show_success(self.tr("Settings saved."))
        self.tell(events)

    def _allowed(self) -> bool:
        if not self.editing_allowed:
            self.message.show_refusal(self.manager_only.text())
        return self.editing_allowed

    # the operators ------------------------------------------------------------------------------

    def open_add_operator(self) -> PinForm | None:
        return self.operators_panel.open_add_form() if self._allowed() else None

    def open_reset_pin(self) -> PinForm | None:
        return self.operators_panel.open_reset_form() if self._allowed() else None

    @Slot()
    def open_my_pin_form(self) -> PinForm:
        form = PinForm(self.tr("Change my PIN"), self.tr("Type your new PIN twice."), self)
        form.add_pin_rows()
        form.submitted.connect(
            lambda values: self.worker.call(
                self.station.operators.reset_pin,
                self.operator.id,
                values["pin"],
                on_done=lambda _: self._pin_changed(form),
                on_error=form.refuse,
            )
        )
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    # the SMS settings -------------------------------------------------------------------------

    @Slot()
    def open_sms_settings(self) -> QDialog | None:
        """The SMS settings in a window of their own (the manager's; the 短信 page's form)."""
        if not self._allowed():
            return None
        return self.open_other_form("sms.settings")

    @Slot()
    def open_parcel_settings(self) -> QDialog | None:
        """Shelves, overdue and return days, consent, fee, cut-off (the manager's; the 快递
        page's form)."""
        if not self._allowed():
            return None
        return self.open_other_form("parcels.settings")

    @Slot()
    def open_join_county(self) -> QDialog | None:
        """加入县级中心 (the manager's): joining is broadcast, so sync starts at once."""
        if not self._allowed():
            return None
        return self.open_other_form("sync.join")

    def _pin_changed(self, form: PinForm) -> None:
        form.accept()
        self.message.show_success(self.tr("Your PIN was changed."))

    # the test page ------------------------------------------------------------------------------

    @Slot()
    def print_test_page(self) -> None:
        self.message.clear_message()
        self.worker.call(self._render_test_page, on_done=self._print_test_page)

    @Slot()
    def save_test_page(self) -> None:
        self.message.clear_message()
        self.worker.call(self._render_test_page, on_done=self._save_test_page)

    def _render_test_page(self) -> tuple[Event, bytes, str]:
        # runs on the database thread; reportlab is loaded on first use
        from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader
        from stationapp.receipts.testpage import printer_test_page

        event = self.station.events.record_print("test_page")
        info = self.station.info
        settings = self.station.settings.all()
        pdf = printer_test_page(
            header=ReceiptHeader(info.name, info.phone),
            footer=ReceiptFooter(
                event.id,
                clock.parse_iso(event.occurred_at),
                self.operator.name,
                info.receipt_check,
            ),
            paper=settings["paper"],
        )
        return event, pdf, settings["printer"]

    def _print_test_page(self, rendered: tuple[Event, bytes, str]) -> None:
        from stationapp.ui.kit import printing

        event, pdf, printer = rendered
        self.tell([event])
        if printing.print_pdf(pdf, printer_name=printer, parent=self, ask=not printer):
            self.message.show_success(
                self.tr(
                    "The test page was printed or saved. If nothing came out, check the "
                    "printer's power, paper and cable, and the paper setting."
                )
            )
        else:
            self.message.show_success(self.tr("Printing was cancelled."))

    def _save_test_page(self, rendered: tuple[Event, bytes, str]) -> None:
        from stationapp.ui.kit import printing

        event, pdf, _printer = rendered
        self.tell([event])
        path = printing.save_pdf(pdf, self, self.tr("test-page.pdf"))
        if path is not None:
            self.message.show_success(self.tr("Saved as {path}").format(path=path))


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
