"""What a timer app is expected to tell: during each pause, the next exercise in full beside
its picture; at the end, what was done of each routine, in words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w

SAID: dict[Lang, dict[str, str | tuple[str, ...]]] = {
    Lang.EN: {
        "first": "Up next: Hamstrings\nleft leg · set 1 of 2 · 20 s hold",
        "after rest": "Up next: Hamstrings\nleft leg · set 2 of 2 · 20 s hold",
        "badge": "Next: LEFT",
        "hamstrings": "left leg: 1 of 2 holds of 20 s; right leg: 1 of 2 holds of 20 s",
        "not done": "not done",
        "others": ("Calf stretch", "Hip hinge"),
        "stop": "Stop",
    },
    Lang.JA: {
        "first": "次は ハムストリングス\n左脚・1セット目 / 全2セット・20秒キープ",
        "after rest": "次は ハムストリングス\n左脚・2セット目 / 全2セット・20秒キープ",
        "badge": "次は 左",
        "hamstrings": "左脚 20秒キープ 2回中1回、右脚 20秒キープ 2回中1回",
        "not done": "未実施",
        "others": ("ふくらはぎストレッチ", "ヒップヒンジ"),
        "stop": "終了",
    },
}


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_pauses_preview_the_next_exercise_and_the_end_says_what_was_done(
        launch: Callable[..., User], lang: Lang) -> None:
    said = SAID[lang]
    user = launch(lang, ask_pain=False)
    user.click_item(w("program", lang))
    user.click(w("start", lang))
    # Getting ready: the first exercise in full, before it starts.
    user.wait_to_see(said["first"])
    user.wait_until(lambda: not user.sees(said["first"]), timeout=15_000)
    # The rest after the first hold on each side previews set 2 of the left leg, badge and all.
    user.wait_to_see(said["after rest"], timeout=15_000)
    assert said["badge"] in user.texts()
    user.press("Escape")
    user.wait_for_dialog()
    user.click(said["stop"])
    # The summary: every routine of the program, what was done of it, in words.
    user.wait_to_see(said["hamstrings"])
    texts = user.texts()
    assert said["hamstrings"] in texts
    for title in said["others"]:  # the calf stretch and the hip hinge: named, not done
        assert texts[texts.index(title) + 1] == said["not done"]
