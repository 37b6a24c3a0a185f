"""The history's records as the store reads and writes them, and how their times are stored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from kneecare_desktop.history.recovery import Recovered
from kneecare_desktop.history.schema import CHECKIN_FORM
from kneecare_desktop.model import Advice, Side, Text
from kneecare_desktop.plan.timeline import BlockKind
from kneecare_desktop.session.block_outcome import BlockOutcome


class ItemKind(StrEnum):
    """What a session ran: one routine, or a program of several."""

    ROUTINE = "routine"
    PROGRAM = "program"


class Outcome(StrEnum):
    RUNNING = "running"  # only while it runs; a leftover one was interrupted
    COMPLETED = "completed"
    STOPPED = "stopped"
    HURT = "hurt"
    INTERRUPTED = "interrupted"


class HistoryError(Exception):
    """The history could not be read or written (read-only, full disk, locked...)."""


class ConstraintError(HistoryError):
    """The server refused a row that breaks a rule of the schema (a name or uid taken)."""


class ServerUnreachableError(HistoryError):
    """The clinic's server could not be reached (down, no network, timed out)."""


class AdjustmentChangedError(HistoryError):
    """A save of a person's adjustments to a routine found them changed meanwhile (on
    another PC): nothing was written; ``theirs`` is what is stored now (empty: as in the
    file), ``yours`` what this save would have written. The caller shows both."""

    def __init__(self, person_id: int, routine_id: str, theirs: dict[str, Any],
                 version: int, yours: dict[str, Any]) -> None:
        super().__init__(f"the adjustments of person {person_id} to {routine_id} changed "
                         f"meanwhile (now version {version})")
        self.person_id = person_id
        self.routine_id = routine_id
        self.theirs = theirs
        self.version = version
        self.yours = yours


class PersonNameError(HistoryError):
    """A person's name breaks a rule of ``people_names``; ``message`` says which."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    archived: bool
    is_default: bool


@dataclass(frozen=True, slots=True)
class SessionStart:
    """What is known when a session begins."""

    uid: str
    person_id: int
    item_id: str
    item_kind: ItemKind
    title_ja: str
    title_en: str
    overrides: dict[str, Any]
    planned_seconds: float
    started: datetime
    resumed_from: str | None = None
    device_id: str | None = None  # the PC that records it (None: the store's own)


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    uid: str
    person_id: int
    item_id: str
    item_kind: ItemKind
    title_ja: str
    title_en: str
    overrides: dict[str, Any]
    planned_seconds: float
    started: datetime  # timezone-aware, in the offset it was recorded in
    ended: datetime | None
    outcome: Outcome
    active_seconds: float | None
    pain_before: int | None
    pain_after: int | None
    note: str
    resumed_from: str | None

    @property
    def duration_seconds(self) -> float:
        if self.active_seconds is not None:
            return self.active_seconds
        if self.ended is not None:
            return (self.ended - self.started).total_seconds()
        return 0.0


class RecordedBlock(NamedTuple):
    """One hold or set of reps as it ended (done, skipped, restarted or stopped), as the
    recorder writes it and the store reads it back. A tuple, not a frozen dataclass: ten
    years are 40,000 of them, and a tuple is made four times faster."""

    session_uid: str
    seq: int
    block_index: int
    routine_id: str
    kind: BlockKind
    side: Side
    set_no: int
    reps_planned: int
    reps_done: int
    planned_seconds: float
    actual_seconds: float
    outcome: BlockOutcome
    attempt: int
    ended: datetime


@dataclass(frozen=True, slots=True)
class CheckinRecord:
    """A check-in as taken (or a next-day follow-up, with ``follow_up_of`` set)."""

    uid: str
    person_id: int
    taken: datetime
    checkin_id: str
    ticked: tuple[str, ...]  # the tick boxes: symptoms and the signs of each cause
    cause: str | None
    routine_id: str | None
    advice: Advice | None  # None: the running questions were not all answered
    follow_up_of: str | None = None
    worse_next_day: bool | None = None
    # The running questions, each "yes", "no" or "open" (not answered). Empty for a
    # check-in from the old tick-box form (``form`` 1), whose verdict is kept as it was.
    answers: dict[str, str] = field(default_factory=dict)
    form: int = CHECKIN_FORM


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What happened when the database was opened, for the user to be told."""

    path: Path
    moved_aside: Path | None = None
    reason: str = ""
    recovered: Recovered | None = None  # what was copied out of the damaged file
    read_only: bool = False  # opened only to read: the folder cannot be written


# --- time ------------------------------------------------------------------------------------
def to_utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("history timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


def from_utc_text(text: str, offset: int = 0) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone(offset))


@cache
def _zone(offset: int) -> timezone:
    """The fixed zone ``offset`` minutes east of UTC (one object per offset: ten years of
    blocks would otherwise make 40,000 of them)."""
    return timezone(timedelta(minutes=offset))


def session_row(r: Sequence[Any]) -> SessionRow:
    offset = int(r[10])
    return SessionRow(
        id=r[0], uid=r[1], person_id=r[2], item_id=r[3], item_kind=ItemKind(r[4]), title_ja=r[5],
        title_en=r[6], overrides=json.loads(r[7]) if r[7] and r[7] != "{}" else {},
        planned_seconds=r[8],
        started=from_utc_text(r[9], offset),
        ended=from_utc_text(r[11], offset) if r[11] else None,
        outcome=Outcome(r[12]), active_seconds=r[13], pain_before=r[14], pain_after=r[15],
        note=r[16] or "", resumed_from=r[17])


def new_uid() -> str:
    import uuid  # with platform, which it imports: not needed before the first session

    return uuid.uuid4().hex
