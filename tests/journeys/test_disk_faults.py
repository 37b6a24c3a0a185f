"""From the window, onto a disk that refuses: a clear message, the earlier file kept."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fault_places import can_mount_here, full_disk, read_only
from tests.journeys.user import User

EARLIER = b"the earlier, good handout"


def _in_a_namespace(request: pytest.FixtureRequest) -> None:
    """Without root, run this very journey again where it may mount (unshare -rm)."""
    result = subprocess.run(
        ["unshare", "-rm", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         request.node.nodeid], capture_output=True, text=True, cwd=REPO, timeout=240,
        env={**os.environ, "KNEECARE_IN_NAMESPACE": "1"}, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


@pytest.mark.parametrize("item", ["Print a home-care handout (PDF)…", "Report for the clinic…"])
def test_writing_onto_a_full_disk_says_so_and_keeps_the_earlier_file(
        item: str, launch: Callable[..., User], tmp_path: Path,
        request: pytest.FixtureRequest, record_property: Callable[[str, str], None]) -> None:
    if not can_mount_here():
        record_property("fault", "a filled tmpfs, the journey rerun in a private namespace")
        _in_a_namespace(request)
        return
    name = "handout.pdf" if "handout" in item else "report.pdf"
    with full_disk(tmp_path, {name: EARLIER}) as place:
        record_property("fault", place.how)
        user = launch(ask_pain=False)
        target = place.folder / name
        user.will_answer_file_dialogs_with(target)
        user.menu("File", item)
        message = user.wait_for_dialog()
        text = user.screen_text(message)
        assert f"Could not write {target}" in text
        assert "Any earlier file there is unchanged." in text
        user.press("Escape")
        assert target.read_bytes() == EARLIER
        assert sorted(p.name for p in place.folder.iterdir()) == [".filler", name]


def test_a_read_only_data_folder_runs_sessions_and_shows_the_history(
        launch: Callable[..., User], tmp_path: Path, places: dict[str, Path],
        request: pytest.FixtureRequest, record_property: Callable[[str, str], None],
        monkeypatch: pytest.MonkeyPatch) -> None:
    if not can_mount_here():
        record_property("fault", "a read-only bind mount, the journey rerun in a namespace")
        _in_a_namespace(request)
        return
    from tests.faults.test_read_only_and_full import three_sessions

    home = tmp_path / "clinic-home"
    home.mkdir()
    three_sessions(home)
    # The preferences a person set earlier, before the folder became read-only.
    (home / "settings.ini").write_text("[session]\nask_pain=false\ninterruption_threshold=120\n",
                                       encoding="utf-8")
    with read_only(home) as place:
        record_property("fault", place.how)
        monkeypatch.setenv("KNEECARE_HOME", str(home))
        user = launch_read_only(launch, home)
        user.wait_to_see("The data folder cannot be written")
        assert user.sees("nothing new will be saved")
        # The history is there, and exports to a folder that can be written.
        user.press("Ctrl+H")
        user.wait_until(lambda: len(user.table_rows("Sessions")) == 3)
        target = places["answers"] / "history.csv"
        user.will_answer_file_dialogs_with(target)
        user.click("Export CSV…")
        user.wait_until(lambda: target.exists())
        assert "'=1+1" in target.read_text(encoding="utf-8-sig")
        # A session runs, with nothing saved and nothing crashing.
        user.press("Ctrl+1")
        user.click_item("Hip hinge drill")
        user.click("Start")
        user.wait_to_see("get ready")
        user.press("H")
        user.wait_to_see("Stopped because it hurt")
        user.wait_until(lambda: user.has_button("Export them…"))
        user.click("Back to the care menu")
        assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3", "settings.ini"]


def launch_read_only(launch: Callable[..., User], home: Path) -> User:
    """Start the app on a folder whose settings cannot be written either."""
    return launch(home=home, preferences=False)


def test_a_damaged_history_is_recovered_and_the_person_is_told(
        launch: Callable[..., User], kneecare_home: Path) -> None:
    from tests.unit.test_history_damage import damage_pages, filled_history

    path = kneecare_home / "history.sqlite3"
    filled_history(path).close()
    damage_pages(path)  # the header is intact; pages 3-5 are random bytes
    user = launch(ask_pain=False)
    user.wait_to_see("The history file was damaged and could not be read")
    assert user.sees("Recovered from it: 120 sessions, 480 holds and sets, 0 check-ins, "
                     "1 people.")
    user.press("Ctrl+H")
    from datetime import date

    from tests.unit.history_helpers import T0

    shown = min(120, (date.today() - T0.date()).days + 1)  # the view stops at today
    user.wait_until(lambda: len(user.table_rows("Sessions")) == shown)
    kept = [p.name for p in kneecare_home.iterdir() if ".corrupt-" in p.name]
    assert kept  # the damaged file is kept beside the new one


def test_an_import_while_the_history_is_locked_changes_nothing(
        launch: Callable[..., User], kneecare_home: Path, places: dict[str, Path]) -> None:
    import sqlite3

    from kneecare_desktop.paths import app_paths

    user = launch(ask_pain=False)
    handoff = places["answers"] / "sato.yaml"
    user.will_answer_file_dialogs_with(handoff)
    user.click_item("Calf and Achilles stretch at a wall")
    user.menu("File", "Export this person's program…")
    user.wait_until(lambda: handoff.exists())
    text = handoff.read_text(encoding="utf-8").replace("change_position: 15",
                                                       "change_position: 25")
    handoff.write_text(text, encoding="utf-8")
    lock = sqlite3.connect(kneecare_home / "history.sqlite3", isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # another program holds the history's write lock
    try:
        user.menu("File", "Import a program from the clinic…")
        user.answer("Import")
        refused = user.wait_for_dialog(timeout=20_000)
        shown = user.screen_text(refused)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert "This file cannot be imported. Nothing was changed." in shown
    assert "database is locked" in shown
    assert list(app_paths().user_routines_dir.iterdir()) == []
