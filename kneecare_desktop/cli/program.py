"""``kneecare program export|import``: hand a person's program from the clinic to home."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TextIO

from kneecare_desktop import safe_files
from kneecare_desktop.cli.people import ME, find_person, shown_name, with_store
from kneecare_desktop.history.records import HistoryError, PersonNameError
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.library import handoff
from kneecare_desktop.library.files import load_file, load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.records import Handoff
from kneecare_desktop.model import Lang, Text
from kneecare_desktop.paths import app_paths, shipped_routines_dir
from kneecare_desktop.text import people_names

_EXPORTED = Text("{person} のプログラム「{program}」を書き出しました: {path}",
                 "Exported {person}'s program '{program}': {path}")
_NO_PROGRAM = Text("プログラム「{id}」はありません。使える ID: {choices}",
                   "no program has the id '{id}'; available: {choices}")
_NOT_HANDOFF = Text("{path} はホームケア用のファイルではありません（kind: handoff）",
                    "{path} is not a hand-off file (kind: handoff)")
_ACTIONS = {
    handoff.Action.ADD: Text("追加", "add"),
    handoff.Action.SAME: Text("同じ内容（変更なし）", "already the same"),
    handoff.Action.REPLACE_SHIPPED: Text("同梱のものの代わりに使う",
                                         "use instead of the shipped one"),
    handoff.Action.REPLACE_USER: Text("あなたのファイルを置き換える", "REPLACE your file"),
}
_REFUSED = Text("次のファイルを置き換えることになるため、何も変更していません: {paths}。"
                "置き換えてよければ --replace を付けて実行してください。",
                "Nothing was changed: this would replace {paths}. Run again with --replace "
                "to allow it.")
_IMPORTED = Text("取り込みました（{count} ファイル）。調整は利用者「{person}」に保存しました。",
                 "Imported ({count} files). The adjustments are saved for '{person}'.")
_NOTHING_CHANGED = Text("このファイルは取り込めません。何も変更していません。",
                        "This file cannot be imported. Nothing was changed.")
_ADJUSTED = Text("  調整 {routine}: {values}", "  adjustments for {routine}: {values}")
_NOT_SAVED = Text("記録に保存できないため、何も変更していません（{error}）。"
                  "別のアプリが記録を使っている場合は、閉じてからもう一度実行してください。",
                  "Nothing was changed: the history cannot be saved ({error}). If the app "
                  "or another command is using it, close that and run this again.")


def run(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    if args.program_command == "export":
        return with_store(lang, lambda store: _export(store, args, lang, out))
    # A file that cannot be imported is refused before anything, even the history, is
    # opened or written.
    plan = _plan_import(args, lang, out)
    if plan is None:
        return 1
    return with_store(lang, lambda store: _import(store, plan, args, lang, out), write=True)


def _export(store: HistoryStore, args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    paths = app_paths()
    library = load_library(shipped_routines_dir(), paths.user_routines_dir)
    if args.program not in library.programs:
        print(_NO_PROGRAM.format(id=args.program, choices=", ".join(library.programs))
              .get(lang), file=sys.stderr)
        return 2
    person = find_person(store, args.person, lang)
    if person is None:
        return 2
    adjustments = {rid: Overrides.from_dict(data)
                   for rid, data in store.adjustments(person.id).items()}
    text = handoff.export_text(library, args.program, person.name, adjustments,
                               datetime.now().astimezone())
    try:
        safe_files.write_text(args.out, text)
    except safe_files.WriteFailedError as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    name = shown_name(person, lang)
    print(_EXPORTED.format(person=name, program=library.programs[args.program].title,
                           path=str(args.out)).get(lang), file=out)
    return 0


def _plan_import(args: argparse.Namespace, lang: Lang, out: TextIO) -> handoff.ImportPlan | None:
    """The import's plan, or None after printing why the file cannot be imported."""
    paths = app_paths()
    loaded = load_file(args.file)
    for problem in loaded.problems:
        print(problem.format(lang), file=out)
    if not loaded.ok:
        return None
    if not isinstance(loaded.item, Handoff):
        print(_NOT_HANDOFF.format(path=str(args.file)).get(lang), file=sys.stderr)
        return None
    library = load_library(shipped_routines_dir(), paths.user_routines_dir)
    plan = handoff.plan_import(loaded.item, library, paths.user_routines_dir)
    for problem in plan.problems:
        print(problem.format(lang), file=out)
    if plan.problems:
        print(_NOTHING_CHANGED.get(lang), file=sys.stderr)
        return None
    return plan


def _import(store: HistoryStore, plan: handoff.ImportPlan, args: argparse.Namespace,
            lang: Lang, out: TextIO) -> int:
    for item in plan.files:
        print(f"  {_ACTIONS[item.action].get(lang)}: {item.kind} {item.item_id} → {item.path}",
              file=out)
    for routine_id, overrides in plan.adjustments.items():
        print(_ADJUSTED.format(routine=routine_id, values=overrides.to_dict()).get(lang),
              file=out)
    # The person (found, or added) and the adjustments go into the history in one
    # transaction, with the files staged inside it: both change together, or neither.
    new_person: str | None = None
    person_id: int | None = None
    if args.person is not None:
        try:
            cleaned = people_names.clean_name(args.person)
        except people_names.BadNameError as error:
            print(error.message.get(lang), file=sys.stderr)
            return 2
        found = store.person_named(cleaned)
        if found is None and people_names.name_key(cleaned) not in {ME.ja, ME.en, "me"}:
            new_person = cleaned
        person_id = found.id if found is not None else None
    try:
        staged, written = handoff.stage_import(plan, allow_replace=args.replace)
    except handoff.ImportRefusedError as refused:
        print(_REFUSED.format(paths=str(refused)).get(lang), file=sys.stderr)
        return 1
    except safe_files.WriteFailedError as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    try:
        person = store.save_import({rid: o.to_dict() for rid, o in plan.adjustments.items()},
                                   person_id, new_person)
    except PersonNameError as error:
        staged.discard()
        print(error.message.get(lang), file=sys.stderr)
        return 1
    except HistoryError as error:
        staged.discard()
        print(_NOT_SAVED.format(error=str(error)).get(lang), file=sys.stderr)
        return 1
    try:
        staged.commit()
    except safe_files.WriteFailedError as error:  # pragma: no cover - a rename refused
        print(error.message(lang), file=sys.stderr)
        return 1
    name = shown_name(person, lang)
    print(_IMPORTED.format(count=len(written), person=name).get(lang), file=out)
    return 0
