"""Make the app's short WAV cues (the project's own sounds, no samples from elsewhere).

Run once after changing a sound; the WAV files are committed.
    python tools/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
# Silence after each sound. QSoundEffect (Qt 6.11 on PulseAudio) stops a sound's stream
# 12-17 ms before its end and plays that end just before the next sound of any effect:
# 18 ms ahead of every beep came a blip of the previous beep's last note, and each beep
# lost its tail. With this silence, what is cut and played late is silence
# (tests/audio/test_session.py records it).
TAIL_SECONDS = 0.06
OUT = Path(__file__).resolve().parent.parent / "kneecare_desktop" / "ui" / "resources" / "sounds"


def tone(freqs: list[tuple[float, float]], volume: float = 0.5, attack: float = 0.005,
         release: float = 0.04) -> list[float]:
    """Notes one after the other: (frequency Hz, seconds), with a soft attack and release."""
    samples: list[float] = []
    for freq, seconds in freqs:
        n = int(RATE * seconds)
        for i in range(n):
            t = i / RATE
            envelope = min(1.0, t / attack, (seconds - t) / release)
            # A little of the second harmonic makes it sound like a bell, not a beep.
            value = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
            samples.append(volume * envelope * value / 1.25)
    return samples


def write(name: str, samples: list[float]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / name), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        tail = [0.0] * round(RATE * TAIL_SECONDS)
        out.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples + tail))


def main() -> None:
    write("tick.wav", tone([(1200, 0.05)], volume=0.35, release=0.03))
    write("hold_start.wav", tone([(660, 0.09), (880, 0.16)], volume=0.5))
    write("hold_end.wav", tone([(880, 0.09), (660, 0.2)], volume=0.5))
    write("beat.wav", tone([(520, 0.07)], volume=0.35, release=0.05))
    write("session_end.wav", tone([(523.25, 0.14), (659.25, 0.14), (783.99, 0.14),
                                   (1046.5, 0.4)], volume=0.5, release=0.2))


if __name__ == "__main__":
    main()
