"""What goes into the one-folder bundle, kept apart from the spec so tests can read it.

The spec (`stationapp.spec`) imports this module; `tests/test_packaging.py` imports it too and
checks it against the source tree (every lazily imported package is declared, no Qt module the
app uses is excluded). Nothing here imports PyInstaller at module level.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"

# The two executables of the bundle. On Windows the first is windowed (no console flashes up
# when an operator double-clicks it); the second keeps a console for backup, verify, selftest.
GUI_NAME = "stationapp"
CLI_NAME = "stationapp-cli"
BUNDLE_NAME = "stationapp"
# Shown by Windows (Task Manager, file properties) and read by the installer for its version.
PRODUCT_NAME = "村级电商服务站 Village Station"

# First-party packages collected whole: pages and dialogs are imported inside functions, and a
# missing page must not surface only when an operator clicks its button.
FIRST_PARTY = ("stationapp", "sync")
# The county center's server is not part of the station app.
FIRST_PARTY_SKIP = ("sync.server",)

# Third-party packages the app imports inside functions (so the window starts fast), with the
# way each is collected. "submodules" also catches modules loaded by name at run time (reportlab's
# barcode widgets and font data); "data" adds non-Python files (pypinyin's dictionaries, the IANA
# time zones of tzdata, which Windows has no system copy of); "all" adds shared libraries too.
LAZY_PACKAGES: dict[str, tuple[str, ...]] = {
    "reportlab": ("submodules", "data"),
    "pypinyin": ("submodules", "data"),
    "pypdfium2": ("all",),
    "pypdfium2_raw": ("all",),
    "sqlite_utils": ("submodules",),
    "tzdata": ("submodules", "data"),
    "requests": (),
    "serial": ("submodules",),  # pyserial, for the SMS modem
    "deflate": (),  # libdeflate: smaller pushes to the county
    "nacl": ("submodules",),  # PyNaCl: a sender's ID number sealed to the county's key
}

# Modules named explicitly on top of the collected packages.
EXTRA_HIDDEN_IMPORTS = (
    "reportlab.graphics.barcode.qr",
    "reportlab.rl_settings",
    "zoneinfo",
)

# Qt modules the station app never uses; excluding them keeps their libraries (and QML) out.
EXCLUDED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtXml",
)

# Python packages that are never needed at a station (tests, tools, other GUI toolkits).
EXCLUDED_PACKAGES = (
    "tkinter",
    # requests only tries these (pyOpenSSL support); Python's own ssl module does the work.
    "cryptography",
    "OpenSSL",
    # reportlab needs Pillow's core, but not its AVIF, WebP, font, colour-management and Tk
    # parts (Pillow falls back cleanly without them); leaving them out saves 9 MB.
    "PIL._avif",
    "PIL._imagingcms",
    "PIL._imagingft",
    "PIL._imagingtk",
    "PIL._webp",
    "PIL.ImageTk",
    "pygments",
    "_tkinter",
    "PyInstaller",
    "pytest",
    "pytestqt",
    "_pytest",
    "ruff",
    "IPython",
    "numpy",
    "matplotlib",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "fastapi",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "jinja2",
)

# Files of resources/ that are sources for the build, not needed at run time.
RESOURCE_SKIP_DIRS = ("incoming", "__pycache__")
RESOURCE_SKIP_SUFFIXES = (".ts", ".tsv", ".pyc")

# Qt's own translations ("qtbase_zh_CN.qm", the buttons of standard dialogs) kept in the bundle.
QT_TRANSLATION_LANGUAGES = ("zh_CN",)

# Qt plugins a shop PC never loads, by plugin folder: "*" for the whole folder, else the plugin
# names (file name without "lib" and suffix). The GTK3 theme goes because it would load the
# system's GTK against the bundle's own copies of glib and cairo, a known cause of crashes at
# start; Qt then draws its own Fusion style. Input contexts stay: they carry the Chinese IMEs.
SKIPPED_QT_PLUGINS: dict[str, tuple[str, ...]] = {
    "designer": ("*",),
    "egldeviceintegrations": ("*",),
    "generic": ("*",),
    "qmltooling": ("*",),
    "sqldrivers": ("*",),
    "wayland-graphics-integration-server": ("*",),
    "platforms": ("qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc"),
    "platformthemes": ("qgtk3",),
}


# Qt libraries a widgets app never loads: the software OpenGL renderer on Windows (20 MB).
SKIPPED_QT_LIBRARIES = ("opengl32sw.dll",)


def excluded_modules() -> list[str]:
    return [f"PySide6.{name}" for name in EXCLUDED_QT_MODULES] + list(EXCLUDED_PACKAGES)


def resource_files(root: Path = RESOURCES) -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) for each run-time file under ``resources/``.

    Files keep their place below ``resources/``, which is where ``stationapp.resources`` looks
    for them in a bundle (``sys._MEIPASS/resources``).
    """
    pairs = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or any(part in RESOURCE_SKIP_DIRS for part in relative.parts):
            continue
        if path.suffix in RESOURCE_SKIP_SUFFIXES:
            continue
        pairs.append((str(path), str(Path("resources", *relative.parent.parts))))
    return pairs


