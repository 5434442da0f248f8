"""The Qt binding the app is installed with survives a busy window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_many_qt_calls_and_signals_do_not_crash_the_interpreter():
    # PySide6 6.12.0 on Python 3.11 frees None after a few thousand void calls
    # ("Fatal Python error: none_dealloc"); an operator's busy morning makes far more.
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QLabel

        class Box(QObject):
            changed = Signal(str)

        app = QApplication([])
        label, box = QLabel(), Box()
        box.changed.connect(label.setText)
        for i in range(30_000):
            label.setText("x")
            box.changed.emit("y")
        print("survived")
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
