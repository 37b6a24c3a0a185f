"""A person's name: trimmed, never empty, at most 80 characters, no control characters,
and one person per name ignoring case and surrounding spaces."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kneecare_desktop.history.records import PersonNameError
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Lang
from tests.conftest import REPO


@pytest.fixture
def store(history_store: HistoryStore) -> HistoryStore:
    """Each test runs against both backends: a file, and a clinic's server."""
    history_store.add_person("Runner")
    return history_store


@pytest.mark.parametrize(("name", "says"), [
    ("", "Please enter a name."),
    ("   ", "Please enter a name."),
    ("Runner ", "There is already a person called 'Runner'"),
    ("runner", "There is already a person called 'Runner'"),
    ("  RUNNER", "There is already a person called 'Runner'"),
    ("x" * 10_000, "at most 80 characters long (this one has 10000)"),
    ("Ta\x00naka", "U+0000"),
    ("Ta\x1bnaka", "U+001B"),
    ("Sato\u202egnp.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
])
def test_a_name_that_breaks_a_rule_is_refused_with_what_to_fix(store: HistoryStore, name: str,
                                                               says: str) -> None:
    with pytest.raises(PersonNameError) as refused:
        store.add_person(name)
    assert says in refused.value.message.get(Lang.EN)
    assert refused.value.message.get(Lang.JA)  # and in Japanese
    assert len(store.people()) == 2


def test_names_are_trimmed_and_found_ignoring_case(store: HistoryStore) -> None:
    sato = store.add_person("  Sato Hanako ")
    assert sato.name == "Sato Hanako"
    assert store.person_named("sato hanako") == sato
    assert store.person_named("Sato Hanako") == sato
    assert len(store.add_person("x" * 80).name) == 80
    with pytest.raises(PersonNameError):
        store.rename_person(sato.id, "runner")
    store.rename_person(sato.id, "Sato H.")  # its own new name is fine


def test_names_that_clash_from_before_are_kept_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store, _ = HistoryStore.open(path)
    store.close()
    con = sqlite3.connect(path)  # as an earlier version, without the rules, left them
    for name in ("Runner", "runner", "Runner "):
        con.execute("INSERT INTO people (name, created_utc) VALUES (?, '2026-01-01')", (name,))
    con.commit()
    con.close()
    store, _ = HistoryStore.open(path)
    assert store.name_clashes() == [["Runner", "runner", "Runner "]] or \
        sorted(store.name_clashes()[0]) == sorted(["Runner", "runner", "Runner "])
    assert len(store.people()) == 4  # never merged
    assert store.person_named("Runner") is not None  # an exact name still finds its person
    assert store.person_named("RUNNER") is None  # ambiguous: not guessed


@pytest.mark.parametrize("name", ["", "   ", "x" * 200, "a\x07b"])
def test_the_command_line_says_the_same(name: str, kneecare_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kneecare_desktop", "--lang", "en", "history", "--person", name],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
        env={**os.environ, "KNEECARE_HOME": str(kneecare_home)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert ("Please enter a name." in result.stderr or "at most 80" in result.stderr
            or "U+0007" in result.stderr)
