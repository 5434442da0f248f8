"""The county center's announcements on the home page: current ones, newest first, at most three,
nothing when there are none, and read again after a sync round took the county's feed.

The picture is saved into docs/img when STATIONAPP_SCREENSHOTS names that folder:
``STATIONAPP_SCREENSHOTS=docs/img python -m pytest tests/test_ui_home_announcements.py -k picture``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from stationapp.core import Station, clock
from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.mainwindow import MainWindow
from stationapp.ui.pages.station.home import ANNOUNCEMENTS_SHOWN, HomePage
from stationapp.ui.runners.sync_runner import SyncRunner
from stationapp.ui.shell import Shell
from tests.ui_chinese import INCOMING, build_chinese_qm, in_chinese

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-25T09:30:00+08:00"

# two announcements as a county e-commerce service center writes them (消费帮扶, 共同配送)
PURCHASE_DRIVE = {
    "id": "ann-purchase",
    "title": "关于开展消费帮扶农产品集中采购的通知",
    "body": (
        "县电子商务公共服务中心定于11月28日在孟定镇组织消费帮扶农产品集中采购。请各村服务站"
        "提前统计脱贫户待售的茶叶、坚果、甘蔗等产品数量，于11月26日前报乡镇督导。"
    ),
    "published_at": "2026-11-24T10:00:00+08:00",
    "expires_at": "2026-11-29T00:00:00+08:00",
    "township": "",
}
DELIVERY_ROUTE = {
    "id": "ann-route",
    "title": "快递进村共同配送班次调整",
    "body": (
        "自12月1日起，孟定镇片区共同配送车改为每周一、三、五上午到站。请站长按时交接揽收件，"
        "并提醒村民及时取件。"
    ),
    "published_at": "2026-11-25T08:00:00+08:00",
    "expires_at": "",
    "township": "孟定镇",
}


def announcement(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "ann-x",
        "title": "通知",
        "body": "内容",
        "published_at": "2026-11-20T08:00:00+08:00",
        "expires_at": "",
        "township": "",
    }
    return base | fields


def page_of(*items: dict[str, Any], deleted: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    changes = [
        {"cursor": str(n), "kind": "announcement", "op": "upsert", "key": item["id"], "data": item}
        for n, item in enumerate(items, start=1)
    ]
    changes += [
        {"cursor": str(100 + n), "kind": "announcement", "op": "delete", "key": key, "data": {}}
        for n, key in enumerate(deleted)
    ]
    return changes


# fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fixed_clock() -> None:
    clock.set_clock(clock.ManualClock(NOW))  # conftest puts the real clock back


@pytest.fixture
def home(qtbot, station: Station, worker: StationWorker, shown_errors) -> Iterator[HomePage]:
    page = HomePage(PageContext(station=station, worker=worker, operator=station.operator))
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 200, SCREEN_HEIGHT)
    page.show()
    yield page
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert shown_errors == []


def shown(qtbot, page: HomePage, worker: StationWorker) -> list[str]:
    """Read the page again and give the titles it shows."""
    page.refresh()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    return [card.title.text() for card in page.cards]


# the page ---------------------------------------------------------------------------------------


def test_the_current_announcements_show_newest_first_with_their_day(qtbot, home, station, worker):
    station.county.apply_page(page_of(PURCHASE_DRIVE, DELIVERY_ROUTE), "2")
    assert shown(qtbot, home, worker) == [DELIVERY_ROUTE["title"], PURCHASE_DRIVE["title"]]
    assert home.announcements.isVisible()
    newest = home.cards[0]
    assert newest.date.text() == "2026-11-25"
    assert newest.body.text() == DELIVERY_ROUTE["body"]


def test_an_announcement_s_title_is_bold_and_larger_than_its_body(qtbot, home, station, worker):
    station.county.apply_page(page_of(PURCHASE_DRIVE), "1")
    shown(qtbot, home, worker)
    card = home.cards[0]
    assert card.title.font().weight() >= QFont.Weight.Bold
    assert card.body.font().weight() < QFont.Weight.Bold
    assert card.title.fontInfo().pixelSize() > card.body.fontInfo().pixelSize() >= 18


def test_with_no_announcement_the_page_shows_none_and_no_heading(qtbot, home, worker):
    assert shown(qtbot, home, worker) == []
    assert not home.announcements.isVisible()


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"expires_at": "2026-11-25T09:00:00+08:00"}, "expired half an hour ago"),
        ({"published_at": "2026-11-26T08:00:00+08:00"}, "published only tomorrow"),
        ({"township": "勐撒镇"}, "for another township"),
    ],
)
def test_an_announcement_not_in_force_here_is_not_shown(qtbot, home, station, worker, fields, why):
    station.sync.conn.execute(
        "INSERT INTO station_meta (key, value) VALUES ('county.township', '孟定镇')"
    )
    station.county.apply_page(page_of(announcement(**fields)), "1")
    assert shown(qtbot, home, worker) == [], why


def test_at_most_three_announcements_show_the_newest(qtbot, home, station, worker):
    items = [
        announcement(
            id=f"a{day}", title=f"第{day}号通知", published_at=f"2026-11-{day}T08:00:00+08:00"
        )
        for day in range(10, 16)
    ]
    station.county.apply_page(page_of(*items), "6")
    assert shown(qtbot, home, worker) == ["第15号通知", "第14号通知", "第13号通知"]
    assert ANNOUNCEMENTS_SHOWN == 3


def test_a_long_body_is_cut_with_an_ellipsis(qtbot, home, station, worker):
    station.county.apply_page(page_of(announcement(body="请各站注意。" * 60)), "1")
    shown(qtbot, home, worker)
    text = home.cards[0].body.text()
    assert text.endswith("…") and len(text) <= 160


def test_a_withdrawn_announcement_goes_from_the_page(qtbot, home, station, worker):
    station.county.apply_page(page_of(PURCHASE_DRIVE, DELIVERY_ROUTE), "2")
    assert len(shown(qtbot, home, worker)) == 2
    station.county.apply_page(page_of(deleted=(DELIVERY_ROUTE["id"],)), "3")
    assert shown(qtbot, home, worker) == [PURCHASE_DRIVE["title"]]


def test_the_county_s_text_is_shown_as_plain_text_never_as_markup(qtbot, home, station, worker):
    station.county.apply_page(page_of(announcement(title="<b>停电</b>通知")), "1")
    assert shown(qtbot, home, worker) == ["<b>停电</b>通知"]
    assert home.cards[0].title.textFormat().name == "PlainText"


# after a sync round ----------------------------------------------------------------------------


def test_the_page_shows_an_announcement_after_the_round_that_brought_it(
    qtbot, station, worker, county, shown_errors
):
    from sync.server.reference import announcements

    clock.set_clock(None)  # the county stamps announcements with the real time
    worker.wait_for(county.join, station)
    shell = Shell(station.data_dir, worker=worker, maximized=False)
    shell.station = station
    shell.sync_runner = runner = SyncRunner(station, worker, shell)
    window = shell.open_main_window(station.operator, page="home")
    qtbot.addWidget(window)
    # the main window broadcasts what the runner's rounds changed (the shell's wiring)
    runner.changed.connect(window.changed)
    home = window.page("home")
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: worker.idle and not runner.running, timeout=20000)
    assert home.cards == []

    announcements.announce(
        county.storage, title="冬季用电安全提醒", body="请村民检查线路，勿私拉乱接。"
    )
    taken: list[Any] = []
    runner.changed.connect(taken.append)
    with qtbot.waitSignal(runner.round_finished, timeout=20000):
        runner.sync_now()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)

    assert any("announcement" in changes.county_kinds for changes in taken)
    assert [card.title.text() for card in home.cards] == ["冬季用电安全提醒"]
    assert home.announcements.isVisible()
    runner.stop()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    window.close()
    shiboken6.delete(shell)
    assert shown_errors == []


# Chinese and the picture ------------------------------------------------------------------------


@pytest.fixture
def chinese(qapp, tmp_path: Path) -> Iterator[None]:
    """The app's look, in Chinese: the committed translation plus this part's new lines
    (resources/i18n/incoming)."""
    qm = build_chinese_qm(tmp_path, [INCOMING / "county-feed.tsv"], on_committed=True)
    with in_chinese(qm, station_look=True):
        yield


def test_every_line_of_this_part_s_translations_has_three_fields():
    tsv = ROOT / "resources" / "i18n" / "incoming" / "county-feed.tsv"
    for line in tsv.read_text(encoding="utf-8").splitlines():
        context, source, chinese = line.split("\t")
        assert context and source and chinese


def test_the_home_page_in_chinese_with_two_announcements_and_its_picture_is_saved(
    qtbot, chinese, station, worker, shown_errors, tmp_path
):
    station.county.apply_page(page_of(PURCHASE_DRIVE, DELIVERY_ROUTE), "2")
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    window.show_page("home")
    home = window.page("home")
    assert isinstance(home, HomePage)
    home.refresh()
    qtbot.waitUntil(lambda: worker.idle and len(home.cards) == 2, timeout=5000)
    QApplication.processEvents()

    assert home.findChild(type(home.day), "heading") is not None
    headings = [label.text() for label in home.findChildren(type(home.day), "heading")]
    assert "县级中心公告" in headings
    picture = window.grab()
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    assert picture.save(str(folder / "home-announcements.png"))
    assert (picture.width(), picture.height()) == (SCREEN_WIDTH, SCREEN_HEIGHT)
    assert window.minimumSizeHint().height() <= SCREEN_HEIGHT
    window.close()
    assert shown_errors == []
