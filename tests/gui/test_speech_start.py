"""A speech engine that waits for a service (speech-dispatcher) is first made in a process
of its own: the GUI thread runs on meanwhile, and an engine that never answers is given
up instead of freezing the app (PySide6 holds Python's lock through the constructor)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang
from kneecare_desktop.ui import speech
from kneecare_desktop.ui.speech import SpeechService


def started(qtbot: QtBot, service: SpeechService) -> list[float]:
    """Start ``service`` and wait for its answer; the GUI thread's ticks meanwhile."""
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start()
    with qtbot.waitSignal(service.ready, timeout=20_000):
        service.start()
    ticker.stop()
    return ticks


def test_an_engine_that_never_answers_is_given_up_and_the_window_runs_on(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "DAEMON_ENGINES", {"mock"})
    monkeypatch.setattr(speech, "_PROBE", "import time\ntime.sleep(60)\n")  # a hung daemon
    monkeypatch.setattr(speech, "ANSWER_WITHIN_S", 1.0)
    service = SpeechService("mock")
    ticks = started(qtbot, service)
    assert service.error.startswith("the speech engine did not answer")
    assert service.speaks == frozenset()
    assert len(ticks) >= 10  # the GUI thread went on ticking while the engine was awaited


def test_an_engine_that_answers_in_its_own_process_is_then_made_here(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "DAEMON_ENGINES", {"mock"})
    service = SpeechService("mock")  # the real probe: Qt's mock engine, in a child
    started(qtbot, service)
    assert service.error == ""
    assert service.engine == "mock"
    assert Lang.EN in service.speaks
