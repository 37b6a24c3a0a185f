"""Beeps and voice prompts for the session's cues.

QtMultimedia and QtTextToSpeech are loaded only when the first session starts, so
start-up stays fast. With no audio device, no speech engine, or modules that cannot be
loaded at all (a machine without libpulse), everything works silently: the failure is
logged once and the on-screen text carries on alone.
"""

from __future__ import annotations

import importlib
import logging
from collections import deque
from typing import Any

from PySide6.QtCore import QLocale, QObject, QUrl, Signal

from kneecare_desktop import phrases as P
from kneecare_desktop.model import Lang
from kneecare_desktop.paths import resources_dir
from kneecare_desktop.session import CueDue, CueKind, Event, SessionFinished

log = logging.getLogger(__name__)

SOUND_FILES = {
    CueKind.TICK: "tick.wav",
    CueKind.HOLD_START: "hold_start.wav",
    CueKind.HOLD_END: "hold_end.wav",
    CueKind.BEAT: "beat.wav",
    CueKind.SESSION_END: "session_end.wav",
}


def _load(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError as error:  # e.g. libpulse missing: the module cannot load at all
        log.warning("%s is not available (%s); continuing without it", module, error)
        return None


class CuePlayer(QObject):
    """Plays the sound and speaks the text of each fresh cue; stale cues stay silent."""

    voice_status_changed = Signal(str)

    def __init__(self, lang: Lang, sound: bool = True, voice: bool = True,
                 tts_engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sound_on = sound
        self.voice_on = voice
        self._tts_engine = tts_engine
        self._effects: dict[CueKind, Any] = {}
        self._speech: Any | None = None
        self._prepared = False
        self.voice_available: bool | None = None  # None until prepared
        # The latest cues played and spoken (what a test or a log can check).
        self.played: deque[CueKind] = deque(maxlen=100)
        self.spoken: deque[str] = deque(maxlen=100)

    def prepare(self) -> None:
        """Load the sound modules and preload the WAV files (once)."""
        if self._prepared:
            return
        self._prepared = True
        if self.sound_on:
            self._prepare_sounds()
        if self.voice_on:
            self._prepare_voice()

    def set_sound(self, on: bool) -> None:
        self.sound_on = on
        if on and self._prepared and not self._effects:
            self._prepare_sounds()

    def set_voice(self, on: bool) -> None:
        self.voice_on = on
        if on and self._prepared and self._speech is None:
            self._prepare_voice()
        if not on and self._speech is not None:
            self._speech.stop()

    def set_language(self, lang: Lang) -> None:
        self.lang = lang
        if self._speech is not None:
            self._choose_voice()

    def on_event(self, event: Event) -> None:
        if isinstance(event, SessionFinished):
            self._say(P.DONE.get(self.lang))
        if not isinstance(event, CueDue) or event.stale:
            return
        if event.kind is CueKind.VOICE:
            if event.text is not None:
                self._say(event.text.get(self.lang))
            return
        self._play(event.kind)

    # -- internals ------------------------------------------------------------------------
    def _prepare_sounds(self) -> None:
        multimedia = _load("PySide6.QtMultimedia")
        if multimedia is None:
            return
        folder = resources_dir() / "sounds"
        for kind, name in SOUND_FILES.items():
            effect = multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(folder / name)))
            effect.setVolume(0.8)
            self._effects[kind] = effect

    def _prepare_voice(self) -> None:
        module = _load("PySide6.QtTextToSpeech")
        if module is None:
            self._set_voice_available(False)
            return
        engines = module.QTextToSpeech.availableEngines()
        engine = self._tts_engine
        if engine is None:
            # The app never picks the test engine on its own.
            real = [e for e in engines if e != "mock"]
            engine = real[0] if real else ""
        if engine == "" and not [e for e in engines if e != "mock"]:
            log.info("no speech engine is installed; using beeps and on-screen text")
            self._set_voice_available(False)
            return
        self._speech = module.QTextToSpeech(engine, self)
        self._choose_voice()

    def _choose_voice(self) -> None:
        assert self._speech is not None
        wanted = QLocale.Language.Japanese if self.lang is Lang.JA else QLocale.Language.English
        locales = [loc for loc in self._speech.availableLocales() if loc.language() == wanted]
        if not locales:
            log.info("no %s voice is installed; using beeps and on-screen text", self.lang)
            self._set_voice_available(False)
            return
        self._speech.setLocale(locales[0])
        self._set_voice_available(True)

    def _set_voice_available(self, available: bool) -> None:
        if self.voice_available is not available:
            self.voice_available = available
            self.voice_status_changed.emit("ok" if available else "missing")

    def _play(self, kind: CueKind) -> None:
        if not self.sound_on:
            return
        self.played.append(kind)
        effect = self._effects.get(kind)
        if effect is not None:
            effect.play()

    def _say(self, text: str) -> None:
        if not self.voice_on or not text:
            return
        if self._speech is None or not self.voice_available:
            return
        self.spoken.append(text)
        self._speech.say(text)
