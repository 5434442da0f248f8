"""Where the station's data lives when no --data-dir is given: Qt's AppDataLocation."""

from __future__ import annotations

from pathlib import Path

from stationapp import APP_NAME


def default_data_dir() -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() != APP_NAME:
        QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    # the station's folder is made (0700 on Linux) and its files tightened when it is opened
    # (core.store); on Windows AppData is in the user's profile, which other users cannot read
    return Path(location)
