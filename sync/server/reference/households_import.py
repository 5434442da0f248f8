"""Importing the poverty-household registry (建档立卡/防止返贫监测 export) from XLSX or CSV.

The national export has one row per PERSON; a household is its rows grouped by 户编号 and its
head (与户主关系 = 户主) gives the name and ID. Rows that cannot be taken are refused with the
reason in Chinese, into a report printed by the CLI and written next to the file as
``<file>.refused.csv``; the other households are upserted. ID numbers are never kept whole: the
county keeps the head's masked (first 6 and last 4) and as an HMAC keyed by the registry salt,
which never leaves the county; stations get the last four characters and a 4-bit tag keyed by
the county's tag key (DESIGN §11). Phones are kept masked only (尾号5678): nothing at the county
or the stations needs the whole number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from stationapp.core import idcard
from stationapp.core.errors import ValidationError
from stationapp.core.phone import mask_phone
from sync.server.reference import household_registry, id_keys, places
from sync.server.reference.household_registry import Household
from sync.server.reference.kinds import Counts
from sync.server.reference.sheets import SheetRow, iter_sheet, write_csv
from sync.server.storage import Storage

COLUMNS: dict[str, tuple[str, ...]] = {
    "county": ("县", "县(市、区)", "县(市区)", "所属县"),
    "township": ("乡镇", "乡(镇)", "乡镇(街道)", "所属乡镇"),
    "village": ("村", "行政村", "村(社区)", "所属村"),
    "natural_village": ("自然村", "自然村(组)", "村民小组"),
    "household_no": ("户编号",),
    "person_no": ("人编号",),
    "name": ("姓名",),
    "id_number": ("证件号码", "身份证号", "身份证号码", "证件号码(身份证号)"),
    "members": ("家庭人口数", "人口数", "家庭人数"),
    "relation": ("与户主关系",),
    "ethnicity": ("民族",),
    "causes": ("致贫原因", "主要致贫原因"),
    "household_type": ("户类型",),
    "monitoring_type": ("监测对象类型", "监测对象类别"),
    "risk_cleared": ("风险是否消除", "是否风险消除"),
    "phone": ("联系电话", "电话", "手机号码", "联系方式"),
}
REQUIRED = ("household_no", "name", "id_number", "relation", "township")
HEAD_RELATIONS = frozenset({"户主", "本人"})
REPORT_HEADER = ("行号", "户编号", "证件号码", "原因")
REPORT_SUFFIX = ".refused.csv"

_HOUSEHOLD_TYPES = {
    "脱贫户": "脱贫户",
    "贫困户": "脱贫户",
    "建档立卡户": "脱贫户",
    "建档立卡贫困户": "脱贫户",
    "普通农户": "普通农户",
    "一般农户": "普通农户",
    "非贫困户": "普通农户",
    "": "普通农户",
}
_NOT_MONITORED = frozenset({"", "无", "否", "-", "—", "非监测对象"})
_YES = frozenset({"是", "已消除", "y", "yes", "true", "1"})
_CAUSE_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_MEMBER_FIELDS = ("household_no", "id_number", "relation", "phone")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?e\+?\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class RefusedRow:
    row: int
    household_no: str
    id_masked: str
    reason: str  # in Chinese, for the county's staff


@dataclass(frozen=True)
class RegistryReading:
    households: list[Household]
    refused: list[RefusedRow]
    persons: int  # person rows read


@dataclass(frozen=True)
class ImportResult:
    counts: Counts
    households: int
    persons: int
    refused: list[RefusedRow]
    report: Path


def report_path(path: Path) -> Path:
    return path.with_name(path.name + REPORT_SUFFIX)


def import_households(storage: Storage, path: Path, *, salt: str) -> ImportResult:
    """Read, check and upsert the registry in ``path``; the refused rows go to the report."""
    path = Path(path)
    with storage.engine.begin() as conn:
        townships = places.known_townships(conn)
        tag_key = id_keys.id_tag_key(conn)
    reading = read_registry(path, salt=salt, townships=townships, tag_key=tag_key)
    counts = household_registry.upsert_households(storage, reading.households, salt=salt)
    report = write_csv(
        report_path(path),
        REPORT_HEADER,
        [(r.row, r.household_no, r.id_masked, r.reason) for r in reading.refused],
    )
    return ImportResult(
        counts=counts,
        households=len(reading.households),
        persons=reading.persons,
        refused=reading.refused,
        report=report,
    )


def read_registry(
    path: Path,
    *,
    salt: str,
    townships: set[str] | frozenset[str],
    tag_key: bytes | None = None,
) -> RegistryReading:
    """The households of the file and its refused rows; writes nothing. Without ``tag_key``
    the households carry no ID tag."""
    persons = 0
    refused: dict[int, RefusedRow] = {}
    numbers: dict[int, str] = {}  # a head's row -> its valid 18-character ID
    first_person: dict[str, int] = {}
    first_id: dict[str, int] = {}
    by_household: dict[str, list[SheetRow]] = defaultdict(list)
    for row in iter_sheet(path, COLUMNS, required=REQUIRED):
        persons += 1
        values = row.values
        reason = _row_problem(row, townships)
        number, id_reason = _id_number(values["id_number"])
        reason = reason or id_reason
        person_no = values.get("person_no", "")
        if person_no:
            earlier = first_person.setdefault(person_no, row.number)
            if earlier != row.number:
                reason = reason or f"人编号 {person_no} 与第{earlier}行重复"
        if number:
            if values["relation"] in HEAD_RELATIONS:
                numbers[row.number] = number
            earlier = first_id.setdefault(number, row.number)
            if earlier != row.number:
                reason = reason or f"证件号码与第{earlier}行重复"
        if reason:
            refused[row.number] = _refusal(row, reason)
        if values["household_no"]:
            by_household[values["household_no"]].append(_slim(row))
    salt_key = salt.encode("utf-8")
    found: list[Household] = []
    for household_no, members in by_household.items():
        household, reason = _household(household_no, members, refused, numbers, salt_key, tag_key)
        if household is None:
            for row in members:
                refused.setdefault(row.number, _refusal(row, reason))
        else:
            found.append(household)
    return RegistryReading(
        households=found,
        refused=sorted(refused.values(), key=lambda r: r.row),
        persons=persons,
    )


def _slim(row: SheetRow) -> SheetRow:
    """A member's row keeps only what its household still needs (100k households: memory)."""
    if row.values["relation"] in HEAD_RELATIONS:
        return row
    return SheetRow(row.number, {field: row.values.get(field, "") for field in _MEMBER_FIELDS})


