"""The data of KneeCare: routines, programs and their parts, as frozen dataclasses.

Everything a user reads is a :class:`Text` carrying both Japanese and English, so the
language can change at any moment without reloading anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import IntEnum, StrEnum
from pathlib import Path

from kneecare_desktop.basics import (  # the shared words, named here as before
    CHANGE_POSITION_SECONDS as CHANGE_POSITION_SECONDS,
    DEFAULT_INTERRUPTION_THRESHOLD as DEFAULT_INTERRUPTION_THRESHOLD,
    HOLD_SECONDS as HOLD_SECONDS,
    LEAD_IN_SECONDS as LEAD_IN_SECONDS,
    REPS as REPS,
    REST_SECONDS as REST_SECONDS,
    SCHEMA_VERSION as SCHEMA_VERSION,
    SETS as SETS,
    SWITCH_SECONDS as SWITCH_SECONDS,
    TEMPO_PHASE_SECONDS as TEMPO_PHASE_SECONDS,
    Lang as Lang,
    Limit as Limit,
    Pacing as Pacing,
    Side as Side,
    SideChoice as SideChoice,
    SideOrder as SideOrder,
    Text as Text,
)


class Position(StrEnum):
    """The body position a routine is done in; a program changes position between them."""

    FLOOR = "floor"
    WALL = "wall"
    STANDING = "standing"

    @property
    def label(self) -> Text:
        return _POSITION_LABELS[self]


_POSITION_LABELS = {
    Position.FLOOR: Text("仰向け", "on your back"),
    Position.WALL: Text("壁", "at the wall"),
    Position.STANDING: Text("立位", "standing"),
}


@dataclass(frozen=True, slots=True)
class Cause:
    """One of the article's three causes of pain behind the knee."""

    id: str
    name: Text
    note: Text
    signs: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class SetupStep:
    """One numbered setup step, optionally with its own illustration."""

    text: Text
    illustration: str | None = None


@dataclass(frozen=True, slots=True)
class Hold:
    """A static stretch held for ``seconds``."""

    seconds: int
    instruction: Text


@dataclass(frozen=True, slots=True)
class Tempo:
    """The two phases of a guided repetition, in seconds, with what to do in each."""

    down_seconds: float
    up_seconds: float
    down_text: Text
    up_text: Text

    @property
    def rep_seconds(self) -> float:
        return self.down_seconds + self.up_seconds


@dataclass(frozen=True, slots=True)
class Reps:
    """Repetitions: ``count`` by default, within the article's ``minimum``-``maximum``."""

    count: int
    minimum: int
    maximum: int
    pacing: Pacing
    tempo: Tempo
    instruction: Text


Exercise = Hold | Reps


@dataclass(frozen=True, slots=True)
class Dose:
    """How much of the exercise: sets, sides and the pauses around them."""

    sets: int
    per_side: bool
    sides: SideChoice
    first_side: Side
    order: SideOrder
    lead_in_seconds: int
    rest_seconds: int
    switch_seconds: int


@dataclass(frozen=True, slots=True)
class Caution:
    """The article's caution, and the app's own line, kept visibly apart."""

    article: Text
    app: Text


@dataclass(frozen=True, slots=True)
class ArticleDose:
    """The dose in the article's own words ("20秒×2セット"), and what the app adds to it
    ("each leg: the app's choice"), printed beside the dose the app runs."""

    text: Text
    app_note: Text | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    """One care routine, as a file in ``routines/`` describes it."""

    id: str
    title: Text
    short_title: Text
    purpose: Text
    benefit: Text
    cause: Cause
    position: Position
    illustration: str
    setup: tuple[SetupStep, ...]
    exercise: Exercise
    dose: Dose
    caution: Caution
    source: Path | None = field(default=None, compare=False)
    article_dose: ArticleDose | None = None


