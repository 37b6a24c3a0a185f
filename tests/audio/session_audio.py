"""What a recorded session sounded like against its plan: each beep found where the plan
puts it, each text heard after its beep, the levels, and any overlap. Used by
test_session.py (the assertions) and benchmarks/audio_alignment.py (the figures).

    heard = listen(audio, plan_cues(plan), start_hint, texts_heard)
    heard.problems()     # [] when every beep is on time, whole and alone, every hold's
                         # prompt is heard, and nothing clips
    heard.figures()      # median and worst error, peaks, overlaps, for a report

How a beep is found: the plan's cue times, shifted by one constant (where the session's
start falls in the recording, plus the output's latency), must meet a sound onset within
±30 ms each (``onset_timing``: the issue's check); then each beep's own waveform (its WAV
times the volume) is found near its time (``Audio.find``: to the sample, even when a
voice runs into it), which gives the errors reported, and ``Audio.overlap_at`` says
whether anything else sounds in the 30 ms before it or under it. Beeps the plan puts at
the same moment (a routine's last hold end and the session's end) sound together by
design: they are found and timed, not held to be alone.

How a text is heard: a shipped recording is found as a waveform (similarity above 0.9:
the whole prompt, not a noise); the system's voice (speech-dispatcher) as speech
(``Audio.is_speech``) starting after its beep has ended.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from kneecare_desktop.model import Lang
from kneecare_desktop.paths import resources_dir
from kneecare_desktop.session.events import CueKind
from kneecare_desktop.sound.cue_times import TimedCue
from kneecare_desktop.sound.prompts import BEEP_FILES, PromptBook, shipped_prompts_dir
from kneecare_desktop.text import phrases as P
from tests.audio.analysis import BEEPS, Alignment, Audio, Samples, align, load

TOLERANCE = 0.030  # issue 14: every beep at the plan's time ±30 ms
PEAK_LIMIT_DBFS = -1.0  # issue 14: nothing clips
VOICE_GAP = 0.03  # ui/cues.py VOICE_GAP_SECONDS: after the beep's file, before the voice
OUTPUT_LATENCY = 0.012  # QSoundEffect.play() to its onset in the monitor (test_harness.py)
PROMPT_SIMILARITY = 0.9  # a prompt found as a waveform: itself, whole
WHOLE = 0.95  # a beep found as a waveform: itself, whole (a clean one gives 0.999+)
GLITCHED = 0.5  # less like itself than WHOLE, but there: a dropout or a skip in it
SOUNDS = resources_dir() / "sounds"


@cache
def beep_file(kind: CueKind) -> Audio:
    return load(SOUNDS / BEEP_FILES[kind])


@cache
def prompt_book() -> PromptBook:
    return PromptBook.load(shipped_prompts_dir())


def beep_name(kind: CueKind) -> str:
    return BEEP_FILES[kind].removesuffix(".wav")


def resampled(audio: Audio, rate: int) -> Samples:
    """``audio`` at ``rate`` (linear interpolation: the prompts are 22.05 kHz, the
    recording 44.1 kHz; good enough to find them by correlation, at 0.998)."""
    if audio.rate == rate:
        return audio.samples
    times = np.arange(round(audio.duration * rate)) / rate
    return np.interp(times, np.arange(len(audio.samples)) / audio.rate, audio.samples)


@dataclass(frozen=True)
class BeepHeard:
    kind: CueKind
    at: float  # the plan's time (s from the session's start)
    due: float  # where the plan puts it in the recording (at + offset)
    start: float  # where its own waveform starts in the recording
    similarity: float  # of the waveform found there, 0..1 (1: exactly the beep)
    together: bool  # another beep is due at the same moment
    overlap: bool  # something else sounds just before it or under it
    peak_dbfs: float
    why: str = ""  # what the overlap is: sound before it, its notes' share, dropouts
    scheduled: float | None = None  # when the app's session clock had it due
    called: float | None = None  # when the app handled it (its play() call)
    dropouts: tuple[tuple[float, float], ...] = ()  # (time, length) of gaps inside it

    @property
    def late(self) -> float | None:
        """How late the app's timer handled it (the app's share of the error)."""
        return None if self.called is None or self.scheduled is None else \
            self.called - self.scheduled

    @property
    def latency(self) -> float | None:
        """From the app's play() to the sound in the recording (the output's share:
        QtMultimedia, PulseAudio, the recorder)."""
        return None if self.called is None else self.start - self.called

    @property
    def error(self) -> float:
        return self.start - self.due

    @property
    def whole(self) -> bool:
        """Its own waveform is there, as in its file."""
        return self.similarity >= (0.7 if self.together else WHOLE)

    @property
    def found(self) -> bool:
        """Whole, or glitched (placed by its onset): a dropout or skipped data in it,
        which the output does when starved of CPU."""
        return self.whole or self.similarity >= GLITCHED


@dataclass(frozen=True)
class TextHeard:
    text: str
    at: float  # the plan's time of its cue
    after_hold_start: bool
    route: str  # "prompt" (a shipped recording), "system" (the speech engine), "screen"
    due: float  # when the voice should start: after the beeps of its moment
    start: float | None  # where it starts in the recording (None: not heard)
    end: float | None
    similarity: float | None  # a prompt's waveform, 0..1
    speech: bool  # heard as speech (a prompt: its waveform; the engine: speech)
    beep_end: float | None  # the audible end of the beep sounding at its moment
    peak_dbfs: float
    glitched: bool = False  # a recording heard with a dropout in it

    @property
    def delay(self) -> float | None:
        """From when it was due (its beep's file over) to its start."""
        return None if self.start is None else self.start - self.due


@dataclass
class SessionHeard:
    lang: Lang
    onset_timing: Alignment  # the plan's beep moments against the sound onsets
    offset: float  # recording time = plan time + offset
    beeps: list[BeepHeard]
    texts: list[TextHeard]
    peak_dbfs: float
    clipped: int
    extras: list[float] = field(default_factory=list)  # onsets no beep or text explains
    rate: float = 1.0  # recorded seconds per second of the app's clock

    @property
    def errors(self) -> list[float]:
        return [b.error for b in self.beeps if b.found]

    @property
    def median_error(self) -> float:
        return statistics.median(abs(e) for e in self.errors) if self.errors else math.inf

    @property
    def worst_error(self) -> float:
        return max((abs(e) for e in self.errors), default=math.inf)

    @property
    def beep_peak_dbfs(self) -> float:
        return max((b.peak_dbfs for b in self.beeps if b.found), default=-math.inf)

    @property
    def voice_peak_dbfs(self) -> float:
        return max((t.peak_dbfs for t in self.texts if t.speech), default=-math.inf)

    def starved(self, beep: BeepHeard) -> bool:
        """A beep that came late, glitched, with the app's play() on time: the output
        starved of CPU (a busy machine), not the app's timing. Reported, not failed."""
        return not beep.whole and beep.late is not None and abs(beep.late) <= 0.01

    @property
    def late_starved(self) -> list[BeepHeard]:
        return [b for b in self.beeps if abs(b.error) > TOLERANCE and self.starved(b)]

    @property
    def overlaps(self) -> list[BeepHeard]:
        """Beeps with something else sounding just before or under them (beeps due at
        the same moment are not counted: they are meant to sound together)."""
        return [b for b in self.beeps if b.overlap and not b.together]

    @property
    def voices_into_beeps(self) -> list[TextHeard]:
        """Texts that started before the beep of their moment had ended."""
        return [t for t in self.texts if t.start is not None and t.beep_end is not None
                and t.start < t.beep_end - 0.001]

    def problems(self) -> list[str]:
        """Everything issue 14 asks of a session's sound that did not hold."""
        found: list[str] = []
        for beep in self.beeps:
            where = f"{beep_name(beep.kind)} at {beep.at:.2f} s"
            if not beep.found:
                found.append(f"{where}: not found (similarity {beep.similarity:.2f})")
            elif abs(beep.error) > TOLERANCE and not self.starved(beep):
                found.append(f"{where}: {beep.error * 1000:+.1f} ms off the plan")
            if beep.late is not None and abs(beep.late) > TOLERANCE:
                found.append(f"{where}: the app's timer {beep.late * 1000:+.1f} ms late")
        for beep in self.overlaps:
            found.append(f"{beep_name(beep.kind)} at {beep.at:.2f} s: something else sounds "
                         f"just before it or under it ({beep.why})")
        for text in self.texts:
            why = text.route + ("" if text.similarity is None
                                else f", the recording's best match {text.similarity:.2f}")
            if text.after_hold_start and not text.speech:
                found.append(f"{text.text!r} at {text.at:.2f} s: no speech after the hold's "
                             f"start ({why})")
            elif text.route != "screen" and not text.speech:
                found.append(f"{text.text!r} at {text.at:.2f} s: not heard ({why})")
        for text in self.voices_into_beeps:
            found.append(f"{text.text!r} at {text.at:.2f} s: starts before its beep ends")
        if self.peak_dbfs > PEAK_LIMIT_DBFS or self.clipped:
            found.append(f"peak {self.peak_dbfs:.2f} dBFS, {self.clipped} clipped samples "
                         f"(the limit: {PEAK_LIMIT_DBFS} dBFS)")
        return found

    def figures(self) -> dict[str, Any]:
        found = [b for b in self.beeps if b.found]
        delays = [t.delay for t in self.texts if t.delay is not None]
        return {
            "lang": self.lang.value,
            "beeps": len(self.beeps), "beeps_found": len(found),
            "texts": len(self.texts),
            "texts_heard": sum(1 for t in self.texts if t.speech),
            "texts_on_screen_only": sum(1 for t in self.texts if t.route == "screen"),
            "onset_matched": len(self.onset_timing.matched),
            "onset_moments": len(self.onset_timing.errors),
            "onset_median_ms": round(self.onset_timing.median * 1000, 2),
            "onset_worst_ms": round(self.onset_timing.worst * 1000, 2),
            "median_error_ms": round(self.median_error * 1000, 2),
            "worst_error_ms": round(self.worst_error * 1000, 2),
            "offset_ms": round(self.offset * 1000, 1),
            "peak_dbfs": round(self.peak_dbfs, 2), "clipped_samples": self.clipped,
            "beep_peak_dbfs": round(self.beep_peak_dbfs, 2),
            "voice_peak_dbfs": round(self.voice_peak_dbfs, 2),
            "voice_delay_median_ms": round(statistics.median(delays) * 1000, 1)
            if delays else None,
            "voice_delay_worst_ms": round(max(delays) * 1000, 1) if delays else None,
            "overlaps": len(self.overlaps),
            "voices_into_beeps": len(self.voices_into_beeps),
            "beeps_together": sum(1 for b in self.beeps if b.together),
            "beeps_glitched": sum(1 for b in self.beeps if b.found and not b.whole),
            "beeps_late_glitched": [f"{beep_name(b.kind)} at {b.at:.2f} s "
                                    f"{b.error * 1000:+.1f} ms" for b in self.late_starved],
            "texts_glitched": sum(1 for t in self.texts if t.glitched),
            "longest_dropout_ms": round(max((length for b in self.beeps
                                             for _, length in b.dropouts), default=0.0)
                                        * 1000, 1),
            "sink_clock_ppm": round((self.rate - 1) * 1e6),
            "beep_alone_peak_dbfs": round(max((b.peak_dbfs for b in found if not b.together),
                                              default=-math.inf), 2),
            **_spread("app_late_ms", [b.late for b in found]),
            **_spread("output_latency_ms", [b.latency for b in found]),
        }

    def summary(self) -> str:
        f = self.figures()
        shares = ""
        if f.get("app_late_ms_median") is not None:
            shares = (f" (the app's timers late by {f['app_late_ms_median']} ms median, "
                      f"{f['app_late_ms_max']} ms at most; play() to sound "
                      f"{f['output_latency_ms_min']}-{f['output_latency_ms_max']} ms)")
        return (f"{f['lang']}: {f['beeps_found']}/{f['beeps']} beeps found, error median "
                f"{f['median_error_ms']} ms, worst {f['worst_error_ms']} ms{shares} (onsets: "
                f"{f['onset_matched']}/{f['onset_moments']} moments, worst "
                f"{f['onset_worst_ms']} ms); {f['texts_heard']}/{f['texts']} texts heard, "
                f"voice {f['voice_delay_median_ms']} ms after its beep's file (median); "
                f"peaks: beeps {f['beep_alone_peak_dbfs']} dBFS"
                + (f" ({f['beep_peak_dbfs']} with two at once)" if f["beeps_together"] else "")
                + f", voice {f['voice_peak_dbfs']} "
                f"dBFS, all {f['peak_dbfs']} dBFS, {f['clipped_samples']} clipped; "
                f"{f['overlaps']} overlaps, {f['voices_into_beeps']} voices into a beep; "
                f"glitches (output starved of CPU): {f['beeps_glitched']} beeps"
                + (f" (late: {', '.join(f['beeps_late_glitched'])})"
                   if f["beeps_late_glitched"] else "")
                + f", {f['texts_glitched']} texts, the longest dropout in a beep "
                f"{f['longest_dropout_ms']} ms; the sink's clock {f['sink_clock_ppm']:+d} ppm")


def _spread(name: str, values: Iterable[float | None]) -> dict[str, float | None]:
    known = [v for v in values if v is not None]
    if not known:
        return {f"{name}_median": None, f"{name}_min": None, f"{name}_max": None}
    return {f"{name}_median": round(statistics.median(known) * 1000, 2),
            f"{name}_min": round(min(known) * 1000, 2),
            f"{name}_max": round(max(known) * 1000, 2)}


def spoken_cues(cues: Sequence[TimedCue], lang: Lang) -> list[tuple[float, str]]:
    """(time, text) of every text the session says, the closing "well done" included."""
    said = [(cue.at, cue.text.get(lang)) for cue in cues
            if cue.kind is CueKind.VOICE and cue.text is not None and cue.text.get(lang)]
    if cues:
        said.append((cues[-1].at, P.DONE.get(lang)))
    return said


def listen(audio: Audio, cues: Sequence[TimedCue], lang: Lang, start_hint: float,
           volume: float = 1.0, system_voice: Iterable[Lang] = (),
           screen_only: Iterable[str] = (),
           handled: Sequence[tuple[str, float, float]] = (),
           rate: float = 1.0) -> SessionHeard:
    """How ``audio`` (a recording of the whole session) matches ``cues`` (the plan's,
    times from the session's start). ``start_hint``: about where the session started in
    the recording (the key press); ``volume``: the app's (0..1); ``system_voice``: the
    languages the speech engine speaks; ``screen_only``: texts the app left to the
    screen (too long for their step); ``handled``: (cue kind, due, handled) of the cues
    as the app handled them, in recording time, to tell the app's share of each error
    from the output's; ``rate``: recorded seconds per second of the app's clock
    (Recording.rate: the sink's clock is not quite the system's)."""
    beep_cues = [cue for cue in cues if cue.kind is not CueKind.VOICE]
    moments = sorted({cue.at for cue in beep_cues})
    onsets = audio.onsets()
    # The constant first, from the onsets (a small search: ticks come every second).
    timing = align([at * rate for at in moments], onsets, tolerance=TOLERANCE,
                   offset_hint=start_hint + OUTPUT_LATENCY, search=0.3)
    offset = timing.offset
    count_at: dict[float, int] = {}
    for cue in beep_cues:
        count_at[cue.at] = count_at.get(cue.at, 0) + 1
    starts = []
    for cue in beep_cues:
        due = cue.at * rate + offset
        template = beep_file(cue.kind).samples * volume
        start, similarity = audio.find(template, due, within=0.05)
        if similarity < WHOLE:
            # Not whole (a glitch, another sound): placed by the onset nearest its time.
            near = [o for o in onsets if abs(o - due) <= 0.05]
            if near:
                start = min(near, key=lambda o: abs(o - due))
        starts.append((cue, start, similarity))
    # Then each beep's error against the constant that fits the beeps best.
    alone = [start - cue.at * rate for cue, start, similarity in starts
             if similarity >= WHOLE and count_at[cue.at] == 1]
    if alone:
        offset = float(np.median(alone))
    by_kind: dict[str, list[tuple[float, float]]] = {}
    for kind, due, at in handled:
        by_kind.setdefault(kind, []).append((due, at))
    beeps = []
    for cue, start, similarity in starts:
        app = by_kind.get(cue.kind.value, [])
        scheduled, called = app.pop(0) if app else (None, None)
        name = beep_name(cue.kind)
        together = count_at[cue.at] > 1
        sound = BEEPS[name].duration
        gaps = tuple(audio.dropouts(start, start + sound))
        # A glitch (a dropout, or data skipped: the output starved of CPU) splatters a
        # beep's notes a little; a voice or another beep under it takes far more.
        whole = similarity >= (0.7 if together else WHOLE)
        overlap = (audio.overlap_at(start, name) if whole
                   else _glitched_overlap(audio, start, name, gaps))
        beeps.append(BeepHeard(
            cue.kind, cue.at, cue.at * rate + offset, start, similarity, together, overlap,
            audio.peak_dbfs(start, start + sound),
            _overlap_why(audio, start, name) if overlap else "", scheduled, called, gaps))
    texts = _texts(audio, cues, lang, offset, rate, volume, frozenset(system_voice),
                   frozenset(screen_only), beeps)
    explained = [b.start for b in beeps] + [t.start for t in texts if t.start is not None]
    extras = [o for o in onsets if not any(abs(o - e) < 0.06 for e in explained)]
    return SessionHeard(lang, timing, offset, beeps, texts, audio.peak_dbfs(),
                        audio.clipped_samples(), extras, rate)


def _texts(audio: Audio, cues: Sequence[TimedCue], lang: Lang, offset: float,
           rate: float, volume: float, system_voice: frozenset[Lang], screen_only: frozenset[str],
           beeps: list[BeepHeard]) -> list[TextHeard]:
    book = prompt_book()
    beep_moments = sorted({b.at for b in beeps})
    hold_starts = {b.at for b in beeps if b.kind is CueKind.HOLD_START}
    heard = []
    for at, text in spoken_cues(cues, lang):
        with_it = [b for b in beeps if abs(b.at - at) < 1e-6]
        wait = max((beep_file(b.kind).duration for b in with_it), default=0.0)
        due = at * rate + offset + (wait + VOICE_GAP if with_it else 0.0)
        beep_end = max((b.start + BEEPS[beep_name(b.kind)].duration for b in with_it),
                       default=None)
        later = [m for m in beep_moments if m > at + 1e-6]
        until = (later[0] * rate + offset - 0.002) if later else audio.duration
        prompt = book.find(lang, text)
        after_hold = at in hold_starts
        if text in screen_only:
            route = "screen"
        elif prompt is not None:
            route = "prompt"
        elif lang in system_voice:
            route = "system"
        else:
            route = "screen"
        start = end = similarity = None
        speech = False
        glitched = False
        if route == "prompt" and prompt is not None:
            template = resampled(load(prompt.path), audio.rate) * volume
            found, similarity = audio.find(template, due, within=0.15)
            if similarity >= PROMPT_SIMILARITY:
                start, end, speech = found, found + prompt.seconds, True
            else:  # glitched (dropouts shift the rest), or not there: piece by piece
                first, share, late = find_in_pieces(audio, template, due)
                if share >= PROMPT_SIMILARITY:
                    start, end, speech, glitched = first, first + prompt.seconds + late, \
                        True, True
        elif route == "system":
            # From the beep's audible end (a voice starting under the beep shows as the
            # beep's overlap) to the next beep's moment.
            after = beep_end if beep_end is not None else at + offset
            spans = [(s, e) for s, e in audio.sounds() if after - 0.005 <= s < until]
            if spans and spans[0][0] < due + 1.0:
                start, end = spans[0][0], min(max(e for _, e in spans), until)
                speech = audio.is_speech(start, end)
        peak = audio.peak_dbfs(start, end) if start is not None else -math.inf
        heard.append(TextHeard(text, at, after_hold, route, due, start, end, similarity,
                               speech, beep_end, peak, glitched))
    return heard


def find_in_pieces(audio: Audio, template: Samples, near: float, piece: float = 0.25,
                   within: float = 0.15) -> tuple[float, float, float]:
    """A long sound (a prompt) found piece by piece: each quarter second of it where the
    last piece put it, give or take 30 ms, so that dropouts (which push the rest later)
    do not hide it. Returns its start, the share of its pieces with sound found there
    (similarity 0.9 or more; silent pieces are not counted), and how much later its end
    came than the file says."""
    size = round(piece * audio.rate)
    start, _ = audio.find(template[:size], near, within=within)
    late, found, counted = 0.0, 0, 0
    for first in range(0, len(template) - size // 2, size):
        chunk = template[first:first + size]
        if float(np.mean(chunk * chunk)) < 1e-5:
            continue
        expected = start + first / audio.rate + late
        at, similarity = audio.find(chunk, expected, within=0.03)
        counted += 1
        if similarity >= PROMPT_SIMILARITY:
            found += 1
            late += at - expected
    return start, (found / counted if counted else 0.0), late


def _glitched_overlap(audio: Audio, start: float, name: str,
                      gaps: Sequence[tuple[float, float]]) -> bool:
    """Whether something else sounds just before a glitched beep, or under it up to its
    first dropout (after which the rest of it comes late: its notes' windows no longer
    fit). A glitch splatters the notes a little; a voice or another beep under it takes
    far more than a fifth of the energy."""
    if audio.sounding(start - 0.03, start - 0.002) > 0.005:
        return True
    until = gaps[0][0] if gaps else math.inf
    return any(audio.tone_fraction(a, b, freq, harmonics=2) < 0.8
               for a, b, freq in Audio._note_windows(start, BEEPS[name])
               if b <= until and audio.sounding(a, b) > 0.5 * (b - a))


def _overlap_why(audio: Audio, start: float, name: str) -> str:
    """What makes a beep overlapped, in words: for a report."""
    beep = BEEPS[name]
    before = audio.sounding(start - 0.03, start - 0.002)
    shares = [audio.tone_fraction(a, b, freq, harmonics=2)
              for a, b, freq in Audio._note_windows(start, beep)]
    gaps = audio.dropouts(start, start + beep.duration)
    return (f"{before * 1000:.0f} ms of sound in the 30 ms before it; its notes hold "
            f"{min(shares):.3f} of the energy at least; dropouts "
            f"{[(round(t - start, 4), round(length * 1000, 1)) for t, length in gaps]}")
