"""The cue player's deferred work dies with it: a voice queued just before its window
goes (closed, or rebuilt for a language change) is never sent to a deleted engine."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang, Text
from kneecare_desktop.session.events import CueDue, CueKind
from kneecare_desktop.ui.cues import CuePlayer

UNRECORDED = Text(ja="録音のない文", en="A text with no recording.")


def test_a_voice_queued_as_the_cue_player_goes_is_dropped(qtbot: QtBot) -> None:
    cues = CuePlayer(Lang.EN, sound=False, tts_engine="mock")
    with qtbot.waitSignal(cues.speech.ready, timeout=10_000):
        cues.start_probes()
    assert Lang.EN in cues.speech.speaks  # so the text would go to the engine
    cues.on_event(CueDue(at=1.0, kind=CueKind.VOICE, text=UNRECORDED, stale=False))
    shiboken6.delete(cues)  # its window went, before the event loop's next turn
    # The event loop's next turns: pytest-qt fails the test on any exception in them.
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: turned.append(True)))
    qtbot.waitUntil(lambda: bool(turned))


def test_a_voice_queued_is_spoken(qtbot: QtBot) -> None:
    cues = CuePlayer(Lang.EN, sound=False, tts_engine="mock")
    with qtbot.waitSignal(cues.speech.ready, timeout=10_000):
        cues.start_probes()
    with qtbot.waitSignal(cues.speech.said, timeout=10_000) as said:
        cues.on_event(CueDue(at=1.0, kind=CueKind.VOICE, text=UNRECORDED, stale=False))
    assert said.args == [UNRECORDED.en]
    cues.deleteLater()
