"""The GUI in Chinese for a test: a translation built from the parts' incoming lines as the lead's
merge builds it, or the committed one, installed for the test and English again after it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"
COMMITTED_TS = I18N / "stationapp_zh_CN.ts"
INCOMING = I18N / "incoming"


def build_chinese_qm(
    folder: Path, tsv_files: Iterable[Path], *, on_committed: bool = False
) -> Path:
    """A .qm in ``folder`` from the lines of ``tsv_files`` (context, English source, Chinese),
    on top of the committed translation when ``on_committed``."""
    contexts: dict[str, dict[str, str]] = {}
    for tsv in tsv_files:
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if line.strip():
                context, source, translation = line.split("\t")
                contexts.setdefault(context, {})[source] = translation
    if on_committed:
        tree = ET.parse(COMMITTED_TS)
    else:
        tree = ET.ElementTree(ET.Element("TS", version="2.1", language="zh_CN"))
    for name, messages in contexts.items():
        context = ET.SubElement(tree.getroot(), "context")
        ET.SubElement(context, "name").text = name
        for source, translation in messages.items():
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = translation
    ts, qm = folder / "stationapp_zh_CN.ts", folder / "stationapp_zh_CN.qm"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    # the tool comes with PySide6, beside this interpreter: a fresh shell's PATH has no venv on it
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


@contextlib.contextmanager
def in_chinese(qm: Path | None = None, *, station_look: bool = False) -> Iterator[None]:
    """The running app in Chinese: ``qm`` (else the committed translation) and Qt's own; with
    ``station_look``, the station's font, sizes and style sheet too."""
    from stationapp.ui.app import QM_OVERRIDE_ENV, create_application, install_translators

    if station_look:
        create_application()
    before = os.environ.get(QM_OVERRIDE_ENV)
    if qm is not None:
        os.environ[QM_OVERRIDE_ENV] = str(qm)
    try:
        assert install_translators("zh_CN")
        yield
    finally:
        install_translators("en")
        if before is None:
            os.environ.pop(QM_OVERRIDE_ENV, None)
        else:
            os.environ[QM_OVERRIDE_ENV] = before
