"""Reminders in the window (offscreen: no tray, no session bus, so the banner and the
window itself): the timer, start now, snooze, skip today, done already, the dialog with
the core's validation, the offer after the first session, the settings, closing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kneecare_desktop.care.reminders import parse_schedule
from kneecare_desktop.history import reminders as stored
from kneecare_desktop.model import Lang, Reminder, ReminderOutcome
from kneecare_desktop.paths import desktop_paths
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui import reminders as reminders_ui
from kneecare_desktop.ui.main_window import MainWindow
from kneecare_desktop.ui.reminder_dialog import ReminderDialog
from kneecare_desktop.ui.reminders import ReminderController

BERLIN = ZoneInfo("Europe/Berlin")  # the fake clock starts on Monday 2 November, 08:30 there


@pytest.fixture(autouse=True)
def in_berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reminders_ui, "qt_system_zone", lambda: BERLIN)


def controller_of(window: MainWindow) -> ReminderController:
    found = window.findChild(ReminderController)
    assert isinstance(found, ReminderController)
    return found


def on_history(window: MainWindow, qtbot: QtBot, action: Callable[[Any], Any]) -> Any:
    answers: list[Any] = []
    window.history.run(action, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    return answers[0]


def set_reminder(window: MainWindow, qtbot: QtBot, clock: FakeClock, days: str,
                 *times: str, item: str = "knee-care") -> Reminder:
    controller = controller_of(window)
    person = window.people.person_id
    made = on_history(window, qtbot, lambda store: stored.set_reminder(
        store, person, parse_schedule(item, days, list(times)), clock.now()))
    with qtbot.waitSignal(controller.reminders_loaded, timeout=5000):
        controller.reload()
    assert isinstance(made, Reminder)
    return made


def outcomes(window: MainWindow, qtbot: QtBot) -> list[tuple[str, ReminderOutcome]]:
    found = on_history(window, qtbot, lambda store: stored.events(store))
    return [(e.slot.strftime("%H:%M"), e.outcome) for e in found]


def time_passes(controller: ReminderController, clock: FakeClock, qtbot: QtBot,
                minutes: float) -> None:
    """The clock moves on, and the app's timer fires (sooner than real time would)."""
    clock.advance(minutes * 60)
    controller.check_now()
    qtbot.waitUntil(lambda: not controller._checking, timeout=5000)


def test_no_reminders_no_timer(window: MainWindow, qtbot: QtBot) -> None:
    controller = controller_of(window)
    qtbot.waitUntil(lambda: controller.people != {}, timeout=5000)
    assert not controller._timer.isActive()
    assert controller.tray is None
    assert not controller.banner.isVisible()
    assert window.findChild(type(window.commands.checkin), "reminders") is controller.act_reminders


