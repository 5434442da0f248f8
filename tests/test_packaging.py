"""Light checks of packaging/: what the bundle collects, the installer and the desktop entry.

The bundle itself is built and run by ``packaging/build.sh`` in CI, never here.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import io
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from types import ModuleType

import pytest

from tests.county_db import missing_part

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "stationapp.spec"
ISS = PACKAGING / "windows" / "stationapp.iss"
DESKTOP = PACKAGING / "linux" / "village-station.desktop"
FIRST_PARTY = {"stationapp", "sync"}


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle() -> ModuleType:
    return _load("bundle")


@pytest.fixture(scope="module")
def check_bundle() -> ModuleType:
    return _load("check_bundle")


def _app_sources() -> list[Path]:
    files = [*(ROOT / "stationapp").rglob("*.py"), *(ROOT / "sync").rglob("*.py")]
    return sorted(p for p in files if "server" not in p.relative_to(ROOT).parts[:2])


def _imports_inside_functions(source: Path) -> set[str]:
    """Top-level package names imported in a function body (the lazy imports)."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"))


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def test_every_package_imported_inside_a_function_is_declared_for_the_bundle(bundle):
    lazy = set().union(*(_imports_inside_functions(path) for path in _app_sources()))
    third_party = lazy - set(sys.stdlib_module_names) - FIRST_PARTY - {"PySide6"}
    undeclared = sorted(third_party - set(bundle.LAZY_PACKAGES))
    assert undeclared == [], f"add these to LAZY_PACKAGES in packaging/bundle.py: {undeclared}"


def test_no_qt_module_the_app_uses_is_left_out_of_the_bundle(bundle):
    used = set()
    for path in _app_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                used.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                used.update(
                    a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6.")
                )
    assert used, "the app imports no Qt module: the source scan is broken"
    assert sorted(used & set(bundle.EXCLUDED_QT_MODULES)) == []


def test_resources_land_at_resources_inside_the_bundle(bundle):
    placed = {
        Path(source).relative_to(bundle.RESOURCES): folder
        for source, folder in bundle.resource_files()
    }
    font = Path("fonts", "wqy-microhei.ttc")
    assert placed[font] == str(Path("resources", "fonts"))
    assert placed[Path("fonts", "LICENSE-wqy-microhei.txt")] == str(Path("resources", "fonts"))
    assert placed[Path("i18n", "stationapp_zh_CN.qm")] == str(Path("resources", "i18n"))


def test_translation_sources_stay_out_of_the_bundle(bundle):
    sources = [Path(source) for source, _ in bundle.resource_files()]
    assert sources, "no resource files found"
    assert [p.name for p in sources if p.suffix in (".ts", ".tsv")] == []


def test_bundle_lookup_matches_where_the_app_looks_for_resources():
    """stationapp.resources looks in sys._MEIPASS/resources; the spec must put them there."""
    source = (ROOT / "stationapp" / "resources.py").read_text(encoding="utf-8")
    assert 'Path(bundle) / "resources"' in source


def test_spec_gives_pyinstaller_the_resources_hidden_imports_and_excludes():
    analysis = _calls(_spec_tree(), "Analysis")
    assert len(analysis) == 1
    keywords = {k.arg for k in analysis[0].keywords}
    assert {"datas", "binaries", "hiddenimports", "excludes"} <= keywords
    text = SPEC.read_text(encoding="utf-8")
    for call in ("resource_files()", "hidden_imports()", "collected_files()", "excluded_modules()"):
        assert f"bundle.{call}" in text


def test_spec_builds_a_windowed_app_and_a_console_cli_in_one_folder(bundle):
    tree = _spec_tree()
    consoles = {}
    for exe in _calls(tree, "EXE"):
        keywords = {k.arg: k.value for k in exe.keywords}
        consoles[ast.unparse(keywords["name"])] = ast.literal_eval(keywords["console"])
    assert consoles == {"bundle.GUI_NAME": False, "bundle.CLI_NAME": True}
    (collect,) = _calls(tree, "COLLECT")
    assert [ast.unparse(arg) for arg in collect.args[:2]] == ["gui", "cli"]
    assert (bundle.GUI_NAME, bundle.CLI_NAME) == ("stationapp", "stationapp-cli")


@pytest.mark.parametrize(
    ("bundle_path", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qoffscreen.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/designer/libqwebengineview.so", False),
        ("PySide6/opengl32sw.dll", False),
        ("resources/i18n/stationapp_zh_CN.qm", True),
    ],
)
def test_bundle_keeps_the_qt_files_a_shop_pc_needs(bundle, bundle_path, kept):
    assert bundle.keeps_qt_file(bundle_path) is kept


def test_hidden_imports_cover_lazily_loaded_pages_barcodes_and_time_zones(bundle):
    hidden = set(bundle.hidden_imports())
    expected = {
        "stationapp.ui.selftest",
        "stationapp.receipts.testpage",
        "reportlab.graphics.barcode.qr",
        "tzdata.zoneinfo.Asia",
        "pypinyin",
        "sqlite_utils",
    }
    assert sorted(expected - hidden) == []
    assert [name for name in hidden if name.startswith("sync.server")] == []
    assert [name for name in hidden if "pyinstaller" in name.lower()] == []


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc3", (2, 0, 1, 0))],
)
def test_windows_version_numbers_come_from_the_package_version(bundle, version, numbers):
    assert bundle.version_numbers(version) == numbers


