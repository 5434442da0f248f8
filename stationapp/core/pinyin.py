"""Find villagers by pinyin: ``zs`` or ``zhangsan`` finds 张三.

pypinyin is slow to import (about 0.1 s), so it is imported inside the functions, on first use.
pypinyin has no surname mode, so the surname readings that differ from a character's everyday
reading (单 is shan, 曾 is zeng, 解 is xie) are listed here and used for the start of a name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Compound surnames first: 单于 is chanyu and 长孙 zhangsun, not the single-character readings.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "万俟": ("mo", "qi"),
    "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"),
    "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"),
}
SURNAMES: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "缪": "miao",
    "覃": "qin",
    "翟": "zhai",
    "种": "chong",
    "重": "chong",
    "召": "shao",
    "员": "yun",
    "秘": "bi",
    "繁": "po",
    "黑": "he",
    "折": "she",
    "能": "nai",
    "薄": "bo",
    "牟": "mu",
    "洗": "xian",
    "阚": "kan",
    "句": "gou",
    "隗": "wei",
    "祭": "zhai",
    "藏": "zang",
    "长": "chang",
    "都": "du",
    "尉": "wei",
}

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(rf"[{_HAN}]+|[^{_HAN}]+")
_IS_HAN = re.compile(rf"[{_HAN}]")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def initials(text: str, *, surname: bool = True) -> str:
    """``张三`` -> ``zs``, ``单小明`` -> ``sxm``; ASCII letters and digits are kept whole,
    lowercased (``小明abc12`` -> ``xmabc12``).

    ``surname=False`` reads the first characters as ordinary words (for things, not people).
    """
    return "".join(word if not han else word[0] for word, han in _syllables(text, surname))


def full_pinyin(text: str, *, surname: bool = True) -> str:
    """``张三`` -> ``zhangsan``: the whole reading without tones or spaces (ü is written v)."""
    return "".join(word for word, _ in _syllables(text, surname))


def search_key(name: str) -> str:
    """A lowercase string to search with ``LIKE '%query%'``: full pinyin, initials and the name
    itself (``zhangsan zs 张三``). When a surname's reading differs from the character's everyday
    one, the everyday reading follows too, so ``dxm`` still finds 单小明."""
    parts = [full_pinyin(name), initials(name)]
    everyday = [full_pinyin(name, surname=False), initials(name, surname=False)]
    parts += [part for part in everyday if part not in parts]
    parts.append("".join(_clean(name).split()))
    return " ".join(dict.fromkeys(part for part in parts if part))


def matches(query: str, name: str) -> bool:
    """Whether what the operator typed finds ``name``: part of the name itself, of its full
    pinyin or of its initials (``xm`` finds 李小明). Spaces in the query are ignored; an empty
    query finds everyone."""
    wanted = "".join(_clean(query).split())
    if not wanted:
        return True
    return any(wanted in part for part in search_key(name).split(" "))


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


@lru_cache(maxsize=4096)
def _syllables(text: str, surname: bool) -> tuple[tuple[str, bool], ...]:
    """The reading of ``text`` as (syllable or ASCII word, is it a Chinese character's) pairs."""
    syllables: list[tuple[str, bool]] = []
    for index, run in enumerate(_RUNS.findall(_clean(text))):
        if _IS_HAN.match(run):
            syllables += ((s, True) for s in _han_run(run, surname=surname and index == 0))
        else:
            syllables += ((word, False) for word in _ASCII_WORD.findall(run))
    return tuple(syllables)


def _han_run(run: str, *, surname: bool) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    # One reading per character; a character pypinyin does not know gives nothing.
    readings = lazy_pinyin(run, style=Style.NORMAL, errors=lambda chars: [""] * len(chars))
    if len(readings) != len(run):
        return [reading for reading in readings if reading]
    if surname:
        if run[:2] in COMPOUND_SURNAMES:
            readings[:2] = COMPOUND_SURNAMES[run[:2]]
        elif run[0] in SURNAMES:
            readings[0] = SURNAMES[run[0]]
    return [reading for reading in readings if reading]
