"""The translations are complete and the committed .qm files are not stale."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_string_in_the_chinese_ts_is_translated():
    tree = ET.parse(ROOT / "resources" / "i18n" / "stationapp_zh_CN.ts")
    unfinished = [
        (ctx.findtext("name"), m.findtext("source"))
        for ctx in tree.getroot().findall("context")
        for m in ctx.findall("message")
        if m.find("translation").get("type") == "unfinished"
        or not "".join(m.find("translation").itertext()).strip()
    ]
    assert unfinished == []


def test_the_committed_ts_and_qm_match_the_source_code():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_messages_come_out_in_chinese_with_the_translator_installed():
    from stationapp import i18n
    from stationapp.core import ValidationError
    from stationapp.core.operators import validate_pin

    assert i18n.install_core_translator("zh_CN")
    try:
        validate_pin("12")
    except ValidationError as error:
        assert str(error) == "密码是 4 到 8 位数字（只能是数字）。请重新输入。"
    else:  # pragma: no cover
        raise AssertionError("a two-digit PIN was accepted")


def test_every_translation_keeps_the_fields_of_its_source():
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    tree = ET.parse(ROOT / "resources" / "i18n" / "stationapp_zh_CN.ts")
    broken = [
        (ctx.findtext("name"), m.findtext("source"))
        for ctx in tree.getroot().findall("context")
        for m in ctx.findall("message")
        if fields(m.findtext("source") or "") != fields("".join(m.find("translation").itertext()))
    ]
    assert broken == []
