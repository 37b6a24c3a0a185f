"""The system's speech engine, on a thread of its own.

Starting speech-dispatcher's engine takes about 2 s (``QTextToSpeech("speechd")`` blocks
until the service answers); on the GUI thread that froze the window. Here the engine is
made, asked and told on a worker thread: the window only sends it texts and hears back
what it can do. The thread belongs to the application and ends when its service goes
(the window that owned it closed) or when the application quits.

A thread alone was not enough: PySide6 holds Python's lock through the constructor, so
the GUI thread stopped at its next line of Python until speech-dispatcher answered
(1.5-2.3 s after the care menu showed, when the daemon had to be started; for ever when
it hung). So a daemon's engine is first made in a process of its own (``_PROBE``), which
the thread waits for without the lock, and only made here once that has answered.
"""

from __future__ import annotations

import importlib
import logging
import subprocess
import sys
import time
from typing import Any

from PySide6.QtCore import SIGNAL, SLOT, QCoreApplication, QLocale, QObject, QThread, Signal, Slot

from kneecare_desktop.model import Lang
from kneecare_desktop.sound.status import can_speak

log = logging.getLogger(__name__)

TEST_ENGINE = "mock"  # Qt's test engine: only ever chosen when asked for by name
# The engine's volume at full app volume. espeak-ng through speech-dispatcher clips at
# 0.6 and above (peaks at 0 dBFS), peaks at -0.9 dBFS at 0.5 and -3 dBFS at 0.4, as
# loud as the shipped recordings' peaks (measured by tests/audio/test_session.py).
SPEECH_LEVEL = 0.4
LOCALES = {Lang.JA: QLocale("ja_JP"), Lang.EN: QLocale("en_US")}
DAEMON_ENGINES = {"speechd"}  # engines whose constructor waits for a service to answer
ANSWER_WITHIN_S = 30.0  # 1.5-2.3 s to start speech-dispatcher, 5 s on a busy machine
_PROBE = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication(sys.argv[:1])
QTextToSpeech(sys.argv[1])
"""


def probe_command(name: str) -> list[str]:
    """The probe's process: this Python running ``_PROBE``, or in a frozen app (whose
    ``sys.executable`` is the ``kneecare`` program, which knows no ``-c``) the program's
    hidden ``--probe-speech-engine``, which runs :func:`run_probe`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--probe-speech-engine", name]
    return [sys.executable, "-c", _PROBE, name]


