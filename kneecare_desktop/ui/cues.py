"""Beeps and voice prompts for the session's cues.

Sound output and the speech engine are probed once the window is up (``start_probes``),
in the background: QtMultimedia loads then (with no media backend: ``multimedia.py``),
and the speech engine starts in a process of its own. An output that stops taking sound
mid-session is noticed by the sounds that never end (``output_watch.py``). With no audio
device, no speech engine, or modules that cannot load at all, the session still runs: the
status says what is missing, and the player and Settings tell it.

A spoken text is a shipped recording when one matches it exactly, else the system's voice
when that can speak the language, else the screen alone. The voice starts when the beep
sounding at the same moment has ended, so the two never overlap. A cue counts as played
only once the sound device has started playing it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from kneecare_desktop.model import Lang
from kneecare_desktop.paths import resources_dir
from kneecare_desktop.plan.timeline import Plan
from kneecare_desktop.session.events import CueDue, CueKind, Event, SessionFinished
from kneecare_desktop.sound.prompts import (
    BEEP_FILES,
    PromptBook,
    beep_seconds,
    plan_texts,
    prompt_fits,
)
from kneecare_desktop.sound.status import AudioStatus, Engine, Output, Route
from kneecare_desktop.text import phrases as P
from kneecare_desktop.ui.multimedia import load_multimedia
from kneecare_desktop.ui.output_watch import OutputWatch
from kneecare_desktop.ui.speech import SpeechService

log = logging.getLogger(__name__)

VOICE_GAP_SECONDS = 0.03  # after a beep ends, before the voice starts
# Once no session runs (over or paused) and nothing sounds: how long to keep the sounds.
RELEASE_AFTER_MS = 3000


class CuePlayer(QObject):
    """Plays the sound and speaks the text of each fresh cue; stale cues stay silent."""

    status_changed = Signal()  # sound output or speech engine found, lost or changed

    def __init__(self, lang: Lang, sound: bool = True, voice: bool = True,
                 tts_engine: str | None = None, volume: float = 1.0, muted: bool = False,
                 prompts: PromptBook | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sound_on = sound
        self.voice_on = voice
        self.volume = volume
        self.muted = muted
        self._prompts = prompts or PromptBook()
        self._too_long: set[str] = set()  # this session's texts that would hit a beep
        self._multimedia: Any | None = None
        self._devices: Any | None = None
        self._output_watch: OutputWatch | None = None
        self._effects: dict[CueKind, Any] = {}
        self._prompt_effects: dict[str, Any] = {}
        self._beep_seconds = beep_seconds()
        self._output = Output.UNKNOWN
        self._output_name = ""
        self.speech = SpeechService(tts_engine, self)
        self.speech.ready.connect(self._on_speech_ready)
        self.speech.said.connect(lambda text: self.spoken.append(text))
        self._probed = False
        self._voice_queue: list[tuple[float, str, bool]] = []
        self._beeps_at: dict[float, float] = {}  # a cue time: the beep's length then
        self._flush_pending = False
        self._speaking_effect: Any | None = None
        # Every loaded sound keeps a PulseAudio stream open, and libpulse wakes each open
        # stream every 1.5 s for its timing, sounding or not (1.3-2.4 wake-ups a second at
        # the care menu and while paused, measured). So the sounds are loaded for a
        # session and let go when it is over or paused (and quiet): see hold, release.
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(RELEASE_AFTER_MS)
        self._release.timeout.connect(self._release_if_quiet)
        self._held = False  # a session runs and holds the sounds
        self._held_texts: tuple[str, ...] = ()  # the running session's recorded prompts
        # What a test or the log can check: cues sent to the device, those it played,
        # and the texts voiced (by a recording or the system's voice).
        self.attempted: deque[CueKind] = deque(maxlen=200)
        self.played: deque[CueKind] = deque(maxlen=200)
        self.spoken: deque[str] = deque(maxlen=200)

    # -- probing --------------------------------------------------------------------------
    def start_probes(self) -> None:
        """Find the sound output and start the speech engine (once, in the background)."""
        if self._probed:
            return
        self._probed = True
        self._prepare_output()
        self.speech.start()

    def prepare(self) -> None:
        """Everything a session needs (also for one started before the probes ran)."""
        self.start_probes()
        self.hold()

    def hold(self, plan: Plan | None = None) -> None:
        """A session runs: its sounds (the beeps, and ``plan``'s recordings) are loaded,
        or loaded again if they were let go while it was paused. Not while muted: a
        muted session keeps no stream open (see ``set_muted``)."""
        self._held = True
        self._release.stop()
        if plan is not None:
            self._held_texts = tuple(plan_texts(plan, self.lang))
        self._load_held()

    def _load_held(self) -> None:
        if self._held and not self.muted:
            self._load_beeps()
            self.prepare_texts(self._held_texts)

    def release(self) -> None:
        """No session runs now (it is over or paused): let the sounds go once nothing
        sounds any more (the session's last words, a test sound), closing their streams."""
        self._held = False
        self._release.start()

    @property
    def sounds_loaded(self) -> int:
        """How many sounds (beeps and recordings) are loaded now."""
        return len(self._effects) + len(self._prompt_effects)

    @property
    def sounding(self) -> bool:
        """Whether a loaded sound is still playing: until the device has played it out,
        which on a sink that renders in long blocks is up to a second after its end."""
        effects = [*self._effects.values(), *self._prompt_effects.values()]
        return any(effect.isPlaying() for effect in effects)

    def _release_if_quiet(self) -> None:
        if self.sounding:
            self._release.start()
            return
        self._drop_sounds()

    def _drop_sounds(self) -> None:
        for effect in [*self._effects.values(), *self._prompt_effects.values()]:
            effect.blockSignals(True)  # a stuck one says "stopped" as it is destroyed
            effect.deleteLater()
        self._effects.clear()
        self._prompt_effects.clear()
        self._speaking_effect = None

    def prepare_plan(self, plan: Plan) -> None:
        """Before a session: load its recordings, and find those that would run into the
        next beep (a step an adjustment made shorter): those are left to the screen."""
        fits = prompt_fits(plan, self._prompts, self.lang, self._beep_seconds)
        self._too_long = {fit.text for fit in fits if fit.seconds is not None and not fit.fits}
        for text in sorted(self._too_long):
            log.info("the prompt %r is longer than its step here; it is shown, not said", text)
        self._held_texts = tuple(plan_texts(plan, self.lang))
        if not self.muted:
            self.prepare_texts(self._held_texts)

    @property
    def too_long(self) -> frozenset[str]:
        return frozenset(self._too_long)

    def prepare_texts(self, texts: Iterable[str]) -> None:
        """Load the recordings of ``texts`` (a session's prompts) ahead of their cues."""
        if self._multimedia is None:
            return
        for text in texts:
            path = self._prompts.path(self.lang, text)
            if path is None or text in self._prompt_effects:
                continue
            effect = self._multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._apply_volume(effect)
            self._watch(effect, None, text)
            self._prompt_effects[text] = effect

    @property
    def status(self) -> AudioStatus:
        speech = self.speech
        engine = Engine.UNKNOWN
        if speech.answered:
            engine = Engine.READY if speech.engine and not speech.error else (
                Engine.FAILED if speech.error else Engine.NONE)
        return AudioStatus(
            output=self._output, output_name=self._output_name, engine=engine,
            engine_name=speech.engine, engine_error=speech.error, speaks=speech.speaks,
            voice_names=tuple(speech.voice_names.get(lang, "") for lang in Lang))

    def route(self, text: str) -> Route:
        return self.status.route(text, self.lang, self.has_prompt(text))

    def has_prompt(self, text: str) -> bool:
        return self._prompts.find(self.lang, text) is not None

    def _prepare_output(self) -> None:
        multimedia = load_multimedia()
        if multimedia is None:
            self._set_output(Output.UNAVAILABLE, "")
            return
        self._multimedia = multimedia
        self._output_watch = OutputWatch(multimedia, self)
        self._output_watch.stalled.connect(self._on_output_stalled)
        self._output_watch.back.connect(self._on_output_back)
        self._devices = multimedia.QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._probe_output)
        self._probe_output()

    def _load_beeps(self) -> None:
        if self._multimedia is None or self._effects:
            return
        folder = resources_dir() / "sounds"
        for kind, name in BEEP_FILES.items():
            effect = self._multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(folder / name)))
            self._apply_volume(effect)
            self._watch(effect, kind, None)
            self._effects[kind] = effect

    def _probe_output(self) -> None:
        assert self._multimedia is not None
        if self._output_watch is not None and self._output_watch.gone:
            return  # Qt still names the device that took no sound: the watch says when
        device = self._multimedia.QMediaDevices.defaultAudioOutput()
        if device.isNull():
            log.warning("no sound output device found: beeps and recorded prompts are off")
            self._set_output(Output.MISSING, "")
        else:
            self._set_output(Output.READY, device.description())
            for effect in [*self._effects.values(), *self._prompt_effects.values()]:
                effect.setAudioDevice(device)

    def _on_output_stalled(self) -> None:
        """The output took no sound: say so, and drop the sounds bound to it (those
        made once it is back open new streams)."""
        self._set_output(Output.MISSING, "")
        self._drop_sounds()

    def _on_output_back(self) -> None:
        self._probe_output()
        if self._held:
            self._load_beeps()

    def _set_output(self, output: Output, name: str) -> None:
        if (output, name) != (self._output, self._output_name):
            self._output, self._output_name = output, name
            self.status_changed.emit()

    def _on_speech_ready(self) -> None:
        if self.speech.error:
            log.warning("speech engine %r: %s", self.speech.engine, self.speech.error)
        self.status_changed.emit()

    def _watch(self, effect: Any, kind: CueKind | None, text: str | None) -> None:
        """Count a cue when the device starts playing it, and log a sound that fails."""
        def playing_changed() -> None:
            if not effect.isPlaying():
                if effect is self._speaking_effect:
                    self._speaking_effect = None
                return
            if kind is not None:
                self.played.append(kind)
            if text is not None:
                self.spoken.append(text)

        def status_changed() -> None:
            failed = effect.status() == self._multimedia.QSoundEffect.Status.Error  # type: ignore[union-attr]
            if failed and self._output is Output.READY:  # else: no device, said once
                log.warning("cannot play %s", effect.source().toLocalFile())

        effect.playingChanged.connect(playing_changed)
        effect.statusChanged.connect(status_changed)

    # -- settings -------------------------------------------------------------------------
    def set_sound(self, on: bool) -> None:
        self.sound_on = on

    def set_voice(self, on: bool) -> None:
        self.voice_on = on
        if not on:
            self._stop_voice()

    def set_volume(self, volume: float) -> None:
        self.volume = max(0.0, min(1.0, volume))
        for effect in [*self._effects.values(), *self._prompt_effects.values()]:
            self._apply_volume(effect)

    def set_muted(self, muted: bool) -> None:
        """Muted, the sounds are let go at once (their open streams woke the app's sound
        threads 2-3 times a second for nothing); unmuted, a running session's are loaded
        again."""
        self.muted = muted
        for effect in [*self._effects.values(), *self._prompt_effects.values()]:
            effect.setMuted(muted)
        if muted:
            self._stop_voice()
            self._drop_sounds()
        else:
            self._load_held()

    def set_language(self, lang: Lang) -> None:
        if lang is not self.lang:
            self.lang = lang
            for effect in self._prompt_effects.values():
                effect.blockSignals(True)
                effect.deleteLater()
            self._prompt_effects.clear()

    def _apply_volume(self, effect: Any) -> None:
        effect.setVolume(self.volume)
        effect.setMuted(self.muted)

    # -- cues -----------------------------------------------------------------------------
    def on_event(self, event: Event) -> None:
        if isinstance(event, SessionFinished):
            self._queue_voice(event.at, P.DONE.get(self.lang))
        if not isinstance(event, CueDue) or event.stale:
            return
        if event.kind is CueKind.VOICE:
            if event.text is not None:
                self._queue_voice(event.at, event.text.get(self.lang))
            return
        self._play(event.kind, event.at)

    def test(self, kind: CueKind, text: str) -> None:
        """Settings' test: a beep, then ``text`` once it has ended, whatever the toggles
        (but not when muted)."""
        self._load_beeps()
        self._play(kind, -1.0, forced=True)
        self._queue_voice(-1.0, text, forced=True)
        if not self._held:  # outside a session: let them go afterwards
            self.release()

    def _play(self, kind: CueKind, at: float, forced: bool = False) -> None:
        if not (self.sound_on or forced) or self.muted:
            return
        self.attempted.append(kind)
        effect = self._effects.get(kind)
        if effect is None or self._output is not Output.READY:
            return
        effect.play()
        if self._output_watch is not None:
            self._output_watch.played(effect, self._beep_seconds[kind])
        self._beeps_at[at] = max(self._beeps_at.get(at, 0.0), self._beep_seconds[kind])

    def _queue_voice(self, at: float, text: str, forced: bool = False) -> None:
        """Voices wait for the batch of cues due with them: a beep due at the same moment
        sounds first, and the voice starts when it has ended."""
        if not (self.voice_on or forced) or self.muted or not text:
            return
        self._voice_queue.append((at, text, forced))
        if not self._flush_pending:
            self._flush_pending = True
            QTimer.singleShot(0, self, self._flush_voices)  # not once it is deleted

    def _flush_voices(self) -> None:
        self._flush_pending = False
        queue, self._voice_queue = self._voice_queue, []
        beeps, self._beeps_at = self._beeps_at, {}
        if not queue:
            return
        at, text, forced = queue[-1]  # several due at once (a late update): the latest
        wait = beeps.get(at, 0.0)
        if wait > 0:
            QTimer.singleShot(round((wait + VOICE_GAP_SECONDS) * 1000), self,
                              lambda: self._say(text, forced))
        else:
            self._say(text, forced)

    def _say(self, text: str, forced: bool = False) -> None:
        if not (self.voice_on or forced) or self.muted:
            return
        self._stop_voice()
        route = self.route(text)
        if text in self._too_long and not forced:
            return  # it would run into the next beep: the screen shows it
        if route is Route.PROMPT:
            if text not in self._prompt_effects:
                self.prepare_texts([text])
            effect = self._prompt_effects.get(text)
            if effect is not None:
                self._speaking_effect = effect
                effect.play()
                prompt = self._prompts.find(self.lang, text)
                if self._output_watch is not None and prompt is not None:
                    self._output_watch.played(effect, prompt.seconds)
                return
        if route is not Route.SCREEN:
            self.speech.say(text, self.lang, self.volume)

    def _stop_voice(self) -> None:
        if self._speaking_effect is not None:
            self._speaking_effect.stop()
            self._speaking_effect = None
        if self.speech.speaking:
            self.speech.stop()

    def shut_down(self) -> None:
        """Silence whatever is still sounding (the window is closing)."""
        self._stop_voice()
        for effect in self._effects.values():
            effect.stop()
