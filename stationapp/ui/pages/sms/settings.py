"""SMS settings (短信设置): how texts go out, the signature, and only the chosen service's fields.

The manager picks one of five ways, types the keys once (they go to ``data_dir/secrets.json`` and
are never shown again: the field says "saved"), checks that the way can send now, and sends a
test text through the outbox. Settings are saved on the database thread; the check runs on a
network thread of its own (a modem can take seconds to answer).
"""

from __future__ import annotations

import contextlib
import logging
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event
from stationapp.core import secrets as keys
from stationapp.core.errors import UserError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.phone import mask_phone
from stationapp.sms_providers import ProviderStatus, Secret, reasons
from stationapp.sms_providers.filelog import FILE_NAME as TEXTS_FILE
from stationapp.ui.kit.forms import MessageLabel
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.sms.settings_panels import (
    TEMPLATES,
    AliyunPanel,
    CountyPanel,
    FilePanel,
    KeyEdit,
    ModemPanel,
    TencentPanel,
    buddy,
    hint,
    left,
    select,
)
from stationapp.ui.pages.sms.settings_work import (
    check_provider,
    load_sms_settings,
    queue_test_text,
    save_sms_settings,
    serial_ports,
)

log = logging.getLogger(__name__)

PROVIDERS = (
    ("file", QT_TRANSLATE_NOOP("SmsSettingsPage", "File (demo)")),
    ("aliyun", QT_TRANSLATE_NOOP("SmsSettingsPage", "Aliyun SMS")),
    ("tencent", QT_TRANSLATE_NOOP("SmsSettingsPage", "Tencent Cloud SMS")),
    ("modem", QT_TRANSLATE_NOOP("SmsSettingsPage", "SMS modem (USB)")),
    ("county", QT_TRANSLATE_NOOP("SmsSettingsPage", "Through the county center")),
)


# --- the form ------------------------------------------------------------------------------------


