"""Problems found in routine files, each pinned to a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kneecare_desktop.model import Lang, Text


class Severity(StrEnum):
    ERROR = "error"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class RoutineProblem:
    """One problem in one file. ``line`` and ``column`` are 1-based."""

    file: Path
    line: int
    column: int
    message: Text
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, lang: Lang) -> str:
        """``FILE:LINE:COLUMN: message``, the form editors and terminals link to."""
        return f"{self.file}:{self.line}:{self.column}: {self.message.get(lang)}"
