"""The language the windows speak: Qt's own translation first, then the station's, and the
core's messages through the same translators."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from stationapp.core import i18n as core_i18n
from stationapp.resources import resource_path

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
QM_OVERRIDE_ENV = "STATIONAPP_QM"
"""Path of a .qm file to load instead of the bundled ``stationapp_<language>.qm`` (to try a
translation before it is merged)."""

_translators: list[QTranslator] = []


def install_translators(language: str = DEFAULT_LANGUAGE) -> bool:
    """Show the app in ``language`` ("zh_CN" or "en"): Qt's own translation first, then the
    station's. Core messages are translated through Qt too. False when a file is missing."""
    app = QCoreApplication.instance()
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    core_i18n.install_translator(QCoreApplication.translate)
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return True
    QLocale.setDefault(QLocale(language))
    complete = True
    qt_own = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_own)
        _translators.append(qt_own)
    else:
        log.warning("Qt's own translation qtbase_%s was not found in %s", language, qt_folder)
        complete = False
    ours = QTranslator(app)
    path = os.environ.get(QM_OVERRIDE_ENV) or str(
        resource_path("i18n", f"stationapp_{language}.qm")
    )
    if ours.load(path):
        app.installTranslator(ours)
        _translators.append(ours)
    else:
        log.warning("the translation %s was not found", path)
        complete = False
    return complete
