"""What a session did, routine by routine, in words: the end-of-session summary.

"Hamstrings: 20 s hold × 2 on each side", "Calf stretch: left leg 20 s hold × 2, right
leg 1 of 2", "Hip hinge: not done". Every routine of the plan is named, in the plan's
order, whether it was done or not, so a runner sees at a glance what is left.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from kneecare_desktop.model import Side, Text
from kneecare_desktop.plan.texts import plain_seconds
from kneecare_desktop.plan.timeline import Block, BlockKind, Plan
from kneecare_desktop.session.events import SessionSummary
from kneecare_desktop.text import phrases as P


class Completion(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"


@dataclass(frozen=True, slots=True)
class SideOutcome:
    """Holds (or reps) planned and done on one side of one routine."""

    side: Side
    kind: BlockKind
    planned: int
    done: int
    hold_seconds: float  # one hold's planned length; 0 for reps

    @property
    def completion(self) -> Completion:
        if self.done >= self.planned:
            return Completion.DONE
        return Completion.PARTLY if self.done else Completion.NOT_DONE


@dataclass(frozen=True, slots=True)
class RoutineOutcome:
    routine_id: str
    title: Text
    sides: tuple[SideOutcome, ...]

    @property
    def completion(self) -> Completion:
        states = {side.completion for side in self.sides}
        if states == {Completion.DONE}:
            return Completion.DONE
        if states == {Completion.NOT_DONE}:
            return Completion.NOT_DONE
        return Completion.PARTLY

    def words(self) -> Text:
        """What was done, e.g. "20 s hold × 2 on each side" or "7 of 12 reps"."""
        if self.completion is Completion.NOT_DONE:
            return P.NOT_DONE
        first = self.sides[0]
        both_full = len(self.sides) == 2 and self.completion is Completion.DONE \
            and self.sides[0].done == self.sides[1].done
        if first.kind is BlockKind.HOLD and both_full:
            return P.HOLD_DOSE_PER_SIDE.format(seconds=plain_seconds(first.hold_seconds),
                                               sets=first.done)
        said = [_side_words(side) for side in self.sides]
        text = said[0]
        for more in said[1:]:
            text = text + P.LIST_SEPARATOR + more
        return text


def what_was_done(plan: Plan, summary: SessionSummary,
                  titles: Mapping[str, Text]) -> tuple[RoutineOutcome, ...]:
    """Every routine of ``plan`` in order, with what ``summary`` says was done of it."""
    by_routine: dict[str, dict[Side, list[Block]]] = {}
    for block in plan.blocks:
        by_routine.setdefault(block.routine_id, {}).setdefault(block.side, []).append(block)
    outcomes = []
    for routine_id in plan.routine_ids:
        sides = []
        for side, blocks in by_routine.get(routine_id, {}).items():
            tally = summary.tallies.get((routine_id, side))
            kind = blocks[0].kind
            if kind is BlockKind.HOLD:
                planned, done = len(blocks), tally.holds_done if tally else 0
            else:
                planned, done = sum(b.reps for b in blocks), tally.reps_done if tally else 0
            seconds = blocks[0].planned_seconds if kind is BlockKind.HOLD else 0.0
            sides.append(SideOutcome(side, kind, planned, done, seconds))
        if sides:
            outcomes.append(RoutineOutcome(
                routine_id, titles.get(routine_id, Text.same(routine_id)), tuple(sides)))
    return tuple(outcomes)


def _side_words(side: SideOutcome) -> Text:
    if side.kind is BlockKind.HOLD:
        seconds = plain_seconds(side.hold_seconds)
        if side.completion is Completion.DONE:
            amount = P.HOLDS_DONE.format(seconds=seconds, done=side.done)
        else:
            amount = P.HOLDS_PARTLY.format(seconds=seconds, done=side.done,
                                           planned=side.planned)
    elif side.completion is Completion.DONE:
        amount = P.REPS_DOSE_ONE_SET.format(reps=side.done)
    else:
        amount = P.REPS_PARTLY.format(done=side.done, planned=side.planned)
    if side.completion is Completion.NOT_DONE:
        amount = P.NOT_DONE
    if side.side is Side.NONE:
        return amount
    return P.ON_SIDE.format(side=P.SIDE_NAMES[side.side], amount=amount)
