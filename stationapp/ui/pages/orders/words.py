"""The page's words for the core's codes: an order's state, the money methods offered."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from stationapp.core.i18n import translate
from stationapp.core.money import method_name
from stationapp.core.orders.store import STATE_NAMES

DEPOSIT_METHODS = ("cash", "wechat", "alipay")  # what a villager pays with
ACCOUNTS = ("wechat", "alipay", "bank")  # the station's accounts an order is paid from


def method_choice(methods: tuple[str, ...]) -> QComboBox:
    box = QComboBox()
    for method in methods:
        box.addItem(method_name(method), method)
    return box


def state_word(state: str) -> str:
    return translate("UserError", STATE_NAMES[state]) if state in STATE_NAMES else state
