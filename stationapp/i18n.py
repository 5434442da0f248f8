"""Loading the translations (.qm) for the CLI; the GUI installs the same files on its app."""

from __future__ import annotations

from stationapp.core import i18n as core_i18n
from stationapp.resources import resource_path

_keep: list[object] = []  # QTranslator objects must outlive their use


def qm_path(language: str):
    return resource_path("i18n", f"stationapp_{language}.qm")


def install_core_translator(language: str) -> bool:
    """Make core messages (UserError) and CLI output speak ``language``; English needs nothing."""
    if language.startswith("en"):
        core_i18n.install_translator(None)
        return True
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    path = qm_path(language)
    if not path.exists() or not translator.load(str(path)):
        return False
    _keep.append(translator)
    core_i18n.install_translator(lambda context, text: translator.translate(context, text))
    return True