def test_app_version_is_the_package_version(bundle):
    import stationapp

    assert bundle.app_version() == stationapp.__version__


def test_launcher_gives_a_windowed_app_somewhere_to_print(monkeypatch):
    launcher = _load("launcher")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    launcher._give_streams_to_windowed_app()
    sink = sys.stdout
    assert sink is not None
    print("收件人 尾号5678")  # would raise on a windowed Windows executable without the fix
    sink.close()


def test_launcher_runs_the_stationapp_command(monkeypatch):
    launcher = _load("launcher")
    import stationapp.cli

    monkeypatch.setattr(stationapp.cli, "main", lambda: 7)
    assert launcher.main() == 7


def test_installer_puts_the_app_in_program_files_and_never_the_data():
    text = ISS.read_text(encoding="utf-8-sig")
    assert r"DefaultDirName={autopf}\VillageStation" in text
    assert "{userappdata}" not in text and "{commonappdata}" not in text
    sections = [line.strip() for line in text.splitlines() if line.startswith("[")]
    assert "[UninstallDelete]" not in sections


def test_installer_adds_a_start_menu_shortcut_to_the_windowed_app():
    text = ISS.read_text(encoding="utf-8-sig")
    shortcuts = [line for line in text.splitlines() if line.startswith('Name: "{autoprograms}')]
    assert any(r'Filename: "{app}\{#AppExe}"' in line for line in shortcuts)
    assert '#define AppExe "stationapp.exe"' in text


def test_installer_is_utf8_with_a_byte_order_mark_so_inno_reads_the_chinese():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "村级电商服务站" in raw.decode("utf-8-sig")


def test_installer_uses_the_unofficial_chinese_messages_only_when_present():
    lines = ISS.read_text(encoding="utf-8-sig").splitlines()
    depth = 0
    unguarded = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("#if", "#ifdef", "#ifndef")):
            depth += 1
        elif stripped.startswith("#endif"):
            depth -= 1
        elif depth == 0 and ("chinesesimp" in stripped.split(";")[0]):
            unguarded.append(line)
    assert unguarded == []


def test_desktop_entry_is_valid():
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        missing_part("no desktop-file-validate on this machine: apt-get install desktop-file-utils")
    else:
        result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name[zh_CN]"] == "村级电商服务站"
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")


def test_desktop_entry_starts_the_program_where_the_install_script_puts_it():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    install = (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")
    assert "prefix=${2:-/opt/village-station}" in install
    assert entry["Desktop Entry"]["Exec"] == "/opt/village-station/stationapp"


def test_build_script_runs_the_built_selftest_offscreen_and_checks_its_output():
    script = PACKAGING / "build.sh"
    text = script.read_text(encoding="utf-8")
    assert script.stat().st_mode & 0o111, "build.sh must be executable"
    assert "QT_QPA_PLATFORM=offscreen" in text
    assert 'selftest --out "$out"' in text
    assert "check_bundle.py" in text
    assert "set -euo pipefail" in text


def _png(path: Path, colours: list[int]) -> Path:
    """A 64x64 RGB PNG of 8x8 squares cycling through ``colours`` (0xRRGGBB), written by hand."""
    rows = b"".join(
        b"\x00"
        + b"".join(colours[(x // 8 + y // 8) % len(colours)].to_bytes(3, "big") for x in range(64))
        for y in range(64)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def _receipt(path: Path, text: str) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    from stationapp.receipts.fonts import register_receipt_font

    canvas = Canvas(str(path))
    canvas.setFont(register_receipt_font(), 12)
    canvas.drawString(20, 700, text)
    canvas.save()
    return path


def test_check_bundle_accepts_a_drawn_screenshot_and_a_receipt_naming_the_station(
    check_bundle, tmp_path
):
    png = _png(tmp_path / "main-window.png", [0x101010 * i for i in range(12)])
    pdf = _receipt(tmp_path / "test-receipt.pdf", "孟定镇芒艾村电商服务站")
    assert check_bundle.screenshot_problems(png) == []
    assert check_bundle.receipt_problems(pdf, "孟定镇芒艾村电商服务站") == []


def test_check_bundle_refuses_a_blank_screenshot(check_bundle, tmp_path):
    png = _png(tmp_path / "main-window.png", [0x000000])
    assert check_bundle.screenshot_problems(png) == [
        "main-window.png: only 1 colours, the window was not drawn"
    ]


def test_check_bundle_refuses_a_receipt_without_the_station_name(check_bundle, tmp_path):
    pdf = _receipt(tmp_path / "test-receipt.pdf", "打印测试页")
    (problem,) = check_bundle.receipt_problems(pdf, "孟定镇芒艾村电商服务站")
    assert "is not in its text" in problem


def test_check_bundle_reports_missing_files(check_bundle, tmp_path):
    arguments = ["--data-dir", str(tmp_path), "--out", str(tmp_path), "--name", "芒艾村"]
    assert check_bundle.main(arguments) == 1


def test_check_bundle_reads_the_station_name_from_the_data_folder(check_bundle, station):
    data_dir = station.store.data_dir
    assert check_bundle.station_name(data_dir) == station.info.name
