"""The application: fonts, logging and the error hook, and ``run_gui``; the language is
``kit.language``'s (its names are here too, as the tests and tools know them)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from stationapp import APP_NAME, __version__
from stationapp.resources import resource_path
from stationapp.ui.kit import errors
from stationapp.ui.kit.language import DEFAULT_LANGUAGE, QM_OVERRIDE_ENV, install_translators
from stationapp.ui.kit.theme import BASE_FONT_PX, STYLE_SHEET

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "wqy-microhei.ttc")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the station's font, size and style (reused if one exists)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    family = register_font()
    font = QFont(family) if family else QFont(app.font())
    font.setPixelSize(BASE_FONT_PX)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
    return app


def register_font() -> str:
    """Register the bundled CJK font, so Chinese shows on a PC without a Chinese font; returns
    its family name ("" when it could not be loaded)."""
    path = resource_path(*FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("the font %s could not be loaded", path)
        return ""
    families = QFontDatabase.applicationFontFamilies(font_id)
    plain = [f for f in families if "Mono" not in f]
    return (plain or families)[0]


def default_data_dir() -> Path:
    """The user's data folder for the app (QStandardPaths.AppDataLocation, "VillageStation")."""
    if not QCoreApplication.applicationName():
        QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)


def run_gui(data_dir: Path | None = None) -> int:
    """Start the GUI: the setup wizard on first run, else the login; then the main window."""
    from stationapp.ui.shell import Shell

    app = create_application()
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    errors.setup_logging(folder)
    errors.install_excepthook(app)
    install_translators(DEFAULT_LANGUAGE)
    log.info("Village Station %s starting, data folder %s", __version__, folder)
    app.setQuitOnLastWindowClosed(False)
    shell = Shell(folder)
    shell.finished.connect(app.exit)
    shell.start()
    code = app.exec()
    shell.shutdown()
    log.info("Village Station stopped (%s)", code)
    return code


__all__ = [
    "DEFAULT_LANGUAGE",
    "QM_OVERRIDE_ENV",
    "create_application",
    "default_data_dir",
    "install_translators",
    "register_font",
    "run_gui",
]
