"""One system speech engine: made, asked which languages it speaks, told what to say.

Used in the speech process (``speech_server.py``) for the system's engines, and in the
app itself only for Qt's ``mock`` test engine (see ``speech.py`` for why).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal

from kneecare_desktop.model import Lang
from kneecare_desktop.sound.status import can_speak

log = logging.getLogger(__name__)

TEST_ENGINE = "mock"  # Qt's test engine: only ever chosen when asked for by name
# The engine's volume at full app volume. espeak-ng through speech-dispatcher clips at
# 0.6 and above (peaks at 0 dBFS), peaks at -0.9 dBFS at 0.5 and -3 dBFS at 0.4, as
# loud as the shipped recordings' peaks (measured by tests/audio/test_session.py).
SPEECH_LEVEL = 0.4
LOCALES = {Lang.JA: QLocale("ja_JP"), Lang.EN: QLocale("en_US")}


@dataclass(frozen=True)
class EngineAnswer:
    """What an engine said when it was made: its name, why it failed, a voice per language."""

    engine: str = ""
    error: str = ""
    voices: dict[Lang, str] = field(default_factory=dict)


class VoiceEngine(QObject):
    """The engine and the voice it uses for each language it speaks intelligibly.

    ``speaking``/``idle`` carry the number of the utterance they are about, so that the
    other side can tell a stale "idle" (of an utterance already stopped) from the last."""

    speaking = Signal(int)
    idle = Signal(int)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._speech: Any | None = None
        self._voices: dict[Lang, Any] = {}
        self._lang: Lang | None = None
        self._utterance = 0

    def make(self, wanted: str) -> EngineAnswer:
        """Make ``wanted`` (or, when empty, the system's first real engine). Blocks until
        the engine answers: 2 s or more for speech-dispatcher."""
        try:
            module = importlib.import_module("PySide6.QtTextToSpeech")
        except ImportError as error:
            return EngineAnswer(error=f"speech is not available: {error}")
        name = wanted
        if not name:
            real = [e for e in module.QTextToSpeech.availableEngines() if e != TEST_ENGINE]
            name = real[0] if real else ""
        if not name:
            return EngineAnswer()
        speech = module.QTextToSpeech(name, self)
        if speech.state() == module.QTextToSpeech.State.Error:
            return EngineAnswer(name, speech.errorString() or speech.errorReason().name)
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
        return EngineAnswer(name, "", {lang: v.name() for lang, v in self._voices.items()})

    def say(self, utterance: int, text: str, lang: Lang, volume: float) -> None:
        speech = self._speech
        if speech is None or lang not in self._voices:
            self.idle.emit(utterance)
            return
        if lang is not self._lang:
            speech.setLocale(LOCALES[lang])
            speech.setVoice(self._voices[lang])
            self._lang = lang
        speech.setVolume(max(0.0, min(1.0, volume * SPEECH_LEVEL)))
        self._utterance = utterance
        speech.say(text)

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    def _on_state(self, state: object) -> None:
        name = getattr(state, "name", "")
        if name == "Speaking":
            self.speaking.emit(self._utterance)
        elif name in ("Ready", "Error"):
            self.idle.emit(self._utterance)

    def _on_error(self, reason: object, text: str) -> None:
        self.failed.emit(f"{text} ({getattr(reason, 'name', reason)})")
