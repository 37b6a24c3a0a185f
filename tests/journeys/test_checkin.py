"""The check-in by keyboard alone, and the warning it leaves before the next session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w

SWOLLEN_YES = {Lang.EN: "The back of the knee is swollen: Yes", Lang.JA: "膝裏が腫れている：はい"}
REST = {Lang.EN: "Better to rest", Lang.JA: "休んだ方がいい"}
NO_VERDICT = {Lang.EN: "No verdict yet", Lang.JA: "まだ判断できません"}
WALKING = {Lang.EN: "It hurts even when walking", Lang.JA: "歩いても痛む"}
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
    user.qtbot.wait(200)
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
