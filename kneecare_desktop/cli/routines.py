"""``kneecare validate`` and ``kneecare plan``: check routine files, show a timeline."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kneecare_desktop.library.checkin_file import CheckIn
from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import (
    OverrideError,
    Overrides,
    applicable,
    validate_overrides,
)
from kneecare_desktop.library.records import Handoff, Library, LoadedFile
from kneecare_desktop.model import (
    Lang,
    Pacing,
    Program,
    Routine,
    Side,
    SideChoice,
    SideOrder,
    Text,
)
from kneecare_desktop.paths import app_paths, shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.timeline import Plan
from kneecare_desktop.text import messages as M, phrases as P
from kneecare_desktop.text.durations import format_duration

if TYPE_CHECKING:
    from kneecare_desktop.history.records import Person
    from kneecare_desktop.history.store import HistoryStore

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_FILE_OK = Text("{path}: OK — {kind}「{id}」{title}（{duration}）",
                "{path}: ok — {kind} '{id}', {title} ({duration})")
_KIND_NAMES = {"routine": Text("ケア", "routine"), "program": Text("プログラム", "program"),
               "checkin": Text("セルフチェック", "check-in"),
               "handoff": Text("ホームケア用のファイル", "hand-off")}
_QUESTIONS = Text("{count} 問", "{count} questions")
_SUMMARY = Text("{files} ファイル、問題 {errors} 件", "{files} files, {errors} problems")
_LIBRARY_HAS_PROBLEMS = Text(
    "注意: ケアのファイルに問題が {count} 件あります。kneecare validate で確認してください",
    "note: routine files have {count} problems; run 'kneecare validate' to see them",
)
_PLAN_HEADER = Text("{title}（{id}）合計 {duration}{estimate}",
                    "{title} ({id}), {duration} in all{estimate}")
_ESTIMATE = Text("（目安。自分のペースの回数を含みます）",
                 " (an estimate: it includes self-paced reps)")
KIND_LABELS = {
    "get_ready": Text("準備", "get ready"),
    "change_position": Text("姿勢を変える", "change position"),
    "hold": Text("キープ", "hold"),
    "switch_side": Text("入れ替え", "switch sides"),
    "rest": Text("休憩", "rest"),
    "rep_phase": Text("回数", "rep"),
    "self_paced_rep": Text("回数（自分のペース）", "rep (self-paced)"),
}
_SET_OF = Text("{set}セット目 / 全{sets}セット", "set {set} of {sets}")
_REP_OF = Text("{rep}回目 / {reps}回", "rep {rep} of {reps}")




def cmd_validate(paths: Sequence[Path], lang: Lang, out: TextIO) -> int:
    user_dir = app_paths().user_routines_dir
    explicit = _expand(paths)
    if paths:
        library = load_library(shipped_routines_dir(), user_dir, extra_files=explicit)
        chosen = {p.resolve() for p in explicit}
        files = [f for f in library.files if f.path.resolve() in chosen]
    else:
        library = load_library(shipped_routines_dir(), user_dir)
        files = list(library.files)
    errors = 0
    for loaded in files:
        for problem in loaded.problems:
            print(problem.format(lang).replace(str(problem.file), _shown(problem.file), 1),
                  file=out)
        errors += sum(1 for p in loaded.problems if p.is_error)
        if loaded.ok:
            print(_file_summary(loaded, library, lang), file=out)
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{_shown(path)}:1:1: "
              + M.FILE_UNREADABLE.format(reason="not found").get(lang), file=out)
    errors += len(missing)
    print(_SUMMARY.format(files=len(files), errors=errors).get(lang), file=out)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _expand(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif path.exists():
            found.append(path)
    return found


def _file_summary(loaded: LoadedFile, library: Library, lang: Lang) -> str:
    item = loaded.item
    assert item is not None
    assert loaded.kind is not None
    duration = "?"
    if isinstance(item, Handoff):
        duration = item.person
    elif isinstance(item, CheckIn):
        count = len(item.symptoms) + len(item.now) + len(item.last_run) + sum(
            len(c.signs) for c in item.causes)
        duration = _QUESTIONS.format(count=count).get(lang)
    else:
        try:
            plan = _compile(item.id, library, {})
            duration = format_duration(plan.total_seconds)
        except (KeyError, OverrideError):
            pass
    title = item.program.title if isinstance(item, Handoff) else item.title
    return _FILE_OK.format(path=_shown(loaded.path), kind=_KIND_NAMES[loaded.kind.value],
                           id=item.id, title=title, duration=duration).get(lang)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- plan -------------------------------------------------------------------------------
def cmd_plan(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    paths = app_paths()
    library = load_library(shipped_routines_dir(), paths.user_routines_dir)
    if library.errors:
        print(_LIBRARY_HAS_PROBLEMS.format(count=len(library.errors)).get(lang),
              file=sys.stderr)
    if args.id not in library.routines and args.id not in library.programs:
        choices = ", ".join(sorted([*library.routines, *library.programs]))
        print("kneecare plan: " + M.UNKNOWN_PLAN_ID.format(id=args.id, choices=choices)
              .get(lang), file=sys.stderr)
        return EXIT_USAGE
    requested = Overrides(
        hold_seconds=args.hold, sets=args.sets, reps=args.reps, rest_seconds=args.rest,
        switch_seconds=args.switch, lead_in_seconds=args.lead_in,
        order=SideOrder(args.order) if args.order else None,
        sides=SideChoice(args.side) if args.side else None,
        first_side=Side(args.first) if args.first else None,
        pacing=Pacing(args.pacing) if args.pacing else None,
    )
    base: dict[str, Overrides] = {}
    if args.person is not None:
        found = _adjustments_of(args.person, lang)
        if found is None:
            return 2
        base = found
    try:
        chosen = overrides_for(library, args.id, requested)
        for routine_id, overrides in chosen.items():
            base[routine_id] = overrides.over(base.get(routine_id, Overrides()))
        plan = _compile(args.id, library, base)
    except OverrideError as error:
        for message in error.messages:
            print("kneecare plan: " + message.get(lang), file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        json.dump(plan_to_json(plan, lang), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_plan(plan, lang))
    return EXIT_OK


def _adjustments_of(name: str, lang: Lang) -> dict[str, Overrides] | None:
    """A person's remembered adjustments, or None after saying there is no such person."""
    from kneecare_desktop.cli.people import with_person

    found: dict[str, Overrides] = {}

    def read(store: HistoryStore, person: Person) -> int:
        for routine_id, data in store.adjustments(person.id).items():
            found[routine_id] = Overrides.from_dict(data)
        return 0

    return found if with_person(lang, name, read) == 0 else None


