"""Write the two parcel-desk tones into resources/sounds/: success.wav and refusal.wav.

    python scripts/make_sounds.py

Two short tones an operator tells apart without looking at the screen: a bright rising pair of
notes for a parcel recorded, a low double buzz for a refusal. 16-bit mono PCM at 22,050 Hz, made
with the standard library only (``wave``), so anyone can regenerate or change them.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
VOLUME = 0.45
FADE_S = 0.008  # a few milliseconds of fade in and out: no click at the start or end of a note
SOUNDS = Path(__file__).resolve().parents[1] / "resources" / "sounds"

# (frequency in Hz, or 0 for silence; seconds)
SUCCESS = ((988.0, 0.07), (0.0, 0.015), (1319.0, 0.11))  # B5 then E6: "ding-ding"
REFUSAL = ((196.0, 0.14), (0.0, 0.06), (196.0, 0.20))  # G3 twice, with overtones: "buzz buzz"


def note(frequency: float, seconds: float, *, harsh: bool) -> list[float]:
    count = int(RATE * seconds)
    fade = int(RATE * FADE_S)
    samples = []
    for i in range(count):
        if frequency == 0:
            samples.append(0.0)
            continue
        t = i / RATE
        value = math.sin(2 * math.pi * frequency * t)
        if harsh:  # odd overtones make a low tone audible on small speakers, and unmistakable
            value += 0.5 * math.sin(2 * math.pi * 3 * frequency * t)
            value += 0.3 * math.sin(2 * math.pi * 5 * frequency * t)
            value /= 1.8
        envelope = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
        samples.append(value * envelope)
    return samples


def write(path: Path, notes: tuple[tuple[float, float], ...], *, harsh: bool) -> None:
    samples = [s for frequency, seconds in notes for s in note(frequency, seconds, harsh=harsh)]
    frames = b"".join(struct.pack("<h", round(s * VOLUME * 32767)) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main() -> None:
    SOUNDS.mkdir(parents=True, exist_ok=True)
    write(SOUNDS / "success.wav", SUCCESS, harsh=False)
    write(SOUNDS / "refusal.wav", REFUSAL, harsh=True)
    for name in ("success.wav", "refusal.wav"):
        print(SOUNDS / name, (SOUNDS / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
