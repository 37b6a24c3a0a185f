"""File menu items that write or read files: each asks where, writes there and only there.

Qt passes a ``checked`` flag to whatever a menu item is connected to; a slot that takes
an optional path once took that flag for a path, wrote a PDF named ``False`` into the
working folder, or crashed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kneecare_desktop.history.store import HistoryStore
from tests.journeys.user import User, stray_files

FILE = "File"


def only_new_file_is(places: dict[str, Path], expected: Path) -> None:
    assert expected.exists()
    assert stray_files(places, allowed=(expected,)) == []


def test_handout_asks_where_and_writes_a_pdf_there(launch: Callable[..., User],
                                                   places: dict[str, Path]) -> None:
    user = launch()
    target = places["answers"] / "handout.pdf"
    user.will_answer_file_dialogs_with(target)
    user.menu(FILE, "Print a home-care handout (PDF)…")
    user.wait_until(lambda: target.exists())
    assert user.file_dialogs == ["Home-care handout"]
    assert target.read_bytes().startswith(b"%PDF")
    only_new_file_is(places, target)


def test_a_cancelled_file_dialog_writes_nothing(launch: Callable[..., User],
                                                places: dict[str, Path]) -> None:
    user = launch()
    user.will_answer_file_dialogs_with(None)
    for item in ("Print a home-care handout (PDF)…", "Report for the clinic…",
                 "Export this person's program…", "Import a program from the clinic…"):
        user.menu(FILE, item)
    assert len(user.file_dialogs) == 4
    assert user.no_dialog()
    assert stray_files(places) == []


@pytest.mark.parametrize("suffix", ["pdf", "csv"])
def test_report_for_the_clinic(launch: Callable[..., User], places: dict[str, Path],
                               suffix: str) -> None:
    user = launch()
    target = places["answers"] / f"report.{suffix}"
    user.will_answer_file_dialogs_with(target)
    user.menu(FILE, "Report for the clinic…")
    user.wait_until(lambda: target.exists() and target.stat().st_size > 0)
    assert user.file_dialogs == ["Report for the clinic"]
    head = target.read_bytes()[:8]
    assert head.startswith(b"%PDF") if suffix == "pdf" else b"date" in target.read_bytes()
    only_new_file_is(places, target)


def test_program_export_and_import_by_the_menu(launch: Callable[..., User],
                                               places: dict[str, Path]) -> None:
    user = launch()
    target = places["answers"] / "program.yaml"
    user.will_answer_file_dialogs_with(target)
    user.menu(FILE, "Export this person's program…")
    user.wait_until(lambda: target.exists())
    assert "kind: handoff" in target.read_text(encoding="utf-8")
    only_new_file_is(places, target)
    user.menu(FILE, "Import a program from the clinic…")
    shown = user.answer("Import")
    assert "already the same" in shown


def test_unsaved_records_can_be_exported_from_the_banner(
        launch: Callable[..., User], places: dict[str, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk refuses every write: the banner's Export them… saves what was done."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(HistoryStore, "begin_session", refuse)
    user = launch(ask_pain=False)
    user.click_item("Hip hinge drill")
    user.click("Start")
    user.wait_to_see("Your records cannot be saved")
    user.wait_until(lambda: user.has_button("Export them…"))
    target = places["answers"] / "unsaved.json"
    user.will_answer_file_dialogs_with(target)
    user.click("Export them…")
    user.wait_until(lambda: target.exists())
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "kneecare-unsaved"
    assert data["records"][0]["operation"] == "begin"
    only_new_file_is(places, target)


def test_a_hand_off_taking_a_routine_id_for_its_program_is_refused_in_the_window(
        launch: Callable[..., User], places: dict[str, Path]) -> None:
    from kneecare_desktop.paths import app_paths
    from tests.conftest import DATA

    user = launch()
    user.will_answer_file_dialogs_with(
        DATA / "corpus" / "handoff-program-id-of-a-shipped-routine.yaml")
    user.menu(FILE, "Import a program from the clinic…")
    shown = user.answer("Close")
    assert "This file cannot be imported. Nothing was changed." in shown
    assert "handoff-program-id-of-a-shipped-routine.yaml:" in shown
    assert "hip-hinge" in shown
    assert list(app_paths().user_routines_dir.iterdir()) == []
    assert stray_files(places) == []