class SmsSettingsPage(Page):
    _checked = Signal(ProviderStatus)  # from the network thread
    _ports_found = Signal(list)  # [(device, description)], from the network thread

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editing_allowed = context.operator.is_manager
        self.loaded: dict[str, Any] = {}
        self.ports: dict[str, str] = {}
        self._network = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sms-check")
        weakref.finalize(self, self._network.shutdown, wait=False)
        self._checked.connect(self._show_check, Qt.ConnectionType.QueuedConnection)
        self._ports_found.connect(self._show_ports, Qt.ConnectionType.QueuedConnection)

        title = QLabel(self.tr("SMS settings"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            self.tr(
                "Every text waits in the SMS outbox and goes out the way chosen here. Keys are "
                "kept only on this computer and are never shown again."
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.manager_only = QLabel(
            self.tr(
                "Only the station manager can change the SMS settings. Ask the manager to log in."
            )
        )
        self.manager_only.setObjectName("refusal")
        self.manager_only.setWordWrap(True)

        self.editor = QWidget()
        # one panel per way, in the order of PROVIDERS; only the chosen one is shown
        self.panels: list[QGroupBox] = [
            self._file_panel(),
            self._aliyun_panel(),
            self._tencent_panel(),
            self._modem_panel(),
            self._county_panel(),
        ]
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setMinimumWidth(160)
        self.message = MessageLabel()
        save_row = QHBoxLayout()
        save_row.setSpacing(16)
        save_row.addWidget(
            self.save_button, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        save_row.addWidget(self.message, 1)
        left = self.panel_column = QVBoxLayout()
        for panel in self.panels:
            left.addWidget(panel)
        left.addLayout(save_row)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._check_box())
        right.addWidget(self._test_box())
        right.addStretch(1)
        columns = self.columns = QHBoxLayout()
        columns.setSpacing(20)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        editor = QVBoxLayout(self.editor)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.setSpacing(12)
        editor.addWidget(self._way_box())
        editor.addLayout(columns, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.manager_only)
        layout.addWidget(self.editor, 1)
        self.editor.setVisible(self.editing_allowed)
        self.manager_only.setVisible(not self.editing_allowed)
        if not self.editing_allowed:
            layout.addStretch(1)

        self.provider.currentIndexChanged.connect(self._provider_chosen)
        self._provider_chosen()

    # building ---------------------------------------------------------------------------------

    def _way_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("How texts go out"))
        self.provider = QComboBox()
        for code, name in PROVIDERS:
            self.provider.addItem(self.tr(name), code)
        self.signature = QLineEdit()
        self.signature.setMaxLength(22)
        self.signature.setPlaceholderText(self.tr("e.g. 芒艾村服务站"))
        signature_hint = hint(
            self.tr(
                "The signature the SMS service approved, without 【】. Left empty, texts are "
                "signed with the station's name."
            )
        )
        grid = QGridLayout(box)
        grid.addWidget(buddy(self.tr("Send texts &through:"), self.provider), 0, 0)
        grid.addWidget(self.provider, 0, 1)
        grid.addWidget(buddy(self.tr("Si&gnature:"), self.signature), 0, 2)
        grid.addWidget(self.signature, 0, 3)
        grid.addWidget(signature_hint, 1, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        grid.setHorizontalSpacing(12)
        return box

    def _file_panel(self) -> QGroupBox:
        return FilePanel(Path(self.station.data_dir) / TEXTS_FILE)

    def _aliyun_panel(self) -> QGroupBox:
        panel = AliyunPanel()
        self.aliyun_key_id, self.aliyun_key_secret = panel.key_id, panel.key_secret
        self.aliyun_templates = panel.templates
        return panel

    def _tencent_panel(self) -> QGroupBox:
        panel = TencentPanel()
        self.tencent_secret_id, self.tencent_secret_key = panel.secret_id, panel.secret_key
        self.tencent_app_id, self.tencent_region = panel.app_id, panel.region
        self.tencent_templates, self.tencent_params = panel.templates, panel.params
        return panel

    def _modem_panel(self) -> QGroupBox:
        panel = ModemPanel()
        self.modem_port, self.modem_baud = panel.port, panel.baud
        self.find_ports_button, self.port_description = panel.find_button, panel.description
        self.modem_port.currentTextChanged.connect(self._port_chosen)
        self.find_ports_button.clicked.connect(self.find_ports)
        return panel

    def _county_panel(self) -> QGroupBox:
        return CountyPanel()

    def _check_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Can texts go out now?"))
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.clicked.connect(self.check)
        self.check_result = MessageLabel()
        layout = QVBoxLayout(box)
        layout.addWidget(
            hint(self.tr("Asks the way shown here whether it can send now. No text is sent."))
        )
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.check_result)
        return box

    def _test_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Send a test text"))
        self.test_phone = QLineEdit()
        self.test_phone.setPlaceholderText(self.tr("mobile number, e.g. 13812345678"))
        self.test_phone.returnPressed.connect(self.send_test_text)
        self.test_button = QPushButton(self.tr("Se&nd a test text"))
        self.test_button.clicked.connect(self.send_test_text)
        self.test_result = MessageLabel()
        form = QFormLayout(box)
        form.addRow(
            hint(
                self.tr(
                    "Goes out the saved way, through the SMS outbox, like a parcel notice. "
                    "Save your changes first."
                )
            )
        )
        form.addRow(self.tr("&Mobile:"), self.test_phone)
        form.addRow("", left(self.test_button))
        form.addRow(self.test_result)
        return box

    # loading ----------------------------------------------------------------------------------

    def on_shown(self) -> None:
        if not self.editing_allowed:
            return
        self.worker.call(load_sms_settings, self.station, on_done=self._show_loaded)
        if not self.ports:
            self.find_ports()

    def shutdown(self) -> None:
        """Let a check under way finish on its own; the page takes no more."""
        self._network.shutdown(wait=False)

    def _show_loaded(self, loaded: tuple[dict[str, Any], list[str]]) -> None:
        values, saved_keys = loaded
        self.show_settings(values, saved_keys)

    def show_settings(self, values: dict[str, Any], saved_keys: list[str]) -> None:
        self.loaded = values
        select(self.provider, values.get("sms.provider", "file"))
        self.signature.setText(values.get("sms.signature", ""))
        aliyun = values.get("sms.aliyun.templates", {})
        tencent = values.get("sms.tencent.templates", {})
        tencent_params = values.get("sms.tencent.params", {})
        for code, _label in TEMPLATES:
            self.aliyun_templates[code].setText(aliyun.get(code, ""))
            self.tencent_templates[code].setText(tencent.get(code, ""))
            self.tencent_params[code].setText(tencent_params.get(code, ""))
        self.tencent_app_id.setText(values.get("sms.tencent.app_id", ""))
        self.tencent_region.setCurrentText(values.get("sms.tencent.region", ""))
        port = values.get("sms.modem.port", "")
        if port and self.modem_port.findText(port) < 0:
            self.modem_port.addItem(port)
        self.modem_port.setCurrentText(port)
        baud = int(values.get("sms.modem.baud", 115200))
        if self.modem_baud.findData(baud) < 0:
            self.modem_baud.addItem(str(baud), baud)
        select(self.modem_baud, baud)
        for name, edit in self.key_edits().items():
            edit.show_saved(name in saved_keys)

    def key_edits(self) -> dict[str, KeyEdit]:
        return {
            keys.ALIYUN_ACCESS_KEY_ID: self.aliyun_key_id,
            keys.ALIYUN_ACCESS_KEY_SECRET: self.aliyun_key_secret,
            keys.TENCENT_SECRET_ID: self.tencent_secret_id,
            keys.TENCENT_SECRET_KEY: self.tencent_secret_key,
        }

    @Slot()
    def _provider_chosen(self) -> None:
        chosen = max(self.provider.currentIndex(), 0)
        for index, panel in enumerate(self.panels):
            panel.setVisible(index == chosen)
        # before the page is first shown Qt keeps the sizes it had: make every level ask again
        for layout in (self.panel_column, self.columns, self.editor.layout(), self.layout()):
            layout.invalidate()
        self.check_result.clear_message()

    # what the form says -----------------------------------------------------------------------

    def edited(self) -> dict[str, Any]:
        """The SMS settings as the form shows them, by setting key."""
        return {
            "sms.provider": self.provider.currentData(),
            "sms.signature": self.signature.text().strip(),
            "sms.aliyun.templates": self._per_template(
                "sms.aliyun.templates", self.aliyun_templates
            ),
            "sms.tencent.app_id": self.tencent_app_id.text().strip(),
            "sms.tencent.region": self.tencent_region.currentText().strip(),
            "sms.tencent.templates": self._per_template(
                "sms.tencent.templates", self.tencent_templates
            ),
            "sms.tencent.params": self._per_template("sms.tencent.params", self.tencent_params),
            "sms.modem.port": self.modem_port.currentText().strip(),
            "sms.modem.baud": self.modem_baud.currentData(),
        }

    def _per_template(self, key: str, edits: dict[str, QLineEdit]) -> dict[str, str]:
        values = dict(self.loaded.get(key, {}))  # templates this page does not show are kept
        for code, edit in edits.items():
            text = edit.text().strip()
            if text:
                values[code] = text
            else:
                values.pop(code, None)
        return values

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.edited().items() if self.loaded.get(k) != v}

    def typed_keys(self) -> dict[str, Secret]:
        """The keys typed since the last save (a Secret prints as ***)."""
        return {
            name: Secret(edit.text().strip())
            for name, edit in self.key_edits().items()
            if edit.text().strip()
        }

    # saving -----------------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        if not self._allowed(self.message):
            return
        changes, typed = self.changes(), self.typed_keys()
        if not changes and not typed:
            self.message.show_success(self.tr("Nothing was changed."))
            return
        self.save_button.setEnabled(False)
        self.worker.call(
            save_sms_settings,
            self.station,
            changes,
            typed,
            on_done=self._saved,
            on_error=self._save_refused,
        )

    def _saved(self, saved: tuple[list[Event], dict[str, Any], list[str]]) -> None:
        events, values, saved_keys = saved
        self.save_button.setEnabled(True)
        self.show_settings(values, saved_keys)
        self.message.show_success(self.tr("The SMS settings are saved."))
        self.tell(events)

    def _save_refused(self, error: UserError) -> None:
        self.save_button.setEnabled(True)
        self.message.show_refusal(str(error))

    def _allowed(self, where: MessageLabel) -> bool:
        if not self.editing_allowed:
            where.show_refusal(self.manager_only.text())
        return self.editing_allowed

    # checking ---------------------------------------------------------------------------------

    @Slot()
    def check(self) -> Future | None:
        """Ask the way shown (saved or not) whether it can send; the answer shows below."""
        if not self._allowed(self.check_result):
            return None
        self.check_button.setEnabled(False)
        self.check_result.show_success(self.tr("Checking…"))
        values = {**self.loaded, **self.edited()}
        future = self._network.submit(
            check_provider, values, self.typed_keys(), Path(self.station.data_dir)
        )
        future.add_done_callback(self._hand_check_back)
        return future

    def _hand_check_back(self, future: Future) -> None:
        # network thread: a bug in the check is a status too, never a frozen button
        error = future.exception()
        if error is not None:
            log.error("the SMS check failed: %s", type(error).__name__)
        status = (
            future.result() if error is None else ProviderStatus.of(False, reasons.SERVICE_TROUBLE)
        )
        with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
            self._checked.emit(status)

    @Slot(ProviderStatus)
    def _show_check(self, status: ProviderStatus) -> None:
        self.check_button.setEnabled(True)
        if status.ok:
            self.check_result.show_success(status.message)
        else:
            self.check_result.show_refusal(status.message)

    # the modem's ports ------------------------------------------------------------------------

    @Slot()
    def find_ports(self) -> None:
        self.find_ports_button.setEnabled(False)
        future = self._network.submit(serial_ports)
        future.add_done_callback(self._hand_ports_back)

    def _hand_ports_back(self, future: Future) -> None:
        found = future.result() if future.exception() is None else []
        with contextlib.suppress(RuntimeError):
            self._ports_found.emit(found)

    @Slot(list)
    def _show_ports(self, found: list[tuple[str, str]]) -> None:
        self.find_ports_button.setEnabled(True)
        typed = self.modem_port.currentText()
        self.ports = dict(found)
        self.modem_port.blockSignals(True)
        self.modem_port.clear()
        for device, description in found:
            self.modem_port.addItem(device)
            self.modem_port.setItemData(
                self.modem_port.count() - 1, description, Qt.ItemDataRole.ToolTipRole
            )
        self.modem_port.setCurrentText(typed)
        self.modem_port.blockSignals(False)
        self._port_chosen(typed)

    @Slot(str)
    def _port_chosen(self, port: str) -> None:
        if not self.ports:
            text = self.tr("No serial port found. Plug the modem in, then press Find ports.")
        elif port.strip() in self.ports:
            text = self.ports[port.strip()]
        else:
            text = self.tr("Found: {ports}").format(ports=", ".join(self.ports))
        self.port_description.setText(text)

    # the test text ----------------------------------------------------------------------------

    @Slot()
    def send_test_text(self) -> None:
        if not self._allowed(self.test_result):
            return
        if self.changes() or self.typed_keys():
            self.test_result.show_refusal(
                self.tr("Save the settings first: the test text goes out the saved way.")
            )
            return
        self.test_button.setEnabled(False)
        self.worker.call(
            queue_test_text,
            self.station,
            self.test_phone.text(),
            on_done=self._test_queued,
            on_error=self._test_refused,
        )

    def _test_queued(self, event: Event) -> None:
        self.test_button.setEnabled(True)
        self.test_result.show_success(
            self.tr(
                "A test text to {number} is queued and goes out within a minute. If it does not "
                "arrive, the SMS outbox says why."
            ).format(number=mask_phone(event.payload["phone"]))
        )
        self.tell([event])

    def _test_refused(self, error: UserError) -> None:
        self.test_button.setEnabled(True)
        self.test_result.show_refusal(str(error))