def run_probe(name: str) -> int:
    """``kneecare --probe-speech-engine NAME``: what ``_PROBE`` does, then quit."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    QTextToSpeech(name, app)
    return 0


class _Worker(QObject):
    """Lives on the speech thread: every slot runs there."""

    ready = Signal(str, str, object)  # engine name, error text, voice names by language
    started_saying = Signal(str)
    stopped_saying = Signal()

    def __init__(self, wanted: str | None) -> None:
        super().__init__()
        self._wanted = wanted
        self._speech: Any | None = None
        self._voices: dict[Lang, Any] = {}
        self._lang: Lang | None = None
        self._text = ""

    @Slot()
    def start(self) -> None:
        try:
            module = importlib.import_module("PySide6.QtTextToSpeech")
        except ImportError as error:
            self.ready.emit("", f"speech is not available: {error}", {})
            return
        engines = list(module.QTextToSpeech.availableEngines())
        name = self._wanted
        if name is None:
            real = [e for e in engines if e != TEST_ENGINE]
            name = real[0] if real else ""
        if not name:
            self.ready.emit("", "", {})
            return
        if name in DAEMON_ENGINES:
            silent = self._unanswered(name)
            if silent is not None:
                self.ready.emit(name, silent, {})
                return
        speech = module.QTextToSpeech(name, self)
        if speech.state() == module.QTextToSpeech.State.Error:
            self.ready.emit(name, speech.errorString() or speech.errorReason().name, {})
            return
        for lang, locale in LOCALES.items():
            speech.setLocale(locale)
            if speech.locale().language() != locale.language():
                continue
            offered = list(speech.availableVoices())
            # espeak-ng's variants ("English+Annie") are not a language's main voice.
            plain = [v for v in offered if "+" not in v.name()] or offered
            exact = [v for v in plain if v.locale() == locale] or plain
            if exact and can_speak(name, [v.name() for v in offered], lang):
                self._voices[lang] = exact[0]
        speech.stateChanged.connect(self._on_state)
        speech.errorOccurred.connect(self._on_error)
        self._speech = speech
        self.ready.emit(name, "", {lang: v.name() for lang, v in self._voices.items()})

    @staticmethod
    def _unanswered(name: str) -> str | None:
        """Make the engine in a process of its own first, waiting without Python's lock
        (see above): None once it has answered, else why it did not."""
        try:
            probe = subprocess.Popen(probe_command(name),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        except OSError:
            return None  # cannot tell: made here, as before
        deadline = time.monotonic() + ANSWER_WITHIN_S
        thread = QThread.currentThread()
        while probe.poll() is None:
            if time.monotonic() > deadline or thread.isInterruptionRequested():
                probe.kill()
                probe.wait()
                return f"the speech engine did not answer within {ANSWER_WITHIN_S:.0f} s"
            time.sleep(0.05)  # the app is starting, or quitting: not for long
        return None

    @Slot(str, str, float)
    def say(self, text: str, lang_code: str, volume: float) -> None:
        lang = Lang(lang_code)
        speech = self._speech
        if speech is None or lang not in self._voices:
            return
        if lang is not self._lang:
            speech.setLocale(LOCALES[lang])
            speech.setVoice(self._voices[lang])
            self._lang = lang
        speech.setVolume(max(0.0, min(1.0, volume * SPEECH_LEVEL)))
        self._text = text
        speech.say(text)

    @Slot()
    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    def _on_state(self, state: object) -> None:
        name = getattr(state, "name", "")
        if name == "Speaking":
            self.started_saying.emit(self._text)
        elif name in ("Ready", "Error"):
            self.stopped_saying.emit()

    def _on_error(self, reason: object, text: str) -> None:
        log.warning("the speech engine failed: %s (%s)", text, getattr(reason, "name", reason))


class SpeechService(QObject):
    """The GUI thread's side: start the engine, tell it what to say, hear what it can do."""

    ready = Signal()  # the engine answered (or there is none): see engine, error, speaks
    said = Signal(str)  # the engine started speaking this text
    _say = Signal(str, str, float)
    _stop = Signal()

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted = engine
        self.engine = ""
        self.error = ""
        self.speaks: frozenset[Lang] = frozenset()
        self.voice_names: dict[Lang, str] = {}
        self.answered = False
        self.speaking = False
        self._thread: QThread | None = None

    def start(self) -> None:
        """Start the engine on its own thread (once); ``ready`` says when it has answered."""
        if self._thread is not None:
            return
        app = QCoreApplication.instance()
        assert app is not None
        # The application owns the thread: a closing window must never destroy it while
        # it runs. The thread ends when this service goes, or at quit.
        thread = SpeechThread(self._wanted, app)
        worker = thread.worker
        self._say.connect(worker.say)
        self._stop.connect(worker.stop)
        worker.ready.connect(self._on_ready)
        worker.started_saying.connect(self._on_started)
        worker.stopped_saying.connect(self._on_stopped)
        # A C++ connection: it must fire while this object is being destroyed.
        QObject.connect(self, SIGNAL("destroyed()"), thread, SLOT("quit()"))
        app.aboutToQuit.connect(thread.stop)
        self._thread = thread
        thread.start()

    def say(self, text: str, lang: Lang, volume: float) -> None:
        if lang in self.speaks:
            self._say.emit(text, lang.value, volume)

    def stop(self) -> None:
        self._stop.emit()

    def _on_ready(self, engine: str, error: str, voices: dict[Lang, str]) -> None:
        self.engine, self.error = engine, error
        self.speaks, self.voice_names = frozenset(voices), dict(voices)
        if error:
            log.warning("the speech engine %r did not start: %s", engine or "(none)", error)
        elif not engine:
            log.info("no speech engine is installed; voices come from recordings only")
        else:
            log.info("speech engine %r ready; it speaks %s", engine,
                     ", ".join(sorted(lang.value for lang in voices)) or "no shipped language")
        self.answered = True
        self.ready.emit()

    def _on_started(self, text: str) -> None:
        self.speaking = True
        self.said.emit(text)

    def _on_stopped(self) -> None:
        self.speaking = False


class SpeechThread(QThread):
    """The engine's thread, holding its worker; it deletes both when it ends."""

    def __init__(self, wanted: str | None, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("speech")
        self.worker = _Worker(wanted)
        self.worker.moveToThread(self)
        self.started.connect(self.worker.start)
        self.finished.connect(self.worker.deleteLater)
        self.finished.connect(self.deleteLater)

    def stop(self) -> None:
        """End the thread and wait for it (3 s at most: an engine may still be starting)."""
        if self.isRunning():
            self.requestInterruption()  # an engine still being made is given up
            self.quit()
            if not self.wait(3000):
                log.warning("the speech engine did not stop within 3 s")
