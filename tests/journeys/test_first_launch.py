"""A runner's first launch: the whole program with pain before, every session key, It
hurts, the pain after, and the history that shows what happened."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w


def countdown(user: User, lang: Lang) -> int:
    """The big number in the countdown ring, as shown."""
    ring = user.widget(w("countdown", lang))
    return int(ring.property("shownText"))


def duration_in(text: str) -> str:
    found = re.search(r"\d+:\d\d", text)
    assert found is not None, text
    return found.group(0)


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_first_launch_program_it_hurts_and_history(launch: Callable[..., User],
                                                    lang: Lang) -> None:
    user = launch(lang)
    # Two clicks (and a pain rating on the way): the program, then Start.
    user.click_item(w("program", lang))
    user.click("3")
    user.click(w("start", lang))
    user.wait_to_see(w("get ready", lang))
    user.wait_until(lambda: user.sees(w("hold label", lang)))  # the first hold

    # Space pauses: the countdown stands still however long the person waits.
    user.press("Space")
    user.wait_to_see(w("paused", lang))
    frozen = countdown(user, lang)
    user.wait(30)
    assert countdown(user, lang) == frozen
    user.press("Space")
    user.wait_until(lambda: not user.sees(w("paused", lang)))

    # + adds ten seconds to the hold.
    before = countdown(user, lang)
    user.press("+")
    assert countdown(user, lang) >= before + 9

    # → skips to the next hold; ← twice goes back to the previous one.
    user.press("Right")
    user.wait_until(lambda: user.sees(w("hold label", lang)) or user.sees("switch"))
    user.press("Left")
    user.press("Left")

    # It hurts stops at once, says why, and offers the rest signs.
    user.press("H")
    user.wait_to_see(w("hurt heading", lang))
    summary = user.screen_text()
    assert w("active time", lang) in summary
    active = duration_in(summary[summary.index(w("active time", lang)):])

    # The pain after is kept as soon as it is chosen: no Save needed for the number.
    assert w("pain after", lang) in summary
    user.click("5")
    user.wait_to_see(w("recorded", lang))
    user.click(w("back to menu", lang))

    user.menu(w("View", lang), w("History", lang))
    user.wait_until(lambda: len(user.table_rows(w("sessions table", lang))) == 1)
    headers = user.table_headers(w("sessions table", lang))
    (row,) = user.table_rows(w("sessions table", lang))
    assert "3 → 5" in row
    # One duration, named the same everywhere: the active time.
    column = next(i for i, h in enumerate(headers) if h == w("active time", lang))
    assert row[column] == active
    week = next(t for t in user.texts() if t.startswith(w("this week", lang)))
    assert active in week
