"""Pre-rendered voice prompts: what the app says, where the recordings are, and whether
each one fits the time it has.

The prompts are WAV files made offline by ``tools/render_prompts.py`` from the very
:class:`~kneecare_desktop.model.Text` values the session engine speaks, one per language
and text, listed in ``manifest.json`` beside them. The app looks a text up with
:meth:`PromptBook.find` (exact match) and plays the file; a text with no prompt falls back
to the system voice. Nothing here plays sound: this is the Qt-free part.

A prompt must fit: it starts when the beep sounding at the same moment has ended, and it
must end, with a margin, before the next cue of any kind (:func:`prompt_problems`).
"""

from __future__ import annotations

import json
import logging
import math
import wave
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.model import Lang, Side
from kneecare_desktop.paths import resources_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.timeline import Plan, SegmentKind
from kneecare_desktop.session.events import CueKind
from kneecare_desktop.sound.cue_times import TimedCue, plan_cues
from kneecare_desktop.text import phrases as P

if TYPE_CHECKING:  # the loader (and YAML) stay unloaded until a library is read
    from kneecare_desktop.library.records import Library

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
# Every rep count a set may be adjusted to and still be spoken from a prompt (the article
# says 10〜15回; the shipped default is 12).
SPOKEN_REP_COUNTS = range(1, 31)
# The silence a prompt keeps before the next cue, in seconds.
MARGIN_SECONDS = 0.2
# The beeps, by the cue they sound for (``resources/sounds``).
BEEP_FILES: Mapping[CueKind, str] = {
    CueKind.TICK: "tick.wav",
    CueKind.HOLD_START: "hold_start.wav",
    CueKind.HOLD_END: "hold_end.wav",
    CueKind.BEAT: "beat.wav",
    CueKind.SESSION_END: "session_end.wav",
}
_EPSILON = 1e-9


def shipped_prompts_dir() -> Path:
    """Where the shipped prompts and their manifest are (read-only, inside the package)."""
    return resources_dir() / "prompts"


def prompt_file(lang: Lang, text: str) -> str:
    """The prompt's file, relative to the prompts folder: ``ja/<hash>.wav``.

    Named by a short hash of the language and the text, so a file keeps its name for as
    long as its text is the same, whatever else changes. (Only the tools that make the
    prompts name files; the app finds them in the manifest, so it never loads hashlib,
    whose OpenSSL would add 3 MB to its memory.)"""
    import hashlib

    digest = hashlib.sha256(f"{lang.value}\n{text}".encode()).hexdigest()
    return f"{lang.value}/{digest[:12]}.wav"


# --- what the app says ----------------------------------------------------------------------
def shipped_plans(library: Library) -> list[Plan]:
    """Every plan whose spoken texts get prompts: each routine and program with its
    default dose, and each per-side routine starting on the other leg too (its
    "get ready" names that leg)."""
    plans: list[Plan] = []
    for routine_id in sorted(library.routines):
        routine = library.routines[routine_id]
        plans.append(compile_plan(routine))
        first = routine.dose.first_side
        if routine.dose.per_side and first is not Side.NONE:
            plans.append(compile_plan(routine, {routine_id: Overrides(first_side=first.other)}))
    for program_id in sorted(library.programs):
        plans.append(compile_plan(library.programs[program_id], routines=library.routines))
    return plans


def plan_texts(plan: Plan, lang: Lang) -> list[str]:
    """What the session speaks for ``plan`` in ``lang``, in order, without repeats."""
    texts = [cue.text.get(lang) for cue in plan_cues(plan)
             if cue.kind is CueKind.VOICE and cue.text is not None]
    texts.append(P.DONE.get(lang))
    return list(dict.fromkeys(t for t in texts if t))


def spoken_texts(library: Library) -> dict[Lang, list[str]]:
    """Every text the app speaks for ``library``'s routines and programs, in each language,
    exactly as the session engine emits it: the segments' cues, the end, and the rep
    counts up to the highest a set is likely to be adjusted to. In a stable order."""
    out: dict[Lang, list[str]] = {}
    for lang in Lang:
        texts: list[str] = []
        for plan in shipped_plans(library):
            texts += plan_texts(plan, lang)
        texts += [P.REP_COUNT_CUE.format(rep=n).get(lang) for n in SPOKEN_REP_COUNTS]
        out[lang] = list(dict.fromkeys(texts))
    return out


