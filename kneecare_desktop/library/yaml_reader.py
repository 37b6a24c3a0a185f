"""Read a YAML file into a node tree that remembers where every value came from.

Crafted input is rejected by design before anything big is built: the size is checked
before reading, anchors and aliases (the ingredients of "billion laughs" bombs) and
explicit tags are refused, and nesting is limited while scanning the event stream,
which PyYAML parses iteratively, before the recursive composer ever runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml
from yaml.nodes import Node

from kneecare_desktop.library.problems import RoutineProblem
from kneecare_desktop.library.yaml12 import Yaml12Loader
from kneecare_desktop.model import Text
from kneecare_desktop.text import messages as M

# libyaml's parser (about 20 times faster than the pure-Python one, with the same marks),
# resolving plain scalars by YAML 1.2: 020 is 20, 1:30 and yes are text.
_LOADER: type[yaml.SafeLoader] = Yaml12Loader
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24
_UTF8_BOM = b"\xef\xbb\xbf"


class _Mark(Protocol):
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """The root node of a file's single document (``None`` if there were problems)."""

    path: Path
    root: Node | None
    problems: tuple[RoutineProblem, ...]
    text: str = ""  # the decoded text, whose character indexes the nodes' marks count


def read_yaml_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read, decode and compose ``path``; every failure becomes a problem, never an exception."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _fail(path, 1, 1, M.FILE_TOO_LARGE.format(size=-(-size // 1024),
                                                             limit=max_bytes // 1024))
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as error:
        return _fail(path, 1, 1, M.FILE_UNREADABLE.format(reason=error.strerror or error))
    if len(raw) > max_bytes:
        return _fail(path, 1, 1, M.FILE_TOO_LARGE.format(size=-(-len(raw) // 1024),
                                                         limit=max_bytes // 1024))
    return parse_yaml_bytes(path, raw)


def parse_yaml_bytes(path: Path, raw: bytes) -> YamlDocument:
    """Decode UTF-8 (a BOM is fine) and compose one YAML document from ``raw``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start
        before = raw[:offset]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        if line == 1 and raw.startswith(_UTF8_BOM):
            line_start = len(_UTF8_BOM)
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return _fail(path, line, column, M.NOT_UTF8.format(byte=raw[offset]))
    return parse_yaml_text(path, text)


def parse_yaml_text(path: Path, text: str) -> YamlDocument:
    problems = _scan_events(path, text)
    if problems:
        return YamlDocument(path, None, tuple(problems))
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        return _fail_marked(path, error)
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks its errors
        return _fail(path, 1, 1, M.YAML_SYNTAX.format(detail=str(error)))
    if root is None:
        return _fail(path, 1, 1, M.EMPTY_FILE)
    return YamlDocument(path, root, (), text)


def _scan_events(path: Path, text: str) -> list[RoutineProblem]:
    """Walk the event stream once: syntax, aliases, anchors, tags, depth, documents."""
    problems: list[RoutineProblem] = []
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            mark = event.start_mark
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(_at(path, mark, M.MULTIPLE_DOCUMENTS))
                    break
            elif isinstance(event, yaml.AliasEvent):
                problems.append(_at(path, mark, M.ALIAS_NOT_ALLOWED.format(name=event.anchor)))
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    problems.append(
                        _at(path, mark, M.ANCHOR_NOT_ALLOWED.format(name=event.anchor)))
                tag = getattr(event, "tag", None)
                if tag is not None:
                    shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
                    problems.append(_at(path, mark, M.TAG_NOT_ALLOWED.format(tag=shown)))
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        problems.append(_at(path, mark, M.TOO_DEEP.format(limit=MAX_DEPTH)))
                        break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if len(problems) >= 50:
                break
    except yaml.MarkedYAMLError as error:
        problems.append(_fail_marked(path, error).problems[0])
    except yaml.reader.ReaderError as error:
        # A control character such as NUL. PyYAML gives an offset, not a line, and libyaml's
        # counts bytes of UTF-8, not characters: find the first such character instead.
        found = _NOT_PRINTABLE.search(text)
        position = found.start() if found is not None else min(error.position, len(text))
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
        problems.append(RoutineProblem(path, line, column, M.CONTROL_CHARACTER.format(
            code=f"{error.character:04X}")))
    return problems


# What YAML refuses in a stream (YAML 1.1, 5.1; PyYAML's and libyaml's reader alike).
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                            "\U00010000-\U0010FFFF]")


def _at(path: Path, mark: _Mark | None, message: Text) -> RoutineProblem:
    if mark is None:
        return RoutineProblem(path, 1, 1, message)
    return RoutineProblem(path, mark.line + 1, mark.column + 1, message)


def _fail(path: Path, line: int, column: int, message: Text) -> YamlDocument:
    return YamlDocument(path, None, (RoutineProblem(path, line, column, message),))


def _fail_marked(path: Path, error: yaml.MarkedYAMLError) -> YamlDocument:
    mark = error.problem_mark or error.context_mark
    if "maximum nesting depth" in (error.problem or ""):  # libyaml's own limit, scanned ahead
        return YamlDocument(path, None, (_at(path, mark, M.TOO_DEEP.format(limit=MAX_DEPTH)),))
    detail = " ".join(part for part in (error.context, error.problem) if part)
    if error.context_mark is not None and mark is not None \
            and error.context_mark.line != mark.line:
        detail += f"; it started on line {error.context_mark.line + 1}"
    return YamlDocument(path, None, (_at(path, mark, M.YAML_SYNTAX.format(detail=detail)),))
