"""What the history, program, handout and report commands share: the store and people."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from kneecare_desktop.history import clinic
from kneecare_desktop.history.records import HistoryError, Person, PersonNameError
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Lang, Text
from kneecare_desktop.paths import app_paths
from kneecare_desktop.text import people_names

NO_PERSON = Text("利用者「{name}」はいません。", "No person is called '{name}'.")
ME = Text("自分", "me")
_MOVED = Text("記録ファイルが壊れていたため {path} に移しました。新しい記録を始めます。",
              "The history file was damaged; it was moved to {path}, and a new one started.")
_RECOVERED = Text("壊れたファイルから復元しました: セッション {sessions} 件、"
                  "キープとセット {blocks} 件、セルフチェック {checkins} 件、利用者 {people} 人。",
                  "Recovered from it: {sessions} sessions, {blocks} holds and sets, "
                  "{checkins} check-ins, {people} people.")
_CANNOT = Text("記録を開けません: {error}", "Cannot open the history: {error}")
_RUN_DATABASE_CHECK = Text("kneecare database check で詳しく確かめられます。",
                           "'kneecare database check' says more.")
_DAMAGED = Text("記録ファイルが壊れていて読めません（{error}）。"
                "フォルダーに書き込めるようにしてから、もう一度実行すると、読める分を復元します。",
                "The history file is damaged and cannot be read ({error}). Run this again "
                "where its folder can be written, and what can be read is recovered.")


def open_store(lang: Lang, write: bool = False) -> HistoryStore | None:
    """The history (only to read, unless ``write``), or None after saying why it cannot
    be opened. Reading needs neither write access nor free space in the data folder.

    With a clinic server configured (``--database``, ``KNEECARE_DATABASE_URL``), the
    server's history: a command reads what every PC has recorded there."""
    paths = app_paths()
    url = clinic.database_url(os.environ)
    if url:
        return _open_server(url, paths.device_id_file, lang)
    path = paths.history_db
    try:
        store, report = (HistoryStore.open(path) if write
                         else HistoryStore.open_to_read(path))
    except HistoryError as error:
        print(_CANNOT.format(error=str(error)).get(lang), file=sys.stderr)
        return None
    if report.moved_aside is not None:
        print(_MOVED.format(path=str(report.moved_aside)).get(lang), file=sys.stderr)
        if report.recovered is not None:
            copied = report.recovered.copied
            print(_RECOVERED.format(sessions=copied.get("sessions", 0),
                                    blocks=copied.get("blocks", 0),
                                    checkins=copied.get("checkins", 0),
                                    people=copied.get("people", 0)).get(lang), file=sys.stderr)
    return store


def _open_server(url: str, device_file: Path, lang: Lang) -> HistoryStore | None:
    from kneecare_desktop.history import postgres

    try:
        return postgres.PostgresHistoryStore.open_server(url, clinic.device_id(device_file))
    except postgres.SchemaMismatchError as mismatch:
        print(_CANNOT.format(error=str(mismatch)).get(lang), file=sys.stderr)
        print(_RUN_DATABASE_CHECK.get(lang), file=sys.stderr)
    except HistoryError as error:
        detail = clinic.redact(str(error))
        print(_CANNOT.format(error=detail).get(lang), file=sys.stderr)
        print(clinic.ADVICE[clinic.diagnose(detail)].get(lang), file=sys.stderr)
    return None


def find_person(store: HistoryStore, name: str | None, lang: Lang,
                create: bool = False) -> Person | None:
    """The named person (or, with no name, the default one); None after saying why not.

    Names follow ``people_names``: trimmed, never empty, compared ignoring case. The
    default person has no name; the window calls them "Me", and so may the command line
    (unless someone is really called that)."""
    if name is None:
        return store.default_person()
    try:
        cleaned = people_names.clean_name(name)
    except people_names.BadNameError as error:
        print(error.message.get(lang), file=sys.stderr)
        return None
    person = store.person_named(cleaned)
    if person is None and people_names.name_key(cleaned) in {ME.ja, ME.en, "me"}:
        return store.default_person()
    if person is None and create:
        try:
            person = store.add_person(cleaned)
        except PersonNameError as error:
            print(error.message.get(lang), file=sys.stderr)
            return None
    if person is None:
        print(NO_PERSON.format(name=cleaned).get(lang), file=sys.stderr)
    return person


def with_store(lang: Lang, action: Callable[[HistoryStore], int], write: bool = False) -> int:
    """Open the history, run ``action``, close it: exit 1 if it cannot be opened or
    turns out to be damaged (never a traceback)."""
    store = open_store(lang, write)
    if store is None:
        return 1
    try:
        return action(store)
    except sqlite3.DatabaseError as error:
        print(_DAMAGED.format(error=str(error)).get(lang), file=sys.stderr)
        return 1
    except HistoryError as error:  # a server that went away mid-command
        print(_CANNOT.format(error=clinic.redact(str(error))).get(lang), file=sys.stderr)
        return 1
    finally:
        store.close()


def with_person(lang: Lang, name: str | None,
                action: Callable[[HistoryStore, Person], int], write: bool = False) -> int:
    """As :func:`with_store`, for one person: exit 2 if there is no such person."""

    def run(store: HistoryStore) -> int:
        person = find_person(store, name, lang)
        return 2 if person is None else action(store, person)

    return with_store(lang, run, write)


def shown_name(person: Person, lang: Lang) -> str:
    return person.name or ME.get(lang)
