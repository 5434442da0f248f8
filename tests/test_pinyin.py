import subprocess
import sys
from pathlib import Path

import pytest

from stationapp.core.pinyin import full_pinyin, initials, matches, search_key


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("张三", "zs"),
        ("李小明", "lxm"),
        ("欧阳娜娜", "oynn"),
        ("張三", "zs"),
        ("岩温", "yw"),
        ("小明abc12", "xmabc12"),
        ("ABC", "abc"),
        ("王 五", "ww"),
        ("李·小明", "lxm"),
        ("ＡＢ张", "abz"),
        ("", ""),
    ],
)
def test_initials_give_the_first_letter_of_each_syllable(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("单小明", "sxm"),
        ("曾国藩", "zgf"),
        ("解文", "xw"),
        ("仇明", "qm"),
        ("朴正", "pz"),
        ("区华", "oh"),
        ("查文", "zw"),
        ("覃海", "qh"),
        ("翟天", "zt"),
        ("单于飞", "cyf"),
        ("长孙无忌", "zswj"),
        ("尉迟恭", "ycg"),
    ],
)
def test_initials_read_a_polyphonic_surname_as_a_surname(name, expected):
    assert initials(name) == expected


def test_initials_read_only_the_start_of_a_name_as_a_surname():
    assert initials("小单") == "xd"


def test_initials_read_things_without_surnames_when_asked():
    assert initials("单价", surname=False) == "dj"


def test_full_pinyin_has_no_tones_and_no_spaces():
    assert full_pinyin("张三") == "zhangsan"
    assert full_pinyin("单小明") == "shanxiaoming"
    assert full_pinyin("吕布") == "lvbu"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("张三", "zhangsan zs 张三"),
        ("李小明", "lixiaoming lxm 李小明"),
        ("王 五", "wangwu ww 王五"),
        ("Tom", "tom"),
    ],
)
def test_search_key_holds_full_pinyin_initials_and_the_name(name, key):
    assert search_key(name) == key


def test_search_key_adds_the_everyday_reading_of_a_polyphonic_surname():
    assert search_key("单小明") == "shanxiaoming sxm danxiaoming dxm 单小明"


def test_search_key_is_lowercase():
    assert search_key("Tom 李") == search_key("Tom 李").lower()


@pytest.mark.parametrize(
    "query", ["zs", "ZS", "zhangsan", "zhang san", "zhang", "san", "张", "张三", "", "  "]
)
def test_matches_finds_a_name_by_pinyin_initials_or_characters(query):
    assert matches(query, "张三")


@pytest.mark.parametrize("query", ["xm", "xiaoming", "小明", "lxm"])
def test_matches_finds_a_name_by_its_given_name(query):
    assert matches(query, "李小明")


@pytest.mark.parametrize("query", ["sxm", "dxm", "shan", "dan"])
def test_matches_finds_a_polyphonic_surname_by_either_reading(query):
    assert matches(query, "单小明")


@pytest.mark.parametrize("query", ["ls", "lisi", "李", "zsx", "zhangsi"])
def test_matches_does_not_find_other_names(query):
    assert not matches(query, "张三")


def test_importing_the_module_does_not_import_pypinyin():
    code = "import sys, stationapp.core.pinyin; print('pypinyin' in sys.modules)"
    shown = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout
    assert shown.strip() == "False"
