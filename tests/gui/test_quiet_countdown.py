"""What a running countdown costs between two of its seconds, and what an idle app keeps
awake (benchmarks/timing.py and benchmarks/idle.py measure it; these tests keep the
reasons from coming back)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang
from kneecare_desktop.plan.timeline import SegmentKind
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.sound.status import Output
from kneecare_desktop.ui import cues as cues_module
from kneecare_desktop.ui.app import create_app
from kneecare_desktop.ui.cues import CuePlayer
from kneecare_desktop.ui.main_window import MainWindow
from tests.gui.helpers import advance


class Events(QObject):
    """Counts the events of some types the whole application receives."""

    def __init__(self, *kinds: QEvent.Type) -> None:
        super().__init__()
        self.kinds = kinds
        self.seen: list[tuple[QEvent.Type, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in self.kinds:
            self.seen.append((event.type(), watched.objectName() or type(watched).__name__))
        return False


def settle() -> None:
    """What the event loop does between two seconds: posted events, layouts, paints."""
    for _ in range(10):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def test_a_second_within_a_step_lays_nothing_out(window: MainWindow, clock: FakeClock) -> None:
    window.toggle_presenter()
    window.sessions.start("calf-wall")
    advance(window, clock, 12)  # holding, with its side badge, counters and seconds left
    player = window.sessions.player
    assert player is not None
    settle()
    before = player.ring.big_text
    events = Events(QEvent.Type.LayoutRequest, QEvent.Type.StyleChange)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(events)
    try:
        advance(window, clock, 1, step=1)
        settle()
    finally:
        app.removeEventFilter(events)
    assert player.ring.big_text == str(int(before) - 1)
    # The seconds left changed, the badge and Rep done did not: nothing to lay out again.
    assert events.seen == []
    assert window.presenter is not None
    window.presenter.close()


def test_at_a_new_step_the_countdown_paints_before_the_rest(
        window: MainWindow, clock: FakeClock) -> None:
    window.sessions.start("calf-wall")
    player = window.sessions.player
    assert player is not None
    settle()
    getting_ready = player.instruction.text()
    seen: list[tuple[str, str]] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                seen.append((player.ring.big_text, player.instruction.text()))
            return False

    driver = window.sessions.driver
    assert driver is not None
    lead_in = driver.session.segment_remaining()
    assert lead_in is not None
    advance(window, clock, lead_in - 0.2)  # the last moment of getting ready
    settle()
    paints = Paints()
    player.ring.installEventFilter(paints)
    advance(window, clock, 0.3, step=0.3)  # the hold starts
    player.ring.removeEventFilter(paints)
    assert seen, "the countdown was not painted at once"
    # Painted with the hold's first second, while the instruction was still the old one.
    assert seen[0] == (player.ring.big_text, getting_ready)
    assert driver.session.segment.kind is SegmentKind.HOLD
    assert player.instruction.text() != getting_ready  # and the rest followed


def test_the_sounds_are_let_go_when_no_session_runs(
        window: MainWindow, clock: FakeClock, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cues_module, "RELEASE_AFTER_MS", 0)
    cues = window.sessions.cues
    cues.start_probes()
    if cues.status.output is Output.UNAVAILABLE:
        pytest.skip("QtMultimedia cannot load here")
    assert cues.sounds_loaded == 0  # at the care menu: no sound, no stream kept open
    window.sessions.start("calf-wall")
    assert cues.sounds_loaded > 0
    advance(window, clock, 12)
    window.sessions.toggle_pause()
    qtbot.waitUntil(lambda: cues.sounds_loaded == 0)
    window.sessions.toggle_pause()  # resumed: loaded again
    assert cues.sounds_loaded > 0
    driver = window.sessions.driver
    assert driver is not None
    advance(window, clock, driver.session.plan.total_seconds)
    assert driver.session.state.is_over
    qtbot.waitUntil(lambda: cues.sounds_loaded == 0)


def test_a_muted_session_keeps_no_sound_open(
        window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    cues = window.sessions.cues
    cues.start_probes()
    if cues.status.output is Output.UNAVAILABLE:
        pytest.skip("QtMultimedia cannot load here")
    window.sessions.start("calf-wall")
    loaded = cues.sounds_loaded
    assert loaded > 0
    window.commands.mute.trigger()  # the player's Mute
    assert cues.muted
    assert cues.sounds_loaded == 0  # nothing to hear: no stream kept open
    advance(window, clock, 3)
    assert cues.sounds_loaded == 0  # and none opened for the cues meanwhile
    window.commands.mute.trigger()  # sound again, in the same session
    assert not cues.muted
    assert cues.sounds_loaded == loaded
    window.sessions.toggle_pause()
    window.sessions.toggle_pause()  # resumed: the same
    assert cues.sounds_loaded == loaded
    window.commands.mute.trigger()
    driver = window.sessions.driver
    assert driver is not None
    advance(window, clock, driver.session.plan.total_seconds)
    assert driver.session.state.is_over
    window.summary_view.done_button.click()
    window.sessions.start("calf-wall")  # a session started muted stays quiet too
    assert cues.sounds_loaded == 0
    window.commands.mute.trigger()
    assert cues.sounds_loaded > 0


def test_a_test_sound_outside_a_session_is_let_go_afterwards(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cues_module, "RELEASE_AFTER_MS", 0)
    cues = CuePlayer(Lang.EN, tts_engine="mock")
    cues.start_probes()
    if cues.status.output is Output.UNAVAILABLE:
        pytest.skip("QtMultimedia cannot load here")
    from kneecare_desktop.session.events import CueKind

    cues.test(CueKind.TICK, "")
    assert cues.sounds_loaded > 0
    qtbot.waitUntil(lambda: cues.sounds_loaded == 0)
    cues.deleteLater()


def test_the_app_paints_without_qts_thread_pool(qapp: object,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    create_app()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"
