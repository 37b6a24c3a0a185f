"""A whole routine and the whole program, by keyboard alone and hands-free."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kneecare_desktop.plan.compiler import compile_plan, scaled
from kneecare_desktop.plan.timeline import SegmentKind
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.session.events import SegmentStarted, SessionState
from kneecare_desktop.ui.main_window import PAGE_LIBRARY, PAGE_PLAYER, PAGE_SUMMARY, MainWindow
from tests.gui.helpers import advance

K = SegmentKind


def key(qtbot: QtBot, window: MainWindow, k: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the keyboard focus is, as a user would."""
    target = window.focusWidget() or window
    qtbot.keyClick(target, k, modifier)



def start_by_keyboard(qtbot: QtBot, window: MainWindow, item_id: str) -> None:
    window.library_view.list.setFocus()
    row = [window.library_view.list.item(i).data(Qt.ItemDataRole.UserRole)
           for i in range(window.library_view.list.count())].index(item_id)
    key(qtbot, window, Qt.Key.Key_Home)
    for _ in range(row):
        key(qtbot, window, Qt.Key.Key_Down)
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PAGE_PLAYER


def test_keyboard_only_hamstring_routine(qtbot: QtBot, window: MainWindow,
                                         clock: FakeClock) -> None:
    start_by_keyboard(qtbot, window, "hamstring-towel")
    player = window.sessions.player
    assert player is not None
    assert player.ring.big_text == "10"  # the lead-in
    assert player.badge.text() == "Next: LEFT"
    advance(window, clock, 10.2)
    assert player.badge.text() == "LEFT"
    assert player.ring.big_text == "20"
    assert player.counters.text() == "Set 1 of 2"
    assert player.instruction.text() == "Keep the knee straight and hold"
    assert player.next_up.text() == "Next: switch sides"
    assert player.illustration.side.value == "left"  # drawn as seen from the left
    advance(window, clock, 5)
    # Space pauses: the countdown freezes, and no timer runs.
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.sessions.driver is not None
    assert window.sessions.driver.session.state is SessionState.PAUSED
    frozen = player.ring.big_text
    clock.advance(30)
    window.sessions.driver.poll()
    assert player.ring.big_text == frozen == "15"
    assert not window.sessions.driver.timer_active()
    assert player.banner.isVisible()
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.sessions.driver.timer_active()
    # Right skips to the next hold (the right leg); Left goes back to restart it.
    key(qtbot, window, Qt.Key.Key_Right)
    assert player.badge.text() == "RIGHT"
    assert player.illustration.side.value == "right"  # mirrored: the right leg is near
    advance(window, clock, 4)
    key(qtbot, window, Qt.Key.Key_Left)
    assert player.ring.big_text == "20"
    assert player.badge.text() == "RIGHT"
    # A clicker's PageDown skips too, and its "." pauses.
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert window.sessions.driver.session.segment.set == 2
    key(qtbot, window, Qt.Key.Key_Period)
    assert window.sessions.driver.session.state is SessionState.PAUSED
    key(qtbot, window, Qt.Key.Key_B)
    assert window.sessions.driver.session.state is SessionState.RUNNING
    advance(window, clock, 60)
    assert window.pages.currentIndex() == PAGE_SUMMARY
    summary = window.summary_view
    assert summary.heading.text() == "Well done"
    # Set 2 on each side: a hold each of two.
    assert summary.done_list.lines() == [
        "Hamstrings: left leg: 1 of 2 holds of 20 s; right leg: 1 of 2 holds of 20 s"]
    assert summary.skipped.text() == (
        "Skipped: Hamstrings left leg, set 1; Hamstrings right leg, set 1")
    assert "Repeated" not in summary.skipped.text()
    assert not window.sessions.driver.timer_active()
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == PAGE_LIBRARY


def test_stop_asks_first_and_says_what_is_kept(qtbot: QtBot, window: MainWindow,
                                              clock: FakeClock) -> None:
    start_by_keyboard(qtbot, window, "calf-wall")
    advance(window, clock, 15)
    key(qtbot, window, Qt.Key.Key_Escape)
    box = window.findChild(QMessageBox, "stopConfirmation")
    assert box is not None
    assert "What you have done so far is kept" in box.text()
    assert window.sessions.driver is not None
    assert window.sessions.driver.session.state is SessionState.PAUSED
    keep = next(b for b in box.buttons() if b.text() == "Keep going")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert window.sessions.driver.session.state is SessionState.RUNNING
    key(qtbot, window, Qt.Key.Key_Escape)
    box = window.findChild(QMessageBox, "stopConfirmation")
    stop = next(b for b in box.buttons() if b.text() == "Stop")
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == PAGE_SUMMARY
    assert window.summary_view.heading.text() == "Stopped"


def test_it_hurts_stops_at_once_with_the_articles_advice(qtbot: QtBot, window: MainWindow,
                                                        clock: FakeClock) -> None:
    start_by_keyboard(qtbot, window, "hamstring-towel")
    advance(window, clock, 13)
    key(qtbot, window, Qt.Key.Key_H)
    assert window.pages.currentIndex() == PAGE_SUMMARY
    assert window.summary_view.heading.text() == "Stopped because it hurt"
    advice = window.summary_view.advice.text()
    assert "Better to rest" in advice
    assert "It hurts even when walking" in advice
    assert "The back of the knee is swollen" in advice
    assert "see a clinician" in advice
    assert "not a diagnosis or medical advice" in advice


