"""A person's adjustments to a routine's dose, their checks, and the dose they give.

Read from hand-off files and the history, chosen in the care menu, applied by the
compiler; here, below both, so that loading a file never imports the compiler.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

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
    Reps,
    Routine,
    Side,
    SideChoice,
    SideOrder,
    Text,
)
from kneecare_desktop.text import messages as M

T = TypeVar("T")


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


def _pick(override: T | None, default: T) -> T:
    return default if override is None else override
