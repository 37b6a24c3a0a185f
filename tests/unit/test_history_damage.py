"""A history file whose header is intact but whose pages are not: caught at open, moved
aside, everything readable recovered; never a write retried forever, never a traceback."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kneecare_desktop.history.records import Outcome
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.history.writer import HistoryWriter
from tests.conftest import REPO
from tests.unit.history_helpers import T0, block, start

PAGE = 4096


def filled_history(path: Path, sessions: int = 120) -> HistoryStore:
    from datetime import timedelta

    store, _ = HistoryStore.open(path)
    person = store.default_person().id
    for day in range(sessions):
        begun = start(person, T0 + timedelta(days=day))
        store.begin_session(begun)
        for seq in range(1, 5):
            store.add_block(block(begun.uid, seq, T0 + timedelta(days=day)))
        store.finish_session(begun.uid, Outcome.COMPLETED, T0 + timedelta(days=day, minutes=5),
                             80.0)
        store.set_pain(begun.uid, before=3, after=2, note=f"day {day}")
    return store


def damage_pages(path: Path, first: int = 3, last: int = 5, seed: int = 7) -> None:
    """Random bytes over pages ``first``..``last`` (1-based); the header page stays."""
    data = bytearray(path.read_bytes())
    assert len(data) > last * PAGE, "the file is big enough to damage"
    noise = random.Random(seed).randbytes((last - first + 1) * PAGE)
    data[(first - 1) * PAGE:last * PAGE] = noise
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(kneecare_home: Path) -> Path:
    path = kneecare_home / "history.sqlite3"
    filled_history(path).close()
    damage_pages(path)
    return path


def test_quick_check_finds_the_damage_and_open_recovers_what_it_can(damaged: Path) -> None:
    store, report = HistoryStore.open(damaged)
    assert report.moved_aside is not None
    assert report.moved_aside.exists()  # kept, never deleted
    assert report.recovered is not None
    copied = report.recovered.copied
    assert copied["people"] >= 1
    # The sessions' root page was among the damaged ones: SQLite reaches none of them,
    # the page scan finds them all.
    assert copied["sessions"] == 120
    assert copied["blocks"] == 480
    assert store.quick_check() is None
    assert len(store.sessions()) == copied["sessions"]
    # What was copied is whole: every block belongs to a copied session.
    assert {b.session_uid for b in store.blocks()} <= {s.uid for s in store.sessions()}


def test_a_write_that_meets_damage_is_not_retried_forever(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "history.sqlite3"
    filled_history(path).close()
    damage_pages(path)
    # The damage came after the check at open (a disk failing mid-session).
    monkeypatch.setattr(HistoryStore, "quick_check", lambda _self: None)
    writer = HistoryWriter(path)
    begun = start(1)
    writer.begin(begun)
    for seq in range(1, 4):
        writer.block(block(begun.uid, seq))
    assert writer.flush()
    status = writer.status
    assert not status.healthy
    assert status.permanent
    assert "malformed" in status.error
    assert status.unsaved == 4
    assert [r["operation"] for r in writer.unsaved()] == ["begin", "block", "block", "block"]
    writer.close()


@pytest.mark.parametrize("command", [["history"],
                                     ["history", "export", "--format", "csv", "--out"],
                                     ["report", "--out"]])
def test_commands_recover_and_never_show_a_traceback(damaged: Path, tmp_path: Path,
                                                     command: list[str]) -> None:
    args = list(command)
    if args[-1] == "--out":
        args.append(str(tmp_path / ("out.csv")))
    result = subprocess.run([sys.executable, "-m", "kneecare_desktop", "--lang", "en", *args],
                            capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
                            env={**os.environ, "KNEECARE_HOME": str(damaged.parent),
                                 "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "The history file was damaged; it was moved to" in result.stderr
    assert "Recovered from it:" in result.stderr
    store, report = HistoryStore.open(damaged)
    assert report.moved_aside is None  # healthy from now on
    assert store.sessions()


def test_the_fresh_file_is_checked_too_and_stays_quiet(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    filled_history(path).close()
    store, report = HistoryStore.open(path)
    assert report.moved_aside is None
    assert report.recovered is None
    assert len(store.sessions()) == 120
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(("first", "last"), [(2, 2), (3, 5), (6, 9), (10, 30), (2, 36)])
def test_any_damage_is_survived(tmp_path: Path, first: int, last: int) -> None:
    path = tmp_path / "history.sqlite3"
    filled_history(path).close()
    damage_pages(path, first, last, seed=first * 100 + last)
    store, report = HistoryStore.open(path)
    assert report.moved_aside is not None
    assert store.quick_check() is None
    sessions = store.sessions(include_all_people=True)
    assert len(sessions) <= 120
    assert {b.session_uid for b in store.blocks()} <= {s.uid for s in sessions}
