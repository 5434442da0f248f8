"""数据导入 over HTTP, on SQLite and PostgreSQL: the household registry, the catalog and the
billers uploaded as XLSX or CSV go through the command line's importers; the registry takes the
rows it can and lists the others, the catalog and billers are refused whole when a row is wrong
(nothing written, each row's reason on the page); the refused rows download as an XLSX; each
import leaves its audit line, a refused one none."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import base64
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import requests
import sqlalchemy as sa

from sync.server.reference import billers, catalog
from sync.server.tables import households
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.test_households_import import person, write_xlsx
from tests.web_admin_helpers import audit_lines, snapshot
from tests.web_helpers import ADMIN, WebCounty, csrf_of, web_county

IMPORTS = "/web/admin/imports"
CATALOG_HEADER = ["编码", "名称", "类别", "单位", "参考价(元)", "消费帮扶认证", "户编号"]
BILLER_HEADER = [
    "编码",
    "名称",
    "类别",
    "户号名称",
    "最低金额(元)",
    "最高金额(元)",
    "手续费(元)",
    "启用",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        yield county


@pytest.fixture
def admin(web: WebCounty) -> requests.Session:
    session = requests.Session()
    assert web.login(session, ADMIN).status_code == 200
    return session


def _upload(
    web: WebCounty, admin: requests.Session, kind: str, name: str, data: bytes
) -> requests.Response:
    """Post the file as the page's script does: the CSRF token in the X-CSRFToken header."""
    token = csrf_of(admin.get(web.base_url + IMPORTS, timeout=10).text)
    return admin.post(
        f"{web.base_url}{IMPORTS}/{kind}",
        data={"csrftoken": token},
        files={"file": (name, data)},
        headers={"X-CSRFToken": token},
        timeout=60,
    )


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _downloaded(page: str) -> list[list[str]]:
    """The rows of the page's 下载未导入的行 XLSX."""
    found = re.search(rf'href="data:{XLSX};base64,([^"]+)" download="([^"]+)"', page)
    assert found, "the page offers no download of the refused rows"
    assert found.group(2).endswith("-未导入的行.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(found.group(1))))
    return [
        ["" if v is None else str(v) for v in row]
        for row in book.active.iter_rows(values_only=True)
    ]


def _households(web: WebCounty) -> set[str]:
    with web.county.storage.engine.connect() as conn:
        return set(conn.execute(sa.select(households.c.household_no)).scalars())


def test_the_registry_takes_the_rows_it_can_and_lists_the_others(web, admin, tmp_path: Path):
    rows = [
        person("W001", 1, "岩温", 乡镇="孟定镇", 村="芒艾村", 家庭人口数="2"),
        person("W001", 2, "玉香", "配偶", 乡镇="孟定镇", 村="芒艾村", 家庭人口数="2"),
        person("W002", 3, "李国华", 乡镇="不存在镇"),
        person("W003", 4, "张秀英", 乡镇="勐永镇", 证件号码="53092619800101123"),
    ]
    source = write_xlsx(tmp_path / "登记册.xlsx", rows)
    answer = _upload(web, admin, "households", "登记册.xlsx", source.read_bytes())
    assert answer.status_code == 200
    assert "户籍登记册“登记册.xlsx”已导入：1户（4行人员），新增1" in answer.text
    assert "2行未导入" in answer.text
    assert "W001" in _households(web) and not {"W002", "W003"} & _households(web)
    table = _downloaded(answer.text)
    assert table[0] == ["行号", "户编号", "证件号码（已遮盖）", "原因"]
    assert [row[:2] for row in table[1:]] == [["4", "W002"], ["5", "W003"]]
    assert "53092619800101123" not in answer.text and "53092619800101123" not in str(table)
    line = audit_lines(web, "import_households")[-1]
    assert (line.user_name, line.target) == (ADMIN, "登记册.xlsx")
    assert line.detail == "新增1 更新0 未变0 未导入2行"


def test_a_catalog_with_a_wrong_row_is_refused_whole(web, admin):
    before = snapshot(web)
    data = _csv(
        CATALOG_HEADER,
        [
            ["WC1", "古树红茶", "茶叶", "斤", "88", "是", ""],
            ["WC2", "蜂蜜", "食品", "瓶", "很贵", "", ""],
        ],
    )
    answer = _upload(web, admin, "catalog", "目录.csv", data)
    assert answer.status_code == 400
    assert "有1行不对，整份都没有导入" in answer.text
    assert "参考价“很贵”不是金额" in answer.text
    assert _downloaded(answer.text)[1][0] == "3"
    assert "WC1" not in {item.code for item in catalog.list_catalog(web.county.storage)}
    assert snapshot(web) == before


def test_a_good_catalog_and_billers_are_imported_with_their_audit_lines(web, admin):
    data = _csv(CATALOG_HEADER, [["WC1", "古树红茶", "茶叶", "斤", "88", "是", ""]])
    answer = _upload(web, admin, "catalog", "目录.csv", data)
    assert answer.status_code == 200
    assert "商品目录“目录.csv”已导入：1条，新增1" in answer.text
    item = next(i for i in catalog.list_catalog(web.county.storage) if i.code == "WC1")
    assert (item.price_fen, item.certified) == (8800, True)
    assert audit_lines(web, "import_catalog")[-1].detail == "新增1 更新0 未变0"
    again = _upload(web, admin, "catalog", "目录.csv", data)
    assert "新增0，更新0，没有变化1" in again.text
    data = _csv(BILLER_HEADER, [["WB1", "耿马供电局", "电费", "户号", "1", "5000", "0", "是"]])
    answer = _upload(web, admin, "billers", "缴费单位.csv", data)
    assert "缴费单位“缴费单位.csv”已导入：1条，新增1" in answer.text
    assert "WB1" in {b.code for b in billers.list_billers(web.county.storage)}
    assert audit_lines(web, "import_billers")[-1].target == "缴费单位.csv"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("", b"", "请先选择要导入的商品目录文件"),
        ("目录.pdf", b"%PDF", "不是 XLSX 或 CSV 文件"),
        ("目录.xlsx", b"not a workbook", "“目录.xlsx”不是能读的 Excel 文件。请用 Excel 打开"),
        ("目录.csv", "货号,价钱\nA1,1\n".encode(), "没有找到含 编码、名称、参考价(元) 的表头行"),
        ("目录.csv", b"\xff\xfe\x00\x81\x30", "文字编码读不了"),
    ],
)
def test_a_file_that_cannot_be_read_writes_nothing(web, admin, name, data, words):
    before = snapshot(web)
    answer = _upload(web, admin, "catalog", name, data)
    assert answer.status_code == 400
    assert words in answer.text
    assert snapshot(web) == before


def test_an_unknown_kind_is_404(web, admin):
    assert _upload(web, admin, "passwords", "x.csv", b"a").status_code == 404


def test_a_multipart_form_without_the_header_token_imports_nothing(web, admin):
    """The CSRF guard reads a multipart body's token with python-multipart, whose newer API
    asgi-csrf 0.11 does not speak (simonw/asgi-csrf#38): the upload is never taken."""
    token = csrf_of(admin.get(web.base_url + IMPORTS, timeout=10).text)
    before = snapshot(web)
    data = _csv(BILLER_HEADER, [["WB9", "勐永供水", "水费", "户号", "1", "500", "0", "是"]])
    try:
        status = admin.post(
            f"{web.base_url}{IMPORTS}/billers",
            data={"csrftoken": token},
            files={"file": ("缴费单位.csv", data)},
            timeout=30,
        ).status_code
    except requests.RequestException:
        status = None
    assert status != 200
    assert snapshot(web) == before