def keeps_qt_file(bundle_path: str) -> bool:
    """Whether a file collected by PySide6's hooks stays: drops unused plugins and languages."""
    parts = Path(bundle_path.replace("\\", "/")).parts
    if "PySide6" not in parts:
        return True
    if parts[-1].lower() in SKIPPED_QT_LIBRARIES:
        return False
    if "translations" in parts and parts[-1].endswith(".qm"):
        stem = parts[-1][: -len(".qm")]
        return any(stem.endswith("_" + language) for language in QT_TRANSLATION_LANGUAGES)
    if "plugins" in parts and len(parts) > parts.index("plugins") + 2:
        plugin_type = parts[parts.index("plugins") + 1]
        skipped = SKIPPED_QT_PLUGINS.get(plugin_type, ())
        return not ("*" in skipped or _plugin_name(parts[-1]) in skipped)
    return True


def _plugin_name(file_name: str) -> str:
    """Both "libqgtk3.so" and "qgtk3.dll" name the plugin "qgtk3"."""
    stem = file_name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def filter_qt_plugin_collection() -> bool:
    """Leave skipped plugins out while PyInstaller collects them, so their own dependencies
    (the GTK stack of the GTK3 theme) are never pulled in; filtering the finished file list
    afterwards would drop the plugin but keep its libraries. Returns False when this
    PyInstaller has no such step (the spec's later filter still drops the plugins)."""
    try:
        from PyInstaller.utils.hooks.qt import QtLibraryInfo
    except ImportError:
        return False
    collect = getattr(QtLibraryInfo, "collect_plugins", None)
    if collect is None or getattr(collect, "filtered_for_station", False):
        return collect is not None

    def collect_kept_plugins(self, plugin_type):
        found = collect(self, plugin_type)
        return [
            (source, folder)
            for source, folder in found
            if keeps_qt_file(str(Path(folder, Path(source).name)))
        ]

    collect_kept_plugins.filtered_for_station = True
    QtLibraryInfo.collect_plugins = collect_kept_plugins
    return True


def hidden_imports() -> list[str]:
    from PyInstaller.utils.hooks import collect_submodules

    names: list[str] = list(EXTRA_HIDDEN_IMPORTS)
    for package in FIRST_PARTY:
        names += collect_submodules(
            package, filter=lambda name: not name.startswith(FIRST_PARTY_SKIP)
        )
    for package, ways in LAZY_PACKAGES.items():
        names.append(package)
        if "submodules" in ways:
            names += collect_submodules(package, filter=_not_tests)
    return sorted(set(names))


def collected_files() -> tuple[list, list, list]:
    """(datas, binaries, hiddenimports) of the packages collected as data or whole."""
    from PyInstaller.utils.hooks import collect_all, collect_data_files

    datas: list = []
    binaries: list = []
    hidden: list = []
    for package, ways in LAZY_PACKAGES.items():
        if "all" in ways:
            package_datas, package_binaries, package_hidden = collect_all(package)
            datas += package_datas
            binaries += package_binaries
            hidden += package_hidden
        elif "data" in ways:
            datas += collect_data_files(package)
    return datas, binaries, hidden


def _not_tests(name: str) -> bool:
    """Leave out test suites and packages' own PyInstaller hooks (which import PyInstaller)."""
    return not any(
        part in ("tests", "test", "testing") or part.startswith("__pyinstaller")
        for part in name.split(".")
    )


def windows_icon(root: Path = RESOURCES) -> str | None:
    icon = root / "icons" / "stationapp.ico"
    return str(icon) if icon.exists() else None


def app_version(root: Path = ROOT) -> str:
    """``__version__`` of the stationapp package, read without importing it."""
    source = (root / "stationapp" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if match is None:
        raise LookupError("stationapp/__init__.py has no __version__")
    return match.group(1)


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """ "0.1.0" -> (0, 1, 0, 0); letters after a number ("1rc2") are dropped."""
    numbers = [int(re.match(r"\d*", part).group() or 0) for part in version.split(".")[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def windows_version_info(file_name: str):
    """The version resource of a Windows executable (None elsewhere: only Windows has one)."""
    import sys

    if sys.platform != "win32":
        return None
    from PyInstaller.utils.win32 import versioninfo as vi

    version = app_version()
    numbers = version_numbers(version)
    strings = {
        "CompanyName": "Village Station",
        "FileDescription": PRODUCT_NAME,
        "FileVersion": version,
        "InternalName": file_name,
        "OriginalFilename": file_name + ".exe",
        "ProductName": PRODUCT_NAME,
        "ProductVersion": version,
    }
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            # 0x0804 is Chinese (PRC), 1200 (0x04B0) is Unicode.
            vi.StringFileInfo(
                [vi.StringTable("080404B0", [vi.StringStruct(k, v) for k, v in strings.items()])]
            ),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
