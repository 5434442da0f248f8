"""Importing the catalog (消费帮扶 products and reference prices) and the billers from XLSX or
CSV. Unlike the registry, a file with any bad row is refused whole: a catalog is short and a
half-imported price list is worse than none. The reasons are in Chinese, one per row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from stationapp.core.errors import ValidationError
from stationapp.core.money import parse_money
from sync.server.reference.billers import Biller
from sync.server.reference.catalog import CatalogItem
from sync.server.reference.sheets import SheetRow, read_sheet

CATALOG_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("编码", "商品编码", "编号"),
    "name": ("名称", "商品名称", "品名"),
    "category": ("类别", "分类"),
    "unit": ("单位", "计量单位"),
    "price": ("参考价(元)", "参考价", "参考价格(元)"),
    "certified": ("消费帮扶认证", "消费帮扶", "是否认证"),
    "household_no": ("户编号", "关联户编号"),
}
CATALOG_REQUIRED = ("code", "name", "price")

BILLER_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("编码", "机构编码", "编号"),
    "name": ("名称", "机构名称", "收费单位"),
    "kind": ("类别", "缴费类别", "类型"),
    "account_label": ("户号名称", "账号名称", "户号叫法"),
    "min": ("最低金额(元)", "最低金额"),
    "max": ("最高金额(元)", "最高金额"),
    "fee": ("手续费(元)", "手续费"),
    "active": ("启用", "是否启用"),
}
BILLER_REQUIRED = ("code", "name", "kind", "min", "max")

_YES = frozenset({"是", "已认证", "认证", "启用", "y", "yes", "true", "1"})
_NO = frozenset({"", "否", "未认证", "停用", "n", "no", "false", "0"})
BILLER_KIND_NAMES = {
    "电费": "electricity",
    "电力": "electricity",
    "水费": "water",
    "水务": "water",
    "话费": "phone",
    "通信": "phone",
    "电信": "phone",
    "保险": "insurance",
    "社保": "insurance",
    "医保": "insurance",
    "其他": "other",
}


@dataclass(frozen=True)
class RowProblem:
    row: int
    reason: str  # in Chinese

    def line(self) -> str:
        return f"第{self.row}行  {self.reason}"


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _fen(text: str, what: str) -> int:
    try:
        return parse_money(text)
    except ValidationError:
        raise _Refused(f"{what}“{text}”不是金额，请写成 12.50 这样") from None


def _flag(text: str, what: str, *, empty: bool) -> bool:
    value = text.strip().lower()
    if not value:
        return empty
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise _Refused(f"{what}“{text}”请写“是”或“否”")


def _read(path: Path, columns, required, make) -> tuple[list, list[RowProblem]]:
    items, problems, first_row = [], [], {}
    for row in read_sheet(path, columns, required=required):
        code = row.values["code"]
        try:
            if not code:
                raise _Refused("缺少编码")
            if code in first_row:
                raise _Refused(f"编码 {code} 与第{first_row[code]}行重复")
            first_row[code] = row.number
            if not row.values["name"]:
                raise _Refused("缺少名称")
            items.append((row, make(row)))
        except _Refused as refused:
            problems.append(RowProblem(row.number, refused.reason))
    return items, problems


def read_catalog(
    path: Path, *, households: Callable[[Iterable[str]], set[str]]
) -> tuple[list[CatalogItem], list[RowProblem]]:
    """The catalog's items and the problems of its rows; ``households`` tells which 户编号 the
    registry holds."""
    read, problems = _read(Path(path), CATALOG_COLUMNS, CATALOG_REQUIRED, _catalog_item)
    known = households({item.household_no for _, item in read if item.household_no})
    for row, item in read:
        if item.household_no and item.household_no not in known:
            problems.append(
                RowProblem(
                    row.number,
                    f"户编号 {item.household_no} 不在户籍登记册里，请先导入登记册或改正户编号",
                )
            )
    problems.sort(key=lambda problem: problem.row)
    return [item for _, item in read], problems


def _catalog_item(row: SheetRow) -> CatalogItem:
    values = row.values
    return CatalogItem(
        code=values["code"],
        name=values["name"],
        category=values.get("category", ""),
        unit=values.get("unit", ""),
        price_fen=_fen(values["price"], "参考价"),
        certified=_flag(values.get("certified", ""), "消费帮扶认证", empty=False),
        household_no=values.get("household_no", ""),
    )


def read_billers(path: Path) -> tuple[list[Biller], list[RowProblem]]:
    read, problems = _read(Path(path), BILLER_COLUMNS, BILLER_REQUIRED, _biller)
    return [item for _, item in read], problems


def _biller(row: SheetRow) -> Biller:
    values = row.values
    kind = BILLER_KIND_NAMES.get(values["kind"], values["kind"].lower())
    if kind not in BILLER_KIND_NAMES.values():
        raise _Refused(f"类别“{values['kind']}”无法识别（电费、水费、话费、保险 或 其他）")
    low, high = _fen(values["min"], "最低金额"), _fen(values["max"], "最高金额")
    if low > high:
        raise _Refused("最低金额高于最高金额")
    return Biller(
        code=values["code"],
        name=values["name"],
        kind=kind,
        account_label=values.get("account_label", "") or "户号",
        min_fen=low,
        max_fen=high,
        fee_fen=_fen(values.get("fee", "") or "0", "手续费"),
        active=_flag(values.get("active", ""), "启用", empty=True),
    )
