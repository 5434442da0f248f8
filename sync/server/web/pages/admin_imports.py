"""数据导入 (county admin only): upload the household registry, the catalog or the billers as
XLSX or CSV, as ``county-center import-*`` imports them; the rows refused are listed on the
page and can be downloaded as an XLSX to correct and upload again."""

from __future__ import annotations

import base64
import io
import tempfile
from pathlib import Path
from typing import Annotated

import openpyxl
from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import Response

from stationapp.core.errors import UserError
from sync.server.deps import SettingsDep
from sync.server.web.deps import AdminViewer, client_address
from sync.server.web.queries.admin_imports import (
    ImportOutcome,
    import_billers,
    import_catalog,
    import_registry,
)
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
IMPORTS = f"{WEB_PREFIX}/admin/imports"
SUFFIXES = (".xlsx", ".csv")
SHOWN_ROWS = 200  # the page lists this many refused rows; the download has them all

KINDS = {  # kind → (title, the columns it needs, how it is taken)
    "households": (
        "户籍登记册",
        "户编号、姓名、证件号码、与户主关系、乡镇（还可有 村、自然村、人编号、家庭人口数、户类型、"
        "监测对象类型、致贫原因、联系电话……）",
        "能导入的户马上导入，有问题的行列在下面，改好后再导入一次（已导入的户不会重复）。",
    ),
    "catalog": (
        "商品目录",
        "编码、名称、参考价(元)（还可有 类别、单位、消费帮扶认证、户编号）",
        "有一行不对就整份都不导入：改好后再导入一次。",
    ),
    "billers": (
        "缴费单位",
        "编码、名称、类别、最低金额(元)、最高金额(元)（还可有 户号名称、手续费(元)、启用）",
        "有一行不对就整份都不导入：改好后再导入一次。",
    ),
}


UNREADABLE = {  # the sheet reader's refusals (their English source) → what the admin reads
    "{file} cannot be read as an Excel workbook ({problem}); open it in Excel and save it again "
    "as .xlsx.": "“{file}”不是能读的 Excel 文件。请用 Excel 打开，另存为 .xlsx 后再导入。",
    "No header row with the columns {columns} was found in the first rows of {file}; use the "
    "column names of the template.": (
        "“{file}”前几行里没有找到含 {columns} 的表头行。请按上面写的列名做表头后再导入。"
    ),
    "{file} is neither UTF-8 nor GBK text; save it from Excel as .xlsx or as CSV (UTF-8).": (
        "“{file}”的文字编码读不了（既不是 UTF-8 也不是 GBK）。请在 Excel 里另存为 .xlsx 或 CSV"
        "（UTF-8）后再导入。"
    ),
}


def _unreadable(refusal: UserError, name: str) -> str:
    """A refusal of the sheet reader in Chinese, naming the file as the admin uploaded it."""
    words = UNREADABLE.get(refusal.text)
    if words is None:
        return f"“{name}”导入不了，什么也没有写入：{refusal}"
    return words.format(**{**refusal.params, "file": name}) + "（什么也没有写入。）"


@router.get(IMPORTS)
def imports_page(request: Request, viewer: AdminViewer) -> Response:
    return page(request, "admin_imports.html", viewer, kinds=KINDS, outcome=None, problem="")


@router.post(IMPORTS + "/{kind}")
async def upload(
    request: Request,
    viewer: AdminViewer,
    settings: SettingsDep,
    kind: str,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    if kind not in KINDS:
        raise HTTPException(status_code=404)
    name = Path(file.filename or "").name if file is not None else ""
    problem = ""
    if not name:
        problem = f"请先选择要导入的{KINDS[kind][0]}文件（XLSX 或 CSV），再点“导入”。"
    elif not name.lower().endswith(SUFFIXES):
        problem = f"“{name}”不是 XLSX 或 CSV 文件。请在 Excel 里另存为 .xlsx 后再导入。"
    if problem:
        return _answer(request, viewer, problem=problem, status_code=400)
    data = await file.read() if file is not None else b""
    with tempfile.TemporaryDirectory(prefix="county-import-") as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower())
        path.write_bytes(data)
        try:
            outcome = _import(request, viewer, settings.data_dir, kind, path, name)
        except UserError as refusal:
            problem = _unreadable(refusal, name)
            return _answer(request, viewer, problem=problem, status_code=400)
    return _answer(request, viewer, outcome=outcome, status_code=200 if outcome.imported else 400)


def _import(
    request: Request, viewer: AdminViewer, data_dir: Path, kind: str, path: Path, name: str
) -> ImportOutcome:
    storage, address = request.app.state.storage, client_address(request)
    if kind == "households":
        return import_registry(storage, viewer, data_dir, path, file_name=name, address=address)
    if kind == "catalog":
        return import_catalog(storage, viewer, path, file_name=name, address=address)
    return import_billers(storage, viewer, path, file_name=name, address=address)


def _answer(
    request: Request,
    viewer: AdminViewer,
    *,
    outcome: ImportOutcome | None = None,
    problem: str = "",
    status_code: int,
) -> Response:
    download = _refused_xlsx(outcome) if outcome is not None and outcome.refused else ""
    return page(
        request,
        "admin_imports.html",
        viewer,
        status_code=status_code,
        kinds=KINDS,
        outcome=outcome,
        problem=problem,
        download=download,
        shown=SHOWN_ROWS,
    )


def _refused_xlsx(outcome: ImportOutcome) -> str:
    """The refused rows as an XLSX, as a data: URI for the page's download link (the rows live
    only in this answer; nothing of an upload is kept)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "未导入的行"
    sheet.append(list(outcome.refused_header))
    for row in outcome.refused:
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions[chr(ord("A") + len(outcome.refused_header) - 1)].width = 60
    out = io.BytesIO()
    book.save(out)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return f"data:{kind};base64,{base64.b64encode(out.getvalue()).decode()}"
