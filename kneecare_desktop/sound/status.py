"""What the computer can do for the session's sound and voice, and what to tell the person.

The Qt layer probes the sound output and the system's speech engine and fills an
:class:`AudioStatus`; this module decides, without Qt, which voice a text gets and which
notices a session needs ("no sound output", "no voice for Japanese").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from kneecare_desktop.model import Lang


class Output(StrEnum):
    """The sound output, as last probed."""

    UNKNOWN = "unknown"  # not probed yet
    READY = "ready"
    MISSING = "missing"  # no output device (no sound server, or none connected)
    UNAVAILABLE = "unavailable"  # the sound modules cannot load (e.g. no libpulse)


class Engine(StrEnum):
    """The system's speech engine, as last probed."""

    UNKNOWN = "unknown"  # not probed yet (it starts in the background)
    READY = "ready"
    NONE = "none"  # no speech engine installed
    FAILED = "failed"  # installed, but it did not start (its error text is kept)


class Route(StrEnum):
    """How one spoken text reaches the person."""

    PROMPT = "prompt"  # a recording shipped with the app
    SYSTEM = "system"  # the system's speech engine
    SCREEN = "screen"  # not spoken: the screen and the beeps carry it


class Notice(StrEnum):
    """What a session's player says about its sound before the first cue."""

    NO_OUTPUT = "no_output"  # neither beeps nor voice will be heard
    NO_VOICE = "no_voice"  # some prompts have no voice in this language
    TOO_SHORT = "too_short"  # some prompts would run into the next beep: not spoken


# Names of real Japanese voices. A Japanese voice on speech-dispatcher is usually
# espeak-ng's, which reads every kanji as "Chinese letter", in English: it does not count.
JAPANESE_VOICE_HINTS = ("jtalk", "mei", "kyoko", "otoya", "haruka", "ayumi", "ichiro",
                        "sayaka", "nanami", "keita", "mizuki", "takumi", "kazuha", "tomoko")
# Engines whose Japanese voices are the platform's own, and real.
PLATFORM_ENGINES = ("sapi", "winrt", "darwin", "macos", "avfoundation", "android", "ios")


def can_speak(engine: str, voice_names: Iterable[str], lang: Lang) -> bool:
    """Whether ``engine``, offering ``voice_names`` for ``lang``, speaks it intelligibly."""
    names = [name.lower() for name in voice_names]
    if not names:
        return False
    if lang is Lang.EN:
        return True
    if engine.lower() in PLATFORM_ENGINES:
        return True
    return any(hint in name for name in names for hint in JAPANESE_VOICE_HINTS)


@dataclass(frozen=True, slots=True)
class AudioStatus:
    output: Output = Output.UNKNOWN
    output_name: str = ""
    engine: Engine = Engine.UNKNOWN
    engine_name: str = ""
    engine_error: str = ""
    speaks: frozenset[Lang] = field(default_factory=frozenset)  # intelligibly
    voice_names: tuple[str, ...] = ()  # the voices chosen, for Settings

    @property
    def output_ready(self) -> bool:
        return self.output is Output.READY

    def route(self, text: str, lang: Lang, has_prompt: bool) -> Route:
        """A shipped recording when one matches and the output works; else the system
        voice when it can speak the language; else the screen."""
        if has_prompt and self.output_ready:
            return Route.PROMPT
        if self.engine is Engine.READY and lang in self.speaks:
            return Route.SYSTEM
        return Route.SCREEN


def session_notices(status: AudioStatus, lang: Lang, texts: Iterable[str],
                    prompted: Iterable[str], sound_on: bool, voice_on: bool,
                    too_long: Iterable[str] = ()) -> tuple[Notice, ...]:
    """The notices a session needs: ``texts`` are what it will speak, ``prompted`` those
    with a shipped recording, ``too_long`` those whose recording would run into the next
    beep (a step shortened by an adjustment). Nothing is claimed before a probe answers."""
    notices: list[Notice] = []
    if (sound_on or voice_on) and status.output in (Output.MISSING, Output.UNAVAILABLE):
        notices.append(Notice.NO_OUTPUT)
        return tuple(notices)
    if voice_on and status.engine is not Engine.UNKNOWN:
        recorded = set(prompted)
        if any(status.route(text, lang, text in recorded) is Route.SCREEN for text in texts):
            notices.append(Notice.NO_VOICE)
    if voice_on and status.output_ready and set(too_long):
        notices.append(Notice.TOO_SHORT)
    return tuple(notices)

