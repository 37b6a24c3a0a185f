"""A therapist's day: a new patient, an adjusted hold, a demonstration on the big screen
started from the big screen, the papers for the patient and the clinic, and the program
handed over to the patient's own PC, where it must be the same plan."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QSpinBox, QWidget

from tests.conftest import REPO
from tests.journeys.user import User, stray_files
from tests.pdf import pdf_text

PATIENT = "Sato"


def presenter(user: User) -> QWidget | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if w.isVisible() and w.objectName() == "presenterWindow"), None)


def test_the_big_screen_opened_during_a_hold_shows_every_word(
        launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    user.click_item("Calf and Achilles stretch at a wall")
    user.press("Ctrl+Return")
    user.wait_to_see("Set 1 of 2", timeout=20_000)
    user.wait_until(lambda: user.sees("hold 1", user.main_window), timeout=20_000)
    assert user.cut_off(user.main_window) == []
    user.press("F11")  # the big screen, in the middle of the hold
    user.wait_until(lambda: presenter(user) is not None)
    big = presenter(user)
    assert big is not None
    user.wait_until(lambda: big.isFullScreen() and user.sees("Set 1 of 2", big))
    user.settle()
    assert user.cut_off(big) == []
    user.press("Escape")
    user.wait_until(lambda: presenter(user) is None)
    user.press("Escape")
    user.answer("Stop")


def kneecare(home: Path, *args: str) -> str:
    """The command line, as the therapist or the patient would type it."""
    result = subprocess.run([sys.executable, "-m", "kneecare_desktop", "--lang", "en", *args],
                            capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
                            env={**os.environ, "KNEECARE_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def add_person(user: User, name: str) -> None:
    user.menu("People", "Manage people…")
    user.wait_for_dialog()
    asked: list[str] = []

    def answer(dialog: QWidget) -> None:
        asked.append(user.screen_text(dialog))
        user.type_into(dialog, name)

    user.on_next_dialog(answer)
    user.click("Add…")
    assert "Name:" in asked[0]
    user.wait_until(lambda: name in user.main_window.windowTitle())
    user.answer("Close")


def test_therapist_adjusts_demonstrates_prints_and_hands_over(
        launch: Callable[..., User], places: dict[str, Path], tmp_path: Path) -> None:
    clinic = tmp_path / "clinic-pc"
    user = launch(home=clinic, ask_pain=False)
    add_person(user, PATIENT)

    # A longer hold for this patient, typed into the Hold box.
    user.click_item("Hamstring stretch with a towel")
    hold = user.widget("Hold", QSpinBox)
    user.click_on(hold)
    user.press("Ctrl+A")
    user.type("30")
    user.press("Tab")
    user.wait_to_see("30 s hold × 2 on each side")

    # The big screen: F11 is the presenter key, shown as such.
    keys = [k.toString() for k in user.menu_action("View", "Presenter mode (full screen)")
            .shortcuts()]
    assert keys[0] == "F11"
    listed: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        listed.append(user.screen_text(dialog))
        user.press("Escape")

    user.on_next_dialog(read_and_close)
    user.menu("Help", "Keyboard shortcuts")
    assert "F11" in listed[0]
    assert "Presenter mode (full screen)" in listed[0]
    user.press("F11")
    user.wait_until(lambda: presenter(user) is not None)
    big = presenter(user)
    assert big is not None
    assert big.isFullScreen()
    user.wait_until(lambda: QApplication.activeWindow() is big)
    assert user.sees("Press Ctrl+Enter to start", big)
    # Started from the big screen, with the keys the hint names.
    user.press("Ctrl+Return")
    user.wait_until(lambda: user.sees("get ready", big))
    user.wait_until(lambda: user.sees("hold 30", big), timeout=20_000)
    user.press("Space")
    user.wait_to_see("Paused. Press Space to resume.", big)
    user.press("Space")
    user.wait_until(lambda: not user.sees("Paused. Press Space to resume.", big))
    user.press("Escape")  # leaves full screen; the session goes on in the main window
    user.wait_until(lambda: presenter(user) is None)
    user.wait_until(lambda: QApplication.activeWindow() is user.main_window)  # keys go back
    user.press("Escape")
    user.answer("Stop")
    user.wait_to_see("Stopped")
    user.click("Back to the care menu")

    # The papers: a handout for the patient, a report for the clinic (PDF and CSV).
    user.click_item("Knee care program")
    handout = places["answers"] / "handout.pdf"
    user.will_answer_file_dialogs_with(handout)
    user.menu("File", "Print a home-care handout (PDF)…")
    user.wait_until(lambda: handout.exists())
    pages, text = pdf_text(handout)
    assert pages == 1
    assert PATIENT in text
    assert "30 s hold × 2 on each side" in text
    for suffix in ("pdf", "csv"):
        report = places["answers"] / f"report.{suffix}"
        user.will_answer_file_dialogs_with(report)
        user.menu("File", "Report for the clinic…")
        user.wait_until(lambda report=report: report.exists() and report.stat().st_size > 0)
    _pages, text = pdf_text(places["answers"] / "report.pdf")
    assert PATIENT in text
    with (places["answers"] / "report.csv").open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream))
    assert any("hamstring-towel" in row for row in rows)

    # The program goes home with the patient.
    handoff = places["answers"] / "sato.yaml"
    user.will_answer_file_dialogs_with(handoff)
    user.menu("File", "Export this person's program…")
    user.wait_until(lambda: handoff.exists())
    user.menu("File", "Quit")
    user.wait_until(lambda: not any(w.isVisible() for w in QApplication.topLevelWidgets()))

    # At home, on another PC (another data folder).
    home_pc = tmp_path / "home-pc"
    patient = launch(home=home_pc, ask_pain=False)
    patient.will_answer_file_dialogs_with(handoff)
    patient.menu("File", "Import a program from the clinic…")
    shown = patient.answer("Import")
    assert "From Sato's program" in shown
    patient.wait_until(lambda: _shows_dose(patient))
    patient.menu("File", "Quit")  # everything is on disk once the app has closed
    patient.wait_until(lambda: not any(w.isVisible() for w in QApplication.topLevelWidgets()))
    patient.wait_for_the_app_to_end()
    clinic_plan = json.loads(kneecare(clinic, "plan", "knee-care", "--json", "--person", PATIENT))
    home_plan = json.loads(kneecare(home_pc, "plan", "knee-care", "--json", "--person", "me"))
    assert home_plan == clinic_plan
    assert clinic_plan["total_seconds"] > json.loads(
        kneecare(clinic, "plan", "knee-care", "--json"))["total_seconds"]
    answered = tuple(places["answers"].iterdir())
    assert stray_files(places, allowed=answered) == []


def _shows_dose(user: User) -> bool:
    user.click_item("Hamstring stretch with a towel")
    return user.sees("30 s hold × 2 on each side")
