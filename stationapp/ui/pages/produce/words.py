"""The produce page's words for the core's codes: money methods and how a seller is offered."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from stationapp.core.produce.sellers import SellerHint

_METHODS = {
    "cash": QT_TRANSLATE_NOOP("ProducePage", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("ProducePage", "WeChat"),
    "alipay": QT_TRANSLATE_NOOP("ProducePage", "Alipay"),
    "bank": QT_TRANSLATE_NOOP("ProducePage", "Bank"),
}


def method_words(method: str) -> str:
    return QCoreApplication.translate("ProducePage", _METHODS.get(method, method))


def seller_text(hint: SellerHint) -> str:
    """``岩温香 尾号5678 【脱贫户】``: the name, the phone tail, the household's kind."""
    parts = [hint.name, hint.phone_masked]
    if hint.household_id:
        parts.append(f"【{hint.monitoring_type or hint.household_type}】")
    return " ".join(p for p in parts if p)
