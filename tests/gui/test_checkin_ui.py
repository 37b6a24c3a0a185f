"""The check-in by keyboard: the result, the routine-first suggestion, the rest warning
and the next-day follow-up."""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot

from kneecare_desktop.history.records import CheckinRecord
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.checkin_dialog import CheckinDialog
from kneecare_desktop.ui.main_window import PAGE_PLAYER, MainWindow


def open_checkin(qtbot: QtBot, window: MainWindow) -> CheckinDialog:
    window.library_view.list.setFocus()
    qtbot.keyClick(window.library_view.list, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(CheckinDialog) is not None, timeout=5000)
    dialog = window.findChild(CheckinDialog)
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def tick(qtbot: QtBot, dialog: CheckinDialog, *ids: str) -> None:
    """Tick a sign's box, or answer a running question "yes"."""
    for question_id in ids:
        if question_id in dialog.answer_groups:
            answer(qtbot, dialog, question_id, "yes")
            continue
        box = dialog.boxes[question_id]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()


def answer(qtbot: QtBot, dialog: CheckinDialog, question_id: str, value: str) -> None:
    button = dialog.findChild(QRadioButton, f"a-{question_id}-{value}")
    assert button is not None
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert button.isChecked()


def answer_all(qtbot: QtBot, dialog: CheckinDialog, value: str = "no") -> None:
    """Every running question not answered yet gets ``value``."""
    for question_id, group in dialog.answer_groups.items():
        if group.checkedButton().property("answer") == "open":
            answer(qtbot, dialog, question_id, value)


def stored_checkins(window: MainWindow) -> list[CheckinRecord]:
    assert window.history.writer.flush()
    store, _ = HistoryStore.open(window.context.paths.history_db)
    return store.checkins()


def test_a_rest_sign_gives_rest_first_and_prominently(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_checkin(qtbot, window)
    tick(qtbot, dialog, "calves-pumped", "stiff-ankles", "swollen", "eases-after-warmup")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    text = dialog.verdict.text()
    assert text.index("Better to rest") < text.index("Which cause fits best")
    assert "The back of the knee is swollen" in text
    assert "Pulling pain from tight calves" in text
    assert "Calves pumped and tight after runs" in text
    assert "see a clinician" in text
    assert "This is not a diagnosis or medical advice." in text
    (record,) = stored_checkins(window)
    assert (record.advice, record.cause, record.routine_id) == ("rest", "calves", "calf-wall")
    assert set(record.ticked) == {"calves-pumped", "stiff-ankles"}
    assert record.answers["swollen"] == "yes"
    assert record.answers["eases-after-warmup"] == "yes"
    assert record.answers["hurts-walking"] == "open"
    assert record.form == 2


def test_the_matching_routine_goes_first_and_can_be_undone(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    dialog = open_checkin(qtbot, window)
    tick(qtbot, dialog, "downhill", "knee-caves-in", "eases-after-warmup",
         "tightness-not-sharp")
    answer_all(qtbot, dialog, "no")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert "Running is fine" in dialog.verdict.text()
    assert "can only be known tomorrow" in dialog.verdict.text()
    assert dialog.first_button.text() == "Start the program with Hip hinge drill"
    qtbot.mouseClick(dialog.first_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    plan = window.sessions.plan_for("knee-care")
    assert plan.routine_ids == ("hip-hinge", "hamstring-towel", "calf-wall")
    window.library_view.select("knee-care")
    assert window.library_view.detail.order_note.isVisible()
    qtbot.mouseClick(window.library_view.detail.usual_order, Qt.MouseButton.LeftButton)
    assert window.sessions.plan_for("knee-care").routine_ids == (
        "hamstring-towel", "calf-wall", "hip-hinge")


def test_nothing_ticked_keeps_the_usual_order_and_says_so(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    dialog = open_checkin(qtbot, window)
    answer_all(qtbot, dialog, "no")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert "the program runs in its usual order" in dialog.verdict.text()
    assert "Run shorter and see how it goes" in dialog.verdict.text()
    assert "The app's reading" in html.unescape(dialog.verdict.text())
    assert not dialog.first_button.isVisible()


def test_a_blank_form_gives_no_verdict_and_says_what_is_open(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    dialog = open_checkin(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    text = html.unescape(dialog.verdict.text())
    assert "No verdict yet" in text
    for verdict in ("Run shorter", "Running is fine", "Better to rest"):
        assert verdict not in text.split("Which cause fits best")[0]
    assert "It hurts even when walking" in text
    assert "The pain eased after warming up" in text
    (record,) = stored_checkins(window)
    assert record.advice is None
    assert set(record.answers.values()) == {"open"}


def test_after_rest_a_session_starts_only_past_a_gentle_warning(
        window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_checkin(qtbot, window)
    tick(qtbot, dialog, "hurts-walking")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    window.sessions.start("calf-wall")
    box = window.findChild(QMessageBox, "restWarning")
    assert box is not None
    assert "Better to rest" in box.text()
    assert window.pages.currentIndex() != PAGE_PLAYER
    start_anyway = next(b for b in box.buttons() if b.text() == "Start anyway")
    qtbot.mouseClick(start_anyway, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == PAGE_PLAYER


def test_the_next_day_asks_whether_it_got_worse(
        make_app: object, kneecare_home: Path, clock: FakeClock, qtbot: QtBot) -> None:
    store, _ = HistoryStore.open(kneecare_home / "history.sqlite3")
    yesterday = clock.now() - timedelta(days=1)
    store.add_checkin(CheckinRecord("first", store.default_person().id, yesterday,
                                    "knee-checkin", ("eases-after-warmup",
                                                     "tightness-not-sharp"),
                                    None, None, "run_ok"))
    store.close()
    application = make_app()  # type: ignore[operator]
    window: MainWindow = application.window
    banner = window.follow_up_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
    assert "The day after your last run, did the pain get worse?" in banner.label.text()
    qtbot.mouseClick(banner.buttons["worseYes"], Qt.MouseButton.LeftButton)
    assert "Run shorter and see how it goes" in banner.label.text()
    records = stored_checkins(window)
    assert [(r.follow_up_of, r.worse_next_day, r.advice) for r in records] == [
        (None, None, "run_ok"), ("first", True, "run_shorter")]


def test_check_ins_show_in_the_history(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_checkin(qtbot, window)
    tick(qtbot, dialog, "hills-speed")
    answer_all(qtbot, dialog, "no")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    window.history.writer.flush()
    with qtbot.waitSignal(window.history_view.loaded, timeout=5000):
        window.show_history()
    table = window.history_view.checkin_table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "Run shorter and see how it goes"
    assert table.item(0, 2).text() == "Tight hamstrings (back of the thigh)"
