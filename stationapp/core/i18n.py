"""Translation seam for the core: no Qt here, the GUI and CLI install Qt's translator.

Core strings are marked with ``QT_TRANSLATE_NOOP(context, text)`` so ``pyside6-lupdate``
extracts them into ``resources/i18n/*.ts``; they are translated when shown, not when raised.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]

_translator: Translator | None = None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for extraction by lupdate; returns it unchanged."""
    return text


def install_translator(translator: Translator | None) -> None:
    """Install the function that turns (context, source text) into the shown text."""
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    if _translator is None:
        return text
    return _translator(context, text) or text


class Term(str):
    """A message parameter that is itself a translatable word (``Term(QT_TRANSLATE_NOOP(
    "UserError", "the sender's name"))``): translated when the message is shown."""
