"""The data of KneeCare: routines, programs and their parts, as frozen dataclasses.

Everything a user reads is a :class:`Text` carrying both Japanese and English, so the
language can change at any moment without reloading anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Lang(StrEnum):
    """The languages the app ships."""

    JA = "ja"
    EN = "en"


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in both shipped languages."""

    ja: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.ja if lang is Lang.JA else self.en

    def format(self, **values: object) -> Text:
        """Fill ``{name}`` fields in both languages; a :class:`Text` value is localized."""
        ja_values = {k: (v.ja if isinstance(v, Text) else v) for k, v in values.items()}
        en_values = {k: (v.en if isinstance(v, Text) else v) for k, v in values.items()}
        return Text(self.ja.format(**ja_values), self.en.format(**en_values))

    def __add__(self, other: Text) -> Text:
        return Text(self.ja + other.ja, self.en + other.en)

    @staticmethod
    def same(value: str) -> Text:
        """A text that reads the same in both languages (numbers, ids)."""
        return Text(value, value)


class Side(StrEnum):
    """The leg being worked; ``NONE`` for both legs at once or for no leg at all."""

    LEFT = "left"
    RIGHT = "right"
    NONE = "none"

    @property
    def other(self) -> Side:
        if self is Side.LEFT:
            return Side.RIGHT
        if self is Side.RIGHT:
            return Side.LEFT
        return Side.NONE


class SideChoice(StrEnum):
    """Which legs a per-side routine works: both (the default) or one only."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


class SideOrder(StrEnum):
    """How per-side sets are ordered.

    ``ALTERNATE``: L1, switch, R1, rest, L2, switch, R2.
    ``BLOCK``: L1, rest, L2, switch, R1, rest, R2.
    """

    ALTERNATE = "alternate"
    BLOCK = "block"


class Pacing(StrEnum):
    """How repetitions are paced: by a tempo (hands-free) or by the user (Enter per rep)."""

    TEMPO = "tempo"
    SELF = "self"


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


@dataclass(frozen=True, slots=True)
class Limit:
    """An inclusive range that a file value and an override must both respect."""

    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high


HOLD_SECONDS = Limit(1, 600)
SETS = Limit(1, 20)
REPS = Limit(1, 100)
TEMPO_PHASE_SECONDS = Limit(0.5, 10)
LEAD_IN_SECONDS = Limit(0, 60)
REST_SECONDS = Limit(0, 600)
SWITCH_SECONDS = Limit(0, 120)
CHANGE_POSITION_SECONDS = Limit(0, 300)
SCHEMA_VERSION = 1
# A gap longer than this between two updates of a running session is an interruption.
DEFAULT_INTERRUPTION_THRESHOLD = 5.0


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
