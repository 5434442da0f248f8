"""Two sounds for the parcel desk: one when a parcel is recorded, another when something is
refused, so an operator scanning a pile of parcels hears a problem without looking up.

The tones are ``resources/sounds/success.wav`` and ``refusal.wav`` (made by
``scripts/make_sounds.py``). They play with ``winsound`` on Windows, with ``paplay`` or ``aplay``
on Linux when present, else as the system beep. Playing never blocks the GUI: winsound plays
asynchronously and the Linux players run as detached processes.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from stationapp.resources import resource_path

log = logging.getLogger(__name__)

SUCCESS = "success"
REFUSAL = "refusal"
SOUNDS = (SUCCESS, REFUSAL)

# Linux players in order of preference, with the arguments that keep them quiet on the console
_LINUX_PLAYERS = (("paplay", ()), ("aplay", ("-q",)))


def sound_file(kind: str) -> Path:
    if kind not in SOUNDS:
        raise ValueError(f"unknown sound {kind!r}; one of {SOUNDS}")
    return resource_path("sounds", f"{kind}.wav")


def play(kind: str) -> None:
    """Play ``kind`` (``"success"`` or ``"refusal"``) and return at once."""
    path = sound_file(kind)
    try:
        _player()(path)
    except Exception:  # a sound is a courtesy: never let it stop the work
        log.warning("could not play %s", path, exc_info=True)


def play_success() -> None:
    play(SUCCESS)


def play_refusal() -> None:
    play(REFUSAL)


@cache
def _player() -> Callable[[Path], None]:
    if sys.platform == "win32":
        return _play_with_winsound
    for program, arguments in _LINUX_PLAYERS:
        found = shutil.which(program)
        if found:
            return _detached(found, arguments)
    return _beep


def _play_with_winsound(path: Path) -> None:
    import winsound  # Windows only

    winsound.PlaySound(
        str(path), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
    )


def _detached(program: str, arguments: tuple[str, ...]) -> Callable[[Path], None]:
    def play_file(path: Path) -> None:
        from PySide6.QtCore import QProcess

        if not QProcess.startDetached(program, [*arguments, str(path)]):
            _beep(path)

    return play_file


def _beep(_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.beep()
