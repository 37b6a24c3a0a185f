"""Load and validate routine and program files, from the shipped and the user folders.

``load_library`` never raises for bad input: every problem becomes a
:class:`RoutineProblem` pinned to a file, line and column, all problems of a file are
reported together, and one bad file never keeps the good ones from loading.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from kneecare_desktop.library.checkin_file import CheckIn
from kneecare_desktop.library.parser import FileParser
from kneecare_desktop.library.problems import RoutineProblem, Severity
from kneecare_desktop.library.records import FileKind, Handoff, Library, LoadedFile, Origin
from kneecare_desktop.library.yaml_reader import read_yaml_file
from kneecare_desktop.model import (
    Program,
    Routine,
    Text,
)
from kneecare_desktop.text import messages as M


# --- folders and files ------------------------------------------------------------------
def routine_files(folder: Path) -> list[Path]:
    """The ``.yaml``/``.yml`` files directly inside ``folder``, sorted, hidden ones skipped."""
    if not folder.is_dir():
        return []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    return sorted(p for p in candidates
                  if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file())


def load_library(
    shipped: Path | None,
    user: Path | None = None,
    extra_files: Sequence[Path] = (),
) -> Library:
    """Load the shipped folder, then the user folder, then ``extra_files`` (as user files)."""
    loaded: list[LoadedFile] = []
    if shipped is not None:
        loaded += [load_file(p, Origin.SHIPPED) for p in routine_files(shipped)]
    if user is not None:
        loaded += [load_file(p, Origin.USER) for p in routine_files(user)]
    seen = {f.path.resolve() for f in loaded}
    for path in extra_files:
        if path.resolve() not in seen:
            loaded.append(load_file(path, Origin.USER))
    return link(loaded)


def load_file(path: Path, origin: Origin = Origin.USER) -> LoadedFile:
    document = read_yaml_file(path)
    if document.root is None:
        return LoadedFile(path, origin, None, None, 1, 1, None, (), document.problems)
    return FileParser(path, origin, document.text).parse(document.root)


def load_text(path: Path, text: str, origin: Origin = Origin.USER) -> LoadedFile:
    """Validate ``text`` as if it were the file at ``path`` (the editor's live check)."""
    from kneecare_desktop.library.yaml_reader import parse_yaml_text

    document = parse_yaml_text(path, text)
    if document.root is None:
        return LoadedFile(path, origin, None, None, 1, 1, None, (), document.problems)
    return FileParser(path, origin, document.text).parse(document.root)


def link(loaded: Iterable[LoadedFile]) -> Library:
    """Resolve ids across files: duplicates, shipped replacements and program references."""
    files = list(loaded)
    owners: dict[str, int] = {}
    extra: dict[int, list[RoutineProblem]] = {i: [] for i in range(len(files))}
    for index, item in enumerate(files):
        if item.id is None or item.kind is None:
            continue
        first = owners.get(item.id)
        if first is None:
            owners[item.id] = index
            continue
        previous = files[first]
        if previous.kind is not item.kind:
            # Ids name routines and programs alike (a program lists routine ids, the
            # check-in names routines): one id, one kind. The first one keeps it.
            extra[index].append(RoutineProblem(
                item.path, item.id_line, item.id_column, id_taken_by_other_kind(
                    item.id, item.kind, previous)))
        elif previous.origin is Origin.SHIPPED and item.origin is Origin.USER:
            owners[item.id] = index
            extra[index].append(RoutineProblem(
                item.path, item.id_line, item.id_column,
                M.REPLACES_SHIPPED.format(id=item.id, other=str(previous.path)),
                Severity.NOTICE))
        else:
            extra[index].append(RoutineProblem(
                item.path, item.id_line, item.id_column,
                M.DUPLICATE_ID.format(id=item.id, other=_where(previous))))
    for index, item in enumerate(files):
        if isinstance(item.item, Handoff):
            extra[index] += handoff_clashes(item.item, files)
    winners = {index for index in owners.values()}
    routines: dict[str, Routine] = {}
    broken_routines: dict[str, Path] = {}
    program_ids: set[str] = set()
    for index in sorted(winners):
        item = files[index]
        if item.kind is FileKind.ROUTINE and item.id is not None:
            if item.ok and isinstance(item.item, Routine):
                routines[item.id] = item.item
            else:
                broken_routines[item.id] = item.path
        elif item.kind is FileKind.PROGRAM and item.id is not None:
            program_ids.add(item.id)
    programs: dict[str, Program] = {}
    checkins: dict[str, CheckIn] = {}
    for index in sorted(winners):
        item = files[index]
        if item.kind not in (FileKind.PROGRAM, FileKind.CHECKIN):
            continue
        for ref in item.references:
            message = _reference_problem(ref.id, routines, broken_routines, program_ids)
            if message is not None:
                extra[index].append(RoutineProblem(item.path, ref.line, ref.column, message))
        # A notice (this user file replaces a shipped one) does not keep an item out.
        usable = item.ok and not any(p.is_error for p in extra[index])
        if usable and isinstance(item.item, Program):
            programs[item.item.id] = item.item
        if usable and isinstance(item.item, CheckIn):
            checkins[item.item.id] = item.item
    final = tuple(
        dataclasses.replace(f, problems=f.problems + tuple(extra[i])) if extra[i] else f
        for i, f in enumerate(files)
    )
    return Library(routines, programs, final, checkins)


def id_taken_by_other_kind(item_id: str, kind: FileKind | None, owner: LoadedFile) -> Text:
    """The error for an id that ``owner``, an item of another kind, already has."""
    shipped = owner.origin is Origin.SHIPPED
    return M.ID_OF_OTHER_KIND.format(
        id=item_id, kind=_kind_name(kind), other_kind=_kind_name(owner.kind),
        shipped=M.SHIPPED if shipped else Text("", ""), other=_where(owner))


_ID_KINDS = (FileKind.ROUTINE, FileKind.PROGRAM, FileKind.CHECKIN)


def handoff_clashes(handoff: Handoff, files: Iterable[LoadedFile]) -> list[RoutineProblem]:
    """The hand-off's ids that a routine, program or check-in of another kind among
    ``files`` already has.

    Ids are shared by every kind (a program lists routine ids, the check-in names
    routines), so a program called like a routine would break whatever runs that routine;
    importing may replace an item of the same kind, never one of another kind."""
    items: list[tuple[str, FileKind]] = [(r.id, FileKind.ROUTINE) for r in handoff.routines]
    items.append((handoff.program.id, FileKind.PROGRAM))
    others = [f for f in files if f.id is not None and f.kind in _ID_KINDS]
    found: list[RoutineProblem] = []
    for item_id, kind in items:
        for other in others:
            if other.id == item_id and other.kind is not kind:
                line, column = handoff.position_of(item_id)
                found.append(RoutineProblem(handoff.source or Path(), line, column,
                                            id_taken_by_other_kind(item_id, kind, other)))
                break
    return found


def _kind_name(kind: FileKind | None) -> Text:
    return M.KIND_NAMES.get(kind.value if kind is not None else "", M.KIND_NAMES["file"])


def _where(loaded: LoadedFile) -> str:
    """``FILE:LINE:COLUMN`` of a file's id, the form editors and terminals link to."""
    return f"{loaded.path}:{loaded.id_line}:{loaded.id_column}"


def _reference_problem(
    routine_id: str,
    routines: Mapping[str, Routine],
    broken: Mapping[str, Path],
    programs: set[str],
) -> Text | None:
    if routine_id in routines:
        return None
    if routine_id in broken:
        return M.BROKEN_ROUTINE.format(id=routine_id, other=str(broken[routine_id]))
    if routine_id in programs:
        return M.NOT_A_ROUTINE.format(id=routine_id)
    import difflib  # only for this message: the app's start-up does not wait for it

    close = difflib.get_close_matches(routine_id, list(routines), n=1, cutoff=0.6)
    hint = M.DID_YOU_MEAN.format(name=close[0]) if close else Text("", "")
    return M.UNKNOWN_ROUTINE.format(id=routine_id, hint=hint)


# --- one file ---------------------------------------------------------------------------