def _row_problem(row: SheetRow, townships: set[str] | frozenset[str]) -> str:
    values = row.values
    if not values["household_no"]:
        return "缺少户编号"
    if not values["name"]:
        return "缺少姓名"
    township = values["township"]
    if not township:
        return "缺少乡镇"
    if township not in townships:
        return f"乡镇“{township}”不在县中心的乡镇名单里，请先用 county-center add-place 添加"
    return ""


def _id_number(text: str) -> tuple[str, str]:
    """(the valid 18-character number, "") or ("", the reason in Chinese)."""
    try:
        return idcard.validate_resident_id(text), ""
    except ValidationError:
        return "", _id_reason(text)


def _id_reason(text: str) -> str:
    number = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if not number:
        return "缺少证件号码"
    if _SCIENTIFIC.match(number):
        return f"证件号码被存成了科学计数法（{number}），后几位已丢失；请把该列设为文本后重新导出"
    if len(number) == 15 and number.isdigit():
        return "证件号码是15位旧号码，请换成18位身份证号"
    if len(number) != idcard.LENGTH:
        return f"证件号码应为18位，这里是{len(number)}位"
    if not (
        number[:17].isdigit() and number.isascii() and (number[17].isdigit() or number[17] == "X")
    ):
        return "证件号码只能是17位数字加一位数字或X"
    if number[:2] not in idcard.PROVINCE_CODES:
        return f"证件号码前两位 {number[:2]} 不是省份代码"
    expected = idcard.check_character(number[:17])
    if expected != number[17]:
        return f"证件号码校验位错误（按前17位应为 {expected}），可能有一位抄错"
    return f"证件号码中的出生日期 {number[6:14]} 不存在"


