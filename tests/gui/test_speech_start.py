"""The system's speech engine runs in a speech process of its own (``ui/speech.py``):
the window never waits for it, an engine that never answers is given up, a process
that dies is said, and texts go there and come back as speech."""

from __future__ import annotations

import sys
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


def test_the_system_voice_speaks_from_its_own_process(qtbot: QtBot) -> None:
    service = SpeechService("mock", own_process=True)
    started(qtbot, service)
    assert (service.engine, service.error) == ("mock", "")
    assert Lang.EN in service.speaks
    with qtbot.waitSignal(service.said, timeout=10_000) as said:
        service.say("Hold for twenty seconds.", Lang.EN, 0.8)
    assert said.args == ["Hold for twenty seconds."]
    assert service.speaking  # until the process says the text is over, or is stopped
    service.stop()
    qtbot.waitUntil(lambda: not service.speaking, timeout=10_000)


def test_a_language_the_engine_cannot_speak_is_never_sent(qtbot: QtBot) -> None:
    service = SpeechService("mock", own_process=True)
    started(qtbot, service)
    assert Lang.JA not in service.speaks  # Qt's mock engine has no Japanese voice
    service.say("右脚", Lang.JA, 0.8)
    assert not service.speaking


def test_an_engine_that_never_answers_is_given_up_and_the_window_runs_on(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # A speech process that never answers, as with a hung speech-dispatcher.
    monkeypatch.setattr(speech, "speech_command",
                        lambda engine: [sys.executable, "-c", "import time; time.sleep(60)"])
    monkeypatch.setattr(speech, "ANSWER_WITHIN_S", 1.0)
    service = SpeechService("speechd")
    ticks = started(qtbot, service)
    assert service.error == "the speech engine did not answer within 1 s"
    assert service.speaks == frozenset()
    assert len(ticks) >= 10  # the GUI thread went on ticking while the engine was awaited


def test_a_speech_process_that_cannot_start_is_said(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "speech_command", lambda engine: ["/nonexistent/kneecare"])
    service = SpeechService("speechd")
    started(qtbot, service)
    assert service.error.startswith("the speech process did not start")
    assert service.speaks == frozenset()


def test_a_speech_process_that_dies_turns_the_voice_off(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    service = SpeechService("mock", own_process=True)
    started(qtbot, service)
    assert service.speaks
    with qtbot.waitSignal(service.ready, timeout=10_000):  # the status changes again
        for process in speech_processes():
            process.kill()
    assert service.speaks == frozenset()
    service.say("Hold.", Lang.EN, 0.8)  # nothing is sent, nothing breaks
    assert not service.speaking


def speech_processes() -> list[object]:
    from PySide6.QtCore import QCoreApplication, QProcess

    app = QCoreApplication.instance()
    assert app is not None
    return list(app.findChildren(QProcess, speech.PROCESS_NAME))


_PARENT = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-m", "kneecare_desktop", "--speech-server", "mock"],
                         stdin=int(sys.argv[1]), stdout=subprocess.PIPE, pass_fds=())
print(child.pid, flush=True)
child.stdout.readline()  # it answered
print("ready", flush=True)
sys.stdin.read()  # until killed
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_speech_process_ends_when_the_app_is_killed_even_with_its_input_open(
        tmp_path: object) -> None:
    """A speech process whose engine never answers cannot read its input (PySide holds
    Python's lock in the engine's constructor): the kernel ends it with the app. Here its
    input stays open in another process, so only that can end it."""
    import os
    import select
    import signal
    import subprocess

    read_end, write_end = os.pipe()  # the speech process's input; this test keeps it open
    try:
        with subprocess.Popen([sys.executable, "-c", _PARENT, str(read_end)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              pass_fds=(read_end,)) as parent:
            assert parent.stdout is not None
            speech_pid = int(parent.stdout.readline())
            assert parent.stdout.readline().strip() == "ready"
            watch = os.pidfd_open(speech_pid)
            parent.send_signal(signal.SIGKILL)  # the app dies without a word
            parent.wait(10)
            ended, _, _ = select.select([watch], [], [], 10.0)
            os.close(watch)
            assert ended, "the speech process outlived the app"
    finally:
        os.close(read_end)
        os.close(write_end)
