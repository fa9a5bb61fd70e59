#!/usr/bin/env python3
"""Generate Rapport's original UI sounds (standard library only).

Every sound is synthesised here from soft sine "bell" and "marimba" tones with
smooth envelopes, then written as 44.1 kHz, 16-bit, mono WAV, peaking well
below full scale so the game stays quiet and pleasant.

Usage:
    python tools/make_sounds.py              # write into assets/sounds/
    python tools/make_sounds.py --out DIR    # write into DIR
"""

from __future__ import annotations

import argparse
import math
import sys
import wave
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATE = 44100
PEAK = 0.3  # about -10.5 dBFS: quiet next to speech or music


def note(name: str) -> float:
    """Frequency of a note such as 'C5' or 'F#4' (A4 = 440 Hz)."""
    names = {
        "C": -9,
        "C#": -8,
        "D": -7,
        "D#": -6,
        "E": -5,
        "F": -4,
        "F#": -3,
        "G": -2,
        "G#": -1,
        "A": 0,
        "A#": 1,
        "B": 2,
    }
    pitch, octave = name[:-1], int(name[-1])
    return 440.0 * 2 ** ((names[pitch] + 12 * (octave - 4)) / 12)


def tone(
    freq: float,
    dur: float,
    decay: float = 6.0,
    attack: float = 0.006,
    partials: tuple[tuple[float, float], ...] = ((1.0, 1.0), (2.0, 0.25), (3.0, 0.08)),
    vibrato: float = 0.0,
) -> list[float]:
    """A soft, bell-like tone: a few sine partials, a short fade-in and an exponential fade-out."""
    n = int(dur * RATE)
    out = [0.0] * n
    release = min(0.03, dur / 4)
    for i in range(n):
        t = i / RATE
        env = math.exp(-decay * t)
        if t < attack:
            env *= 0.5 - 0.5 * math.cos(math.pi * t / attack)
        if t > dur - release:
            env *= 0.5 + 0.5 * math.cos(math.pi * (t - (dur - release)) / release)
        f = freq * (1 + vibrato * math.sin(2 * math.pi * 5 * t))
        v = 0.0
        for mult, amp in partials:
            # higher partials fade faster, which keeps the tone mellow
            v += (
                amp * math.exp(-decay * (mult - 1) * 0.6 * t) * math.sin(2 * math.pi * f * mult * t)
            )
        out[i] = v * env
    return out


MARIMBA = ((1.0, 1.0), (4.0, 0.12), (10.0, 0.02))
SOFT = ((1.0, 1.0), (2.0, 0.12))


def mix(length: float, *parts: tuple[float, list[float], float]) -> list[float]:
    """Mix (start seconds, samples, gain) parts into one buffer of `length` seconds."""
    buf = [0.0] * int(length * RATE)
    for start, samples, gain in parts:
        off = int(start * RATE)
        for i, v in enumerate(samples):
            if off + i < len(buf):
                buf[off + i] += v * gain
    return buf


def click(dur: float = 0.05, freq: float = 1800.0) -> list[float]:
    """A soft wooden tick: a damped sine with a little deterministic noise at the start."""
    n = int(dur * RATE)
    seed = 12345
    out = []
    for i in range(n):
        t = i / RATE
        seed = (1103515245 * seed + 12345) & 0x7FFFFFFF
        noise = (seed / 0x7FFFFFFF - 0.5) * math.exp(-t * 400)
        fade = 0.5 + 0.5 * math.cos(math.pi * i / n)
        if i < 44:  # one millisecond fade-in avoids a hard edge
            fade *= i / 44
        out.append((math.sin(2 * math.pi * freq * t) * math.exp(-t * 90) + 0.3 * noise) * fade)
    return out


def sounds() -> dict[str, list[float]]:
    s = {}
    s["select"] = mix(0.14, (0, tone(note("A5"), 0.14, decay=30, partials=MARIMBA), 1.0))
    s["confirm"] = mix(
        0.32,
        (0.0, tone(note("E5"), 0.16, decay=18, partials=MARIMBA), 0.9),
        (0.08, tone(note("B5"), 0.24, decay=14, partials=MARIMBA), 1.0),
    )
    s["feedback-good"] = mix(
        0.62,
        (0.0, tone(note("C5"), 0.3, decay=10), 0.8),
        (0.09, tone(note("E5"), 0.3, decay=10), 0.8),
        (0.18, tone(note("G5"), 0.44, decay=7), 0.9),
    )
    s["feedback-bad"] = mix(
        0.6,
        (0.0, tone(note("E4"), 0.28, decay=9, partials=SOFT), 0.9),
        (0.16, tone(note("C4"), 0.44, decay=7, partials=SOFT, vibrato=0.004), 1.0),
    )
    s["timer-tick"] = mix(0.06, (0, click(0.06), 1.0))
    s["ending-success"] = mix(
        1.4,
        (0.0, tone(note("C5"), 0.4, decay=6), 0.7),
        (0.12, tone(note("E5"), 0.4, decay=6), 0.7),
        (0.24, tone(note("G5"), 0.4, decay=6), 0.7),
        (0.36, tone(note("C6"), 1.0, decay=3.5), 0.8),
        (0.36, tone(note("E5"), 1.0, decay=3.5), 0.45),
        (0.36, tone(note("G4"), 1.0, decay=3.5), 0.45),
    )
    s["ending-partial"] = mix(
        1.2,
        (0.0, tone(note("G4"), 0.4, decay=6), 0.7),
        (0.14, tone(note("C5"), 0.4, decay=6), 0.7),
        (0.28, tone(note("D5"), 0.9, decay=4), 0.7),
        (0.28, tone(note("G4"), 0.9, decay=4), 0.45),
        (0.28, tone(note("A4"), 0.9, decay=4), 0.3),
    )
    s["ending-failure"] = mix(
        1.4,
        (0.0, tone(note("E4"), 0.45, decay=5, partials=SOFT), 0.8),
        (0.2, tone(note("D4"), 0.45, decay=5, partials=SOFT), 0.8),
        (0.4, tone(note("C4"), 1.0, decay=3.2, partials=SOFT, vibrato=0.003), 0.8),
        (0.4, tone(note("A3"), 1.0, decay=3.2, partials=SOFT), 0.5),
    )
    return s


def to_pcm(samples: list[float]) -> bytes:
    peak = max(1e-9, max(abs(v) for v in samples))
    gain = PEAK / peak
    data = array("h", (round(max(-1.0, min(1.0, v * gain)) * 32767) for v in samples))
    if sys.byteorder != "little":
        data.byteswap()
    return data.tobytes()


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, samples in sounds().items():
        path = out / f"{name}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(to_pcm(samples))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT / "assets" / "sounds",
        help="folder to write the WAV files into",
    )
    args = ap.parse_args(argv)
    for path in write(args.out):
        with wave.open(str(path)) as w:
            print(f"{path.name}: {w.getnframes() / w.getframerate():.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