def mask_id(text: str) -> str:
    """First 6 and last 4 shown: ``530902********1234`` (at most 10 of 18 characters)."""
    value = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if len(value) != idcard.LENGTH:
        return idcard.mask_id(value)  # other lengths show at most a quarter at each end
    return value[:6] + "*" * 8 + value[-4:]


def _refusal(row: SheetRow, reason: str) -> RefusedRow:
    values = row.values
    return RefusedRow(row.number, values["household_no"], mask_id(values["id_number"]), reason)


def _household(
    household_no: str,
    rows: list[SheetRow],
    refused: dict[int, RefusedRow],
    numbers: dict[int, str],
    salt_key: bytes,
    tag_key: bytes | None,
) -> tuple[Household | None, str]:
    heads = [row for row in rows if row.values["relation"] in HEAD_RELATIONS]
    if not heads:
        return None, "该户没有户主（没有一行的与户主关系是“户主”），整户未导入"
    if len(heads) > 1:
        shown = "、".join(str(row.number) for row in heads)
        return None, f"该户有{len(heads)}行户主（第{shown}行），只能有一位，整户未导入"
    head = heads[0]
    if head.number in refused:
        return None, f"户主一行（第{head.number}行）未通过检查，整户未导入"
    values = head.values
    household_type = _HOUSEHOLD_TYPES.get(values.get("household_type", ""))
    if household_type is None:
        return None, f"户类型“{values['household_type']}”无法识别（应为 脱贫户 或 普通农户）"
    monitoring = values.get("monitoring_type", "")
    if monitoring in _NOT_MONITORED:
        monitoring = ""
    elif monitoring not in household_registry.MONITORING_TYPES:
        return None, (
            f"监测对象类型“{monitoring}”无法识别（应为 脱贫不稳定户、边缘易致贫户、"
            "突发严重困难户 或留空）"
        )
    number = numbers[head.number]
    return (
        Household(
            household_no=household_no,
            head_name=values["name"],
            id_masked=mask_id(number),
            id_hash=registry_hash(number, salt_key),
            members=_members(values.get("members", ""), len(rows)),
            township=values["township"],
            village=values.get("village", ""),
            natural_village=values.get("natural_village", ""),
            household_type=household_type,
            monitoring_type=monitoring,
            risk_cleared=values.get("risk_cleared", "").lower() in _YES,
            causes=_causes(values.get("causes", "")),
            phone_masked=_phone(head, rows),
            id_tag=idcard.id_tag(number, tag_key) if tag_key else None,
        ),
        "",
    )


def registry_hash(number: str, salt_key: bytes) -> str:
    """The county's own HMAC-SHA256 of a head's ID number, keyed by the registry salt (64 hex
    digits). It stays at the county: stations get the short tag instead."""
    if not salt_key:
        raise ValueError("the registry hash needs the county's salt")
    return hmac.new(salt_key, number.encode(), hashlib.sha256).hexdigest()


def _members(text: str, rows: int) -> int:
    digits = unicodedata.normalize("NFKC", text).strip()
    return int(digits) if digits.isdigit() and 0 < int(digits) < 100 else rows


def _causes(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part for part in _CAUSE_SEPARATORS.split(text) if part))


def _phone(head: SheetRow, rows: list[SheetRow]) -> str:
    """The head's phone, else the first member's, as 尾号5678; nothing usable gives ""."""
    for row in (head, *rows):
        phone = row.values.get("phone", "")
        if sum(ch.isdigit() for ch in phone) >= 7:
            return mask_phone(phone)
    return ""


def refused_lines(refused: list[RefusedRow]) -> list[str]:
    """The report as lines for a terminal."""
    return [
        f"第{r.row}行  户编号 {r.household_no or '（空）'}  "
        f"{r.id_masked or '（无证件号）'}  {r.reason}"
        for r in refused
    ]
