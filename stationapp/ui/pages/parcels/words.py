"""The parcel desk's words for the codes the core stores (consent, verification, ID types,
payments, item categories), translated in the "ParcelWords" context."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from stationapp.core import waybill
from stationapp.core.parcels.facade import Parcel

CONSENTS = {
    "sms_notice": QT_TRANSLATE_NOOP("ParcelWords", "Told by SMS"),
    "phone_call": QT_TRANSLATE_NOOP("ParcelWords", "Agreed on the phone"),
    "standing": QT_TRANSLATE_NOOP("ParcelWords", "Standing agreement"),
    "in_person": QT_TRANSLATE_NOOP("ParcelWords", "Agreed in person"),
}
VERIFICATIONS = {
    "code": QT_TRANSLATE_NOOP("ParcelWords", "Pickup code"),
    "phone": QT_TRANSLATE_NOOP("ParcelWords", "Phone number"),
    "id": QT_TRANSLATE_NOOP("ParcelWords", "ID card shown"),
}
ID_TYPES = {
    "resident_id": QT_TRANSLATE_NOOP("ParcelWords", "Resident ID card"),
    "hk_macao_permit": QT_TRANSLATE_NOOP("ParcelWords", "Hong Kong/Macao travel permit"),
    "taiwan_permit": QT_TRANSLATE_NOOP("ParcelWords", "Taiwan travel permit"),
    "passport": QT_TRANSLATE_NOOP("ParcelWords", "Passport"),
    "foreign_pr": QT_TRANSLATE_NOOP("ParcelWords", "Foreigner's permanent residence card"),
    "other": QT_TRANSLATE_NOOP("ParcelWords", "Other document"),
}
PAYMENTS = {
    "cash": QT_TRANSLATE_NOOP("ParcelWords", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("ParcelWords", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("ParcelWords", "Alipay"),
    "monthly": QT_TRANSLATE_NOOP("ParcelWords", "Monthly account"),
    "other": QT_TRANSLATE_NOOP("ParcelWords", "Other"),
}
CATEGORIES = {
    "documents": QT_TRANSLATE_NOOP("ParcelWords", "Documents"),
    "daily_goods": QT_TRANSLATE_NOOP("ParcelWords", "Daily goods"),
    "clothing": QT_TRANSLATE_NOOP("ParcelWords", "Clothing and shoes"),
    "food": QT_TRANSLATE_NOOP("ParcelWords", "Food"),
    "produce": QT_TRANSLATE_NOOP("ParcelWords", "Farm produce"),
    "electronics": QT_TRANSLATE_NOOP("ParcelWords", "Electronics"),
    "other": QT_TRANSLATE_NOOP("ParcelWords", "Other"),
}


def word(table: dict[str, str], code: str) -> str:
    """The translated word for ``code`` (the code itself when the table does not know it)."""
    return QCoreApplication.translate("ParcelWords", table[code]) if code in table else code


def fill_combo(combo: QComboBox, table: dict[str, str]) -> None:
    """One item per code, showing its word, holding the code as data."""
    combo.clear()
    for code in table:
        combo.addItem(word(table, code), code)


def fill_carriers(combo: QComboBox) -> None:
    combo.clear()
    for code, name in waybill.CARRIERS.items():
        combo.addItem(name, code)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def waybill_tail(parcel: Parcel) -> str:
    """The waybill's last four digits, as the operator reads them off the label."""
    return parcel.waybill[-4:]
