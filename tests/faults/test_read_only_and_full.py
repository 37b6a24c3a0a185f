"""A read-only data folder, and a full one: the history is still shown and exported
(to a folder that can be written), and nothing crashes."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from kneecare_desktop.history.records import Outcome
from kneecare_desktop.history.store import HistoryStore
from tests.fault_places import Place, full_disk, read_only
from tests.unit.history_helpers import T0, block, start


def three_sessions(home: Path) -> None:
    store, _ = HistoryStore.open(home / "history.sqlite3")
    person = store.default_person().id
    for day in range(3):
        begun = start(person, T0 + timedelta(days=day))
        store.begin_session(begun)
        store.add_block(block(begun.uid, 1, T0 + timedelta(days=day)))
        store.finish_session(begun.uid, Outcome.COMPLETED, T0 + timedelta(days=day, minutes=4),
                             70.0)
        store.set_pain(begun.uid, before=4, after=2, note="=1+1")
    store.close()


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "KNEECARE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def _reads_and_exports(place: Place, home: Path, out: Path, sessions: int) -> None:
    env = _env(home)
    summary = place.run(["--lang", "en", "history"], env)
    assert summary.returncode == 0, summary.stderr
    assert "Traceback" not in summary.stderr
    if sessions:
        assert "This week" in summary.stdout
    exported = place.run(["--lang", "en", "history", "export", "--format", "csv", "--out",
                          str(out / "history.csv")], env)
    assert exported.returncode == 0, exported.stderr
    with (out / "history.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == sessions
    for command in (["report", "--out", str(out / "report.pdf")],
                    ["handout", "knee-care", "--out", str(out / "handout.pdf")],
                    ["program", "export", "--out", str(out / "program.yaml")],
                    ["plan", "knee-care", "--person", "me"], ["validate"]):
        result = place.run(["--lang", "en", *command], env)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("used", [True, False], ids=["with a history", "never used"])
def test_a_read_only_data_folder_is_read_and_exported(
        used: bool, tmp_path: Path, record_property: Callable[[str, str], None]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if used:
        three_sessions(home)
    out = tmp_path / "out"
    out.mkdir()
    with read_only(home) as place:
        record_property("fault", place.how)
        _reads_and_exports(place, home, out, 3 if used else 0)
        # Writing says why it cannot, plainly.
        handoff = out / "program.yaml"
        result = place.run(["--lang", "en", "program", "import", str(handoff)], _env(home))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "read-only" in result.stderr.lower() or "cannot" in result.stderr.lower()
    assert sorted(p.name for p in home.iterdir()) == (
        ["history.sqlite3"] if used else [])  # nothing was written there


def test_a_full_data_folder_is_read_and_exported(
        tmp_path: Path, record_property: Callable[[str, str], None]) -> None:
    before = tmp_path / "before"
    before.mkdir()
    three_sessions(before)
    out = tmp_path / "out"
    out.mkdir()
    with full_disk(tmp_path, copy_from=before) as place:
        record_property("fault", place.how)
        _reads_and_exports(place, place.folder, out, 3)


def test_program_import_with_the_history_locked_changes_nothing(tmp_path: Path) -> None:
    """Another program holds the history's write lock: the import waits, then says so,
    and neither the routine files nor the history have changed."""
    import sqlite3

    from kneecare_desktop.library.files import load_library
    from kneecare_desktop.library.handoff import export_text
    from kneecare_desktop.library.overrides import Overrides
    from kneecare_desktop.paths import shipped_routines_dir

    home = tmp_path / "home"
    home.mkdir()
    three_sessions(home)
    library = load_library(shipped_routines_dir())
    overrides = {rid: Overrides() for rid in library.routines}
    overrides["hamstring-towel"] = Overrides(hold_seconds=30)
    text = export_text(library, "knee-care", "Sato", overrides, T0).replace(
        "change_position: 15", "change_position: 20")
    handoff = tmp_path / "sato.yaml"
    handoff.write_text(text, encoding="utf-8")
    lock = sqlite3.connect(home / "history.sqlite3", isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        place = Place(home, "a write lock held by another connection")
        result = place.run(["--lang", "en", "program", "import", str(handoff), "--person",
                            "Sato"], _env(home))
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "Nothing was changed: the history cannot be saved (database is locked)" \
        in result.stderr
    assert not (home / "routines").exists() or list((home / "routines").iterdir()) == []
    store, _ = HistoryStore.open(home / "history.sqlite3")
    assert store.person_named("Sato") is None
    assert store.adjustments(store.default_person().id) == {}
