"""Reminders as a person meets them: offered after the first session, set in Session →
Reminders…, shown at the set time (here, without tray or notification server: in the
window), snoozed, then started from the reminder; refused when the days are left empty.

The clock runs fast (``RATE``), so "in a minute" is a few seconds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w

RATE = 120.0  # ten minutes pass in 5 s
REMINDERS = {Lang.EN: "Reminders…", Lang.JA: "リマインダー…"}
SAVE = {Lang.EN: "Save", Lang.JA: "保存"}
DUE = {Lang.EN: "time for Knee care program.", Lang.JA: "膝裏ケア プログラムの時間です。"}
SNOOZE_10 = {Lang.EN: "Snooze 10 min", Lang.JA: "10分後に再通知"}
START_NOW = {Lang.EN: "Start now", Lang.JA: "今すぐ開始"}
NO_DAYS = {Lang.EN: "choose at least one day of the week",
           Lang.JA: "曜日を1つ以上選んでください"}
DAYS = {Lang.EN: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        Lang.JA: ["月", "火", "水", "木", "金", "土", "日"]}
OFFER = {Lang.EN: "Set a reminder…", Lang.JA: "リマインダーを設定…"}
TIME_1 = {Lang.EN: "Time 1", Lang.JA: "時刻 1"}


def set_time(user: User, lang: Lang, hours: int, minutes: int) -> None:
    """Tab to the first time (its hours are selected) and type it: hours, then minutes."""
    user.tab_to(TIME_1[lang])
    user.type(f"{hours:02d}{minutes:02d}")


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_a_reminder_set_in_the_menu_comes_at_its_time_snoozes_and_starts(
        launch: Callable[..., User], lang: Lang) -> None:
    user = launch(lang, rate=RATE, ask_pain=False)
    user.menu(w("Session", lang), REMINDERS[lang])
    dialog = user.wait_for_dialog()
    # Every day is ticked to begin with; with none, the reminder is refused and says why.
    for day in DAYS[lang]:
        user.click(day, dialog)
    user.click(SAVE[lang], dialog)
    user.wait_to_see(NO_DAYS[lang], dialog)
    for day in DAYS[lang]:
        user.click(day, dialog)
    # Two minutes from now on the (fast) clock, whole minutes.
    due = (user.clock.now().astimezone() + timedelta(minutes=2)).replace(second=0,
                                                                        microsecond=0)
    set_time(user, lang, due.hour, due.minute)
    user.click(SAVE[lang], dialog)
    user.wait_until(user.no_dialog)
    assert not user.sees(DUE[lang])
    user.wait_until(lambda: user.clock.now() >= due - timedelta(seconds=20), timeout=10_000)
    assert not user.sees(DUE[lang])

    # At its time, it is in the window, with its buttons.
    user.wait_to_see(DUE[lang], timeout=15_000)
    assert user.clock.now() >= due
    assert f"{due:%H:%M}" in user.screen_text()
    user.click(SNOOZE_10[lang])
    snoozed = user.clock.now()
    user.wait_until(lambda: not user.sees(DUE[lang]))
    user.wait_until(lambda: user.clock.now() >= snoozed + timedelta(minutes=9),
                    timeout=15_000)
    assert not user.sees(DUE[lang])
    user.wait_to_see(DUE[lang], timeout=15_000)  # ten minutes after the snooze
    assert user.clock.now() >= snoozed + timedelta(minutes=10)

    # Start now: the program's session begins.
    user.click(START_NOW[lang])
    user.wait_to_see(w("get ready", lang))
    assert not user.sees(DUE[lang])


def test_a_reminder_is_offered_once_after_the_first_session(
        launch: Callable[..., User]) -> None:
    lang = Lang.EN
    user = launch(lang, rate=RATE, ask_pain=False)
    user.click_item(w("hamstring", lang))
    user.click(w("start", lang))
    user.wait_to_see(w("get ready", lang))
    user.press("H")  # stopped early: a session all the same
    user.wait_to_see(w("hurt heading", lang))
    user.click(w("back to menu", lang))
    user.wait_to_see(OFFER[lang])
    assert user.sees("KneeCare can remind you on the days and at the times you choose.")
    user.click(OFFER[lang])
    dialog = user.wait_for_dialog()
    assert user.sees("Reminders for Me", dialog)
    user.click(SAVE[lang], dialog)
    user.wait_until(user.no_dialog)
    assert not user.sees(OFFER[lang])
