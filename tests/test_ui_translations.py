"""Every string the GUI shows goes through tr() and has its Chinese line in a ui*.tsv."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "stationapp" / "ui"
UI_TSVS = sorted((ROOT / "resources" / "i18n" / "incoming").glob("ui*.tsv"))
NOT_OURS = {"printing.py"}  # printing has its own translations file
FIELD = re.compile(r"\{[a-z_]+\}")


def marked_strings(path: Path) -> set[tuple[str, str]]:
    """(context, source) of self.tr(...), QT_TRANSLATE_NOOP(ctx, ...) and translate(ctx, ...)."""
    found: set[tuple[str, str]] = set()

    def visit(node: ast.AST, context: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else context
            if isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                texts = [a.value for a in child.args if isinstance(a, ast.Constant)]
                if name == "tr" and texts and context:
                    found.add((context, texts[0]))
                elif name in ("QT_TRANSLATE_NOOP", "translate") and len(texts) >= 2:
                    found.add((texts[0], texts[1]))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return found


def ui_sources() -> set[tuple[str, str]]:
    strings: set[tuple[str, str]] = set()
    for path in UI_DIR.rglob("*.py"):
        if path.name not in NOT_OURS:
            strings |= marked_strings(path)
    return strings


def tsv_lines() -> list[list[str]]:
    """Each line's fields, a written ``\\n`` read as the line break it stands for (as
    scripts/update_translations.py reads it)."""
    return [
        line.replace("\\n", "\n").split("\t")
        for tsv in UI_TSVS
        for line in tsv.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_every_tsv_line_has_context_source_and_translation():
    for fields in tsv_lines():
        assert len(fields) == 3 and all(fields), fields


def test_every_marked_string_of_the_gui_has_a_chinese_line():
    translated = {(context, source) for context, source, _ in tsv_lines()}
    assert sorted(ui_sources() - translated) == []


def test_no_tsv_line_is_left_over_from_a_string_that_is_gone():
    translated = {(context, source) for context, source, _ in tsv_lines()}
    assert sorted(translated - ui_sources()) == []


@pytest.mark.parametrize(("context", "source", "chinese"), tsv_lines())
def test_translations_keep_the_fields_and_the_shortcut_key(context, source, chinese):
    assert sorted(FIELD.findall(chinese)) == sorted(FIELD.findall(source))
    mnemonic = re.search(r"&(\w)", source)
    if mnemonic:
        assert f"(&{mnemonic.group(1).upper()})" in chinese
