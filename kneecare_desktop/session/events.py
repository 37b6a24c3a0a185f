"""What a session is and says: its states, its events, the blocks it records, its summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kneecare_desktop.model import Side, Text
from kneecare_desktop.plan.timeline import Block, Segment
from kneecare_desktop.session.block_outcome import BlockOutcome as BlockOutcome  # given here too

STALE_AFTER = 0.3
BACK_TO_PREVIOUS_WITHIN = 2.0
EXTEND_SECONDS = 10.0
TICK_SECONDS = (3, 2, 1)


class SessionState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"

    @property
    def is_over(self) -> bool:
        return self in (SessionState.FINISHED, SessionState.STOPPED)


class PauseReason(StrEnum):
    USER = "user"
    INTERRUPTED = "interrupted"


class StopReason(StrEnum):
    USER = "user"
    HURT = "hurt"


class CueKind(StrEnum):
    VOICE = "voice"
    TICK = "tick"
    HOLD_START = "hold_start"
    HOLD_END = "hold_end"
    BEAT = "beat"
    SESSION_END = "session_end"


@dataclass(frozen=True, slots=True)
class BlockRecord:
    """One attempt at a hold or a set of reps. Nothing recorded is ever taken back."""

    block: Block
    attempt: int
    outcome: BlockOutcome
    started_at: float
    ended_at: float
    active_seconds: float
    reps_done: int

    @property
    def repeated(self) -> bool:
        return self.attempt > 1


# --- events -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Event:
    at: float


@dataclass(frozen=True, slots=True)
class SessionStarted(Event):
    pass


@dataclass(frozen=True, slots=True)
class SegmentStarted(Event):
    segment: Segment


@dataclass(frozen=True, slots=True)
class SegmentFinished(Event):
    segment: Segment
    completed: bool


@dataclass(frozen=True, slots=True)
class BlockFinished(Event):
    record: BlockRecord


@dataclass(frozen=True, slots=True)
class SetFinished(Event):
    routine_id: str
    set: int
    sets: int
    side: Side


@dataclass(frozen=True, slots=True)
class SideSwitched(Event):
    routine_id: str
    side: Side


@dataclass(frozen=True, slots=True)
class RepCounted(Event):
    routine_id: str
    rep: int
    reps: int
    set: int
    side: Side


@dataclass(frozen=True, slots=True)
class CueDue(Event):
    kind: CueKind
    text: Text | None
    stale: bool


@dataclass(frozen=True, slots=True)
class Paused(Event):
    reason: PauseReason


@dataclass(frozen=True, slots=True)
class Interrupted(Event):
    """Nothing happened for ``gap_seconds`` while running; the session paused at ``at``."""

    gap_seconds: float


@dataclass(frozen=True, slots=True)
class Resumed(Event):
    paused_seconds: float


@dataclass(frozen=True, slots=True)
class Extended(Event):
    seconds: float


@dataclass(frozen=True, slots=True)
class Moved(Event):
    """Skip, back or repeat moved the cursor to ``segment``."""

    segment: Segment


@dataclass(frozen=True, slots=True)
class SessionFinished(Event):
    active_seconds: float  # the session's active time: from start to end, less pauses


@dataclass(frozen=True, slots=True)
class SessionStopped(Event):
    reason: StopReason
    active_seconds: float  # as for SessionFinished


# --- the summary --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SideTally:
    holds_done: int = 0
    reps_done: int = 0
    hold_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class SessionSummary:
    started_at: float
    ended_at: float
    paused_seconds: float
    state: SessionState
    stop_reason: StopReason | None
    tallies: dict[tuple[str, Side], SideTally] = field(default_factory=dict)
    skipped: tuple[Block, ...] = ()
    repeated: int = 0

    @property
    def elapsed_seconds(self) -> float:
        return self.ended_at - self.started_at

    @property
    def active_seconds(self) -> float:
        """The session's active time (what the history records): elapsed, less pauses."""
        return max(0.0, self.elapsed_seconds - self.paused_seconds)


class SessionError(RuntimeError):
    """A command that makes no sense in the current state (a programming error)."""