# --- the manifest -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Prompt:
    """One recording: ``text`` spoken in ``lang``, ``seconds`` long, peaking at
    ``peak_dbfs`` (0 is full scale)."""

    lang: Lang
    text: str
    path: Path
    seconds: float
    peak_dbfs: float


class PromptBook:
    """The prompts of one folder, found by their exact text."""

    def __init__(self, prompts: Iterable[Prompt] = (),
                 voices: Mapping[str, Any] | None = None) -> None:
        self._prompts: dict[tuple[Lang, str], Prompt] = {}
        for prompt in prompts:
            self._prompts.setdefault((prompt.lang, prompt.text), prompt)
        self.voices: Mapping[str, Any] = voices or {}

    def __len__(self) -> int:
        return len(self._prompts)

    def __iter__(self) -> Iterator[Prompt]:
        return iter(self._prompts.values())

    def find(self, lang: Lang, text: str) -> Prompt | None:
        """The prompt that says exactly ``text`` in ``lang``, if there is one."""
        return self._prompts.get((lang, text))

    def path(self, lang: Lang, text: str) -> Path | None:
        """The file that says exactly ``text`` in ``lang``, if there is one (the player's
        ``PromptLookup``)."""
        prompt = self.find(lang, text)
        return None if prompt is None else prompt.path

    @classmethod
    def load(cls, folder: Path) -> PromptBook:
        """The prompts listed in ``folder/manifest.json`` whose files are there.

        A missing or damaged manifest gives an empty book; a damaged entry or a missing
        file leaves that prompt out. Each is logged as a warning, never raised."""
        manifest = folder / MANIFEST_NAME
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            log.warning("no voice prompts: %s is missing", manifest)
            return cls()
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
            log.warning("no voice prompts: %s cannot be read (%s)", manifest, error)
            return cls()
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            log.warning("no voice prompts: %s is not a format %d prompt manifest",
                        manifest, MANIFEST_FORMAT)
            return cls()
        entries = data.get("prompts")
        if not isinstance(entries, dict):
            log.warning("no voice prompts: %s lists no prompts", manifest)
            return cls()
        prompts: list[Prompt] = []
        for lang_name, items in entries.items():
            lang = _lang(lang_name)
            if lang is None or not isinstance(items, list):
                log.warning("%s: %r is not a language with a list of prompts; left out",
                            manifest, lang_name)
                continue
            for position, item in enumerate(items):
                prompt = _prompt(folder, lang, item)
                if prompt is None:
                    log.warning("%s: prompt %d in %s is damaged; left out",
                                manifest, position + 1, lang.value)
                elif not prompt.path.is_file():
                    log.warning("%s: the prompt file %s is missing; left out",
                                manifest, prompt.path)
                else:
                    prompts.append(prompt)
        voices = data.get("voices")
        return cls(prompts, voices if isinstance(voices, dict) else None)


def _lang(name: object) -> Lang | None:
    if not isinstance(name, str):
        return None
    try:
        return Lang(name)
    except ValueError:
        return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _prompt(folder: Path, lang: Lang, item: object) -> Prompt | None:
    if not isinstance(item, dict):
        return None
    text, file = item.get("text"), item.get("file")
    seconds, peak = _number(item.get("seconds")), _number(item.get("peak_dbfs"))
    if not isinstance(text, str) or not text or not isinstance(file, str):
        return None
    if seconds is None or seconds < 0 or peak is None:
        return None
    relative = PurePosixPath(file)
    # Only "<lang>/<name>.wav": never a path out of the folder.
    if (len(relative.parts) != 2 or relative.parts[0] != lang.value
            or relative.suffix != ".wav" or relative.name.startswith(".")
            or "\\" in file):
        return None
    return Prompt(lang, text, folder.joinpath(*relative.parts), seconds, peak)


# --- fitting the time --------------------------------------------------------------------------
def wav_seconds(path: Path) -> float:
    """The length of a WAV file in seconds."""
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def beep_seconds(folder: Path | None = None) -> dict[CueKind, float]:
    """The length of each beep, read from the shipped WAV files (or ``folder``'s). A file
    missing or unreadable (a damaged install) counts as silent, said in the log: the
    session runs on the screen rather than not at all."""
    folder = folder or resources_dir() / "sounds"
    lengths: dict[CueKind, float] = {}
    for kind, name in BEEP_FILES.items():
        try:
            lengths[kind] = wav_seconds(folder / name)
        except (OSError, EOFError, wave.Error) as error:
            log.warning("the beep %s cannot be read (%s): it will not sound", folder / name,
                        error)
            lengths[kind] = 0.0
    return lengths


