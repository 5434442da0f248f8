"""Every screen at 1366×768 (the smallest screen a station has), with a station holding a morning's
work, in Chinese and in English: no horizontal scroll bar in a table, a list or a hint, and each
column of a table at least as wide as its header and its widest cell (up to a fair share of the
table, so one long address does not squeeze the rest). And at 1920×1080 the same holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLayout,
    QListWidget,
    QTableView,
    QWidget,
)

from stationapp.ui.app import create_application, install_translators
from stationapp.ui.mainwindow import MainWindow
from tests.test_ui_parcels_helpers import QT_LOG_IGNORE
from tests.ui_tour import demo_station, horizontal_bar_shown, scroll_areas, tour

pytestmark = QT_LOG_IGNORE
SIZES = [(1366, 768), (1920, 1080)]
BREATHING_ROOM = 12  # px beyond a column's widest text, so neighbours' texts do not touch


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp) -> Iterator[str]:
    create_application()
    assert install_translators(request.param)
    yield request.param
    install_translators("en")


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def demo_window(
    request, qtbot, tmp_path, worker, county, shown_errors, language
) -> Iterator[MainWindow]:
    """The real main window of a station with a morning's work, joined to a county center on
    127.0.0.1 and synced with it (the sync page has its history)."""
    station = worker.wait_for(demo_station, tmp_path / "station", county)
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(*request.param)
    window.show()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield window
    window.stop_watching()
    window.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    worker.wait_for(station.close)


def text_width(table: QTableView, column: int) -> tuple[int, int]:
    """The widest text of a column's cells shown (the first 60 rows) and of its header, in px
    as they are drawn (a cell's own font when it has one: bold codes)."""
    model = table.model()
    header = table.horizontalHeader()
    widest = 0
    for row in range(min(model.rowCount(), 60)):
        index = model.index(row, column)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text in (None, ""):
            continue
        font = index.data(Qt.ItemDataRole.FontRole) or table.font()
        widest = max(widest, QFontMetrics(font).horizontalAdvance(str(text)))
    title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    return widest, QFontMetrics(header.font()).horizontalAdvance(title)


def cramped_columns(table: QTableView) -> list[str]:
    """The columns whose texts do not fit with room to spare (``BREATHING_ROOM``), or whose
    header does not; a column may ask at most a fair share of the table (its width over the
    number of columns, at least 160 px), and one stretched to take the rest may cut its long
    texts (an SMS, an address) as long as its header fits."""
    header = table.horizontalHeader()
    model = table.model()
    share = max(table.viewport().width() // max(model.columnCount(), 1), 160)
    cramped = []
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        cells, title = text_width(table, column)
        last = column == model.columnCount() - 1 and header.stretchLastSection()
        stretched = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch or last
        need = title + BREATHING_ROOM
        if not stretched:
            need = max(need, min(cells + BREATHING_ROOM, share))
        if table.columnWidth(column) < need:
            name = model.headerData(column, Qt.Orientation.Horizontal)
            cramped.append(f"{name}: {table.columnWidth(column)} < {need}")
    return cramped


def cut_labels(top: QWidget) -> list[str]:
    """Labels that cannot show their text: wrapped ones too short for it, plain ones too narrow
    (a hint that wraps a single word onto its own line is caught by test_no_orphan_word)."""
    cut = []
    for label in top.findChildren(QLabel):
        if not label.isVisibleTo(top) or label.window() is not top or not label.text():
            continue
        if label.wordWrap():
            if label.height() + 1 < label.heightForWidth(label.width()):
                cut.append(label.text()[:40])
        elif label.width() + 1 < label.minimumSizeHint().width() and label.textFormat() != 1:
            cut.append(label.text()[:40])
    return cut


def cut_list_items(top: QWidget) -> list[str]:
    """Rows of a list whose text is wider than the list (cut off, or behind a sideways scroll
    bar), or whose label does not fit the row's height."""
    cut = []
    for view in top.findChildren(QListWidget):
        if not view.isVisibleTo(top) or view.window() is not top:
            continue
        room = view.viewport().width()
        for row in range(view.count()):
            item = view.item(row)
            label = view.itemWidget(item)
            if isinstance(label, QLabel):
                if view.visualItemRect(item).height() + 1 < label.heightForWidth(room):
                    cut.append(f"{label.text()[:30]}… (row too low)")
            elif QFontMetrics(view.font()).horizontalAdvance(item.text()) + 16 > room:
                cut.append(f"{item.text()[:30]}… (wider than the list)")
    return cut


def laid_out(layout: QLayout) -> list[QWidget]:
    """The widgets a layout places, its nested layouts' included."""
    widgets = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is not None:
            widgets.append(item.widget())
        elif item.layout() is not None:
            widgets.extend(laid_out(item.layout()))
    return widgets


def _named(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return type(widget).__name__ + (f" {text()[:12]!r}" if callable(text) else "")


def overlaps(top: QWidget) -> list[str]:
    """Widgets one layout places on top of each other (squeezed below their minimum)."""
    found = []
    for parent in [top, *top.findChildren(QWidget)]:
        if parent.layout() is None or not (parent is top or parent.isVisibleTo(top)):
            continue
        shown = [w for w in laid_out(parent.layout()) if w.isVisibleTo(top)]
        for i, first in enumerate(shown):
            for second in shown[i + 1 :]:
                common = first.geometry().intersected(second.geometry())
                if common.width() > 2 and common.height() > 2:
                    found.append(f"overlap: {_named(first)} / {_named(second)}")
    return found


def orphans(top: QWidget) -> list[str]:
    """Wrapped labels whose paragraph ends with a line of one word (or up to three Chinese
    characters) alone: the hint that wrapped a single word onto its own line."""
    found = []
    for label in top.findChildren(QLabel):
        if not (label.isVisibleTo(top) and label.window() is top and label.wordWrap()):
            continue
        if not QLabel.text(label).strip():
            continue
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        if "<" in QLabel.text(label) and label.textFormat() != Qt.TextFormat.PlainText:
            document.setHtml(QLabel.text(label))
        else:
            document.setPlainText(QLabel.text(label))
        document.setTextWidth(label.contentsRect().width() - 2 * label.margin())
        document.size()  # lays it out
        block = document.begin()
        while block.isValid():
            layout = block.layout()
            if layout.lineCount() > 1:
                last = layout.lineAt(layout.lineCount() - 1)
                tail = block.text()[last.textStart() : last.textStart() + last.textLength()]
                words = tail.split()
                latin = tail.isascii()
                if (latin and len(words) == 1) or (not latin and len(tail.strip()) <= 3):
                    found.append(f"{QLabel.text(label)[:30]}… ends on {tail.strip()!r}")
            block = block.next()
    return found


def test_nothing_is_cut_or_scrolls_sideways_on_any_screen(
    qtbot, demo_window, worker, language, tmp_path: Path
):
    problems: dict[str, list[str]] = {}
    for name, screen in tour(demo_window, worker, tmp_path / "new-pc", staged=True):
        found = [
            f"sideways scroll bar in {type(area).__name__} {area.objectName()}"
            for area in scroll_areas(screen)
            if horizontal_bar_shown(area)
        ]
        for table in screen.findChildren(QAbstractItemView):
            if isinstance(table, QTableView) and table.isVisibleTo(screen):
                found += cramped_columns(table)
        found += [f"label cut: {text}" for text in cut_labels(screen)]
        found += cut_list_items(screen)
        found += overlaps(screen)
        found += orphans(screen)
        if found:
            problems[name] = found
    assert problems == {}
