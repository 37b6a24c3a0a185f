"""Typed reads from a YAML node tree that collect every problem instead of stopping.

Each ``read_*`` method returns the value, or ``None`` after recording a problem that
points at the offending node. Callers go on reading, so a file's problems are all
reported in one pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kneecare_desktop.library.problems import RoutineProblem, Severity
from kneecare_desktop.library.yaml12 import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    NULL_TAG,
    STR_TAG,
    is_yaml11_bool,
    meant_number,
    scalar_value,
)
from kneecare_desktop.model import Text
from kneecare_desktop.text import messages as M
from kneecare_desktop.text.hidden_characters import (
    character_name,
    first_refused,
    shown,
    source_offset,
)

E = TypeVar("E", bound=StrEnum)

MAX_PROBLEMS = 50
_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_INT_TAG = INT_TAG
_FLOAT_TAG = FLOAT_TAG
_BOOL_TAG = BOOL_TAG
_NULL_TAG = NULL_TAG
_STR_TAG = STR_TAG


@dataclass(frozen=True, slots=True)
class Entry:
    """A key and its value node inside a mapping."""

    key: ScalarNode
    value: Node


class NodeChecker:
    """Reads values out of nodes for one file, collecting problems."""

    def __init__(self, path: Path, source: str = "") -> None:
        self.path = path
        self.source = source  # the file's text: finds a character's own column
        self.problems: list[RoutineProblem] = []

    # -- reporting --------------------------------------------------------------------
    def report(self, node: Node, message: Text, severity: Severity = Severity.ERROR) -> None:
        mark = node.start_mark
        self.report_at(mark.line + 1, mark.column + 1, message, severity)

    def report_at(self, line: int, column: int, message: Text,
                  severity: Severity = Severity.ERROR) -> None:
        if self.full:
            return
        if len(self.problems) == MAX_PROBLEMS - 1:
            message = M.TOO_MANY_PROBLEMS
        self.problems.append(RoutineProblem(self.path, line, column, message, severity))

    @property
    def full(self) -> bool:
        """Enough problems to fix first; more would only bury them (and cost time)."""
        return len(self.problems) >= MAX_PROBLEMS

    @property
    def ok(self) -> bool:
        return not any(problem.is_error for problem in self.problems)

    # -- structure --------------------------------------------------------------------
    def read_mapping(
        self,
        node: Node,
        what: Text,
        allowed: Sequence[str],
        required: Collection[str] = (),
    ) -> dict[str, Entry] | None:
        """Check a mapping's keys: duplicates, unknown (with a suggestion) and missing."""
        if not isinstance(node, MappingNode):
            self.report(node, M.EXPECTED_MAPPING.format(what=what))
            return None
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR_TAG:
                self.report(key_node, M.KEY_NOT_TEXT)
                continue
            key = str(key_node.value)
            if key in entries:
                first_line = entries[key].key.start_mark.line + 1
                self.report(key_node, M.DUPLICATE_KEY.format(key=shown(key), line=first_line))
                continue
            if key not in allowed:
                self._unknown(key_node, key, what, allowed)
                continue
            entries[key] = Entry(key_node, value_node)
        for key in required:
            if key not in entries:
                self.report(node, M.MISSING_KEY.format(what=what, key=key))
        return entries

    def read_list(self, node: Node, what: Text, allow_empty: bool = False) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.report(node, M.EXPECTED_LIST.format(what=what))
            return None
        if not node.value and not allow_empty:
            self.report(node, M.EMPTY_LIST.format(what=what))
            return None
        return list(node.value)

    # -- scalars ----------------------------------------------------------------------
    def read_int(self, node: Node, what: Text, low: int, high: int,
                 unit: Text = M.NO_UNIT) -> int | None:
        value = self._scalar(node) if isinstance(node, ScalarNode) else None
        if not (isinstance(node, ScalarNode) and node.tag == _INT_TAG) \
                or not isinstance(value, int):
            self.report(node, M.EXPECTED_INTEGER.format(what=what, got=self._describe(node))
                        + self._number_hint(node))
            return None
        if not low <= value <= high:
            self.report(node, M.OUT_OF_RANGE.format(
                what=what, low=low, high=high, unit=unit, value=value))
            return None
        return value

    def read_number(self, node: Node, what: Text, low: float, high: float,
                    unit: Text = M.NO_UNIT) -> float | None:
        value = self._scalar(node) if isinstance(node, ScalarNode) else None
        if not (isinstance(node, ScalarNode) and node.tag in (_INT_TAG, _FLOAT_TAG)) \
                or not isinstance(value, int | float) or not math.isfinite(value):
            self.report(node, M.EXPECTED_NUMBER.format(what=what, got=self._describe(node))
                        + self._number_hint(node))
            return None
        if not low <= value <= high:
            self.report(node, M.OUT_OF_RANGE.format(
                what=what, low=_plain(low), high=_plain(high), unit=unit, value=_plain(value)))
            return None
        return float(value)

    def read_bool(self, node: Node, what: Text) -> bool | None:
        if not (isinstance(node, ScalarNode) and node.tag == _BOOL_TAG):
            hint = M.NO_UNIT
            if isinstance(node, ScalarNode) and node.tag == _STR_TAG and not node.style \
                    and is_yaml11_bool(str(node.value)):
                hint = M.YAML12_BOOLEAN_HINT
            self.report(node, M.EXPECTED_BOOLEAN.format(what=what, got=self._describe(node))
                        + hint)
            return None
        return bool(self._scalar(node))

    def read_str(self, node: Node, what: Text, lines: bool = False) -> str | None:
        """Text without control or bidirectional formatting characters; ``lines``: it may
        run over several lines (line feeds allowed)."""
        if not (isinstance(node, ScalarNode) and node.tag == _STR_TAG):
            self.report(node, M.EXPECTED_STRING.format(what=what, got=self._describe(node)))
            return None
        value = str(node.value)
        refused = first_refused(value, lines)
        if refused is not None:
            self._refuse_character(node, what, value[refused])
            return None
        return value

    def _refuse_character(self, node: ScalarNode, what: Text, character: str) -> None:
        """Report ``character`` at its own line and column if it can be found in the
        source as written, else at the scalar's start."""
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        source, start = self.source, mark.index
        # The mark's index counts characters of the text; use it only where it agrees.
        if source and source.count("\n", 0, start) == mark.line:
            offset = source_offset(source, start, node.end_mark.index, node.style == '"',
                                   character)
            if offset is not None:
                line = source.count("\n", 0, offset) + 1
                column = offset - (source.rfind("\n", 0, offset) + 1) + 1
        name = character_name(character)
        message = M.LINE_BREAK_NOT_ALLOWED if character == "\n" else M.HIDDEN_CHARACTER
        self.report_at(line, column, message.format(what=what, character=name))

    def read_id(self, node: Node, what: Text) -> str | None:
        value = self.read_str(node, what)
        if value is None:
            return None
        if not _ID_PATTERN.fullmatch(value):
            self.report(node, M.BAD_ID.format(what=what, value=shown(value)))
            return None
        return value

    def read_enum(self, node: Node, what: Text, enum: type[E],
                  choices: Sequence[E] | None = None) -> E | None:
        options = list(choices) if choices is not None else list(enum)
        names = ", ".join(option.value for option in options)
        if not isinstance(node, ScalarNode) or node.tag not in (_STR_TAG, _BOOL_TAG):
            self.report(node, M.NOT_ONE_OF.format(what=what, choices=names,
                                                  value=self._describe(node)))
            return None
        for option in options:
            if option.value == node.value:
                return option
        self.report(node, M.NOT_ONE_OF.format(what=what, choices=names,
                                              value=shown(str(node.value))))
        return None

    def read_text(self, node: Node, what: Text) -> Text | None:
        """A text in both languages: a mapping with non-empty ``ja`` and ``en``."""
        if isinstance(node, ScalarNode):
            self.report(node, M.TEXT_NOT_BILINGUAL.format(what=what))
            return None
        entries = self.read_mapping(node, what, ("ja", "en"))
        if entries is None:
            return None
        values: dict[str, str] = {}
        for key, language in (("ja", M.LANGUAGE_JA), ("en", M.LANGUAGE_EN)):
            entry = entries.get(key)
            if entry is None:
                self.report(node, M.TEXT_MISSING_LANGUAGE.format(
                    what=what, language=language, key=key))
                continue
            value = self.read_str(entry.value, what, lines=True)
            if value is None:
                continue
            if not value.strip():
                self.report(entry.value, M.TEXT_EMPTY.format(
                    what=what, language=language, key=key))
                continue
            values[key] = value.strip()
        if len(values) != 2:
            return None
        return Text(ja=values["ja"], en=values["en"])

    # -- helpers ----------------------------------------------------------------------
    def _unknown(self, node: Node, key: str, what: Text, allowed: Sequence[str]) -> None:
        if self.full:
            return
        import difflib  # only for this message: reading valid files does not wait for it

        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = M.DID_YOU_MEAN.format(name=close[0]) if close else Text("", "")
        self.report(node, M.UNKNOWN_KEY.format(
            key=shown(key, 64), what=what, hint=hint, allowed=", ".join(allowed)))

    def _scalar(self, node: ScalarNode) -> object:
        return scalar_value(node.tag, str(node.value))

    def _number_hint(self, node: Node) -> Text:
        """For ``1:30``, ``1_000`` and the like: YAML 1.2 reads them as text; what to write."""
        if isinstance(node, ScalarNode) and node.tag == _STR_TAG and not node.style:
            meant = meant_number(str(node.value))
            if meant is not None:
                return M.YAML12_NUMBER_HINT.format(value=_plain(meant))
        return M.NO_UNIT

    def _describe(self, node: Node) -> Text:
        if isinstance(node, MappingNode):
            return M.TYPE_NAMES["map"]
        if isinstance(node, SequenceNode):
            return M.TYPE_NAMES["seq"]
        if isinstance(node, ScalarNode):
            if node.tag == _NULL_TAG:
                return M.TYPE_NAMES["null"]
            shown = str(node.value)
            if len(shown) > 40:
                shown = shown[:37] + "..."
            return Text.same(repr(shown) if node.tag == _STR_TAG else shown)
        return M.TYPE_NAMES["other"]


def _plain(value: float) -> str:
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"{value:g}"  # 1e+308, not its 309 digits
    return str(int(value)) if float(value).is_integer() else str(value)
