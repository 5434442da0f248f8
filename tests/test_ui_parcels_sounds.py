"""The parcel desk's two sounds: short, different, regenerable, and never in the way."""

from __future__ import annotations

import importlib.util
import wave
from pathlib import Path

import pytest

from stationapp.ui.kit import sounds

ROOT = Path(__file__).resolve().parents[1]


def load_script():
    spec = importlib.util.spec_from_file_location(
        "make_sounds", ROOT / "scripts" / "make_sounds.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", sounds.SOUNDS)
def test_each_sound_is_a_short_mono_wave_file(kind):
    with wave.open(str(sounds.sound_file(kind))) as tone:
        seconds = tone.getnframes() / tone.getframerate()
        assert (tone.getnchannels(), tone.getsampwidth()) == (1, 2)
    assert 0.1 < seconds < 0.5  # heard at once, over before the next scan


def test_success_and_refusal_sound_different():
    success, refusal = (sounds.sound_file(kind).read_bytes() for kind in sounds.SOUNDS)
    assert success != refusal


def test_the_script_makes_the_committed_sounds_again(tmp_path):
    script = load_script()
    for kind, notes, harsh in (
        ("success", script.SUCCESS, False),
        ("refusal", script.REFUSAL, True),
    ):
        made = tmp_path / f"{kind}.wav"
        script.write(made, notes, harsh=harsh)
        assert made.read_bytes() == sounds.sound_file(kind).read_bytes()


def test_a_player_that_fails_does_not_stop_the_work(monkeypatch, caplog):
    def broken(_path):
        raise OSError("no sound card")

    monkeypatch.setattr(sounds, "_player", lambda: broken)
    sounds.play_refusal()
    assert "could not play" in caplog.text


def test_an_unknown_sound_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown sound"):
        sounds.play("applause")
