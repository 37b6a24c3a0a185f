"""What a session is for this person: the target in their order, with their adjustments.

These were rules inside widgets (the care menu built the session's adjustments, and the
main window and the care menu each put the chosen routine first); the care menu, the
session and the check-in now ask here, so they cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date

from kneecare_desktop.care.triage import routine_first
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import Advice, Program, Routine
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.timeline import Plan

# How long after a "better to rest" check-in the app asks before a session starts.
REST_WARNING_DAYS = 3


def session_overrides(routine_ids: Iterable[str], saved: Callable[[str], Overrides],
                      lead_in_seconds: int | None) -> dict[str, Overrides]:
    """Every routine's remembered adjustments, plus the lead-in chosen in Settings where
    the routine has none of its own."""
    result: dict[str, Overrides] = {}
    for routine_id in routine_ids:
        overrides = saved(routine_id)
        if lead_in_seconds is not None and overrides.lead_in_seconds is None:
            overrides = dataclasses.replace(overrides, lead_in_seconds=lead_in_seconds)
        result[routine_id] = overrides
    return result


def in_person_order(target: Routine | Program, first_routine: str | None) -> Routine | Program:
    """A program with the routine the check-in suggested moved to the front."""
    if isinstance(target, Program) and first_routine:
        return dataclasses.replace(
            target, routine_ids=routine_first(target.routine_ids, first_routine))
    return target


def program_order(program: Program, first_routine: str | None) -> tuple[str, ...]:
    """The routines of ``program`` in the order this person's session runs them."""
    return routine_first(program.routine_ids, first_routine)


def plan_for(library: Library, item_id: str, overrides: dict[str, Overrides],
             first_routine: str | None) -> Plan:
    """The plan a Start of ``item_id`` runs. Raises KeyError for an unknown id and
    OverrideError for adjustments the routine cannot take."""
    target: Routine | Program = library.programs.get(item_id) or library.routines[item_id]
    return compile_plan(in_person_order(target, first_routine), overrides, library.routines)


def recorded_overrides(plan: Plan, overrides: dict[str, Overrides]) -> dict[str, object]:
    """The adjustments a session's record keeps: those of its routines that change
    something, as plain data."""
    return {rid: o.to_dict() for rid, o in overrides.items()
            if rid in plan.routine_ids and not o.is_empty()}


def rest_advised(advice: Advice | None, taken: date, today: date) -> bool:
    """Whether to ask "better to rest?" before a session: the last check-in said rest,
    and not more than ``REST_WARNING_DAYS`` ago."""
    return advice is Advice.REST and (today - taken).days <= REST_WARNING_DAYS
