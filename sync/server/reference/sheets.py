"""Reading the county's spreadsheets: XLSX (openpyxl) or CSV in UTF-8 (with or without BOM) or
GBK, the way Chinese Excel saves "CSV". Columns are found by their header names, wherever the
header row is (national exports put a title row or two above it)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

HEADER_SEARCH_ROWS = 20
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the spreadsheet shows, header rows counted
    values: dict[str, str]  # field -> cell text, stripped


def header_key(text: str) -> str:
    """A header as compared: full-width folded, no spaces, no required-marks, lower case."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).replace("*", "").lower()


def read_sheet(
    path: Path, columns: Mapping[str, Sequence[str]], *, required: Sequence[str]
) -> list[SheetRow]:
    """The non-empty rows under the header, each as {field: text} for the fields of
    ``columns`` (field -> accepted header names) found in the header."""
    return list(iter_sheet(path, columns, required=required))


def iter_sheet(
    path: Path, columns: Mapping[str, Sequence[str]], *, required: Sequence[str]
) -> Iterator[SheetRow]:
    """:func:`read_sheet` one row at a time, for files too big to hold as dicts."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "There is no file {path}; check the path."),
            path=str(path),
        )
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        raw_rows = _xlsx_rows(path)
    elif suffix in CSV_SUFFIXES:
        raw_rows = _csv_rows(path)
    else:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{path} is neither .xlsx nor .csv; save it from Excel as .xlsx (an old .xls "
                "too) or as CSV.",
            ),
            path=path.name,
        )
    return _rows_under_header(raw_rows, columns, required, path.name)


def _rows_under_header(
    raw_rows: Iterator[list[str]],
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
    name: str,
) -> Iterator[SheetRow]:
    wanted = {header_key(alias): field for field, aliases in columns.items() for alias in aliases}
    positions: dict[str, int] | None = None
    for number, cells in enumerate(raw_rows, start=1):
        if positions is None:
            if number > HEADER_SEARCH_ROWS:
                break
            found = _positions(cells, wanted)
            if all(field in found for field in required):
                positions = found
                fields, indexes = list(found), list(found.values())
                width = max(indexes) + 1
            continue
        if not any(cells):
            continue
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]
        yield SheetRow(number, dict(zip(fields, [cells[i].strip() for i in indexes], strict=True)))
    if positions is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "No header row with the columns {columns} was found in the first rows of "
                "{file}; use the column names of the template.",
            ),
            columns="、".join(columns[field][0] for field in required),
            file=name,
        )


def _positions(cells: list[str], wanted: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = wanted.get(header_key(cell))
        if field is not None and field not in found:
            found[field] = index
    return found


def decode_csv(data: bytes, name: str) -> str:
    """UTF-8 with or without BOM, else GBK (read as GB 18030, its superset)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{file} is neither UTF-8 nor GBK text; save it from Excel as .xlsx or as "
                "CSV (UTF-8).",
            ),
            file=name,
        ) from None


def _csv_rows(path: Path) -> Iterator[list[str]]:
    text = decode_csv(path.read_bytes(), path.name)
    return iter(csv.reader(io.StringIO(text, newline="")))


def _unreadable(path: Path, problem: object) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{file} cannot be read as an Excel workbook ({problem}); open it in Excel and "
            "save it again as .xlsx.",
        ),
        file=path.name,
        problem=str(problem)[:100],
    )


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from xml.parsers.expat import ExpatError

    from sync.server.reference.xlsx_rows import UnreadableLayout, first_sheet_rows

    try:
        rows = first_sheet_rows(str(path))
    except UnreadableLayout:
        yield from _openpyxl_rows(path)
        return
    try:
        yield from rows
    except (ExpatError, ValueError, IndexError) as exc:
        raise _unreadable(path, exc) from None


def _openpyxl_rows(path: Path) -> Iterator[list[str]]:
    import zipfile

    import openpyxl  # only the imports need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _unreadable(path, exc) from None
    try:
        for cells in book.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(cell) for cell in cells]
    finally:
        book.close()


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: 12 not 12.0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """A report Excel opens right: UTF-8 with a BOM."""
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path
