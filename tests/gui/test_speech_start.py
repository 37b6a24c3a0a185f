"""A speech engine that waits for a service (speech-dispatcher) is first made in a process
of its own: the GUI thread runs on meanwhile, and an engine that never answers is given
up instead of freezing the app (PySide6 holds Python's lock through the constructor)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kneecare_desktop.cli.args import parse_arguments
from kneecare_desktop.model import Lang
from kneecare_desktop.ui import speech
from kneecare_desktop.ui.speech import SpeechService
from tests.conftest import REPO


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


def test_in_a_frozen_app_the_probe_runs_the_program_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen app's sys.executable is the `kneecare` program, which knows no `-c`: the
    probe then asks the program's hidden option, which must make the engine and succeed
    (with `-c` it exited at once with a usage error, so the engine was made in the app's
    own process after all, and a hung speech-dispatcher froze the window)."""
    program = tmp_path / "kneecare"  # stands in for the frozen program: the real CLI
    program.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO)!r})\n"
                       "from kneecare_desktop.cli.main import main\nsys.exit(main())\n")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    command = speech.probe_command("mock")
    assert command[0] == str(program)
    parsed = parse_arguments(command[1:])
    assert parsed.probe_speech_engine == "mock"
    assert parsed.command is None
    result = subprocess.run(command, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
