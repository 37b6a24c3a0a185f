"""The system's speech engine, in a process of its own.

Making speech-dispatcher's engine takes about 2 s (``QTextToSpeech("speechd")`` waits for
the service to answer), and PySide6 holds Python's lock through that constructor: made on
the GUI thread it froze the window; made on a worker thread it still stopped the GUI
thread at its next line of Python (1.5-2.3 s after the care menu showed; for ever when
the daemon hung). So the engine lives in a speech process (``speech_server.py``) that
the window talks to through a pipe (``QProcess``: nothing here ever waits for it):
texts go out, what the engine speaks and when it starts and stops come back.

Qt's ``mock`` test engine, chosen only by name, answers at once: it is made in the app
unless a test asks for the process (``own_process``), as the self-test does.
"""

from __future__ import annotations

import json
import logging
import sys
from functools import partial
from typing import Any

from PySide6.QtCore import SIGNAL, SLOT, QCoreApplication, QObject, QProcess, QTimer, Signal

from kneecare_desktop.model import Lang
from kneecare_desktop.ui.speech_engine import TEST_ENGINE, EngineAnswer, VoiceEngine

log = logging.getLogger(__name__)

ANSWER_WITHIN_S = 30.0  # 1.5-2.3 s to start speech-dispatcher, 5 s on a busy machine
PROCESS_NAME = "speech"  # the speech process's object name (the app ends them at exit)
_ENDED_AT_QUIT = "kneecare_speech_ended_at_quit"  # the app's property: quitting ends them