def test_the_timer_waits_for_the_next_time_and_never_more_than_a_minute(
        window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    controller = controller_of(window)
    set_reminder(window, qtbot, clock, "daily", "08:45")
    qtbot.waitUntil(lambda: controller._timer.isActive(), timeout=5000)
    assert controller.next_due == clock.now() + timedelta(minutes=15)
    assert 0 < controller._timer.interval() <= 60_000


def test_a_reminder_shows_in_the_banner_then_snooze_skip_and_start(
        window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    controller = controller_of(window)
    set_reminder(window, qtbot, clock, "daily", "08:45", "20:00")
    time_passes(controller, clock, qtbot, 14)
    assert not controller.banner.isVisible()
    time_passes(controller, clock, qtbot, 1)
    assert controller.banner.isVisible()
    assert controller.banner.label.text() == "It is 08:45: time for Knee care program."
    assert list(controller.banner.buttons) == [
        "reminderStart", "reminderSnooze10", "reminderSnooze30", "reminderSnooze60",
        "reminderSkip"]
    controller.banner.buttons["reminderSnooze30"].click()
    assert not controller.banner.isVisible()
    time_passes(controller, clock, qtbot, 29)
    assert not controller.banner.isVisible()
    time_passes(controller, clock, qtbot, 1)
    assert controller.banner.isVisible()
    controller.banner.buttons["reminderSkip"].click()
    assert not controller.banner.isVisible()
    time_passes(controller, clock, qtbot, 12 * 60)  # 20:00 is skipped too
    assert not controller.banner.isVisible()
    qtbot.waitUntil(lambda: len(outcomes(window, qtbot)) == 3, timeout=5000)
    assert outcomes(window, qtbot) == [("08:45", ReminderOutcome.SNOOZED),
                                       ("08:45", ReminderOutcome.SKIPPED),
                                       ("20:00", ReminderOutcome.SKIPPED)]
    time_passes(controller, clock, qtbot, 12 * 60)  # the next morning
    assert controller.banner.isVisible()
    controller.banner.buttons["reminderStart"].click()
    qtbot.waitUntil(lambda: window.sessions.active(), timeout=5000)
    assert window.sessions.driver is not None
    assert window.sessions.driver.session.plan.id == "knee-care"


def test_no_reminder_when_the_care_is_done_already(window: MainWindow, qtbot: QtBot,
                                                   clock: FakeClock) -> None:
    from kneecare_desktop.history.records import Outcome
    from tests.unit.history_helpers import start

    controller = controller_of(window)
    set_reminder(window, qtbot, clock, "daily", "18:00")
    person = window.people.person_id

    def session_now(store: Any) -> None:
        begun = start(person, when=clock.now())
        store.begin_session(begun)
        store.finish_session(begun.uid, Outcome.COMPLETED, clock.now(), 300.0)

    on_history(window, qtbot, session_now)
    time_passes(controller, clock, qtbot, 10 * 60)  # 18:30
    assert not controller.banner.isVisible()
    qtbot.waitUntil(lambda: outcomes(window, qtbot) == [("18:00", ReminderOutcome.DONE)],
                    timeout=5000)


def test_asleep_at_the_time_one_catch_up(window: MainWindow, qtbot: QtBot,
                                         clock: FakeClock) -> None:
    controller = controller_of(window)
    set_reminder(window, qtbot, clock, "daily", "09:00", "10:00", "11:00")
    clock.advance(3 * 3600)  # asleep until 11:30: the timer only fires now
    controller.check_now()
    qtbot.waitUntil(lambda: controller.banner.isVisible(), timeout=5000)
    assert controller.banner.label.text() == (
        "Reminder from 11:00 (KneeCare could not show it then): time for Knee care program.")
    qtbot.waitUntil(lambda: len(outcomes(window, qtbot)) == 2, timeout=5000)
    assert outcomes(window, qtbot) == [("09:00", ReminderOutcome.MISSED),
                                       ("10:00", ReminderOutcome.MISSED)]


def test_the_dialog_sets_a_reminder_with_the_cores_validation(
        window: MainWindow, qtbot: QtBot) -> None:
    controller = controller_of(window)
    controller.act_reminders.trigger()
    dialog = window.findChild(ReminderDialog)
    assert isinstance(dialog, ReminderDialog)
    qtbot.waitExposed(dialog)
    assert dialog.item.currentData() == "knee-care"
    assert all(box.isChecked() for box in dialog.days.values())
    for box in dialog.days.values():
        box.setChecked(False)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == "choose at least one day of the week"
    dialog.days[next(iter(dialog.days))].setChecked(True)  # Monday
    dialog.add_time.click()
    dialog.time_edits[1].setTime(dialog.time_edits[0].time())
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.problem.text() == "the time 07:30 is given twice"
    dialog.remove_time.click()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: bool(controller.reminders), timeout=5000)
    (reminder,) = controller.reminders
    assert reminder.current is not None
    assert reminder.current.times[0].strftime("%H:%M") == "07:30"
    # Opened again: the reminder as saved, and it can be turned off.
    controller.act_reminders.trigger()
    qtbot.waitUntil(lambda: any(isinstance(d, ReminderDialog) and d.isVisible()
                                for d in window.findChildren(ReminderDialog)), timeout=5000)
    dialog = next(d for d in window.findChildren(ReminderDialog) if d.isVisible())
    assert dialog.choice.isVisible()
    assert dialog.choice.itemText(0) == "Knee care program: Mon at 07:30"
    dialog.turn_off.click()
    qtbot.waitUntil(lambda: controller.reminders == [], timeout=5000)


def test_the_dialog_in_japanese(make_app: Any, qtbot: QtBot) -> None:
    window = make_app(Lang.JA).window
    controller = controller_of(window)
    controller.open_dialog()
    dialog = window.findChild(ReminderDialog)
    assert isinstance(dialog, ReminderDialog)
    assert dialog.windowTitle() == "リマインダー"
    assert [box.text() for box in dialog.days.values()] == ["月", "火", "水", "木", "金", "土",
                                                           "日"]
    for box in dialog.days.values():
        box.setChecked(False)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.problem.text() == "曜日を1つ以上選んでください"


def test_a_reminder_is_offered_once_after_the_first_session(
        window: MainWindow, qtbot: QtBot) -> None:
    controller = controller_of(window)
    window.sessions.ended.emit(None)
    qtbot.waitUntil(lambda: controller.offer_banner.isVisible(), timeout=5000)
    assert "KneeCare can remind you" in controller.offer_banner.label.text()
    controller.offer_banner.buttons["declineReminder"].click()
    assert not controller.offer_banner.isVisible()
    window.sessions.ended.emit(None)
    # The offer is decided at the event loop's next turn: a zero timer started now runs
    # after it (Qt runs zero timers in the order they were started).
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))
    qtbot.waitUntil(lambda: bool(turned))
    assert not controller.offer_banner.isVisible()


