"""Importing the poverty-household registry at the county: one row per person, households by
户编号, refused rows reported with their reason, on SQLite and on a real PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import contextlib
import csv
import hashlib
import hmac
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from stationapp.core.errors import ValidationError
from stationapp.core.idcard import check_character, id_tag
from sync.server import cli
from sync.server.reference import household_registry, id_keys, kinds, places
from sync.server.reference.households_import import import_households, mask_id, report_path
from sync.server.settings import ensure_secret_file, load_settings
from sync.server.storage import Storage
from sync.server.tables import feed_clock, feed_log
from tests.county_db import county_database_url  # noqa: F401  (a fixture)

DATA = Path(__file__).resolve().parent / "data"
SALT = "test-registry-salt"
HEADER = [
    "县",
    "乡镇",
    "村",
    "自然村",
    "户编号",
    "人编号",
    "姓名",
    "证件号码",
    "家庭人口数",
    "与户主关系",
    "民族",
    "致贫原因",
    "户类型",
    "监测对象类型",
    "风险是否消除",
    "联系电话",
]


def resident_id(n: int, born: str = "19800101") -> str:
    first = f"530926{born}{n:03d}"
    return first + check_character(first)


def person(household_no: str, n: int, name: str, relation: str = "户主", **changes: str) -> dict:
    row = {
        "县": "耿马傣族佤族自治县",
        "乡镇": "耿马镇",
        "村": "白马村",
        "自然村": "三组",
        "户编号": household_no,
        "人编号": f"P{n:06d}",
        "姓名": name,
        "证件号码": resident_id(n),
        "家庭人口数": "",
        "与户主关系": relation,
        "民族": "傣族",
        "致贫原因": "因病、缺技术",
        "户类型": "脱贫户",
        "监测对象类型": "",
        "风险是否消除": "否",
        "联系电话": "",
    }
    return {**row, **changes}


def family() -> list[dict]:
    """Two households of three and two people."""
    return [
        person("H001", 1, "岩温", 家庭人口数="3", 联系电话="13812345678"),
        person("H001", 2, "玉香", "配偶", 家庭人口数="3"),
        person("H001", 3, "岩罕", "之子", 家庭人口数="3"),
        person("H002", 4, "李国华", 户类型="一般农户", 监测对象类型="边缘易致贫户", 村="芒艾村"),
        person("H002", 5, "张秀英", "配偶", 户类型="一般农户", 村="芒艾村"),
    ]


def write_csv(path: Path, rows: list[dict], *, encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as out:
        writer = csv.DictWriter(out, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[dict], *, title: str = "") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row[name] for name in HEADER])
    book.save(path)
    return path


@pytest.fixture
def storage(tmp_path, county_database_url):
    settings = load_settings(tmp_path, county_database_url, development=True)
    opened = Storage.open(settings)
    for township in ("耿马镇", "孟定镇"):
        places.add_place(opened, township=township, village="白马村")
    yield opened
    opened.close()


def imported(storage: Storage, path: Path):
    return import_households(storage, path, salt=SALT)


def feed_cursor(storage: Storage) -> int:
    with storage.engine.connect() as conn:
        return conn.execute(sa.select(feed_clock.c.last_cursor)).scalar_one()


def household_rows(storage: Storage) -> dict[str, dict]:
    with storage.engine.connect() as conn:
        rows = conn.execute(
            sa.select(feed_log.c.key, feed_log.c.data).where(feed_log.c.kind == "household")
        ).all()
    return {row.key: json.loads(row.data) for row in rows}


# --- what a household becomes ----------------------------------------------------------------


def test_rows_are_grouped_into_households_named_after_their_head(storage, tmp_path):
    result = imported(storage, write_csv(tmp_path / "registry.csv", family()))
    assert (result.households, result.persons, result.refused) == (2, 5, [])
    first = household_rows(storage)["H001"]
    assert first["head_name"] == "岩温"
    assert first["members"] == 3
    assert first["township"] == "耿马镇"
    assert first["village"] == "白马村"
    assert first["natural_village"] == "三组"
    assert first["causes"] == ["因病", "缺技术"]
    assert first["household_type"] == "脱贫户"
    assert first["risk_cleared"] is False


def tag_key(storage: Storage) -> bytes:
    return bytes.fromhex(kinds.settings(storage)[(id_keys.ID_TAG_KEY_SETTING, "")])


def test_stations_get_the_heads_id_as_its_tail_and_a_four_bit_tag_only(storage, tmp_path):
    imported(storage, write_csv(tmp_path / "registry.csv", family()))
    given = household_rows(storage)["H001"]
    number = resident_id(1)
    assert given["id_tail"] == number[-4:]
    assert given["id_tag"] == id_tag(number, tag_key(storage)) and 0 <= given["id_tag"] < 16
    assert "id_masked" not in given and "id_hash" not in given


def test_the_county_keeps_the_heads_id_masked_and_as_an_hmac_keyed_by_the_salt(storage, tmp_path):
    imported(storage, write_csv(tmp_path / "registry.csv", family()))
    (first,) = [h for h in household_registry.list_households(storage) if h.household_no == "H001"]
    number = resident_id(1)
    assert first.id_masked == number[:6] + "********" + number[-4:]
    assert first.id_hash == hmac.new(SALT.encode(), number.encode(), hashlib.sha256).hexdigest()


def test_no_table_holds_a_whole_id_number_or_phone(storage, tmp_path):
    imported(storage, write_csv(tmp_path / "registry.csv", family()))
    everything = []
    tables = sa.MetaData()
    with storage.engine.connect() as conn:
        tables.reflect(conn)
        for table in tables.sorted_tables:
            everything += [repr(row) for row in conn.execute(table.select())]
    text = "\n".join(everything)
    assert "H001" in text
    for n in range(1, 6):
        assert resident_id(n) not in text
    assert "13812345678" not in text


def test_the_phone_is_kept_as_its_tail_and_a_household_without_one_has_none(storage, tmp_path):
    imported(storage, write_csv(tmp_path / "registry.csv", family()))
    rows = household_rows(storage)
    assert rows["H001"]["phone_masked"] == "尾号5678"
    assert rows["H002"]["phone_masked"] == ""


def test_household_type_and_monitoring_type_are_read_in_the_registrys_words(storage, tmp_path):
    imported(storage, write_csv(tmp_path / "registry.csv", family()))
    second = household_rows(storage)["H002"]
    assert second["household_type"] == "普通农户"
    assert second["monitoring_type"] == "边缘易致贫户"
    assert second["members"] == 2  # no 家庭人口数: the rows are counted


# --- refusals --------------------------------------------------------------------------------


def _bad_check_digit(rows):
    number = rows[3]["证件号码"]
    rows[3]["证件号码"] = number[:17] + ("0" if number[17] != "0" else "1")


def _missing_household_no(rows):
    rows[4]["户编号"] = ""


def _duplicate_person_no(rows):
    rows[4]["人编号"] = rows[1]["人编号"]


def _duplicate_id(rows):
    rows[4]["证件号码"] = rows[1]["证件号码"]


def _no_head(rows):
    rows[3]["与户主关系"] = "之子"


def _unknown_township(rows):
    rows[3]["乡镇"] = "火星镇"
    rows[4]["乡镇"] = "火星镇"


def _scientific_notation(rows):
    rows[3]["证件号码"] = "5.30926E+17"


@pytest.mark.parametrize(
    ("spoil", "refused_row", "reason"),
    [
        (_bad_check_digit, 5, "校验位错误"),
        (_missing_household_no, 6, "缺少户编号"),
        (_duplicate_person_no, 6, "人编号 P000002 与第3行重复"),
        (_duplicate_id, 6, "证件号码与第3行重复"),
        (_no_head, 5, "该户没有户主"),
        (_unknown_township, 5, "乡镇“火星镇”不在县中心的乡镇名单里"),
        (_scientific_notation, 5, "科学计数法"),
    ],
)
def test_a_bad_row_is_refused_with_its_reason_and_the_rest_imported(
    storage, tmp_path, spoil, refused_row, reason
):
    rows = family()
    spoil(rows)
    result = imported(storage, write_csv(tmp_path / "registry.csv", rows))
    refusal = next(r for r in result.refused if r.row == refused_row)
    assert reason in refusal.reason
    assert "H001" in household_rows(storage)


def test_a_household_whose_head_is_refused_is_not_imported_at_all(storage, tmp_path):
    rows = family()
    _bad_check_digit(rows)  # H002's head
    result = imported(storage, write_csv(tmp_path / "registry.csv", rows))
    assert [(r.row, r.household_no) for r in result.refused] == [(5, "H002"), (6, "H002")]
    assert "户主一行（第5行）未通过检查" in result.refused[1].reason
    assert set(household_rows(storage)) == {"H001"}


def test_a_household_with_two_heads_is_refused(storage, tmp_path):
    rows = family()
    rows[4]["与户主关系"] = "户主"
    result = imported(storage, write_csv(tmp_path / "registry.csv", rows))
    assert {r.row for r in result.refused} == {5, 6}
    assert "该户有2行户主（第5、6行）" in result.refused[0].reason


def test_the_refused_rows_are_written_next_to_the_file_with_masked_ids(storage, tmp_path):
    rows = family()
    _duplicate_id(rows)
    source = write_csv(tmp_path / "registry.csv", rows)
    result = imported(storage, source)
    assert result.report == tmp_path / "registry.csv.refused.csv" == report_path(source)
    with open(result.report, encoding="utf-8-sig", newline="") as report:
        lines = list(csv.reader(report))
    assert lines[0] == ["行号", "户编号", "证件号码", "原因"]
    assert lines[1] == ["6", "H002", mask_id(resident_id(2)), "证件号码与第3行重复"]
    assert resident_id(2) not in result.report.read_text(encoding="utf-8-sig")


def test_a_file_without_the_registry_columns_is_refused_whole(storage, tmp_path):
    source = tmp_path / "other.csv"
    source.write_text("编码,名称\nA1,茶叶\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="No header row with the columns 户编号"):
        imported(storage, source)
    assert feed_cursor(storage) > 0 and household_rows(storage) == {}


# --- file formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk_reads_the_same(storage, tmp_path, encoding):
    result = imported(storage, write_csv(tmp_path / "registry.csv", family(), encoding=encoding))
    assert result.households == 2
    assert household_rows(storage)["H001"]["head_name"] == "岩温"


def test_xlsx_with_a_title_row_above_the_header_is_read(storage, tmp_path):
    source = write_xlsx(tmp_path / "registry.xlsx", family(), title="耿马县脱贫人口信息表")
    result = imported(storage, source)
    assert (result.households, result.refused) == (2, [])
    assert household_rows(storage)["H002"]["head_name"] == "李国华"


def test_xlsx_numbers_read_as_the_digits_people_see(storage, tmp_path):
    rows = family()
    source = write_xlsx(tmp_path / "registry.xlsx", rows)
    import openpyxl

    book = openpyxl.load_workbook(source)
    sheet = book.active
    sheet.cell(row=2, column=HEADER.index("家庭人口数") + 1, value=3)
    sheet.cell(row=2, column=HEADER.index("联系电话") + 1, value=13812345678)
    book.save(source)
    imported(storage, source)
    first = household_rows(storage)["H001"]
    assert (first["members"], first["phone_masked"]) == (3, "尾号5678")


def test_the_fast_xlsx_reader_reads_what_openpyxl_reads(tmp_path):
    import openpyxl

    from sync.server.reference import sheets
    from sync.server.reference.xlsx_rows import first_sheet_rows

    source = write_xlsx(tmp_path / "registry.xlsx", family(), title="耿马县脱贫人口信息表")
    book = openpyxl.load_workbook(source)
    book.active.cell(row=9, column=3, value=13812345678)  # after a skipped row, a number
    book.active.cell(row=3, column=20, value=True)
    book.save(source)

    def trimmed(rows):
        return [
            list(row[: max((i + 1 for i, v in enumerate(row) if v), default=0)]) for row in rows
        ]

    fast = trimmed(first_sheet_rows(str(source)))
    slow = trimmed(sheets._openpyxl_rows(source))
    assert fast == slow
    assert fast[8] == ["", "", "13812345678"] and fast[7] == []


def test_a_file_named_xlsx_that_is_no_workbook_is_refused(storage, tmp_path):
    source = tmp_path / "registry.xlsx"
    source.write_text("户编号,姓名\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="cannot be read as an Excel workbook"):
        imported(storage, source)


# --- re-import ---------------------------------------------------------------------------------


def test_importing_the_same_registry_again_sends_stations_nothing(storage, tmp_path):
    source = write_csv(tmp_path / "registry.csv", family())
    imported(storage, source)
    before = feed_cursor(storage)
    again = imported(storage, source)
    assert (again.counts.added, again.counts.changed, again.counts.unchanged) == (0, 0, 2)
    assert feed_cursor(storage) == before


def test_a_changed_household_gets_one_new_feed_row(storage, tmp_path):
    imported(storage, write_csv(tmp_path / "registry.csv", family()))
    before = feed_cursor(storage)
    rows = family()
    rows[3]["风险是否消除"] = "是"
    again = imported(storage, write_csv(tmp_path / "registry.csv", rows))
    assert (again.counts.changed, again.counts.unchanged) == (1, 1)
    with storage.engine.connect() as conn:
        written = conn.execute(
            sa.select(feed_log.c.kind, feed_log.c.key).where(feed_log.c.cursor > before)
        ).all()
    assert [tuple(row) for row in written] == [("household", "H002")]
    assert household_rows(storage)["H002"]["risk_cleared"] is True


def test_another_registry_salt_changes_the_countys_hashes_not_what_stations_get(storage, tmp_path):
    source = write_csv(tmp_path / "registry.csv", family())
    imported(storage, source)
    given = household_rows(storage)
    import_households(storage, source, salt="another-salt")
    assert household_rows(storage) == given
    assert "household.id_salt" not in {name for name, _ in kinds.settings(storage)}


# --- the command line --------------------------------------------------------------------------


@pytest.fixture
def county_dir(tmp_path, monkeypatch):
    monkeypatch.delenv(id_keys.ENV_REGISTRY_SALT, raising=False)
    data_dir = tmp_path / "county"
    ensure_secret_file(data_dir)
    return data_dir


def county_center(data_dir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(data_dir), *args])
    return code, out.getvalue(), err.getvalue()


def test_import_households_prints_a_summary_and_the_refused_rows(county_dir, tmp_path):
    county_center(county_dir, "add-place", "--township", "耿马镇", "--village", "白马村")
    rows = family()
    _bad_check_digit(rows)
    code, out, err = county_center(
        county_dir, "import-households", str(write_csv(tmp_path / "r.csv", rows))
    )
    assert code == 0
    summary = json.loads(out)
    assert summary["households"] == 1
    assert summary["added"] == 1
    assert summary["refused_rows"] == 2
    assert summary["report"].endswith("r.csv.refused.csv")
    assert "2 行未导入" in err
    assert "第5行" in err and "校验位错误" in err


def test_the_registry_salt_is_made_once_and_never_given_to_stations(county_dir, tmp_path):
    county_center(county_dir, "add-place", "--township", "耿马镇", "--village", "白马村")
    source = str(write_csv(tmp_path / "r.csv", family()))
    county_center(county_dir, "import-households", source)
    salt_file = county_dir / id_keys.REGISTRY_SALT_FILE
    salt = salt_file.read_text(encoding="utf-8")
    assert len(salt) == 64
    assert salt_file.stat().st_mode & 0o077 == 0
    county_center(county_dir, "import-households", source)
    assert salt_file.read_text(encoding="utf-8") == salt
    storage = Storage.open(load_settings(county_dir))
    try:
        assert (id_keys.ID_SALT_SETTING, "") not in kinds.settings(storage)
        with storage.engine.connect() as conn:
            feed_text = "\n".join(row.data for row in conn.execute(sa.select(feed_log.c.data)))
        assert salt not in feed_text
        assert len(tag_key(storage)) == 16  # the tag key is given; it is no secret
    finally:
        storage.close()


def test_a_lost_salt_file_is_made_again_and_stations_get_the_same_tails_and_tags(
    county_dir, tmp_path
):
    county_center(county_dir, "add-place", "--township", "耿马镇", "--village", "白马村")
    source = str(write_csv(tmp_path / "r.csv", family()))
    county_center(county_dir, "import-households", source)
    storage = Storage.open(load_settings(county_dir))
    try:
        given = household_rows(storage)
    finally:
        storage.close()
    salt_file = county_dir / id_keys.REGISTRY_SALT_FILE
    salt = salt_file.read_text(encoding="utf-8")
    salt_file.unlink()
    code, _, _ = county_center(county_dir, "import-households", source)
    assert code == 0
    assert salt_file.read_text(encoding="utf-8") != salt  # the salt was the county's alone
    storage = Storage.open(load_settings(county_dir))
    try:
        assert household_rows(storage) == given
    finally:
        storage.close()


def test_import_households_of_a_missing_file_exits_1(county_dir, tmp_path):
    code, out, err = county_center(county_dir, "import-households", str(tmp_path / "nope.xlsx"))
    assert (code, out) == (1, "")
    assert "There is no file" in err


def test_the_demo_registry_imports_with_its_three_refused_rows(county_dir, tmp_path):
    for township in ("耿马镇", "孟定镇"):
        county_center(county_dir, "add-place", "--township", township, "--village", "中心村")
    source = tmp_path / "households_demo.csv"
    source.write_bytes((DATA / "households_demo.csv").read_bytes())
    code, out, err = county_center(county_dir, "import-households", str(source))
    assert code == 0
    summary = json.loads(out)
    assert (summary["households"], summary["refused_rows"]) == (10, 3)
    assert "校验位错误" in err and "缺少户编号" in err and "证件号码与第" in err
