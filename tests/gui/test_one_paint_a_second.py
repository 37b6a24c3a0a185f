"""Within a step, each second of the countdown is one paint of the window (each paint is
a flush to the screen and a wake-up of the app's connection to it: benchmarks/idle.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.main_window import MainWindow
from tests.gui.helpers import advance


class CreepingClock(FakeClock):
    """A fake clock that also moves a microsecond at each reading, as a real one does
    between two reads: what is computed twice from "now" comes out different."""

    def monotonic(self) -> float:
        self.advance(1e-6)
        return super().monotonic()


@pytest.fixture
def clock() -> FakeClock:
    return CreepingClock()


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def test_a_second_within_a_hold_paints_the_countdown_once(
        window: MainWindow, clock: FakeClock) -> None:
    window.sessions.start("calf-wall")
    advance(window, clock, 12)  # holding: 8 s of the hold left
    settle()
    player = window.sessions.player
    assert player is not None
    before = player.ring.big_text
    paints = Paints()
    player.ring.installEventFilter(paints)
    try:
        for second in range(1, 4):
            advance(window, clock, 1, step=1)
            settle()
            assert player.ring.big_text == str(int(before) - second)
    finally:
        player.ring.removeEventFilter(paints)
    assert paints.count == 3
