"""The county's poverty-household registry at the station (read-only): find a household by
户编号, by the head's name or its pinyin initials, by a typed ID number, or by village.

The station never holds a whole ID number, nor anything that gives it back cheaply (DESIGN §11):
the registry carries the last four characters of the head's ID (``id_tail``) and a 4-bit keyed
tag (``id_tag``, :func:`stationapp.core.idcard.id_tag`, keyed by the county's setting
``household.id_tag_key``). A typed number finds the households whose tail is its tail and whose
tag is its tag (or not known yet): a handful in a township, and the operator sees each by name.
The tag leaves about 170 equally likely birth dates for a stored household, key in hand.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stationapp.core import idcard
from stationapp.core.errors import ValidationError

TAG_KEY_SETTING = "household.id_tag_key"
FIND_LIMIT = 50
_COLUMNS = (
    "household_no, head_name, id_tail, members, township, village, natural_village,"
    " household_type, monitoring_type, risk_cleared, causes, phone_masked"
)
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$", re.ASCII)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOP = "\U0010ffff"  # above every character: ``col >= p AND col < p + _TOP`` is a prefix


@dataclass(frozen=True)
class Household:
    household_no: str  # 户编号
    head_name: str
    id_tail: str  # "1234": the last four characters of the head's ID number
    members: int
    township: str
    village: str
    natural_village: str
    household_type: str  # 普通农户 / 脱贫户
    monitoring_type: str  # "" / 脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户
    risk_cleared: bool
    causes: list[str]
    phone_masked: str  # "尾号5678" or ""

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple) -> Household:
        values = list(row)
        values[9] = bool(values[9])
        values[10] = json.loads(values[10] or "[]")
        return cls(*values)

    @property
    def id_masked(self) -> str:
        """The head's ID as screens show it: ``**************1234``."""
        return "*" * (idcard.LENGTH - len(self.id_tail)) + self.id_tail if self.id_tail else ""


def tag_key(value: Any) -> bytes | None:
    """The tag key the county's setting stands for (hex); None before the county sent it."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return bytes.fromhex(value) or None
    except ValueError:
        return None


class Households:
    """``st.county.households``."""

    def __init__(self, conn: sqlite3.Connection, setting: Callable[[str, Any], Any]) -> None:
        self._conn = conn
        self._setting = setting

    def get(self, household_no: str) -> Household | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM county_households WHERE household_no = ?",
            (_clean(household_no),),
        ).fetchone()
        return Household.from_row(row) if row else None

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM county_households").fetchone()[0]

    def find(self, text: str, *, limit: int = FIND_LIMIT) -> list[Household]:
        """Households matching what the operator typed, best matches first: a typed ID number
        (its tail and tag), a 户编号 (whole, then its start), the start of the head's
        name or of its pinyin initials / full pinyin (``zs``, ``zhangs``), a village's name.

        A typed 18-character ID number that fails its check is refused with what to do, unless
        something else matched it."""
        query = _clean(text)
        if not query:
            return []
        found: dict[str, Household] = {}
        id_error: ValidationError | None = None
        upper = query.upper()
        if _ID_SHAPE.match(upper):
            try:
                number = idcard.validate_resident_id(upper)
            except ValidationError as error:
                id_error = error
            else:
                self._take(found, self._by_id_number(number), limit)
        if query.isascii() and query.isalnum():
            self._take(found, self._rows("household_no = ?", (upper,), limit), limit)
            self._take(found, self._prefix("household_no", upper, limit), limit)
        if _HAN.search(query):
            for column in ("head_name", "village", "natural_village"):
                self._take(found, self._prefix(column, query, limit), limit)
        elif query.isascii() and query.isalpha():
            lowered = query.lower()
            for column in ("initials", "pinyin"):
                self._take(found, self._prefix(column, lowered, limit), limit)
        if not found and id_error is not None:
            raise id_error
        return list(found.values())[:limit]

    def _by_id_number(self, number: str) -> list[Any]:
        tail = idcard.id_tail(number)
        key = tag_key(self._setting(TAG_KEY_SETTING, None))
        if key is None:
            return self._rows("id_tail = ?", (tail,), FIND_LIMIT)
        tag = idcard.id_tag(number, key)
        return self._rows("id_tail = ? AND (id_tag IS NULL OR id_tag = ?)", (tail, tag), FIND_LIMIT)

    def _prefix(self, column: str, start: str, limit: int) -> list[Any]:
        order = "household_no" if column == "household_no" else "head_name, household_no"
        return self._rows(f"{column} >= ? AND {column} < ?", (start, start + _TOP), limit, order)

    def _rows(
        self, where: str, params: tuple[Any, ...], limit: int, order: str = "household_no"
    ) -> list[Any]:
        return self._conn.execute(
            f"SELECT {_COLUMNS} FROM county_households WHERE {where} ORDER BY {order} LIMIT ?",
            (*params, limit),
        ).fetchall()

    @staticmethod
    def _take(found: dict[str, Household], rows: list[Any], limit: int) -> None:
        for row in rows:
            if len(found) >= limit:
                return
            if row[0] not in found:
                found[row[0]] = Household.from_row(row)


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())
