"""The produce page's words for the core's codes: the money methods."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_METHODS = {
    "cash": QT_TRANSLATE_NOOP("ProducePage", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("ProducePage", "WeChat"),
    "alipay": QT_TRANSLATE_NOOP("ProducePage", "Alipay"),
    "bank": QT_TRANSLATE_NOOP("ProducePage", "Bank"),
}


def method_words(method: str) -> str:
    return QCoreApplication.translate("ProducePage", _METHODS.get(method, method))
