"""The fields of the two SMS clouds on the SMS settings page (短信设置): Aliyun's keys and
template codes, Tencent's keys, app, region, template IDs and parameter order, a modem's
port and speed, the file and the county center; the key field
that never shows a saved key; the small layout pieces the page shares with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
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

from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.sms.render import template_fields

TEMPLATES = (
    ("parcel_arrival", QT_TRANSLATE_NOOP("SmsSettingsPage", "Parcel arrival notice:")),
    ("parcel_reminder", QT_TRANSLATE_NOOP("SmsSettingsPage", "Pickup reminder:")),
    ("sms_test", QT_TRANSLATE_NOOP("SmsSettingsPage", "Test text:")),
)
TENCENT_REGIONS = ("ap-guangzhou", "ap-beijing", "ap-nanjing")
BAUDS = (9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)


def template_label(label: str) -> str:
    """A template's name as the page shows it (translated where it is declared)."""
    return QCoreApplication.translate("SmsSettingsPage", label)


class KeyEdit(QLineEdit):
    """A field for a key: empty once saved, saying "Saved"; typing replaces the saved key."""

    def __init__(self, *, hidden: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if hidden:
            self.setEchoMode(QLineEdit.EchoMode.Password)
        self.saved = False
        self.show_saved(False)

    def show_saved(self, saved: bool) -> None:
        self.saved = saved
        self.setText("")  # setText, unlike clear(), leaves nothing to undo
        self.setPlaceholderText(
            self.tr("Saved") if saved else self.tr("copy it from the service's console")
        )


class AliyunPanel(QGroupBox):
    """Aliyun SMS: the AccessKey pair and a template code per text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("SmsSettingsPage", "Aliyun SMS"))
        self.key_id = KeyEdit(hidden=False)
        self.key_secret = KeyEdit(hidden=True)
        self.templates = {code: QLineEdit() for code, _ in TEMPLATES}
        form = QFormLayout(self)
        form.addRow(self.tr("AccessKey &ID:"), self.key_id)
        form.addRow(self.tr("AccessKey S&ecret:"), self.key_secret)
        form.addRow(subheading(self.tr("Template codes")))
        for code, label in TEMPLATES:
            self.templates[code].setPlaceholderText(self.tr("e.g. SMS_123456789"))
            form.addRow(template_label(label), self.templates[code])
        form.addRow(
            hint(
                self.tr(
                    "Copy the codes from the Aliyun SMS console. Aliyun templates may contain "
                    "no 【】 and no mobile number."
                )
            )
        )


class TencentPanel(QGroupBox):
    """Tencent Cloud SMS: the secret pair, the app and region, a template ID and parameter
    order per text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("SmsSettingsPage", "Tencent Cloud SMS"))
        self.secret_id = KeyEdit(hidden=False)
        self.secret_key = KeyEdit(hidden=True)
        self.app_id = QLineEdit()
        self.app_id.setPlaceholderText(self.tr("e.g. 1400006666"))
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.addItems(TENCENT_REGIONS)
        form = QFormLayout(self)
        pairs = QGridLayout()
        pairs.addWidget(buddy(self.tr("Secret&Id:"), self.secret_id), 0, 0)
        pairs.addWidget(self.secret_id, 0, 1)
        pairs.addWidget(buddy(self.tr("Secret&Key:"), self.secret_key), 0, 2)
        pairs.addWidget(self.secret_key, 0, 3)
        pairs.addWidget(buddy(self.tr("Sdk&AppId:"), self.app_id), 1, 0)
        pairs.addWidget(self.app_id, 1, 1)
        pairs.addWidget(buddy(self.tr("&Region:"), self.region), 1, 2)
        pairs.addWidget(self.region, 1, 3)
        pairs.setColumnStretch(1, 1)
        pairs.setColumnStretch(3, 1)
        form.addRow(pairs)

        grid = QGridLayout()
        grid.addWidget(subheading(self.tr("Template ID")), 0, 1)
        grid.addWidget(subheading(self.tr("Parameter order")), 0, 2)
        self.templates: dict[str, QLineEdit] = {}
        self.params: dict[str, QLineEdit] = {}
        for row, (code, label) in enumerate(TEMPLATES, start=1):
            template_id = QLineEdit()
            template_id.setPlaceholderText(self.tr("e.g. 1234567"))
            order = QLineEdit()
            fields = [name for name in template_fields(code) if name != "station"]
            order.setPlaceholderText(", ".join(fields))
            if not fields:  # a text without parameters has no order
                order.hide()
            self.templates[code] = template_id
            self.params[code] = order
            grid.addWidget(QLabel(template_label(label)), row, 0)
            grid.addWidget(template_id, row, 1)
            grid.addWidget(order, row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 2)
        form.addRow(grid)
        form.addRow(
            hint(
                self.tr(
                    "Parameter order: the names that fill {1}, {2}… of the Tencent template, "
                    "separated by commas. Left empty, the order shown in grey is used."
                )
            )
        )


class FilePanel(QGroupBox):
    """The file provider (a demo): where the texts are written."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("SmsSettingsPage", "File (demo)"))
        text = self.tr(
            "Texts are written to the file {path} and reach no phone. Use it to try the station "
            "out; choose an SMS service to reach the villagers."
        ).format(path=path)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(text))


class ModemPanel(QGroupBox):
    """A USB SMS modem: its serial port (found or typed) and speed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("SmsSettingsPage", "SMS modem (USB)"))
        self.port = QComboBox()
        self.port.setEditable(True)
        self.port.setMinimumWidth(220)
        self.port.lineEdit().setPlaceholderText(self.tr("e.g. COM3"))
        self.find_button = QPushButton(self.tr("&Find ports"))
        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.find_button)
        self.description = hint("")
        self.baud = QComboBox()
        for speed in BAUDS:
            self.baud.addItem(str(speed), speed)
        select(self.baud, 115200)  # most USB modems
        form = QFormLayout(self)
        form.addRow(buddy(self.tr("&Port:"), self.port), port_row)
        form.addRow("", self.description)
        form.addRow(self.tr("Spee&d:"), self.baud)
        form.addRow(
            hint(
                self.tr(
                    "The modem sends texts with its own SIM card and needs no internet. While it "
                    "is unplugged, texts wait in the queue."
                )
            )
        )


class CountyPanel(QGroupBox):
    """Texts through the county center's SMS service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("SmsSettingsPage", "Through the county center"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                self.tr(
                    "Texts go out through the county center's SMS service once the station has "
                    "joined the county center. Until then they stay queued."
                )
            )
        )


def buddy(text: str, widget: QWidget) -> QLabel:
    """A field's label whose &-letter jumps to the field."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def left(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def subheading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


def select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
