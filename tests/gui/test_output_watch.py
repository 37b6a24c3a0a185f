"""The output watch tells a sound output that took no sound from a sound that merely
started late: an effect's first play may start up to 1.5 s late on a working PulseAudio
output (measured), and that must not turn the sounds off."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl
from pytestqt.qtbot import QtBot

from kneecare_desktop.ui import output_watch
from kneecare_desktop.ui.output_watch import OutputWatch

SCALE = 0.1  # the watch's allowances, shortened tenfold for the test


class LateEffect(QObject):
    """A QSoundEffect as the watch sees it: says it plays at once, ends ``late`` seconds
    after its ``seconds`` (None: never, as on a removed sink)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.playing = False

    def play(self, late: float | None) -> None:
        self.playing = True
        if late is not None:
            QTimer.singleShot(round((self.seconds + late) * 1000), self, self._end)

    def _end(self) -> None:
        self.playing = False

    def isPlaying(self) -> bool:  # noqa: N802 - QSoundEffect's name
        return self.playing

    def source(self) -> QUrl:
        return QUrl.fromLocalFile("/sounds/prompt.wav")


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> OutputWatch:
    monkeypatch.setattr(output_watch, "STUCK_AFTER_S", output_watch.STUCK_AFTER_S * SCALE)
    monkeypatch.setattr(output_watch, "FIRST_STUCK_AFTER_S",
                        output_watch.FIRST_STUCK_AFTER_S * SCALE)
    monkeypatch.setattr(output_watch, "RECHECK_EVERY_MS", 60_000)  # no silence tried
    return OutputWatch(multimedia=None)


def play(watch: OutputWatch, effect: LateEffect, late: float | None) -> None:
    effect.play(late)
    watch.played(effect, effect.seconds)


def test_a_first_play_that_starts_late_is_not_a_lost_output(
        watch: OutputWatch, qtbot: QtBot) -> None:
    stalls: list[Any] = []
    watch.stalled.connect(lambda: stalls.append(True))
    opening = LateEffect(seconds=0.2)
    play(watch, opening, late=1.5 * SCALE)  # the opening prompt, as measured at worst
    qtbot.waitUntil(lambda: not opening.isPlaying(), timeout=2_000)
    qtbot.wait(round((output_watch.FIRST_STUCK_AFTER_S + 0.1) * 1000))
    assert stalls == []
    assert not watch.gone


def test_a_later_play_that_does_not_end_is_a_lost_output(
        watch: OutputWatch, qtbot: QtBot) -> None:
    beep = LateEffect(seconds=0.05)
    play(watch, beep, late=0.0)
    qtbot.waitUntil(lambda: not beep.isPlaying(), timeout=2_000)
    with qtbot.waitSignal(watch.stalled, timeout=2_000):
        play(watch, beep, late=None)  # the sink went: it never ends
    assert watch.gone


def test_a_first_play_that_never_ends_is_a_lost_output_too(
        watch: OutputWatch, qtbot: QtBot) -> None:
    prompt = LateEffect(seconds=0.1)
    with qtbot.waitSignal(watch.stalled, timeout=3_000):
        play(watch, prompt, late=None)
    assert watch.gone
