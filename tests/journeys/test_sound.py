"""Sound and voice as a person meets them: told when nothing will be heard, a Settings page
that says what this computer can play and say, and a volume and mute that are remembered.

These journeys run where there is no sound output (the test machine has none unless the
audio tests start one): what they check is what the person is told about it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QSlider, QToolButton

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w

SAID = {
    Lang.EN: {
        "no sound": "No sound: this computer has no sound output working.",
        "settings": ("File", "Settings…"),
        "page": "Sound and voice",
        "output": "None found: no beeps and no voice will be heard.",
        "volume": "Volume",
        "mute": "Mute (M)",
        "ok": "OK",
    },
    Lang.JA: {
        "no sound": "音が出ません：このパソコンの音声出力が使えません。",
        "settings": ("ファイル", "設定…"),
        "page": "音と音声",
        "output": "見つかりません：ビープ音も音声も聞こえません。",
        "volume": "音量",
        "mute": "消音 (M)",
        "ok": "OK",
    },
}


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_a_session_says_when_nothing_will_be_heard(launch: Callable[..., User],
                                                   lang: Lang) -> None:
    said = SAID[lang]
    user = launch(lang, ask_pain=False)
    user.click_item(w("program", lang))
    user.click(w("start", lang))
    user.wait_to_see(w("get ready", lang))
    user.wait_until(lambda: any(t.startswith(str(said["no sound"])) for t in user.texts()))
    # Nothing else popped up and took the keyboard (a stray volume label once did).
    assert user.windows() == [user.main_window]
    assert QApplication.activeWindow() is user.main_window


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_settings_say_what_this_computer_can_play(launch: Callable[..., User],
                                                  lang: Lang) -> None:
    said = SAID[lang]
    user = launch(lang, ask_pain=False)
    user.menu(*said["settings"])
    dialog = user.wait_for_dialog()
    user.click_tab(str(said["page"]))
    user.wait_until(lambda: any(t.startswith(str(said["output"]))
                                for t in user.texts(dialog)))
    assert user.widget(str(said["volume"]), QSlider).isVisible()
    test_sound = user.button({Lang.EN: "Play a test sound", Lang.JA: "テスト音を鳴らす"}[lang],
                             dialog)
    assert not test_sound.isEnabled()  # nothing to play it on


def test_volume_and_mute_are_remembered(launch: Callable[..., User], tmp_path: Path) -> None:
    home = tmp_path / "data"
    user = launch(Lang.EN, home=home, ask_pain=False)
    # In Settings: the volume slider, by keyboard.
    user.menu("File", "Settings…")
    dialog = user.wait_for_dialog()
    user.click_tab("Sound and voice")
    slider = user.widget("Volume", QSlider)
    before = slider.value()
    user.tab_to("Volume")
    user.press("Left", times=2)  # two steps of 5
    assert slider.value() == before - 10
    user.click("OK", dialog)
    user.wait_until(user.no_dialog)
    # In the player: the same volume, and M mutes.
    user.click_item(w("program", Lang.EN))
    user.click(w("start", Lang.EN))
    user.wait_to_see(w("get ready", Lang.EN))
    player_slider = next(s for s in user.main_window.findChildren(QSlider) if s.isVisible())
    assert player_slider.value() == before - 10
    user.press("M")
    mute = user.widget("Mute sound and voice", QToolButton)
    user.wait_until(mute.isChecked)
    assert not player_slider.isEnabled()  # muted: the volume waits
    user.press("Escape")
    user.wait_for_dialog()
    user.click("Stop")
    user.main_window.close()
    # The next start on this computer: still muted, still at that volume.
    again = launch(Lang.EN, home=home, ask_pain=False)
    again.menu("File", "Settings…")
    dialog = again.wait_for_dialog()
    again.click_tab("Sound and voice")
    assert again.widget("Volume", QSlider).value() == before - 10
    assert again.widget("Mute sound and voice", QToolButton).isChecked()
