"""Every cue of a plan with its nominal time, read from the plan's segments alone.

The session engine (:mod:`kneecare_desktop.session.engine`) emits these cues while it runs; this
lists the same cues up front, in the same order and at the same times (seconds from the
session's start, with no pauses or extensions), so that what is said can be checked
against the time it has before anything else sounds. A test runs the real engine on a
fake clock and compares.

Times after a self-paced rep are nominal: that rep ends when the user says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from kneecare_desktop.model import Text
from kneecare_desktop.plan.timeline import Plan, Segment, SegmentKind
from kneecare_desktop.session.events import TICK_SECONDS, CueKind

# A segment shorter than this gets no ticks (as in ``Session._emit_ticks``).
TICKS_FROM_SECONDS = 4.0


@dataclass(frozen=True, slots=True)
class TimedCue:
    """A cue at ``at`` seconds from the start; ``segment`` is the one it starts, ends or
    counts down (the last segment for the session's end)."""

    at: float
    kind: CueKind
    text: Text | None
    segment: Segment


def plan_cues(plan: Plan) -> list[TimedCue]:
    """The plan's cues in the order the session emits them: at a boundary, the end of a
    hold first, then the next segment's voice and its beep."""
    cues: list[TimedCue] = []
    for segment in plan.segments:
        if segment.cue.en:
            cues.append(TimedCue(segment.start, CueKind.VOICE, segment.cue, segment))
        if segment.kind is SegmentKind.HOLD:
            cues.append(TimedCue(segment.start, CueKind.HOLD_START, None, segment))
        elif segment.kind is SegmentKind.REP_PHASE:
            cues.append(TimedCue(segment.start, CueKind.BEAT, None, segment))
        if (segment.timed and segment.kind is not SegmentKind.REP_PHASE
                and segment.duration >= TICKS_FROM_SECONDS):
            cues += [TimedCue(segment.end - left, CueKind.TICK, None, segment)
                     for left in TICK_SECONDS]
        if segment.kind is SegmentKind.HOLD:
            cues.append(TimedCue(segment.end, CueKind.HOLD_END, None, segment))
    if plan.segments:
        last = plan.segments[-1]
        cues.append(TimedCue(last.end, CueKind.SESSION_END, None, last))
    return cues
