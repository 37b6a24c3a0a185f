"""What loading gives: the kinds and origins of files, hand-offs, loaded files and the library."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kneecare_desktop.library.checkin_file import CheckIn
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.problems import RoutineProblem
from kneecare_desktop.model import (
    Program,
    Routine,
)


class FileKind(StrEnum):
    ROUTINE = "routine"
    PROGRAM = "program"
    CHECKIN = "checkin"
    HANDOFF = "handoff"


class Origin(StrEnum):
    """Where a file came from; a user file may replace a shipped one with the same id."""

    SHIPPED = "shipped"
    USER = "user"


@dataclass(frozen=True, slots=True)
class Reference:
    """A program's mention of a routine id, with where it was written."""

    id: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Handoff:
    """A person's program, handed from the clinic to home: the routines as they are at the
    clinic, the program, and that person's adjustments to them."""

    id: str
    person: str
    created: str
    program: Program
    routines: tuple[Routine, ...]
    adjustments: Mapping[str, Overrides]
    source: Path | None = dataclasses.field(default=None, compare=False)
    # Where each routine's and the program's id is written: (line, column), 1-based.
    id_positions: Mapping[str, tuple[int, int]] = dataclasses.field(
        default_factory=dict, compare=False)

    def position_of(self, item_id: str) -> tuple[int, int]:
        return self.id_positions.get(item_id, (1, 1))


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """What one file gave: its item (if valid) and every problem found in it."""

    path: Path
    origin: Origin
    kind: FileKind | None
    id: str | None
    id_line: int
    id_column: int
    item: Routine | Program | CheckIn | Handoff | None
    references: tuple[Reference, ...]
    problems: tuple[RoutineProblem, ...]

    @property
    def ok(self) -> bool:
        return self.item is not None and not any(p.is_error for p in self.problems)


@dataclass(frozen=True, slots=True)
class Library:
    """Every valid routine and program, plus every file and its problems."""

    routines: Mapping[str, Routine]
    programs: Mapping[str, Program]
    files: tuple[LoadedFile, ...]
    checkins: Mapping[str, CheckIn] = dataclasses.field(default_factory=dict)

    @property
    def problems(self) -> tuple[RoutineProblem, ...]:
        return tuple(p for f in self.files for p in f.problems)

    @property
    def errors(self) -> tuple[RoutineProblem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def routines_of(self, item_id: str) -> tuple[Routine, ...]:
        """The routines a routine id or program id runs, in order."""
        if item_id in self.routines:
            return (self.routines[item_id],)
        program = self.programs[item_id]
        return tuple(self.routines[rid] for rid in program.routine_ids)
