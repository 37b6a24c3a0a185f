"""The check-in by keyboard alone, and the warning it leaves before the next session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w

SWOLLEN_YES = {Lang.EN: "The back of the knee is swollen: Yes", Lang.JA: "膝裏が腫れている：はい"}
REST = {Lang.EN: "Better to rest", Lang.JA: "休んだ方がいい"}
NO_VERDICT = {Lang.EN: "No verdict yet", Lang.JA: "まだ判断できません"}
WALKING = {Lang.EN: "It hurts even when walking", Lang.JA: "歩いても痛む"}
SWOLLEN = {Lang.EN: "The back of the knee is swollen", Lang.JA: "膝裏が腫れている"}
CHECKINS = {Lang.EN: "Check-ins", Lang.JA: "セルフチェック"}
WARNING = {Lang.EN: "Better to rest?", Lang.JA: "休んだ方がいいかもしれません"}


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_checkin_by_keyboard_then_enter_twice_does_not_start(launch: Callable[..., User],
                                                             lang: Lang) -> None:
    user = launch(lang, ask_pain=False)
    user.press("Ctrl+K")
    dialog = user.wait_for_dialog()
    user.tab_to(SWOLLEN_YES[lang])  # one rest sign answered yes decides on its own
    user.press("Space")
    user.press("Return")
    user.wait_to_see(REST[lang], dialog)
    user.press("Escape")
    user.wait_until(lambda: not dialog.isVisible())

    # The next start warns first; Enter (twice, by habit) keeps the person resting.
    user.press("Ctrl+Return")
    warning = user.wait_for_dialog()
    assert WARNING[lang] in user.screen_text(warning)
    user.press("Return")
    user.wait_until(lambda: not warning.isVisible())
    user.press("Return")
    user.settle()
    assert not user.sees(w("countdown", lang))
    if not user.no_dialog():  # Enter on the care list asked again: still the safe default
        user.press("Return")
    assert not user.sees(w("countdown", lang))
    assert user.has_button(w("start", lang))


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_a_blank_check_in_gives_no_verdict(launch: Callable[..., User], lang: Lang) -> None:
    user = launch(lang, ask_pain=False)
    user.press("Ctrl+K")
    dialog = user.wait_for_dialog()
    user.press("Return")  # nothing answered
    user.wait_to_see(NO_VERDICT[lang], dialog)
    shown = user.screen_text(dialog)
    assert WALKING[lang] in shown  # the questions still open are named
    for verdict in ("Run shorter and see how it goes", "Running is fine", "Better to rest",
                    "距離を減らして様子を見る", "走ってOK", "休んだ方がいい"):
        assert verdict not in shown.splitlines()
    user.press("Escape")
    # With no verdict there is nothing to warn about: Start starts.
    user.press("Ctrl+Return")
    user.wait_to_see(w("countdown", lang))


def test_running_is_fine_on_a_day_a_session_stopped_for_pain_says_so(
        launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    user.click_item("Hip hinge drill")
    user.click("Start")
    user.wait_to_see("get ready")
    user.press("H")  # it hurts: the session stops
    user.wait_to_see("Stopped because it hurt")
    user.click("Back to the care menu")
    user.press("Ctrl+K")
    dialog = user.wait_for_dialog()
    for question in ("It hurts even when walking", "Just straightening the knee hurts a lot",
                     "The back of the knee is swollen", "Severe pain on downhills"):
        user.click(f"{question}: No", dialog)
    for question in ("The pain eased after warming up", "It was tightness, not sharp pain"):
        user.click(f"{question}: Yes", dialog)
    user.press("Return")
    user.wait_to_see("Running is fine", dialog)
    shown = user.screen_text(dialog)
    assert "Today a session was stopped because it hurt." in shown
    assert "(The app's note)" in shown
    result = next(label for label in dialog.findChildren(QLabel)
                  if "Running is fine" in label.text())
    assert "#2f9e44" not in result.text()  # never the plain green of "all is well"


def test_the_care_menu_shows_the_rest_signs_everywhere(launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    for item in ("Knee care program", "Hamstring stretch with a towel",
                 "Calf and Achilles stretch at a wall", "Hip hinge drill"):
        user.click_item(item)
        shown = user.screen_text()
        assert "The article says rest is better when:" in shown, item
        for sign in ("It hurts even when walking", "The back of the knee is swollen"):
            assert sign in shown, (item, sign)


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_the_history_shows_a_check_in_in_words_at_once(launch: Callable[..., User],
                                                        lang: Lang) -> None:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QTableWidget, QTabWidget

    user = launch(lang, ask_pain=False)
    user.press("Ctrl+H")
    user.wait_until(lambda: any(t.isVisible()
                                for t in user.main_window.findChildren(QTabWidget)))
    tabs = next(t for t in user.main_window.findChildren(QTabWidget) if t.isVisible())
    user.wait_until(lambda: tabs.tabText(1).endswith(("(0)", "（0）")))
    user.press("Ctrl+K")  # from the history page itself
    dialog = user.wait_for_dialog()
    user.tab_to(SWOLLEN_YES[lang])
    user.press("Space")
    user.press("Return")
    user.wait_to_see(REST[lang], dialog)
    user.press("Escape")
    user.wait_until(lambda: tabs.tabText(1).endswith(("(1)", "（1）")))  # no need to reopen
    user.click_tab(CHECKINS[lang])
    table = user.widget(CHECKINS[lang], QTableWidget)
    (row,) = user.table_rows(CHECKINS[lang])
    assert row[3] == SWOLLEN[lang]  # in words, never the question's id
    metrics = QFontMetrics(table.font())
    for column in range(3):  # the date, the verdict and the cause are never clipped
        needed = metrics.horizontalAdvance(row[column])
        assert table.columnWidth(column) >= needed, (column, row[column])
