"""What a plan says in words: doses, the next step, what comes up next."""

from __future__ import annotations

from collections.abc import Mapping

from kneecare_desktop.library.overrides import Overrides, effective_dose, effective_exercise
from kneecare_desktop.model import (
    Hold,
    Reps,
    Routine,
    Side,
    SideChoice,
    Text,
)
from kneecare_desktop.plan.timeline import Plan, Segment, SegmentKind
from kneecare_desktop.text import phrases as P


def dose_summary(routine: Routine, overrides: Overrides | None = None) -> Text:
    """A one-line dose such as "20 s hold × 2 on each side" or "12 reps"."""
    ov = overrides or Overrides()
    dose = effective_dose(routine, ov)
    exercise = effective_exercise(routine, ov)
    if isinstance(exercise, Hold):
        if not dose.per_side:
            return P.HOLD_DOSE.format(seconds=exercise.seconds, sets=dose.sets)
        if dose.sides is SideChoice.BOTH:
            return P.HOLD_DOSE_PER_SIDE.format(seconds=exercise.seconds, sets=dose.sets)
        return P.HOLD_DOSE_ONE_SIDE.format(seconds=exercise.seconds, sets=dose.sets,
                                           side=P.SIDE_NAMES[Side(dose.sides.value)])
    if dose.sets == 1:
        return P.REPS_DOSE_ONE_SET.format(reps=exercise.count)
    return P.REPS_DOSE.format(reps=exercise.count, sets=dose.sets)


def article_dose(routine: Routine) -> Text:
    """The dose as the article words it, with what the app adds marked as the app's:
    "20秒×2セット（左右それぞれ行うのはアプリの選択です）", "10〜15回（アプリの既定: 12回）".
    A routine that gives no article wording shows the app's own dose."""
    exercise = routine.exercise
    if isinstance(exercise, Reps):
        base = P.REPS_RANGE.format(low=exercise.minimum, high=exercise.maximum)
        if exercise.minimum == exercise.maximum:
            base = P.REPS_DOSE_ONE_SET.format(reps=exercise.count)
        return P.WITH_APP_NOTE.format(dose=base,
                                      note=P.APP_DEFAULT_REPS.format(reps=exercise.count))
    if routine.article_dose is None:
        return dose_summary(routine)
    words, app_note = routine.article_dose.text, routine.article_dose.app_note
    if app_note is None:
        return words
    return P.WITH_APP_NOTE.format(dose=words, note=app_note)


def adjusted_dose(routine: Routine, overrides: Overrides) -> Text | None:
    """This person's dose where it differs from the routine file's (None if it does not)."""
    if dose_summary(routine, overrides) == dose_summary(routine):
        return None
    return P.ADJUSTED_DOSE.format(dose=dose_summary(routine, overrides))


def next_step(plan: Plan, index: int, titles: Mapping[str, Text]) -> Text:
    """What comes after segment ``index``, as the player's "next" line.

    Within a set of reps the next step is what follows the whole set, not the next phase.
    """
    segment = plan.segments[index]
    after = index + 1
    if segment.block is not None:
        after = plan.blocks[segment.block].last_segment + 1
    if after >= len(plan.segments):
        # On rep 1 of 12, "this is the last one" would be wrong: it is the last set.
        if segment.kind in (SegmentKind.REP_PHASE, SegmentKind.SELF_PACED_REP):
            return P.NEXT_FINISH_AFTER_SET
        return P.NEXT_FINISH
    following = plan.segments[after]
    seconds = plain_seconds(following.duration)
    title = titles.get(following.routine_id, Text.same(following.routine_id))
    match following.kind:
        case SegmentKind.HOLD if following.side is Side.NONE:
            return P.NEXT_HOLD_NO_SIDE.format(seconds=seconds)
        case SegmentKind.HOLD:
            return P.NEXT_HOLD.format(side=P.SIDE_NAMES[following.side], seconds=seconds)
        case SegmentKind.REP_PHASE | SegmentKind.SELF_PACED_REP:
            return P.NEXT_REPS.format(title=title, reps=following.reps)
        case SegmentKind.REST:
            return P.NEXT_REST.format(seconds=seconds)
        case SegmentKind.SWITCH_SIDE:
            return P.NEXT_SWITCH
        case SegmentKind.CHANGE_POSITION:
            return P.NEXT_CHANGE.format(title=title)
        case _:
            return P.NEXT_GET_READY.format(title=title)


def next_work(plan: Plan, index: int) -> Segment | None:
    """The hold or rep that segment ``index`` leads to: the segment itself if it is work,
    else the first work after it (None after the last)."""
    return next((s for s in plan.segments[index:] if s.kind.is_work), None)


def up_next(plan: Plan, index: int, titles: Mapping[str, Text]) -> Text | None:
    """During a pause, what the next exercise is, in full: "Up next: Hamstrings" and
    "left leg · set 2 of 2 · 20 s hold". None during work, and after the last exercise."""
    if plan.segments[index].kind.is_work:
        return None
    work = next_work(plan, index)
    if work is None:
        return None
    parts: list[Text] = []
    if work.side is not Side.NONE:
        parts.append(P.SIDE_NAMES[work.side])
    if work.sets > 1:
        parts.append(P.SET_OF.format(set=work.set, sets=work.sets))
    if work.kind is SegmentKind.HOLD:
        parts.append(P.HOLD_SECONDS.format(seconds=plain_seconds(work.duration)))
    else:
        parts.append(P.REPS_DOSE_ONE_SET.format(reps=work.reps))
    detail = parts[0]
    for part in parts[1:]:
        detail = detail + P.UP_NEXT_SEPARATOR + part
    title = titles.get(work.routine_id, Text.same(work.routine_id))
    return P.UP_NEXT.format(title=title, detail=detail)


def plain_seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
