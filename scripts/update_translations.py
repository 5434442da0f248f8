"""Refresh the translations: extract every tr()/translate() string into the .ts, fill translations
from the incoming TSV files, and compile the .qm with pyside6-lrelease.

    python scripts/update_translations.py          # rewrite .ts and .qm
    python scripts/update_translations.py --check  # exit 1 if the committed files are stale

The .qm files are committed (so a checkout, a wheel and the PyInstaller bundle all carry them with
no build step); tests/test_translations.py fails when they are stale or a string is untranslated.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def sources() -> list[Path]:
    return sorted(p for p in (ROOT / "stationapp").rglob("*.py") if "__pycache__" not in p.parts)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    raise SystemExit(f"{name} not found: install PySide6 (pip install -e .)")


def incoming(language: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation from resources/i18n/incoming/*.tsv."""
    pairs: dict[tuple[str, str], str] = {}
    folder = I18N / "incoming" if language == "zh_CN" else I18N / f"incoming-{language}"
    for tsv in sorted(folder.glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            context, source, translation = line.split("\t", 2)
            pairs[(context, source.replace("\\n", "\n"))] = translation.replace("\\n", "\n")
    return pairs


def fill(ts: Path, pairs: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """Write the known translations into ``ts``; returns what is still untranslated."""
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            known = pairs.get((name, source))
            if known is None and translation.get("type") != "unfinished" and translation.text:
                continue
            if known is None:
                missing.append((name, source))
                continue
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                form = ET.SubElement(translation, "numerusform")
                form.text = known
            else:
                translation.text = known
            translation.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return missing


def build(out_dir: Path) -> list[tuple[str, str]]:
    """Produce stationapp_<lang>.ts and .qm in ``out_dir``; returns untranslated strings."""
    missing: list[tuple[str, str]] = []
    for language in LANGUAGES:
        ts = out_dir / f"stationapp_{language}.ts"
        committed = I18N / ts.name
        if committed.exists() and committed != ts:
            shutil.copyfile(committed, ts)
        files = [str(p.relative_to(ROOT)) for p in sources()]
        subprocess.run(
            [tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *files, "-ts", str(ts)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        missing += fill(ts, incoming(language))
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
            capture_output=True,
        )
    return missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="only say whether files are stale")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as folder:
            missing = build(Path(folder))
            stale = [
                name
                for language in LANGUAGES
                for name in (f"stationapp_{language}.ts", f"stationapp_{language}.qm")
                if not (I18N / name).exists()
                or (I18N / name).read_bytes() != (Path(folder) / name).read_bytes()
            ]
        for name in stale:
            print(f"stale: resources/i18n/{name} (run python scripts/update_translations.py)")
        for context, source in missing:
            print(f"untranslated: [{context}] {source}")
        return 1 if stale or missing else 0
    missing = build(I18N)
    for context, source in missing:
        print(f"untranslated: [{context}] {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
