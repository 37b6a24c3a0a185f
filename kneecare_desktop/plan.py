"""The timeline compiler: a routine or a program, plus adjustments, becomes a flat Plan.

A :class:`Plan` is an immutable tuple of :class:`Segment` s whose nominal starts and
durations are known before the session begins (an estimate where reps are self-paced),
so the total time can be shown up front and the session engine only walks a list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from kneecare_desktop import messages as M
from kneecare_desktop import phrases as P
from kneecare_desktop.model import (
    HOLD_SECONDS,
    LEAD_IN_SECONDS,
    REPS,
    REST_SECONDS,
    SETS,
    SWITCH_SECONDS,
    Dose,
    Hold,
    Limit,
    Pacing,
    Program,
    Reps,
    Routine,
    Side,
    SideChoice,
    SideOrder,
    Text,
)

T = TypeVar("T")


class SegmentKind(StrEnum):
    GET_READY = "get_ready"
    CHANGE_POSITION = "change_position"
    HOLD = "hold"
    SWITCH_SIDE = "switch_side"
    REST = "rest"
    REP_PHASE = "rep_phase"
    SELF_PACED_REP = "self_paced_rep"

    @property
    def is_work(self) -> bool:
        """Holds and reps are work; the rest are pauses between them."""
        return self in (SegmentKind.HOLD, SegmentKind.REP_PHASE, SegmentKind.SELF_PACED_REP)


class RepPhase(StrEnum):
    DOWN = "down"
    UP = "up"


class BlockKind(StrEnum):
    HOLD = "hold"
    REPS = "reps"


@dataclass(frozen=True, slots=True)
class Segment:
    """One step of the timeline.

    ``side`` is the leg being stretched; for "get ready" and "switch sides" it is the leg
    about to be stretched, and it is ``NONE`` for rest and change of position.
    ``set`` and ``rep`` are 1-based, 0 where they do not apply. ``block`` indexes
    :attr:`Plan.blocks` for holds and reps, and is None for pauses.
    """

    index: int
    routine_id: str
    kind: SegmentKind
    side: Side
    set: int
    sets: int
    rep: int
    reps: int
    phase: RepPhase | None
    start: float
    duration: float
    block: int | None
    instruction: Text
    cue: Text

    @property
    def end(self) -> float:
        return self.start + self.duration

    @property
    def timed(self) -> bool:
        """False for self-paced reps, which last until the user says the rep is done."""
        return self.kind is not SegmentKind.SELF_PACED_REP


@dataclass(frozen=True, slots=True)
class Block:
    """One hold, or one set of reps: the unit that is skipped, repeated and recorded."""

    index: int
    routine_id: str
    kind: BlockKind
    side: Side
    set: int
    sets: int
    reps: int
    planned_seconds: float
    first_segment: int
    last_segment: int


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    title: Text
    segments: tuple[Segment, ...]
    blocks: tuple[Block, ...]
    total_seconds: float
    estimated: bool
    routine_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overrides:
    """Adjustments to one routine; ``None`` keeps the file's value."""

    hold_seconds: int | None = None
    sets: int | None = None
    reps: int | None = None
    rest_seconds: int | None = None
    switch_seconds: int | None = None
    lead_in_seconds: int | None = None
    order: SideOrder | None = None
    sides: SideChoice | None = None
    first_side: Side | None = None
    pacing: Pacing | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in dataclasses.fields(self))

    def over(self, base: Overrides) -> Overrides:
        """These adjustments on top of ``base``: each value set here wins."""
        return dataclasses.replace(base, **{f.name: getattr(self, f.name)
                                            for f in dataclasses.fields(self)
                                            if getattr(self, f.name) is not None})

    def to_dict(self) -> dict[str, Any]:
        """Only the values set, as plain JSON-friendly data (for settings and history)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value.value if isinstance(value, StrEnum) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Overrides:
        """The inverse of :meth:`to_dict`; unknown or mistyped entries are dropped."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = data.get(f.name)
            if raw is None:
                continue
            enum = _ENUM_FIELDS.get(f.name)
            try:
                values[f.name] = enum(raw) if enum is not None else int(raw)
            except (TypeError, ValueError):
                continue
        return cls(**values)