@dataclass(frozen=True, slots=True)
class PromptFit:
    """One spoken text of a plan and the time it has.

    The voice starts ``delay`` seconds after ``at`` (when the beep sounding then has
    ended) and must end ``MARGIN_SECONDS`` before ``next_at``. ``seconds`` is None when
    there is no prompt; ``next_at`` is None when nothing follows or the user ends the step.
    """

    lang: Lang
    text: str
    at: float
    segment_kind: SegmentKind | None  # None for the closing "well done"
    delay: float
    seconds: float | None
    next_at: float | None
    next_kind: CueKind | None

    @property
    def has(self) -> float | None:
        """Seconds from the cue to the next one."""
        return None if self.next_at is None else self.next_at - self.at

    @property
    def needs(self) -> float | None:
        """Seconds the beep, the prompt and the margin take together."""
        return None if self.seconds is None else self.delay + self.seconds + MARGIN_SECONDS

    @property
    def voice_room(self) -> float | None:
        """The longest prompt that would fit here."""
        has = self.has
        return None if has is None else has - self.delay - MARGIN_SECONDS

    @property
    def fits(self) -> bool:
        has, needs = self.has, self.needs
        return needs is not None and (has is None or needs <= has + _EPSILON)

    def problem(self) -> str | None:
        """What is wrong, in words, or None."""
        where = f"at {self.at:.1f} s ({self.segment_kind or 'the end'})"
        if self.seconds is None:
            return f"{self.lang.value}: no prompt for {self.text!r} {where}"
        if self.fits:
            return None
        return (f"{self.lang.value}: {self.text!r} {where} needs {self.needs:.2f} s "
                f"(beep {self.delay:.2f} s + voice {self.seconds:.2f} s + margin "
                f"{MARGIN_SECONDS:.2f} s) but has {self.has:.2f} s before the "
                f"{self.next_kind} at {self.next_at:.1f} s")


def prompt_fits(plan: Plan, book: PromptBook, lang: Lang,
                beep_seconds: Mapping[CueKind, float]) -> list[PromptFit]:
    """Each text the session speaks for ``plan`` in ``lang``, with the time it has.

    The closing "well done" comes last: it is said when the session finishes, after the
    end beep, and nothing follows it."""
    cues = plan_cues(plan)
    fits: list[PromptFit] = []
    for index, cue in enumerate(cues):
        if cue.kind is not CueKind.VOICE or cue.text is None or not cue.text.get(lang):
            continue
        text = cue.text.get(lang)
        following = _next_cue(cues, index) if cue.segment.timed else None
        fits.append(PromptFit(
            lang, text, cue.at, cue.segment.kind, _delay(cues, cue.at, beep_seconds),
            _seconds(book, lang, text),
            None if following is None else following.at,
            None if following is None else following.kind))
    if cues:
        end = cues[-1].at
        done = P.DONE.get(lang)
        fits.append(PromptFit(lang, done, end, None, _delay(cues, end, beep_seconds),
                              _seconds(book, lang, done), None, None))
    return fits


def prompt_problems(plan: Plan, book: PromptBook, lang: Lang,
                    beep_seconds: Mapping[CueKind, float]) -> list[str]:
    """Every spoken text of ``plan`` in ``lang`` that has no prompt or whose prompt does
    not fit before the next cue, in words that name the text, the time it needs and the
    time it has. Empty when all is well."""
    return [problem for fit in prompt_fits(plan, book, lang, beep_seconds)
            if (problem := fit.problem()) is not None]


def _seconds(book: PromptBook, lang: Lang, text: str) -> float | None:
    prompt = book.find(lang, text)
    return None if prompt is None else prompt.seconds


def _delay(cues: Sequence[TimedCue], at: float,
           beep_seconds: Mapping[CueKind, float]) -> float:
    """How long the beeps that sound at ``at`` last (the longest, as they play at once)."""
    return max((beep_seconds.get(c.kind, 0.0) for c in cues
                if abs(c.at - at) <= _EPSILON and c.kind is not CueKind.VOICE), default=0.0)


def _next_cue(cues: Sequence[TimedCue], index: int) -> TimedCue | None:
    at = cues[index].at
    return next((c for c in cues[index + 1:] if c.at > at + _EPSILON), None)
