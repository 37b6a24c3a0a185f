"""The whole shipped program (knee-care, 5:14) heard: run through the app's real window on
the real clock, once in English and once in Japanese, and recorded from a private
PulseAudio null sink (the harness of tests/audio, whose conftest.py explains it).

For each language: how many of the plan's beeps were found (as their own waveforms) and
how far from the plan (median and worst, after the constant offset), the app's timers'
share of that and the output's, how many of the spoken texts were heard, the peak levels
of the beeps and the voice (dBFS), clipped samples, and overlaps (a beep with something
else sounding just before it or under it; a voice starting before its beep has ended).
The last line is JSON.

    python benchmarks/audio_alignment.py              # both languages, ~11 min
    python benchmarks/audio_alignment.py --lang ja --keep /tmp/recordings
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import OtherLoad  # noqa: E402

from kneecare_desktop.library.files import load_library  # noqa: E402
from kneecare_desktop.model import Lang  # noqa: E402
from kneecare_desktop.paths import shipped_routines_dir  # noqa: E402
from kneecare_desktop.plan.compiler import compile_plan  # noqa: E402
from kneecare_desktop.sound.cue_times import plan_cues  # noqa: E402
from tests.audio.plumbing import private_audio  # noqa: E402
from tests.audio.session_audio import SessionHeard, beep_name, listen  # noqa: E402
from tests.audio.sessions import record_session  # noqa: E402
from tests.journeys.words import w  # noqa: E402

PROGRAM = "knee-care"


def by_kind(heard: SessionHeard) -> dict[str, dict[str, Any]]:
    """Per beep kind: how many, found, and the worst error (ms)."""
    kinds: dict[str, dict[str, Any]] = {}
    for beep in heard.beeps:
        entry = kinds.setdefault(beep_name(beep.kind), {"count": 0, "found": 0, "errors": []})
        entry["count"] += 1
        if beep.found:
            entry["found"] += 1
            entry["errors"].append(abs(beep.error) * 1000)
    return {name: {"count": e["count"], "found": e["found"],
                   "median_ms": round(statistics.median(e["errors"]), 2) if e["errors"] else None,
                   "worst_ms": round(max(e["errors"]), 2) if e["errors"] else None}
            for name, e in kinds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="+", choices=[lang.value for lang in Lang],
                        default=[Lang.EN.value, Lang.JA.value])
    parser.add_argument("--keep", type=Path, help="copy the recordings (WAV) and the "
                                                   "app's reports into this folder")
    args = parser.parse_args()
    library = load_library(shipped_routines_dir())
    plan = compile_plan(library.programs[PROGRAM], {}, library.routines)
    cues = plan_cues(plan)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kc-audio-") as folder, \
            private_audio(Path(folder)) as (server, speech):
        assert speech is not None
        for code in args.lang:
            lang = Lang(code)
            work = Path(folder) / code
            work.mkdir()
            load = OtherLoad()
            began = time.monotonic()
            print(f"{code}: {plan.id}, {plan.total_seconds:.0f} s, {len(cues)} cues ...",
                  flush=True)
            run = record_session(server, speech, work, {
                "program": PROGRAM, "lang": code, "title": w("program", lang),
                "seconds": plan.total_seconds}, plan.total_seconds)
            heard = listen(run.audio, cues, lang, run.start_hint, volume=run.volume,
                           system_voice=[Lang(x) for x in run.report["speaks"]],
                           screen_only=run.report["too_long"], handled=run.handled,
                           rate=run.rate)
            other = load.cores()
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"program-{code}.wav").write_bytes(run.wav.read_bytes())
                (args.keep / f"program-{code}.json").write_text(json.dumps(
                    {**run.report, "start_hint": run.start_hint, "rate": run.rate,
                     "handled": run.handled}, ensure_ascii=False), encoding="utf-8")
            figures = heard.figures()
            last = max(heard.beeps, key=lambda b: b.at)
            figures.update({
                "cues": len(cues), "seconds": round(plan.total_seconds, 1),
                "end_at_s": round((last.start - heard.offset) / heard.rate, 3),
                "by_kind": by_kind(heard), "problems": heard.problems(),
                "extra_onsets": len(heard.extras),
                "played": len(run.report["played"]), "attempted": len(run.report["attempted"]),
                "spoken": len(run.report["spoken"]),
                "other_load_cores": round(other, 2),
                "wall_s": round(time.monotonic() - began, 1)})
            results[code] = figures
            print(heard.summary())
            for name, entry in figures["by_kind"].items():
                print(f"  {name:12} {entry['found']}/{entry['count']} found, error median "
                      f"{entry['median_ms']} ms, worst {entry['worst_ms']} ms")
            print(f"  the end at {figures['end_at_s']} s of {figures['seconds']} s; the app "
                  f"played {figures['played']} of {figures['attempted']} beeps it sent and "
                  f"voiced {figures['spoken']} texts; other load {other:.2f} cores")
            for problem in figures["problems"]:
                print(f"  PROBLEM: {problem}")
    print(json.dumps({"benchmark": "audio_alignment", "program": PROGRAM, **results},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