_ENUM_FIELDS: dict[str, type[StrEnum]] = {
    "order": SideOrder, "sides": SideChoice, "first_side": Side, "pacing": Pacing,
}
_OVERRIDE_LIMITS: dict[str, tuple[Limit, Text, Text]] = {
    "hold_seconds": (HOLD_SECONDS, Text("キープの秒数", "hold seconds"), M.SECONDS),
    "sets": (SETS, Text("セット数", "sets"), M.NO_UNIT),
    "reps": (REPS, Text("回数", "reps"), M.NO_UNIT),
    "rest_seconds": (REST_SECONDS, Text("休憩の秒数", "rest seconds"), M.SECONDS),
    "switch_seconds": (SWITCH_SECONDS, Text("入れ替えの秒数", "switch seconds"), M.SECONDS),
    "lead_in_seconds": (LEAD_IN_SECONDS, Text("準備の秒数", "lead-in seconds"), M.SECONDS),
}


class OverrideError(ValueError):
    """Raised by :func:`compile_plan` when adjustments are invalid; carries every message."""

    def __init__(self, messages: list[Text]) -> None:
        self.messages = messages
        super().__init__("; ".join(m.en for m in messages))


def validate_overrides(routine: Routine, overrides: Overrides) -> list[Text]:
    """Every problem with ``overrides`` for ``routine``, in the loader's words."""
    problems: list[Text] = []
    for name, (limit, what, unit) in _OVERRIDE_LIMITS.items():
        value = getattr(overrides, name)
        if value is not None and value not in limit:
            problems.append(M.OUT_OF_RANGE.format(
                what=what, low=int(limit.low), high=int(limit.high), unit=unit, value=value))
    is_hold = isinstance(routine.exercise, Hold)
    checks = (
        ("hold_seconds", not is_hold, M.REASON_NOT_HOLD, Text("キープの秒数", "hold seconds")),
        ("reps", is_hold, M.REASON_NOT_REPS, Text("回数", "reps")),
        ("pacing", is_hold, M.REASON_NOT_REPS, Text("ペース", "pacing")),
        ("sides", not routine.dose.per_side, M.REASON_NOT_PER_SIDE, Text("行う脚", "side")),
        ("order", not routine.dose.per_side, M.REASON_NOT_PER_SIDE,
         Text("左右の順序", "side order")),
        ("first_side", not routine.dose.per_side, M.REASON_NOT_PER_SIDE,
         Text("最初の脚", "first side")),
    )
    for name, inapplicable, reason, what in checks:
        value = getattr(overrides, name)
        if value is None or not inapplicable:
            continue
        if name == "sides" and value is SideChoice.BOTH:
            continue
        problems.append(M.OVERRIDE_NOT_APPLICABLE.format(
            what=what, routine=routine.id, reason=reason))
    if overrides.first_side is Side.NONE:
        problems.append(M.FIRST_SIDE_NOT_SET)
    return problems


def applicable(routine: Routine, overrides: Overrides) -> Overrides:
    """``overrides`` without the values that do not apply to ``routine``.

    Used when one set of adjustments is given for a whole program: ``--hold 30``
    changes the stretches and leaves the hip hinge alone.
    """
    is_hold = isinstance(routine.exercise, Hold)
    drop: dict[str, None] = {}
    if not is_hold:
        drop["hold_seconds"] = None
    else:
        drop.update(reps=None, pacing=None)
    if not routine.dose.per_side:
        drop.update(sides=None, order=None, first_side=None)
    return dataclasses.replace(overrides, **drop)


def effective_dose(routine: Routine, overrides: Overrides) -> Dose:
    """The routine's dose with the adjustments applied."""
    dose = routine.dose
    return dataclasses.replace(
        dose,
        sets=_pick(overrides.sets, dose.sets),
        sides=_pick(overrides.sides, dose.sides),
        first_side=_pick(overrides.first_side, dose.first_side),
        order=_pick(overrides.order, dose.order),
        lead_in_seconds=_pick(overrides.lead_in_seconds, dose.lead_in_seconds),
        rest_seconds=_pick(overrides.rest_seconds, dose.rest_seconds),
        switch_seconds=_pick(overrides.switch_seconds, dose.switch_seconds),
    )


