"""Clinic to home: one file with a person's program, its routines and their adjustments.

Export writes the routines as they are at the clinic, the program, and the person's
adjustments. Import is planned first (what is added, what is replaced, what is already
the same) so nothing is overwritten without asking, then applied with atomic writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from kneecare_desktop import safe_files
from kneecare_desktop.library.files import handoff_clashes
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.problems import RoutineProblem
from kneecare_desktop.library.records import Handoff, Library, Origin
from kneecare_desktop.library.serialize import (
    dump,
    program_body,
    program_yaml,
    routine_body,
    routine_yaml,
)
from kneecare_desktop.model import SCHEMA_VERSION, Program, Routine

HEADER = ("KneeCare hand-off: a program, its routines and one person's adjustments.\n"
          "Import it with File > Import a hand-off, or: kneecare program import FILE")


def export_text(library: Library, program_id: str, person: str,
                adjustments: Mapping[str, Overrides], created: datetime) -> str:
    program = library.programs[program_id]
    routines = library.routines_of(program_id)
    data = {
        "schema_version": SCHEMA_VERSION,
        "kind": "handoff",
        "id": f"{program_id}-handoff",
        "person": person,
        "created": created.isoformat(timespec="seconds"),
        "program": program_body(program),
        "routines": [routine_body(r) for r in routines],
        "adjustments": {r.id: adjustments[r.id].to_dict() for r in routines
                        if r.id in adjustments and not adjustments[r.id].is_empty()},
    }
    return dump(data, HEADER)


class Action(StrEnum):
    ADD = "add"  # a new file in the user folder
    SAME = "same"  # already there, identical: nothing to do
    REPLACE_SHIPPED = "replace_shipped"  # a user file will take the shipped one's place
    REPLACE_USER = "replace_user"  # overwrites the user's own file: ask first


@dataclass(frozen=True, slots=True)
class FileAction:
    action: Action
    kind: str  # routine | program
    item_id: str
    title: str
    path: Path
    text: str


@dataclass(frozen=True, slots=True)
class ImportPlan:
    handoff: Handoff
    files: tuple[FileAction, ...]
    # Why nothing may be written at all (ids taken by items of another kind).
    problems: tuple[RoutineProblem, ...] = ()

    @property
    def needs_confirmation(self) -> bool:
        return any(f.action is Action.REPLACE_USER for f in self.files)

    @property
    def adjustments(self) -> Mapping[str, Overrides]:
        return self.handoff.adjustments


class ImportRefusedError(Exception):
    """The import would overwrite the user's own files and that was not allowed, or it
    would give an id to an item of another kind (see :attr:`ImportPlan.problems`)."""


def id_clashes(handoff: Handoff, library: Library) -> tuple[RoutineProblem, ...]:
    """The hand-off's ids that a routine, program or check-in of another kind already has
    in ``library``: importing it would break what uses them, so no ``--replace`` allows it."""
    return tuple(handoff_clashes(handoff, library.files))


def plan_import(handoff: Handoff, library: Library, user_dir: Path) -> ImportPlan:
    """What importing would write; :attr:`ImportPlan.problems` says if it must not."""
    files: list[FileAction] = []
    owners = {f.id: f for f in library.files if f.ok and f.id is not None}
    items: list[tuple[Routine | Program, str]] = [(r, "routine") for r in handoff.routines]
    items.append((handoff.program, "program"))
    for item, kind in items:
        text = routine_yaml(item) if isinstance(item, Routine) else program_yaml(item)
        current = owners.get(item.id)
        path = user_dir / f"{item.id}.yaml"
        if current is None:
            action = Action.ADD
        elif current.item == item:
            action = Action.SAME
            path = current.path
        elif current.origin is Origin.SHIPPED:
            action = Action.REPLACE_SHIPPED
        else:
            action = Action.REPLACE_USER
            path = current.path
        if action in (Action.ADD, Action.REPLACE_SHIPPED) and path.exists():
            # The user's own file by that name holds something else (another id, or a
            # file with problems): it is theirs, so replacing it needs their consent too.
            action = Action.REPLACE_USER
        files.append(FileAction(action, kind, item.id, item.title.en, path, text))
    return ImportPlan(handoff, tuple(files), id_clashes(handoff, library))


def check_import(plan: ImportPlan, allow_replace: bool) -> None:
    """Raise :class:`ImportRefusedError` if the plan has problems (which nothing allows),
    or would overwrite the user's own files without ``allow_replace``."""
    if plan.problems:
        raise ImportRefusedError("; ".join(str(p.file) for p in plan.problems))
    if plan.needs_confirmation and not allow_replace:
        names = ", ".join(str(f.path) for f in plan.files if f.action is Action.REPLACE_USER)
        raise ImportRefusedError(names)


def stage_import(plan: ImportPlan, allow_replace: bool) -> tuple[safe_files.Staged, list[Path]]:
    """Write the plan's files beside their places, checked, not yet in place: the caller
    saves the adjustments, then commits the files (or discards them if that failed), so
    the files and the history change together or not at all."""
    check_import(plan, allow_replace)
    wanted = [item for item in plan.files if item.action is not Action.SAME]
    for item in wanted:
        item.path.parent.mkdir(parents=True, exist_ok=True)
    staged = safe_files.stage([(item.path, item.text.encode("utf-8")) for item in wanted])
    return staged, [item.path for item in wanted]


def apply_import(plan: ImportPlan, allow_replace: bool) -> list[Path]:
    """Write the plan's files (only the files: importers that also save adjustments use
    :func:`stage_import`)."""
    staged, paths = stage_import(plan, allow_replace)
    staged.commit()
    return paths


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` whole or not at all (``safe_files.write_text``)."""
    safe_files.write_text(path, text)
