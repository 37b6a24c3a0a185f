"""``kneecare handout`` and ``kneecare report``: PDF (and CSV) for the clinic."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from datetime import date
from typing import Any, TextIO

from kneecare_desktop.cli.people import shown_name, with_person
from kneecare_desktop.history import report_data as report
from kneecare_desktop.history.records import Person
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.model import Lang, Text
from kneecare_desktop.paths import app_paths, shipped_routines_dir
from kneecare_desktop.safe_files import WriteFailedError, write_text

_NO_ID = Text("「{id}」というケアやプログラムはありません。使える ID: {choices}",
              "no routine or program has the id '{id}'; available: {choices}")
_WROTE = Text("書き出しました: {path}", "Wrote {path}")
_SUFFIX = Text("出力先は .pdf か .csv にしてください: {path}",
               "the output must end in .pdf or .csv: {path}")


def _documents() -> tuple[Any, Any]:
    """The Qt side that draws the PDFs, loaded only for these two commands. PDFs need
    Qt's painting, not a screen: offscreen when there is no display."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    documents = importlib.import_module("kneecare_desktop.ui.documents")
    return documents, documents.ensure_app()  # the caller keeps the app while it draws


def run(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    def act(store: HistoryStore, person: Person) -> int:
        name = shown_name(person, lang)
        if args.command == "handout":
            return _handout(store, person, name, args, lang, out)
        return _report(store, person, name, args, lang, out)

    return with_person(lang, args.person, act)


def _handout(store: HistoryStore, person: Person, name: str, args: argparse.Namespace,
             lang: Lang, out: TextIO) -> int:
    library = load_library(shipped_routines_dir(), app_paths().user_routines_dir)
    target = library.programs.get(args.id) or library.routines.get(args.id)
    if target is None:
        choices = ", ".join(sorted([*library.routines, *library.programs]))
        print(_NO_ID.format(id=args.id, choices=choices).get(lang), file=sys.stderr)
        return 2
    overrides = {rid: Overrides.from_dict(data)
                 for rid, data in store.adjustments(person.id).items()}
    documents, _app = _documents()
    try:
        documents.write_handout(args.out, target, library.routines, overrides, lang, name,
                                date.today())
    except WriteFailedError as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    print(_WROTE.format(path=str(args.out)).get(lang), file=out)
    return 0


def _report(store: HistoryStore, person: Person, name: str, args: argparse.Namespace,
            lang: Lang, out: TextIO) -> int:
    from datetime import timedelta

    last = args.until or date.today()
    first = args.since or last - timedelta(days=27)
    data = report.gather(store, person, first, last)
    suffix = args.out.suffix.lower()
    if suffix not in (".csv", ".pdf"):
        print(_SUFFIX.format(path=str(args.out)).get(lang), file=sys.stderr)
        return 2
    try:
        if suffix == ".csv":
            write_text(args.out, report.report_csv(data, name), "utf-8-sig")
        else:
            library = load_library(shipped_routines_dir(), app_paths().user_routines_dir)
            documents, _app = _documents()
            documents.write_report_pdf(args.out, data, name, lang, library.routines)
    except WriteFailedError as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    print(_WROTE.format(path=str(args.out)).get(lang), file=out)
    return 0