def effective_exercise(routine: Routine, overrides: Overrides) -> Hold | Reps:
    exercise = routine.exercise
    if isinstance(exercise, Hold):
        return dataclasses.replace(exercise,
                                   seconds=_pick(overrides.hold_seconds, exercise.seconds))
    return dataclasses.replace(exercise, count=_pick(overrides.reps, exercise.count),
                               pacing=_pick(overrides.pacing, exercise.pacing))


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


def scaled(plan: Plan, factor: float) -> Plan:
    """The same plan with every duration multiplied by ``factor``.

    For demonstrations, benchmarks and tests that need a whole program in seconds.
    """
    segments: list[Segment] = []
    clock = 0.0
    for segment in plan.segments:
        duration = segment.duration * factor
        segments.append(dataclasses.replace(segment, start=clock, duration=duration))
        clock += duration
    blocks = tuple(dataclasses.replace(b, planned_seconds=b.planned_seconds * factor)
                   for b in plan.blocks)
    return dataclasses.replace(plan, segments=tuple(segments), blocks=blocks,
                               total_seconds=clock)


def compile_plan(
    target: Routine | Program,
    overrides: Mapping[str, Overrides] | None = None,
    routines: Mapping[str, Routine] | None = None,
) -> Plan:
    """Compile ``target`` into a Plan; ``overrides`` are keyed by routine id.

    A program's routines are looked up in ``routines``. Invalid overrides raise
    :class:`OverrideError` with every message.
    """
    overrides = overrides or {}
    if isinstance(target, Program):
        lookup = routines or {}
        steps = tuple(lookup[rid] for rid in target.routine_ids)
        change_seconds = target.change_position_seconds
    else:
        steps = (target,)
        change_seconds = 0
    problems = [m for r in steps for m in validate_overrides(r, overrides.get(r.id, Overrides()))]
    if problems:
        raise OverrideError(list(dict.fromkeys(problems)))
    builder = _Builder()
    for position, routine in enumerate(steps):
        if position > 0 and change_seconds > 0:
            before = steps[position - 1]
            builder.add(routine.id, SegmentKind.CHANGE_POSITION, change_seconds,
                        instruction=P.CHANGE_POSITION.format(before=before.position.label,
                                                             after=routine.position.label),
                        cue=P.CHANGE_POSITION_CUE.format(title=routine.title))
        _add_routine(builder, routine, overrides.get(routine.id, Overrides()))
    segments = tuple(builder.segments)
    return Plan(
        id=target.id,
        title=target.title,
        segments=segments,
        blocks=tuple(builder.blocks),
        total_seconds=builder.clock,
        estimated=any(not s.timed for s in segments),
        routine_ids=tuple(r.id for r in steps),
    )


def _add_routine(builder: _Builder, routine: Routine, overrides: Overrides) -> None:
    dose = effective_dose(routine, overrides)
    exercise = effective_exercise(routine, overrides)
    if not dose.per_side:
        sides = [Side.NONE]
    elif dose.sides is SideChoice.BOTH:
        sides = [dose.first_side, dose.first_side.other]
    else:
        sides = [Side(dose.sides.value)]
    sets = range(1, dose.sets + 1)
    if dose.order is SideOrder.ALTERNATE:
        order = [(set_no, side) for set_no in sets for side in sides]
    else:
        order = [(set_no, side) for side in sides for set_no in sets]
    first_side = order[0][1]
    if dose.lead_in_seconds > 0:
        side_name = P.SIDE_NAMES[first_side]
        per_side = first_side is not Side.NONE
        builder.add(
            routine.id, SegmentKind.GET_READY, dose.lead_in_seconds, side=first_side,
            instruction=P.GET_READY_SIDE.format(side=side_name) if per_side else P.GET_READY,
            cue=(P.GET_READY_SIDE_CUE.format(title=routine.title, side=side_name) if per_side
                 else P.GET_READY_CUE.format(title=routine.title)))
    previous: tuple[int, Side] | None = None
    for set_no, side in order:
        if previous is not None:
            _add_pause(builder, routine.id, dose, previous, (set_no, side), dose.sets)
        previous = (set_no, side)
        if isinstance(exercise, Hold):
            _add_hold(builder, routine.id, exercise, side, set_no, dose.sets)
        else:
            _add_reps(builder, routine.id, exercise, side, set_no, dose.sets)


