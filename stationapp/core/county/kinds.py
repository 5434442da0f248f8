"""The kinds of reference data the county sends, and where each goes at the station.

For each kind of the feed (household, catalog, biller, sms_template, announcement, setting) a
:class:`Kind` names its local table, key column and columns, and turns a change's data into the
row written there. A household's head name gets its pinyin readings here; an ID comes only as
its last four characters and its tag (DESIGN §11).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from stationapp.core import idcard, pinyin

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Kind:
    """Where one kind of reference data goes: its table, key column, and the row of a change."""

    table: str
    key: str
    columns: tuple[str, ...]  # the key first, ``cursor`` last
    row: Callable[[str, Mapping[str, Any], str], Row]

    @cached_property
    def upsert_sql(self) -> str:
        names = ", ".join(self.columns)
        marks = ", ".join("?" for _ in self.columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in self.columns[1:])
        return (
            f"INSERT INTO {self.table} ({names}) VALUES ({marks})"
            f" ON CONFLICT ({self.key}) DO UPDATE SET {updates}"
        )

    @cached_property
    def delete_sql(self) -> str:
        return f"DELETE FROM {self.table} WHERE {self.key} = ?"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _int(value: Any) -> int:
    """An integer from the county (money in fen, counts); anything else counts as 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


def _flag(value: Any) -> int:
    return 1 if value is True or value in (1, "1", "true", "True") else 0


def name_readings(name: str) -> tuple[str, str]:
    """(pinyin initials, full pinyin) of a person's name, read a character at a time (a
    compound surname as one), so each character's reading is cached across a 100,000-name
    registry: six times faster than reading whole names, and a name's characters are read as
    a name's, not as a phrase's (柏林 is bailin, not the city's bolin)."""
    pieces = [name[:2], *name[2:]] if name[:2] in pinyin.COMPOUND_SURNAMES else list(name)
    initials = "".join(pinyin.initials(p, surname=i == 0) for i, p in enumerate(pieces))
    full = "".join(pinyin.full_pinyin(p, surname=i == 0) for i, p in enumerate(pieces))
    return initials, full


def warm_up() -> None:
    """Load the pinyin dictionary (a third of a second) ahead, on the caller's thread, so the
    first page of households does not hold the database thread for it."""
    name_readings("张三")


def _household(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    name = _text(data.get("head_name"))
    causes = data.get("causes") or []
    if not isinstance(causes, list):
        causes = [causes]
    return (
        key,
        name,
        *name_readings(name),
        _id_tail(data),
        _id_tag(data),
        _int(data.get("members")),
        _text(data.get("township")),
        _text(data.get("village")),
        _text(data.get("natural_village")),
        _text(data.get("household_type")),
        _text(data.get("monitoring_type")),
        _flag(data.get("risk_cleared")),
        json.dumps([_text(c) for c in causes], ensure_ascii=False),
        _text(data.get("phone_masked")),
        cursor,
    )


def _catalog(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (
        key,
        _text(data.get("name")),
        _text(data.get("category")),
        _text(data.get("unit")),
        _int(data.get("price_fen")),
        _flag(data.get("certified")),
        _text(data.get("household_no")),
        cursor,
    )


def _biller(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (
        key,
        _text(data.get("name")),
        _text(data.get("kind")) or "other",
        _text(data.get("account_label")),
        _int(data.get("min_fen")),
        _int(data.get("max_fen")),
        _int(data.get("fee_fen")),
        _flag(data.get("active", True)),
        cursor,
    )


def _sms_template(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (key, _text(data.get("text")), _text(data.get("provider_code")), cursor)


def _announcement(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (
        key,
        _text(data.get("title")),
        str(data.get("body") or "").strip(),
        _text(data.get("published_at")),
        _text(data.get("expires_at")),
        _text(data.get("township")),
        cursor,
    )


def _id_tail(data: Mapping[str, Any]) -> str:
    """The last four characters of the head's ID; from an older county's ``id_masked`` (which
    showed more) only those are taken (DESIGN §11)."""
    if "id_tail" in data:
        return "".join(_text(data.get("id_tail")).split()).upper()[-idcard.MASK_TAIL :]
    return idcard.tail_of_masked(_text(data.get("id_masked")))


def _id_tag(data: Mapping[str, Any]) -> int | None:
    """The household's ID tag, or None (not known): an older county's ``id_hash`` is dropped."""
    tag = data.get("id_tag")
    if isinstance(tag, int) and not isinstance(tag, bool) and 0 <= tag < 2**idcard.TAG_BITS:
        return tag
    return None


def _setting(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (key, json.dumps(data.get("value"), ensure_ascii=False), cursor)


KINDS: dict[str, Kind] = {
    "household": Kind(
        "county_households",
        "household_no",
        (
            "household_no",
            "head_name",
            "initials",
            "pinyin",
            "id_tail",
            "id_tag",
            "members",
            "township",
            "village",
            "natural_village",
            "household_type",
            "monitoring_type",
            "risk_cleared",
            "causes",
            "phone_masked",
            "cursor",
        ),
        _household,
    ),
    "catalog": Kind(
        "county_catalog",
        "code",
        ("code", "name", "category", "unit", "price_fen", "certified", "household_no", "cursor"),
        _catalog,
    ),
    "biller": Kind(
        "county_billers",
        "code",
        (
            "code",
            "name",
            "kind",
            "account_label",
            "min_fen",
            "max_fen",
            "fee_fen",
            "active",
            "cursor",
        ),
        _biller,
    ),
    "sms_template": Kind(
        "county_sms_templates", "name", ("name", "text", "provider_code", "cursor"), _sms_template
    ),
    "announcement": Kind(
        "county_announcements",
        "id",
        ("id", "title", "body", "published_at", "expires_at", "township", "cursor"),
        _announcement,
    ),
    "setting": Kind("county_settings", "key", ("key", "value", "cursor"), _setting),
}
