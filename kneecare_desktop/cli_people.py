"""What the history, program, handout and report commands share: the store and people."""

from __future__ import annotations

import sys
from collections.abc import Callable

from kneecare_desktop.history import HistoryError, HistoryStore, Person
from kneecare_desktop.model import Lang, Text
from kneecare_desktop.paths import app_paths

NO_PERSON = Text("利用者「{name}」はいません。", "No person is called '{name}'.")
ME = Text("自分", "me")
_MOVED = Text("記録ファイルが壊れていたため {path} に移しました。新しい記録を始めます。",
              "The history file was damaged; it was moved to {path}, and a new one started.")
_CANNOT = Text("記録を開けません: {error}", "Cannot open the history: {error}")


def open_store(lang: Lang) -> HistoryStore | None:
    """The history, or None after saying why it cannot be opened."""
    try:
        store, report = HistoryStore.open(app_paths().history_db)
    except HistoryError as error:
        print(_CANNOT.format(error=str(error)).get(lang), file=sys.stderr)
        return None
    if report.moved_aside is not None:
        print(_MOVED.format(path=str(report.moved_aside)).get(lang), file=sys.stderr)
    return store


def find_person(store: HistoryStore, name: str | None, lang: Lang,
                create: bool = False) -> Person | None:
    """The named person (or the default one); None after saying there is no such person.

    The default person has no name; the window calls them "Me", and so may the command
    line (unless someone is really called that)."""
    if not name:
        return store.default_person()
    person = store.person_named(name)
    if person is None and name.strip().casefold() in {ME.ja, ME.en, "me"}:
        return store.default_person()
    if person is None and create:
        person = store.add_person(name)
    if person is None:
        print(NO_PERSON.format(name=name).get(lang), file=sys.stderr)
    return person


def with_store(lang: Lang, action: Callable[[HistoryStore], int]) -> int:
    """Open the history, run ``action``, close it: exit 1 if it cannot be opened."""
    store = open_store(lang)
    if store is None:
        return 1
    try:
        return action(store)
    finally:
        store.close()


def with_person(lang: Lang, name: str | None,
                action: Callable[[HistoryStore, Person], int]) -> int:
    """As :func:`with_store`, for one person: exit 2 if there is no such person."""

    def run(store: HistoryStore) -> int:
        person = find_person(store, name, lang)
        return 2 if person is None else action(store, person)

    return with_store(lang, run)


def shown_name(person: Person, lang: Lang) -> str:
    return person.name or ME.get(lang)
