"""Sizes and the style sheet: big text and big targets for operators new to computers."""

from __future__ import annotations

BASE_FONT_PX = 16
"""The application's base font size; the issue asks for at least 14 px."""

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
"""The smallest screen the station's PC is expected to have."""

STYLE_SHEET = """
QPushButton { padding: 6px 16px; min-height: 30px; }
QLineEdit, QComboBox, QSpinBox { min-height: 30px; padding: 2px 6px; }
QListWidget#navigation { font-size: 19px; border: none; background: #24435c; color: #ffffff; }
QListWidget#navigation::item { padding: 9px 12px; border-bottom: 1px solid #2f5674; }
QListWidget#navigation::item:selected { background: #f0a030; color: #1b1b1b; }
QFrame#card { background: #ffffff; border: 1px solid #c9d6e2; border-radius: 10px; }
QLabel#pageTitle { font-size: 26px; font-weight: bold; color: #24435c; }
QLabel#stationName { font-size: 30px; font-weight: bold; color: #24435c; }
QLabel#heading { font-size: 22px; font-weight: bold; color: #24435c; }
QLabel#placeholder { font-size: 24px; color: #333333; }
QLabel#hint { color: #555555; }
QLabel#figureValue { font-size: 36px; font-weight: bold; color: #1f6f3f; }
QLabel#figureName { font-size: 18px; color: #444444; }
QFrame#figure { background: #f4f7fa; border: 1px solid #c9d6e2; border-radius: 8px; }
QLabel#refusal { color: #b00020; font-weight: bold; }
QLabel#success { color: #1f6f3f; font-weight: bold; }
QLabel#tamperWarning { background: #b00020; color: #ffffff; font-size: 18px; font-weight: bold;
                       padding: 10px; }
QLabel#notice { background: #fff3c4; color: #1b1b1b; font-size: 20px; padding: 8px 12px;
                border: 1px solid #e0c060; }
QStatusBar { background: #dde5ec; min-height: 34px; }
QStatusBar QLabel { padding: 4px 14px; font-size: 16px; }
QStatusBar::item { border: none; border-right: 1px solid #a9b8c6; }
QGroupBox::title { color: #24435c; }
QTableView::item { padding: 0 6px; }
QHeaderView::section { padding: 2px 6px; }
QWidget#lockScreen { background: #24435c; }
QWidget#lockScreen QLabel { color: #ffffff; }
QWidget#lockScreen QLabel#refusal { color: #ffb4b4; }
QLabel#lockTitle { font-size: 34px; font-weight: bold; }
"""