def overrides_for(library: Library, item_id: str, requested: Overrides) -> dict[str, Overrides]:
    """One set of adjustments for a routine, or spread over a program's routines.

    For a single routine every adjustment must apply (``--reps`` on a stretch is an
    error); for a program each routine takes the ones that apply to it.
    """
    if requested.is_empty():
        return {}
    if item_id in library.routines:
        return {item_id: requested}
    routines = library.routines_of(item_id)
    chosen = {r.id: applicable(r, requested) for r in routines}
    if all(c.is_empty() for c in chosen.values()):
        # Nothing applied anywhere: report it against the first routine.
        raise OverrideError(validate_overrides(routines[0], requested))
    return chosen


def _compile(item_id: str, library: Library, overrides: dict[str, Overrides]) -> Plan:
    target: Routine | Program = (library.programs[item_id] if item_id in library.programs
                                 else library.routines[item_id])
    return compile_plan(target, overrides, library.routines)


def plan_to_json(plan: Plan, lang: Lang) -> dict[str, object]:
    return {
        "id": plan.id,
        "total_seconds": plan.total_seconds,
        "estimated": plan.estimated,
        "segments": [
            {
                "routine": s.routine_id,
                "kind": s.kind.value,
                "side": s.side.value,
                "set": s.set,
                "rep": s.rep,
                "start": s.start,
                "duration": s.duration,
                "text": s.instruction.get(lang),
            }
            for s in plan.segments
        ],
    }


def format_plan(plan: Plan, lang: Lang) -> str:
    estimate = _ESTIMATE if plan.estimated else Text("", "")
    lines = [_PLAN_HEADER.format(title=plan.title, id=plan.id,
                                 duration=format_duration(plan.total_seconds),
                                 estimate=estimate).get(lang)]
    # Each column as wide as its longest entry in this language ("change position").
    kind_width = max(_width(label.get(lang)) for label in KIND_LABELS.values())
    side_width = max(_width(name.get(lang)) for name in P.SIDE_NAMES.values())
    for s in plan.segments:
        kind = KIND_LABELS[s.kind.value].get(lang)
        side = P.SIDE_NAMES[s.side].get(lang) if s.side is not Side.NONE else ""
        count = ""
        if s.rep:
            count = _REP_OF.format(rep=s.rep, reps=s.reps).get(lang)
        elif s.set and s.kind.is_work:
            count = _SET_OF.format(set=s.set, sets=s.sets).get(lang)
        lines.append(
            f"{format_duration(s.start):>6}  {s.duration:>4g}s  {s.routine_id:<16} "
            f"{_pad(kind, kind_width)} {_pad(side, side_width)} {_pad(count, 20)} "
            f"{s.instruction.get(lang)}")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """The display width, counting East Asian wide characters as two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))