def _add_pause(builder: _Builder, routine_id: str, dose: Dose, before: tuple[int, Side],
               after: tuple[int, Side], sets: int) -> None:
    set_changed = before[0] != after[0]
    side_changed = before[1] != after[1]
    # The outer loop's change is a rest in "alternate" order and a switch in "block" order.
    is_rest = set_changed if dose.order is SideOrder.ALTERNATE else not side_changed
    side = after[1]
    if is_rest:
        if dose.rest_seconds > 0:
            instruction = (P.REST_NEXT.format(side=P.SIDE_NAMES[side]) if side is not Side.NONE
                           else P.REST)
            builder.add(routine_id, SegmentKind.REST, dose.rest_seconds,
                        set_no=after[0], sets=sets, instruction=instruction, cue=P.REST)
    elif dose.switch_seconds > 0:
        builder.add(routine_id, SegmentKind.SWITCH_SIDE, dose.switch_seconds, side=side,
                    set_no=after[0], sets=sets,
                    instruction=P.SWITCH.format(side=P.SIDE_NAMES[side]), cue=P.SWITCH_CUE)


def _add_hold(builder: _Builder, routine_id: str, hold: Hold, side: Side, set_no: int,
              sets: int) -> None:
    cue = (P.HOLD_CUE.format(side=P.SIDE_NAMES_CAPITALIZED[side], seconds=hold.seconds)
           if side is not Side.NONE else P.HOLD_CUE_NO_SIDE.format(seconds=hold.seconds))
    block = builder.open_block(routine_id, BlockKind.HOLD, side, set_no, sets, 0, hold.seconds)
    builder.add(routine_id, SegmentKind.HOLD, hold.seconds, side=side, set_no=set_no,
                sets=sets, block=block, instruction=hold.instruction, cue=cue)
    builder.close_block()


def _add_reps(builder: _Builder, routine_id: str, reps: Reps, side: Side, set_no: int,
              sets: int) -> None:
    tempo = reps.tempo
    block = builder.open_block(routine_id, BlockKind.REPS, side, set_no, sets, reps.count,
                               reps.count * tempo.rep_seconds)
    common: dict[str, Any] = dict(side=side, set_no=set_no, sets=sets, reps=reps.count,
                                  block=block)
    for rep in range(1, reps.count + 1):
        count_cue = P.REP_COUNT_CUE.format(rep=rep)
        if reps.pacing is Pacing.TEMPO:
            builder.add(routine_id, SegmentKind.REP_PHASE, tempo.down_seconds, rep=rep,
                        phase=RepPhase.DOWN, instruction=tempo.down_text, cue=count_cue,
                        **common)
            builder.add(routine_id, SegmentKind.REP_PHASE, tempo.up_seconds, rep=rep,
                        phase=RepPhase.UP, instruction=tempo.up_text, cue=Text("", ""),
                        **common)
        else:
            builder.add(routine_id, SegmentKind.SELF_PACED_REP, tempo.rep_seconds, rep=rep,
                        instruction=P.SELF_PACED.format(instruction=reps.instruction),
                        cue=count_cue, **common)
    builder.close_block()


class _Builder:
    """Accumulates segments and blocks with running nominal start times."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.blocks: list[Block] = []
        self.clock = 0.0
        self._open: Block | None = None

    def add(self, routine_id: str, kind: SegmentKind, duration: float, *,
            instruction: Text, cue: Text, side: Side = Side.NONE, set_no: int = 0,
            sets: int = 0, rep: int = 0, reps: int = 0, phase: RepPhase | None = None,
            block: int | None = None) -> None:
        self.segments.append(Segment(
            index=len(self.segments), routine_id=routine_id, kind=kind, side=side,
            set=set_no, sets=sets, rep=rep, reps=reps, phase=phase, start=self.clock,
            duration=float(duration), block=block, instruction=instruction, cue=cue))
        self.clock += duration

    def open_block(self, routine_id: str, kind: BlockKind, side: Side, set_no: int, sets: int,
                   reps: int, planned: float) -> int:
        index = len(self.blocks)
        self._open = Block(index, routine_id, kind, side, set_no, sets, reps, float(planned),
                           first_segment=len(self.segments), last_segment=-1)
        return index

    def close_block(self) -> None:
        assert self._open is not None
        self.blocks.append(dataclasses.replace(self._open, last_segment=len(self.segments) - 1))
        self._open = None


def _pick(override: T | None, default: T) -> T:
    return default if override is None else override