@dataclass(frozen=True, slots=True)
class Program:
    """Routines in order, with time to change position between them."""

    id: str
    title: Text
    description: Text
    routine_ids: tuple[str, ...]
    change_position_seconds: int
    source: Path | None = field(default=None, compare=False)


# The article's three answers to "keep running or rest?" (the verdict is
# reached in care/triage.py; the history stores it).
KEEP_RUNNING_TITLE = Text("走ってOK", "Running is fine")
RUN_SHORTER_TITLE = Text("距離を減らして様子を見る", "Run shorter and see how it goes")
REST_TITLE = Text("休んだ方がいい", "Better to rest")


class Advice(StrEnum):
    RUN_OK = "run_ok"
    RUN_SHORTER = "run_shorter"
    REST = "rest"

    @property
    def heading(self) -> Text:
        return {Advice.RUN_OK: KEEP_RUNNING_TITLE, Advice.RUN_SHORTER: RUN_SHORTER_TITLE,
                Advice.REST: REST_TITLE}[self]


# --- reminders: the schedule as stored and as the care rules read it ------------------------
class Weekday(IntEnum):
    """A day of the week, numbered as ``date.weekday()`` numbers it (Monday is 0)."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6

    @property
    def short(self) -> Text:
        return _WEEKDAY_SHORT[self]

    @property
    def key(self) -> str:
        """The word the command line and the database use: ``mon`` … ``sun``."""
        return self.name[:3].lower()


_WEEKDAY_SHORT = {
    Weekday.MONDAY: Text("月", "Mon"), Weekday.TUESDAY: Text("火", "Tue"),
    Weekday.WEDNESDAY: Text("水", "Wed"), Weekday.THURSDAY: Text("木", "Thu"),
    Weekday.FRIDAY: Text("金", "Fri"), Weekday.SATURDAY: Text("土", "Sat"),
    Weekday.SUNDAY: Text("日", "Sun"),
}


class ReminderOutcome(StrEnum):
    """What became of one reminder at one time of one day."""

    DONE = "done"  # care was done that day (before the reminder, or after it)
    SNOOZED = "snoozed"  # put off for a while; it comes back
    SKIPPED = "skipped"  # "skip today"
    MISSED = "missed"  # reminded (or due while the computer slept) and not done that day


@dataclass(frozen=True, slots=True)
class ReminderSchedule:
    """When to remind, in local wall-clock time: days of the week and times of day, and
    which routine or program to offer."""

    item_id: str
    days: frozenset[Weekday]
    times: tuple[time, ...]  # distinct, sorted, whole minutes

    def on(self, day: date) -> tuple[time, ...]:
        """The times of ``day`` (none on a day not in the schedule)."""
        return self.times if Weekday(day.weekday()) in self.days else ()


@dataclass(frozen=True, slots=True)
class ScheduleChange:
    """A reminder's schedule from ``effective_from`` (a local date) on; ``schedule`` None
    means the reminder was cleared then. ``changed`` is when it was written."""

    effective_from: date
    schedule: ReminderSchedule | None
    changed: datetime


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder of one person, with every change of its schedule, oldest first."""

    id: int
    person_id: int
    changes: tuple[ScheduleChange, ...]

    def schedule_on(self, day: date) -> ReminderSchedule | None:
        """The schedule in force on ``day``: the last change made from that day or before."""
        found: ReminderSchedule | None = None
        for change in self.changes:
            if change.effective_from <= day:
                found = change.schedule
        return found

    @property
    def current(self) -> ReminderSchedule | None:
        return self.changes[-1].schedule if self.changes else None

    @property
    def first_day(self) -> date | None:
        return self.changes[0].effective_from if self.changes else None


@dataclass(frozen=True, slots=True)
class ReminderEvent:
    """An outcome of the reminder ``reminder_id`` for the time ``slot`` of the local date
    ``day``, recorded at ``at``; a snooze says until when."""

    reminder_id: int
    day: date
    slot: time
    outcome: ReminderOutcome
    at: datetime
    snoozed_until: datetime | None = None
