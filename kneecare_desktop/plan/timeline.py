"""A compiled plan: a flat, immutable timeline of segments and the blocks they make up.

A :class:`Plan` is a tuple of :class:`Segment` s whose nominal starts and durations are
known before the session begins (an estimate where reps are self-paced), so the total
time can be shown up front and the session engine only walks a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kneecare_desktop.model import (
    Side,
    Text,
)


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
