"""The care menu, adjustments, problems in files, settings, sound and presenter mode."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.model import Lang, Side
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.session.events import CueKind
from kneecare_desktop.sound.status import Engine, Output
from kneecare_desktop.ui.cues import CuePlayer
from kneecare_desktop.ui.main_window import MainWindow
from tests.conftest import DATA
from tests.gui.helpers import advance


def test_care_menu_lists_the_program_first_then_the_routines_in_order(
        window: MainWindow) -> None:
    lines = [window.library_view.list.item(i).text().splitlines()
             for i in range(window.library_view.list.count())]
    assert [line[0] for line in lines] == ["Knee care program", "Hamstring stretch with a towel",
                                           "Calf and Achilles stretch at a wall",
                                           "Hip hinge drill"]
    assert lines[0][1] == "Program · 3 care routines · 5:14"
    assert lines[1][1] == "Eases the pulling feeling behind the knee · 1:56"
    assert lines[1][2] == "Cause: Tight hamstrings (back of the thigh)"


def test_detail_shows_setup_signs_and_both_cautions(window: MainWindow) -> None:
    window.library_view.select("calf-wall")
    view = window.library_view
    assert view.detail.detail_title.text() == "Calf and Achilles stretch at a wall"
    assert "Ankles too stiff to squat" in view.detail.detail_cause.text()
    assert "Shift your weight slightly forward" in view.detail.setup_steps.text()
    assert "From the article:" in view.detail.caution.text()
    assert "The app adds:" in view.detail.caution.text()
    assert "never into sharp pain" in view.detail.caution.text()
    assert view.detail.illustration.name == "calf-wall"
    assert view.detail.dose.text() == ("<b>20 s hold × 2 on each side</b><br>The article: 20 s × 2 "
                                "sets (each leg in turn is the app's choice)")
    assert "The back of the knee is swollen" in view.detail.caution.text()  # the rest signs


def test_adjustments_are_remembered_per_routine_and_can_be_reset(
        window: MainWindow, qtbot: QtBot) -> None:
    view = window.library_view
    view.select("hamstring-towel")
    form = view.detail.adjustments
    form.hold.setValue(30)
    form.sides.setCurrentIndex(form.sides.findData(form.sides.itemData(1)))  # left only
    assert window.people.overrides("hamstring-towel").hold_seconds == 30
    assert view.duration.text() == "Total time: 1:20"  # 10 s + 2 x 30 s + 10 s rest
    assert "30 s hold × 2 (left leg only)" in view.detail.dose.text()
    view.select("calf-wall")
    assert window.people.overrides("calf-wall").is_empty()
    view.select("hamstring-towel")
    assert form.hold.value() == 30  # remembered
    plan = window.sessions.plan_for("hamstring-towel")
    assert {s.side for s in plan.segments if s.kind.value == "hold"} == {Side.LEFT}
    assert form.reset.isEnabled()
    qtbot.mouseClick(form.reset, Qt.MouseButton.LeftButton)
    assert window.people.overrides("hamstring-towel") == Overrides()
    assert form.hold.value() == 20
    assert view.duration.text() == "Total time: 1:56"


def test_problems_in_routine_files_are_listed_not_a_crash(
        make_app: object, kneecare_home: Path) -> None:
    user = kneecare_home / "routines"
    user.mkdir()
    shutil.copy(DATA / "broken" / "wrong-types.yaml", user)
    shutil.copy(DATA / "broken" / "not-utf8.yaml", user)
    application = make_app()  # type: ignore[operator]
    view = application.window.library_view
    assert view.problems.isVisible()
    texts = [view.problems.item(i).text() for i in range(view.problems.count())]
    assert any(t.endswith("wrong-types.yaml:4:17: hold.seconds must be a whole number "
                          "(found 'twenty')") for t in texts)
    assert any("not-utf8.yaml:4:14: this is not UTF-8 text" in t for t in texts)
    assert view.problems_title.text().startswith("Problems in routine files: 7.")
    assert view.list.count() == 4  # the good ones still load


def test_presenter_digits_are_a_quarter_of_a_1080p_screen(
        window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    window.library_view.select("calf-wall")
    window.sessions.start("calf-wall")
    advance(window, clock, 12)
    window.toggle_presenter()
    presenter = window.presenter
    assert presenter is not None
    assert presenter.isVisible()
    presenter.showNormal()
    for width, height in ((1920, 1080), (800, 600), (3840, 2160)):
        presenter.resize(width, height)
        player = presenter.player
        assert player is not None
        presenter.layout().activate()  # lay out now, as the next paint would
        player.layout().activate()
        assert (player.width(), player.height()) == (width, height)
        assert player.ring.big_text == "18"
        digit_height = player.ring.big_text_rect().height()  # the digits as drawn
        assert digit_height >= height / 4, (width, height, digit_height)
        badge_height = QFontMetrics(player.badge.font()).capHeight()
        assert badge_height >= height / 20  # a 5 cm letter on a 1 m tall screen
    assert player.badge.text() == "LEFT"
    # Esc leaves full screen first, and the session keeps running.
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()
    assert window.sessions.driver is not None
    assert window.sessions.driver.session.state.value == "running"


def test_voice_speaks_in_the_ui_language_and_stale_cues_stay_silent(
        make_app: object, clock: FakeClock, qtbot: QtBot) -> None:
    application = make_app(Lang.EN)  # type: ignore[operator]
    window: MainWindow = application.window
    cues = window.sessions.cues
    cues.start_probes()
    qtbot.waitUntil(lambda: cues.speech.answered)  # the engine starts on its own thread
    assert cues.status.engine is Engine.READY
    assert Lang.EN in cues.status.speaks  # the mock engine has English voices
    window.sessions.start("hamstring-towel")
    advance(window, clock, 11)
    qtbot.waitUntil(lambda: "Left leg. Hold for 20 seconds" in cues.spoken)
    assert CueKind.HOLD_START in cues.attempted
    # This machine has no sound output: nothing is counted as played that never sounded.
    assert cues.status.output is Output.MISSING
    assert list(cues.played) == []
    before = len(cues.attempted)
    assert window.sessions.driver is not None
    window.sessions.driver.session.interruption_threshold = 120
    clock.advance(60)  # one very late update: many cues, all stale
    window.sessions.driver.poll()
    assert len(cues.attempted) == before


def test_no_sound_modules_means_silence_not_failure(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        qtbot: QtBot) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    player = CuePlayer(Lang.EN, tts_engine="mock")
    player.start_probes()
    qtbot.waitUntil(lambda: player.speech.answered)
    status = player.status
    assert status.output is Output.UNAVAILABLE
    assert status.engine is Engine.FAILED
    assert "speech is not available" in status.engine_error  # the engine's own words
    from kneecare_desktop.session.events import CueDue

    player.on_event(CueDue(0.0, CueKind.TICK, None, False))
    assert list(player.attempted) == [CueKind.TICK]
    assert list(player.played) == []  # silently: nothing sounded
    assert "PySide6.QtMultimedia is not available" in caplog.text
    assert "did not start: speech is not available" in caplog.text  # its own words, logged


def test_settings_change_the_language_and_rebuild_the_window(
        make_app: object, qtbot: QtBot) -> None:
    application = make_app(Lang.EN)  # type: ignore[operator]
    application.forced_lang = None
    window = application.window
    window._open_settings()
    from kneecare_desktop.ui.settings_dialog import SettingsDialog

    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    dialog.language.setCurrentIndex(dialog.language.findData(Lang.JA))
    dialog.sound.setChecked(False)
    dialog.accept()
    assert application.settings.language() is Lang.JA
    assert application.settings.sound_enabled() is False
    new_window = application.window
    assert new_window is not window
    qtbot.addWidget(new_window)
    assert new_window.library_view.start_button.text() == "開始"


def test_screen_is_kept_awake_only_while_running(window: MainWindow, clock: FakeClock) -> None:
    window.sessions.start("calf-wall")
    assert window.sessions.screen_awake.held
    assert window.sessions.driver is not None
    window.sessions.driver.pause()
    assert not window.sessions.screen_awake.held
    window.sessions.driver.resume()
    assert window.sessions.screen_awake.held
    window.sessions.driver.stop()
    assert not window.sessions.screen_awake.held


def test_without_a_voice_for_the_language_it_says_so_in_settings(
        make_app: object, clock: FakeClock, qtbot: QtBot) -> None:
    application = make_app(Lang.JA)  # type: ignore[operator]
    window: MainWindow = application.window
    window.sessions.cues.start_probes()
    qtbot.waitUntil(lambda: window.sessions.cues.speech.answered)
    assert Lang.JA not in window.sessions.cues.status.speaks  # the mock engine has no Japanese
    window.sessions.start("hamstring-towel")
    advance(window, clock, 11)
    assert list(window.sessions.cues.spoken) == []
    assert CueKind.HOLD_START in window.sessions.cues.attempted  # beeps still mark the hold
    window._open_settings()
    from kneecare_desktop.ui.settings_dialog import SettingsDialog

    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    assert "日本語" in dialog.voice_status.text()
    assert "画面" in dialog.voice_status.text()  # shown on screen instead
    dialog.reject()


def test_a_prompt_longer_than_its_adjusted_step_is_left_to_the_screen(qtbot: QtBot) -> None:
    from kneecare_desktop.library.files import load_library
    from kneecare_desktop.paths import shipped_routines_dir
    from kneecare_desktop.plan.compiler import compile_plan
    from kneecare_desktop.sound.prompts import PromptBook, shipped_prompts_dir

    library = load_library(shipped_routines_dir())
    player = CuePlayer(Lang.JA, tts_engine="mock",
                       prompts=PromptBook.load(shipped_prompts_dir()))
    player.prepare_plan(compile_plan(library.routines["calf-wall"]))
    assert player.too_long == frozenset()  # the shipped doses: every prompt fits
    shorter = {"calf-wall": Overrides(switch_seconds=4)}  # its first tick comes at 1 s
    player.prepare_plan(compile_plan(library.routines["calf-wall"], shorter, library.routines))
    assert "左右を入れ替えます" in player.too_long
    assert player.has_prompt("左右を入れ替えます")


def test_spin_and_combo_boxes_take_the_focus_by_click_or_tab_not_by_the_wheel(
        qtbot: QtBot) -> None:
    from kneecare_desktop.ui.inputs import ComboBox, DoubleSpinBox, SpinBox

    for box in (SpinBox(), DoubleSpinBox(), ComboBox()):
        qtbot.addWidget(box)
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus
