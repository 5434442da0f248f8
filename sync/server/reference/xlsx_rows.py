"""The rows of an XLSX workbook's first sheet as cell texts, streamed straight from its XML.

openpyxl reads a 100,000-household registry (300,000 rows) in well over a minute on a busy
machine; this reader (the stdlib's expat, driven by callbacks) takes a fraction of that. It
understands what registry exports hold (shared and inline strings, numbers, booleans, skipped
rows and cells); a workbook laid out otherwise gives :class:`UnreadableLayout` before any row is
read, and the caller falls back to openpyxl. Numbers come as the digits people see
(``13812345678``, ``3``); dates stay serial numbers.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError, iterparse
from xml.parsers import expat

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")
_CHUNK = 1 << 16
_columns: dict[str, int] = {}


# element names as codes; a prefixed name ("x:row") counts as its local name. Namespaces are
# not checked: expat's namespace processing costs a third of the parse.
ROW, C, V, IS, T, SI, RPH, OTHER = range(8)
_LOCAL_CODES = {"row": ROW, "c": C, "v": V, "is": IS, "t": T, "si": SI, "rPh": RPH}


class _Codes(dict):
    def __missing__(self, name: str) -> int:
        code = self[name] = _LOCAL_CODES.get(name.rpartition(":")[2], OTHER)
        return code


class UnreadableLayout(Exception):
    """The package is not laid out as this reader expects (ask openpyxl instead)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def first_sheet_rows(path: str) -> Iterator[list[str]]:
    """Every row of the first sheet, from row 1, skipped rows as empty lists."""
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableLayout(str(exc)) from exc
    try:
        sheet = _first_sheet_path(book)
        strings = _shared_strings(book)
        member = book.open(sheet)
    except (KeyError, ParseError, expat.ExpatError, ValueError, IndexError) as exc:
        book.close()
        raise UnreadableLayout(str(exc)) from exc
    return _rows(book, member, strings)


def _first_sheet_path(book: zipfile.ZipFile) -> str:
    sheet_id = ""
    for _event, element in iterparse(book.open("xl/workbook.xml")):
        if _local(element.tag) == "sheet":
            sheet_id = element.attrib[f"{{{_REL_NS}}}id"]
            break
    for _event, element in iterparse(book.open("xl/_rels/workbook.xml.rels")):
        if _local(element.tag) == "Relationship" and element.attrib.get("Id") == sheet_id:
            target = element.attrib["Target"]
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    raise KeyError("the first sheet's part")


class _Texts:
    """Collects the text of <t> elements (not of phonetic guides, <rPh>) inside a container."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.inside = 0  # depth of containers whose <t> count (<si>, <is>)
        self.phonetic = 0
        self.capturing = False

    def start(self, code: int) -> None:
        if code == RPH:
            self.phonetic += 1
        elif code == T and self.inside and not self.phonetic:
            self.capturing = True

    def end(self, code: int) -> None:
        if code == RPH:
            self.phonetic -= 1
        elif code == T:
            self.capturing = False

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts = []
        return text


def _parser(start, end, texts: _Texts) -> expat.XMLParserType:
    """A parser that hands ``start(code, attrs)`` and ``end(code)`` the element's code."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    codes = _Codes()
    parser.StartElementHandler = lambda name, attrs: start(codes[name], attrs)
    parser.EndElementHandler = lambda name: end(codes[name])

    def characters(data: str) -> None:
        if texts.capturing:
            texts.parts.append(data)

    parser.CharacterDataHandler = characters
    return parser


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings: list[str] = []
    texts = _Texts()

    def start(code: int, _attrs: dict[str, str]) -> None:
        if code == SI:
            texts.inside += 1
        texts.start(code)

    def end(code: int) -> None:
        texts.end(code)
        if code == SI:
            texts.inside -= 1
            strings.append(texts.take())

    with book.open("xl/sharedStrings.xml") as member:
        _parser(start, end, texts).ParseFile(member)
    return strings


def _column(reference: str) -> int:
    letters = reference.rstrip("0123456789")
    index = _columns.get(letters)
    if index is None:
        if _CELL_REF.match(reference) is None:
            raise ValueError(f"cell reference {reference!r}")
        index = -1
        for letter in letters:
            index = (index + 1) * 26 + ord(letter) - 65
        _columns[letters] = index
    return index


def _number(text: str) -> str:
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else text


class _Sheet:
    """expat callbacks that turn a worksheet's XML into rows of cell texts."""

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self.texts = _Texts()
        self.done: list[list[str]] = []  # rows finished since the last chunk
        self.next_row = 1
        self.cells: list[str] = []
        self.kind = "n"
        self.reference = ""

    def start(self, code: int, attrs: dict[str, str]) -> None:
        if code == C:
            self.kind = attrs.get("t", "n")
            self.reference = attrs.get("r", "")
        elif code == V:
            self.texts.capturing = True
        elif code == IS:
            self.texts.inside += 1
        elif code == ROW:
            number = int(attrs.get("r", self.next_row))
            while self.next_row < number:
                self.done.append([])
                self.next_row += 1
            self.cells = []
        else:
            self.texts.start(code)

    def end(self, code: int) -> None:
        if code == C:
            if self.reference:
                self.cells += [""] * (_column(self.reference) - len(self.cells))
            self.cells.append(self._value(self.texts.take()).strip())
        elif code == V:
            self.texts.capturing = False
        elif code == IS:
            self.texts.inside -= 1
        elif code == ROW:
            self.done.append(self.cells)
            self.next_row += 1
        else:
            self.texts.end(code)

    def _value(self, text: str) -> str:
        kind = self.kind
        if kind == "s":
            return self.strings[int(text)] if text else ""
        if kind == "n":
            return _number(text)
        if kind == "b":
            return "是" if text == "1" else "否"
        return text  # inlineStr, str (a formula's text), e (an error)


def _rows(book: zipfile.ZipFile, member, strings: list[str]) -> Iterator[list[str]]:
    sheet = _Sheet(strings)
    parser = _parser(sheet.start, sheet.end, sheet.texts)
    try:
        while chunk := member.read(_CHUNK):
            parser.Parse(chunk, False)
            yield from sheet.done
            sheet.done = []
        parser.Parse(b"", True)
        yield from sheet.done
    finally:
        member.close()
        book.close()
