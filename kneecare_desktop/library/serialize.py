"""Routines and programs back to YAML, in the same shape the loader reads.

What the editor saves and what a hand-off carries must load back identically, so the
writer is the loader's mirror image; tests check the round trip.
"""

from __future__ import annotations

from typing import Any

import yaml

from kneecare_desktop.library.yaml12 import Yaml12Dumper
from kneecare_desktop.model import SCHEMA_VERSION, Hold, Program, Routine, Text


def text(value: Text) -> dict[str, str]:
    return {"ja": value.ja, "en": value.en}


def routine_body(routine: Routine) -> dict[str, Any]:
    """The routine's keys without the file header (schema_version, kind)."""
    body: dict[str, Any] = {
        "id": routine.id,
        "title": text(routine.title),
        "short_title": text(routine.short_title),
        "purpose": text(routine.purpose),
        "benefit": text(routine.benefit),
        "cause": {"id": routine.cause.id, "name": text(routine.cause.name),
                  "note": text(routine.cause.note),
                  "signs": [text(s) for s in routine.cause.signs]},
        "position": routine.position.value,
        "illustration": routine.illustration,
        "setup": [{"text": text(s.text), **({"illustration": s.illustration}
                                             if s.illustration else {})}
                  for s in routine.setup],
    }
    exercise = routine.exercise
    if isinstance(exercise, Hold):
        body["hold"] = {"seconds": exercise.seconds, "instruction": text(exercise.instruction)}
    else:
        body["reps"] = {
            "count": exercise.count, "min": exercise.minimum, "max": exercise.maximum,
            "pacing": exercise.pacing.value,
            "tempo": {"down": exercise.tempo.down_seconds, "up": exercise.tempo.up_seconds,
                      "down_text": text(exercise.tempo.down_text),
                      "up_text": text(exercise.tempo.up_text)},
            "instruction": text(exercise.instruction),
        }
    dose = routine.dose
    body["dose"] = {"sets": dose.sets, "per_side": dose.per_side}
    if dose.per_side:
        body["dose"].update(sides=dose.sides.value, first_side=dose.first_side.value,
                            order=dose.order.value)
    body["dose"].update(lead_in=dose.lead_in_seconds, rest=dose.rest_seconds)
    if dose.per_side:
        body["dose"]["switch"] = dose.switch_seconds
    body["caution"] = {"article": text(routine.caution.article),
                       "app": text(routine.caution.app)}
    if routine.article_dose is not None:
        body["article_dose"] = {"text": text(routine.article_dose.text)}
        if routine.article_dose.app_note is not None:
            body["article_dose"]["app_note"] = text(routine.article_dose.app_note)
    return body


def program_body(program: Program) -> dict[str, Any]:
    return {
        "id": program.id,
        "title": text(program.title),
        "description": text(program.description),
        "change_position": program.change_position_seconds,
        "routines": list(program.routine_ids),
    }


def dump(data: dict[str, Any], comment: str = "") -> str:
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    return header + yaml.dump(data, Dumper=Yaml12Dumper, allow_unicode=True, sort_keys=False,
                              width=100)


def routine_yaml(routine: Routine, comment: str = "") -> str:
    return dump({"schema_version": SCHEMA_VERSION, "kind": "routine", **routine_body(routine)},
                comment)


def program_yaml(program: Program, comment: str = "") -> str:
    return dump({"schema_version": SCHEMA_VERSION, "kind": "program", **program_body(program)},
                comment)
