"""The timeline compiler: a routine or a program, plus adjustments, becomes a flat Plan.

A :class:`Plan` is an immutable tuple of :class:`Segment` s whose nominal starts and
durations are known before the session begins (an estimate where reps are self-paced),
so the total time can be shown up front and the session engine only walks a list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from kneecare_desktop.library.overrides import (
    OverrideError,
    Overrides,
    effective_dose,
    effective_exercise,
    validate_overrides,
)
from kneecare_desktop.model import (
    Dose,
    Hold,
    Pacing,
    Program,
    Reps,
    Routine,
    Side,
    SideChoice,
    SideOrder,
    Text,
)
from kneecare_desktop.plan.timeline import Block, BlockKind, Plan, RepPhase, Segment, SegmentKind
from kneecare_desktop.text import phrases as P


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