def test_settings_keep_running_and_start_at_login(window: MainWindow, qtbot: QtBot) -> None:
    from kneecare_desktop.ui.settings_dialog import SettingsDialog

    entry = desktop_paths().autostart_dir / "kneecare.desktop"
    dialog = SettingsDialog(window.settings, window.sessions.cues, window)
    qtbot.addWidget(dialog)
    assert not dialog.keep_running.isChecked()
    assert not dialog.start_at_login.isChecked()
    dialog.keep_running.setChecked(True)
    dialog.start_at_login.setChecked(True)
    dialog.accept()
    assert window.settings.keep_running()
    assert entry.is_file()
    assert "--minimized" in entry.read_text(encoding="utf-8")
    dialog = SettingsDialog(window.settings, window.sessions.cues, window)
    qtbot.addWidget(dialog)
    assert dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(False)
    dialog.accept()
    assert not entry.exists()


def test_closing_keeps_running_only_when_chosen_and_with_reminders(
        window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    controller = controller_of(window)
    assert not controller.keeps_running()  # not chosen, no reminders
    window.settings.set_keep_running(True)
    assert not controller.keeps_running()  # no reminders yet
    set_reminder(window, qtbot, clock, "daily", "20:00")
    assert controller.keeps_running()
    # Quit (a close from the app, never from the window system) still quits.
    window.commands.quit.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)  # once the history settled
    qtbot.waitUntil(lambda: not controller._timer.isActive(), timeout=5000)


def test_the_history_shows_the_weeks_against_the_plan(window: MainWindow, qtbot: QtBot,
                                                      clock: FakeClock) -> None:
    from datetime import datetime

    from kneecare_desktop.history.records import Outcome
    from tests.unit.history_helpers import start

    person = window.people.person_id
    today = datetime.now().astimezone()  # the history's "today" is the calendar's
    on_history(window, qtbot, lambda store: stored.set_reminder(
        store, person, parse_schedule("knee-care", "daily", ["07:30"]),
        today - timedelta(days=30)))

    def session_now(store: Any) -> None:
        begun = start(person, when=today)
        store.begin_session(begun)
        store.finish_session(begun.uid, Outcome.COMPLETED, today, 300.0)
        store.set_pain(begun.uid, before=3)

    on_history(window, qtbot, session_now)
    window.commands.history.trigger()
    view = window.history_view
    qtbot.waitUntil(view.plan_summary.isVisible, timeout=5000)
    text = view.plan_summary.text()
    assert text.startswith("Against the plan (reminders) · streak: 1 planned days in a row")
    this_week = text.splitlines()[1].split(" · ")[-1]
    planned = today.weekday() + 1  # every day so far this week, today included
    assert this_week.endswith(f": 1 of {planned} (pain before 3.0)")
