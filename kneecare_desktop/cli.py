"""The ``kneecare`` command: open the app, check routine files, show a plan.

Never prints a traceback for a user's mistake: bad files and bad options get a message
saying what to fix, and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kneecare_desktop import __version__
from kneecare_desktop import messages as M
from kneecare_desktop import phrases as P
from kneecare_desktop.checkin import CheckIn
from kneecare_desktop.i18n import system_language
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
from kneecare_desktop.plan import (
    OverrideError,
    Overrides,
    Plan,
    applicable,
    compile_plan,
    validate_overrides,
)
from kneecare_desktop.routines import Handoff, Library, LoadedFile, load_library

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_NO_DISPLAY = Text(
    "画面（ディスプレイ）が見つかりません。デスクトップから起動するか、"
    "xvfb-run kneecare または QT_QPA_PLATFORM=offscreen を使ってください。",
    "kneecare: no display found. Start it from a desktop session, or use "
    "'xvfb-run kneecare' or QT_QPA_PLATFORM=offscreen.",
)
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = Lang(args.lang) if args.lang else system_language()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "validate":
        return cmd_validate(args.paths, lang, sys.stdout)
    if args.command == "plan":
        return cmd_plan(args, lang, sys.stdout)
    if args.command == "history":
        from kneecare_desktop import cli_history

        return cli_history.run(args, lang, sys.stdout)
    if args.command == "program":
        from kneecare_desktop import cli_program

        return cli_program.run(args, lang, sys.stdout)
    if args.command in ("handout", "report"):
        from kneecare_desktop import cli_documents

        return cli_documents.run(args, lang, sys.stdout)
    return cmd_gui(args, lang)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kneecare",
        description="KneeCare Desktop: guided care routines for pain behind the knee.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--lang", choices=[lang.value for lang in Lang],
                        help="language of the app and its messages (default: the system's)")
    parser.add_argument("--presenter", action="store_true",
                        help="open in presenter mode (full screen, for a clinic screen)")
    commands = parser.add_subparsers(dest="command")
    validate = commands.add_parser(
        "validate", help="check routine and program files",
        description="Check routine and program files. Without PATH: the shipped and the "
                    "user's files. Prints FILE:LINE:COLUMN: message for every problem.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="files or folders to check")
    plan = commands.add_parser(
        "plan", help="show the timeline of a routine or program",
        description="Show the timeline of a routine or a program, with adjustments.")
    plan.add_argument("id", help="a routine or program id, e.g. knee-care")
    plan.add_argument("--hold", type=int, metavar="S", help="hold seconds")
    plan.add_argument("--sets", type=int, metavar="N", help="sets")
    plan.add_argument("--reps", type=int, metavar="N", help="reps per set")
    plan.add_argument("--rest", type=int, metavar="S", help="rest between sets, seconds")
    plan.add_argument("--switch", type=int, metavar="S", help="time to switch sides, seconds")
    plan.add_argument("--lead-in", type=int, metavar="S", help="get-ready time, seconds")
    plan.add_argument("--order", choices=[o.value for o in SideOrder], help="side order")
    plan.add_argument("--side", choices=[s.value for s in SideChoice],
                      help="both legs, or one side only")
    plan.add_argument("--first", choices=[Side.LEFT.value, Side.RIGHT.value],
                      help="the side to start with")
    plan.add_argument("--pacing", choices=[p.value for p in Pacing],
                      help="reps guided by a tempo, or self-paced (Enter per rep)")
    plan.add_argument("--json", action="store_true", help="print JSON")
    from kneecare_desktop import cli_documents, cli_history, cli_program

    cli_history.add_parser(commands)
    cli_program.add_parser(commands)
    cli_documents.add_parsers(commands)
    return parser


# --- validate ---------------------------------------------------------------------------
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
    try:
        plan = _compile(args.id, library, overrides_for(library, args.id, requested))
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


def format_duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


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
            f"{_pad(kind, 14)} {_pad(side, 10)} {_pad(count, 20)} {s.instruction.get(lang)}")
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting East Asian wide characters as two columns."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


# --- the app ----------------------------------------------------------------------------
def cmd_gui(args: argparse.Namespace, lang: Lang | None) -> int:
    if not _display_available(os.environ):
        print(_NO_DISPLAY.get(lang or system_language()), file=sys.stderr)
        return EXIT_USAGE
    # Qt is imported only here, so the other commands start fast and work without it.
    # Start-up creates tens of thousands of objects that all live as long as the app;
    # collecting garbage among them only slows the first window. run_app turns the
    # collector back on, and freezes these objects out of its way, once the window shows.
    gc.disable()
    app_module = importlib.import_module("kneecare_desktop.ui.app")
    status: int = app_module.run_app(lang=lang if args.lang else None, presenter=args.presenter)
    return status


def _display_available(environ: os._Environ[str] | dict[str, str]) -> bool:
    """Would Qt find a screen? Checked before Qt aborts the process without one."""
    if environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