def speech_command(engine: str) -> list[str]:
    """The command line of the speech process: the app itself, frozen or not."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--speech-server", engine]
    return [sys.executable, "-m", "kneecare_desktop", "--speech-server", engine]


class SpeechService(QObject):
    """The GUI thread's side: start the engine, tell it what to say, hear what it can do."""

    ready = Signal()  # the engine answered (or there is none): see engine, error, speaks
    said = Signal(str)  # the engine started speaking this text

    def __init__(self, engine: str | None = None, parent: QObject | None = None, *,
                 own_process: bool | None = None) -> None:
        super().__init__(parent)
        self._wanted = engine or ""
        self._own_process = engine != TEST_ENGINE if own_process is None else own_process
        self.engine = ""
        self.error = ""
        self.speaks: frozenset[Lang] = frozenset()
        self.voice_names: dict[Lang, str] = {}
        self.answered = False
        self.speaking = False  # said and not yet heard to be over: a stop is sent
        self._started = False
        self._utterance = 0  # the number of the last text sent
        self._text = ""
        self._local: VoiceEngine | None = None
        self._process: QProcess | None = None
        self._pending = b""
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(int(ANSWER_WITHIN_S * 1000))
        self._deadline.timeout.connect(self._on_no_answer)

    def start(self) -> None:
        """Start the engine (once); ``ready`` says when it has answered."""
        if self._started:
            return
        self._started = True
        if not self._own_process:
            QTimer.singleShot(0, self, self._make_here)
            return
        app = QCoreApplication.instance()
        assert app is not None
        # The application owns the process, so that it outlives nothing it should not:
        # it is told to end when this service goes, and ended at quit (see end_all).
        process = QProcess(app)
        process.setObjectName(PROCESS_NAME)
        command = speech_command(self._wanted)
        process.setProgram(command[0])
        process.setArguments(command[1:])
        process.readyReadStandardOutput.connect(self._read)
        process.readyReadStandardError.connect(self._log_its_errors)
        process.errorOccurred.connect(self._on_process_error)
        process.finished.connect(self._on_finished)
        process.finished.connect(process.deleteLater)
        # A C++ connection: it must fire while this object is being destroyed.
        QObject.connect(self, SIGNAL("destroyed()"), process, SLOT("kill()"))
        if not app.property(_ENDED_AT_QUIT):
            app.setProperty(_ENDED_AT_QUIT, True)
            app.aboutToQuit.connect(partial(end_speech_processes, app))
        self._process = process
        self._deadline.start()
        process.start()

    def say(self, text: str, lang: Lang, volume: float) -> None:
        if lang not in self.speaks:
            return
        self._utterance += 1
        self._text = text
        self.speaking = True
        if self._local is not None:
            self._local.say(self._utterance, text, lang, volume)
        else:
            self._send({"say": text, "lang": lang.value, "volume": volume,
                        "utterance": self._utterance})

    def stop(self) -> None:
        if self._local is not None:
            self._local.stop()
        else:
            self._send({"stop": True})

    # -- the engine in the app (the test engine) -------------------------------------------
    def _make_here(self) -> None:
        engine = VoiceEngine(self)
        engine.speaking.connect(self._on_speaking)
        engine.idle.connect(self._on_idle)
        engine.failed.connect(self._on_failed)
        self._local = engine
        self._on_answer(engine.make(self._wanted))

    # -- the speech process ----------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        process = self._process
        if process is not None and process.state() == QProcess.ProcessState.Running:
            process.write((json.dumps(message, ensure_ascii=False) + "\n").encode())

    def _read(self) -> None:
        assert self._process is not None
        self._pending += bytes(self._process.readAllStandardOutput().data())
        *lines, self._pending = self._pending.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                log.warning("the speech process wrote a line that is not JSON: %r", line[:200])
                continue
            if "engine" in message:
                voices = {Lang(code): name for code, name in message["voices"].items()
                          if code in {lang.value for lang in Lang}}
                self._on_answer(EngineAnswer(message["engine"], message["error"], voices))
            elif "speaking" in message:
                self._on_speaking(int(message["speaking"]))
            elif "idle" in message:
                self._on_idle(int(message["idle"]))
            elif "failed" in message:
                self._on_failed(str(message["failed"]))

    def _log_its_errors(self) -> None:
        assert self._process is not None
        text = bytes(self._process.readAllStandardError().data()).decode(errors="replace")
        for line in text.splitlines():
            if line.strip():
                log.info("speech process: %s", line)

    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart and not self.answered:
            assert self._process is not None
            self._on_answer(EngineAnswer(
                self._wanted, f"the speech process did not start: {self._process.errorString()}"))

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self.speaking = False
        self._process = None
        if not self.answered:
            self._on_answer(EngineAnswer(self._wanted, (
                f"the speech process ended before it answered (exit status {code})"
                if status is QProcess.ExitStatus.NormalExit else
                "the speech process crashed before it answered")))
        elif self.speaks:
            log.warning("the speech process ended (exit status %s): the voice is off", code)
            self.speaks = frozenset()
            self.ready.emit()

    def _on_no_answer(self) -> None:
        if self.answered:
            return
        self._on_answer(EngineAnswer(
            self._wanted, f"the speech engine did not answer within {ANSWER_WITHIN_S:.0f} s"))
        if self._process is not None:
            self._process.kill()

    # -- what either engine says -----------------------------------------------------------
    def _on_answer(self, answer: EngineAnswer) -> None:
        if self.answered:
            return
        self._deadline.stop()
        self.engine, self.error = answer.engine, answer.error
        self.speaks, self.voice_names = frozenset(answer.voices), dict(answer.voices)
        if answer.error:
            log.warning("the speech engine %r did not start: %s", answer.engine or "(none)",
                        answer.error)
        elif not answer.engine:
            log.info("no speech engine is installed; voices come from recordings only")
        else:
            log.info("speech engine %r ready; it speaks %s", answer.engine,
                     ", ".join(sorted(lang.value for lang in answer.voices))
                     or "no shipped language")
        self.answered = True
        self.ready.emit()

    def _on_speaking(self, utterance: int) -> None:
        if utterance == self._utterance:
            self.said.emit(self._text)

    def _on_idle(self, utterance: int) -> None:
        if utterance == self._utterance:
            self.speaking = False

    def _on_failed(self, text: str) -> None:
        log.warning("the speech engine failed: %s", text)


def end_speech_processes(app: QCoreApplication, wait_ms: int = 3000) -> None:
    """End every speech process still running (the app is going): tell each to stop and
    wait for it, as Qt warns about a process destroyed while it runs."""
    for process in app.findChildren(QProcess, PROCESS_NAME):
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            if not process.waitForFinished(wait_ms):
                log.warning("the speech process did not end within %d ms", wait_ms)
