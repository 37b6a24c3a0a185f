"""The check-in by keyboard alone, and the warning it leaves before the next session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w

SWOLLEN = {Lang.EN: "The back of the knee is swollen", Lang.JA: "膝裏が腫れている"}
REST = {Lang.EN: "Better to rest", Lang.JA: "休んだ方がいい"}
WARNING = {Lang.EN: "Better to rest?", Lang.JA: "休んだ方がいいかもしれません"}


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_checkin_by_keyboard_then_enter_twice_does_not_start(launch: Callable[..., User],
                                                             lang: Lang) -> None:
    user = launch(lang, ask_pain=False)
    user.press("Ctrl+K")
    dialog = user.wait_for_dialog()
    user.tab_to(SWOLLEN[lang])
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