def test_an_interruption_pauses_and_says_why(qtbot: QtBot, window: MainWindow,
                                            clock: FakeClock) -> None:
    start_by_keyboard(qtbot, window, "hamstring-towel")
    advance(window, clock, 12)
    clock.advance(90)  # the laptop slept
    assert window.sessions.driver is not None
    window.sessions.driver.poll()
    player = window.sessions.player
    assert player is not None
    assert window.sessions.driver.session.state is SessionState.PAUSED
    assert player.banner.isVisible()
    assert "Paused because nothing happened for 90 s" in player.banner.text()
    assert player.ring.big_text == "18"  # the hold was not skipped
    assert not window.sessions.driver.timer_active()


def test_self_paced_reps_by_enter(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    from kneecare_desktop.library.overrides import Overrides
    from kneecare_desktop.model import Pacing

    window.people.set_overrides("hip-hinge", Overrides(pacing=Pacing.SELF, reps=3))
    start_by_keyboard(qtbot, window, "hip-hinge")
    advance(window, clock, 10.5)
    player = window.sessions.player
    assert player is not None
    assert player.ring.big_text == "1"
    assert player.ring.small_text == "press Enter"
    assert not window.sessions.driver.timer_active()  # type: ignore[union-attr]
    for expected in ("2", "3"):
        key(qtbot, window, Qt.Key.Key_Return)
        assert player.ring.big_text == expected
    key(qtbot, window, Qt.Key.Key_Enter)
    assert window.pages.currentIndex() == PAGE_SUMMARY
    assert window.summary_view.done_list.lines() == ["Hip hinge: 3 reps"]


@pytest.mark.timeout(60)
def test_whole_program_hands_free_on_the_real_clock(qtbot: QtBot, make_app: object) -> None:
    """No input at all: a compressed program runs from the first to the last segment."""
    application = make_app(use_clock=False)  # type: ignore[operator]
    window: MainWindow = application.window
    library = window.library
    plan = scaled(compile_plan(library.programs["knee-care"], routines=library.routines), 0.02)
    seen: list[int] = []
    window.sessions.started.connect(
        lambda driver: driver.event_occurred.connect(
            lambda e: seen.append(e.segment.index) if isinstance(e, SegmentStarted) else None))
    with qtbot.waitSignal(window.sessions.ended, timeout=30_000):
        window.sessions.run(plan)
    assert seen == list(range(len(plan.segments)))
    assert window.pages.currentIndex() == PAGE_SUMMARY
    assert window.summary_view.heading.text() == "Well done"
    assert window.summary_view.skipped.text().startswith("Nothing was skipped")
    assert window.sessions.driver is not None
    assert not window.sessions.driver.timer_active()
    assert window.summary_view.done_list.lines() == [
        # The plan is compressed fifty times: a 20 s hold lasts 0.4 s.
        "Hamstrings: 0.4 s hold × 2 on each side", "Calf stretch: 0.4 s hold × 2 on each side",
        "Hip hinge: 12 reps"]


def test_every_button_names_its_key(window: MainWindow, clock: FakeClock) -> None:
    window.sessions.start("hamstring-towel")
    player = window.sessions.player
    assert player is not None
    tips = {name: button.toolTip() for name, button in player.buttons.items()}
    assert tips["pause"] == "Pause (Space)"
    assert tips["skip"] == "Skip (Right)"
    assert tips["back"] == "Back (Left)"
    assert tips["stop"] == "Stop (Esc)"
    assert tips["repDone"] == "Rep done (Return)"
    # The label shows the key too; and Tab reaches every button.
    assert player.buttons["skip"].text() == "Skip (→)"
    assert player.buttons["pause"].text() == "Pause (Space)"
    assert all(button.focusPolicy() & Qt.FocusPolicy.TabFocus
               for button in player.buttons.values())


def test_setup_steps_show_while_getting_into_position(window: MainWindow,
                                                      clock: FakeClock) -> None:
    window.sessions.start("calf-wall")
    player = window.sessions.player
    assert player is not None
    assert player.setup_steps.isVisible()
    assert player.setup_steps.text() == ("1. Put your hands on the wall   2. Step the leg you want "
                                         "to stretch back   3. Shift your weight slightly "
                                         "forward")
    advance(window, clock, 10.5)
    assert not player.setup_steps.isVisible()  # the hold itself: the instruction is enough


def test_the_countdown_is_announced_at_each_step_and_its_last_seconds_only(
        window: MainWindow, clock: FakeClock) -> None:
    window.sessions.start("hamstring-towel")
    player = window.sessions.player
    assert player is not None
    told: list[str] = []
    last = ""
    for _ in range(80):  # the lead-in and the first 20 s hold, in quarter seconds
        advance(window, clock, 0.25, step=0.25)
        said = player.ring.accessibleDescription()
        if said != last:
            told.append(said)
            last = said
    # Not a change every second: the step's start, then 3, 2, 1 before its end.
    assert told[:5] == ["get ready 10", "get ready 3", "get ready 2", "get ready 1",
                        "hold 20"]
    assert len([t for t in told if t.startswith("hold")]) <= 4 + 1
