"""The county server's import rule (DESIGN §2): ``sync.server`` and ``sync.protocol`` load no Qt,
and of the station's code only the kernel (and the SMS providers the relay sends through), never a
line, the station's store, its schema or its facade.

Checked in a fresh interpreter, so nothing another test imported can hide or add a module: it
builds the app as ``tests/county_server.py`` does, runs its startup and shutdown, has the SMS
relay take a round (its provider built as the worker builds it) and builds the ``county-center``
parser (every command module), then lists ``sys.modules``."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.county_server import TOKEN_SECRET

ROOT = Path(__file__).resolve().parent.parent

KERNEL = frozenset(
    f"stationapp.core.{name}"
    for name in (
        "clock",
        "ids",
        "idcard",
        "errors",
        "i18n",
        "events",
        "event_record",
        "event_store",
        "phone",
        "money",
        "log_masking",
        "meta",
        "secrets",
    )
)
# the relay sends through the stations' provider code, which imports only the kernel: with it
# comes the data folder's file modes (the file provider keeps its log private), a kernel module
# that imports no line
PROVIDERS = "stationapp.sms_providers"
PROVIDERS_KERNEL = frozenset({"stationapp.core.data_folder"})
# the supervisor web's PDFs use the station's CJK font, found where the station finds it (a leaf
# module that imports nothing of the station's)
RESOURCES = "stationapp.resources"
# named so a failure says plainly which rule broke
LINES = ("parcels", "sms", "county", "sync")
FLAT_LINE_PREFIXES = ("parcel", "sms", "county", "sync")
STATION_PARTS = ("station", "schema", "store", "sending", "settings", "operators")

SCRIPT = """
import asyncio, json, sys, tempfile
from pathlib import Path

import sync.protocol
import sync.server.app
from sync.server.app import create_app
from sync.server.cli import _parser
from sync.server.relays.sms_provider import relay_provider
from sync.server.relays.sms_worker import relay_once
from sync.server.settings import Settings
from sync.server.storage import Storage


async def start_and_stop(app):
    async with app.router.lifespan_context(app):
        pass


with tempfile.TemporaryDirectory() as folder:
    settings = Settings(
        data_dir=Path(folder), token_secret=TOKEN_SECRET, database_url="", development=True
    )
    app = create_app(settings)
    asyncio.run(start_and_stop(app))
    # what the relay's worker does each round, here and not in its thread: it may not have
    # started its first round before the app stopped
    storage = Storage.open(settings)
    relay_once(storage, relay_provider(settings, storage))
    storage.close()
_parser()
print(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def loaded() -> list[str]:
    """The modules a fresh interpreter holds once the county app was built, started and
    stopped, and its command line's parser built."""
    code = f"TOKEN_SECRET = {TOKEN_SECRET!r}\n" + textwrap.dedent(SCRIPT)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def station_modules(loaded: list[str]) -> list[str]:
    return [name for name in loaded if name == "stationapp" or name.startswith("stationapp.")]


def is_line(name: str) -> bool:
    """A line's package or module, by today's package names or the older flat ones."""
    if not name.startswith("stationapp.core."):
        return False
    rest = name.removeprefix("stationapp.core.")
    top = rest.split(".")[0]
    return top in LINES or top.startswith(FLAT_LINE_PREFIXES)


def test_the_county_server_loads_no_qt(loaded):
    qt = [name for name in loaded if name.split(".")[0] in {"PySide6", "shiboken6"}]
    assert qt == []


def test_the_county_server_loads_no_business_line_of_the_station(loaded):
    assert [name for name in station_modules(loaded) if is_line(name)] == []


def test_the_county_server_loads_neither_the_station_s_store_nor_its_schema_nor_its_facade(
    loaded,
):
    parts = {f"stationapp.core.{part}" for part in STATION_PARTS}
    assert [name for name in station_modules(loaded) if name in parts] == []


def test_of_the_station_s_code_the_county_server_loads_only_the_kernel_and_the_sms_providers(
    loaded,
):
    allowed = KERNEL | PROVIDERS_KERNEL | {"stationapp", "stationapp.core", PROVIDERS, RESOURCES}
    others = [
        name
        for name in station_modules(loaded)
        if name not in allowed and not name.startswith(PROVIDERS + ".")
    ]
    assert others == []
