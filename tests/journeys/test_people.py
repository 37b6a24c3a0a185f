"""People by name, as a therapist types them: one rule for every name, said plainly."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from kneecare_desktop.history.store import HistoryStore
from tests.journeys.user import User


def add(user: User, name: str) -> None:
    user.on_next_dialog(lambda dialog: user.type_into(dialog, name))
    user.click("Add…")


def test_a_name_that_breaks_a_rule_is_refused_in_the_window(launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    user.menu("People", "Manage people…")
    people = user.wait_for_dialog()
    add(user, "Runner")
    user.wait_until(lambda: "Runner" in user.main_window.windowTitle())
    for name, says in (("runner ", "There is already a person called 'Runner'"),
                       ("   ", "Please enter a name."),
                       ("x" * 81, "at most 80 characters")):
        add(user, name)
        refused: QWidget = user.wait_for_dialog(over=people)
        assert says in user.screen_text(refused)
        user.press("Escape")
        user.wait_until(lambda people=people: user.front() is people)
    user.answer("Close")
    assert user.main_window.windowTitle().count("Runner") == 1


def test_names_kept_from_before_that_clash_are_told_once(launch: Callable[..., User],
                                                         kneecare_home: Path) -> None:
    path = kneecare_home / "history.sqlite3"
    HistoryStore.open(path)[0].close()
    con = sqlite3.connect(path)  # an earlier version, before the rules, allowed these
    for name in ("Tanaka", "tanaka "):
        con.execute("INSERT INTO people (name, created_utc) VALUES (?, '2026-01-01')", (name,))
    con.commit()
    con.close()
    user = launch(ask_pain=False)
    user.wait_to_see("These people's names differ only in capitals or spaces")
    assert user.sees("“Tanaka” / “tanaka ”")
    user.click("OK")
    user.menu("File", "Quit")
    again = launch(ask_pain=False)
    again.wait_until(lambda: again.offers("Tanaka"))  # the people are read: told or not
    again.settle()
    assert not again.sees("These people's names differ only in capitals or spaces")
