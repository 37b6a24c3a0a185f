"""The few words every part of KneeCare shares, kept apart from the routine model.

The two languages and a :class:`Text` in both, the choices a person gives on the command
line and in the settings (legs, their order, the pacing of repetitions), and the limits
their values must respect. What the window's first paint needs is imported from here:
the routine model (``model.py``, about 12 ms of dataclasses to create) loads after it.
``model.py`` names them all too, so that the core can keep importing them from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
