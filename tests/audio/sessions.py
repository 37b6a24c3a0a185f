"""The sessions the audio tests run through the real window, shared by the test (which
knows what the plan's cues are) and the child process that drives the app
(session_case.py).

A whole program takes 5:14 (benchmarks/audio_alignment.py runs it); these take 14 s
and 29 s, with the app's own adjustments (the care menu's Hold, Sets and Legs, and
Settings' get-ready time), and still sound every kind of moment a hold has: the opening
prompt, the last three seconds' ticks, the hold's start with its prompt, its end with
the session's, and the closing "well done".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.model import Lang, SideChoice
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.timeline import Plan
from kneecare_desktop.session.events import CueKind
from kneecare_desktop.sound.cue_times import TimedCue, plan_cues
from tests.audio.analysis import Audio
from tests.audio.plumbing import SoundServer, SpeechService, exit_described

CASE_VARIABLE = "KNEECARE_AUDIO_CASE"  # the child's instructions, as JSON
REPORT_VARIABLE = "KNEECARE_AUDIO_REPORT"  # where the child writes what it saw
SIGNAL_VARIABLE = "KNEECARE_AUDIO_SIGNALS"  # a folder: files the parent and child leave
WATCHDOG_VARIABLE = "KNEECARE_AUDIO_WATCHDOG"  # session_case.py's: a hung child's stacks


def stacks_file(report: Path) -> Path:
    """Where a hung child's watchdog writes every thread's stack: not its stderr, which
    pytest's capture holds in a file of its own that the watchdog's exit throws away."""
    return report.with_name(report.stem + ".stacks.txt")
CASE = Path(__file__).resolve().with_name("session_case.py")
VOLUME = 100  # the app's volume (Settings, 0-100): the loudest, where clipping would show


@dataclass(frozen=True)
class Compressed:
    """One session, as a person sets it up: ``item`` chosen in the care menu (by its
    title), its Hold, Sets and Legs adjusted there, the get-ready time set in Settings."""

    lang: Lang
    routine: str
    title: str
    hold: int
    sets: int
    legs: SideChoice
    lead_in: int

    def overrides(self) -> dict[str, Overrides]:
        return {self.routine: Overrides(hold_seconds=self.hold, sets=self.sets,
                                        sides=self.legs, lead_in_seconds=self.lead_in)}

    def plan(self) -> Plan:
        library = load_library(shipped_routines_dir())
        return compile_plan(library.routines[self.routine], self.overrides(), library.routines)

    def cues(self) -> list[TimedCue]:
        return plan_cues(self.plan())

    def beeps(self) -> list[TimedCue]:
        return [cue for cue in self.cues() if cue.kind is not CueKind.VOICE]

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "lang": self.lang.value, "legs": self.legs.value})

    @classmethod
    def from_json(cls, text: str) -> Compressed:
        data = json.loads(text)
        return cls(**{**data, "lang": Lang(data["lang"]), "legs": SideChoice(data["legs"])})


SESSIONS: dict[Lang, Compressed] = {
    # English: a 7 s hold on the left leg. "Left leg. Hold for 7 seconds" has no
    # recording: the system's voice (speech-dispatcher, espeak-ng) says it, in 2.5 s after
    # the beep, ending 1.2 s before the first tick (with a 6 s hold, 0.2 s before it: the
    # app does not check the system voice's time); the other prompts are the shipped
    # recordings. The 3.7 s opening prompt needs a 7 s get-ready (it ends 0.2 s before
    # the first tick).
    Lang.EN: Compressed(Lang.EN, "calf-wall", "Calf and Achilles stretch at a wall", hold=7,
                        sets=1, legs=SideChoice.LEFT, lead_in=7),
    # Japanese: only the shipped recordings speak it (espeak-ng's Japanese does not count),
    # and they say "20秒キープ": one 20 s hold, on the left leg. The 4.9 s opening prompt
    # needs a 9 s get-ready.
    Lang.JA: Compressed(Lang.JA, "calf-wall", "ふくらはぎのアキレス腱ストレッチ", hold=20,
                        sets=1, legs=SideChoice.LEFT, lead_in=9),
}


@dataclass
class Recorded:
    """A session run by the child and recorded: the recording, its WAV, and what the
    child reported (the key press's time.monotonic(), what the app played and said)."""

    audio: Audio
    wav: Path
    report: dict[str, Any]
    start_hint: float  # where in the recording the key was pressed
    handled: list[tuple[str, float, float]]  # (cue kind, due, handled), recording times
    rate: float  # recorded seconds per second of time.monotonic() (Recording.rate)

    @property
    def volume(self) -> float:
        return VOLUME / 100


def record_session(server: SoundServer, speech: SpeechService, folder: Path,
                   given: dict[str, Any], seconds: float) -> Recorded:
    """Run ``given`` (a Compressed as a dict, or a shipped item) through the app's window
    in a child process, recording the sink's monitor from before the app starts to
    after it has quit."""
    report = folder / "report.json"
    recording = server.record(folder / "session.wav")
    limit = round(seconds) + 90  # the app's start, the speech engine's, the end
    result = server.run_pytest(
        f"{CASE}::test_a_session_through_the_window", f"--timeout={limit}",
        timeout=limit + 30,
        env={**speech.variables, CASE_VARIABLE: json.dumps(given),
             REPORT_VARIABLE: str(report), WATCHDOG_VARIABLE: str(limit + 10)})
    audio = recording.audio()
    stacks = stacks_file(report)
    assert result.returncode == 0, exit_described(
        result.returncode, result.stdout + result.stderr) + (
        "" if report.exists() else "\n(it wrote no report)") + (
        f"\nits watchdog fired; every thread's stack:\n{stacks.read_text(errors='replace')}"
        if stacks.exists() and stacks.stat().st_size else "")
    data = json.loads(report.read_text(encoding="utf-8"))
    handled = [(kind, recording.time_of(due, clock="boottime"), recording.time_of(at))
               for name, kind, due, at in data.get("events", []) if name == "CueDue"]
    return Recorded(audio, recording.path, data, recording.time_of(data["pressed"]), handled,
                    recording.rate)
