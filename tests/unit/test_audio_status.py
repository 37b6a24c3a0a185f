"""Which voice a text gets, and what a session tells about its sound, without Qt."""

from __future__ import annotations

from kneecare_desktop.model import Lang
from kneecare_desktop.sound.status import (
    AudioStatus,
    Engine,
    Notice,
    Output,
    Route,
    can_speak,
    session_notices,
)

ESPEAK_JAPANESE = ["Japanese", "Japanese+Adam", "Japanese+Annie"]  # as speech-dispatcher lists
WORKING = AudioStatus(output=Output.READY, output_name="Speakers", engine=Engine.READY,
                      engine_name="speechd", speaks=frozenset({Lang.EN}))


def test_espeak_ng_japanese_does_not_count_as_a_japanese_voice() -> None:
    assert not can_speak("speechd", ESPEAK_JAPANESE, Lang.JA)
    assert can_speak("speechd", ["English (America)"], Lang.EN)
    assert can_speak("speechd", ["open_jtalk mei"], Lang.JA)
    assert can_speak("sapi", ["Microsoft Haruka Desktop"], Lang.JA)
    assert can_speak("darwin", ["Kyoko"], Lang.JA)
    assert not can_speak("speechd", [], Lang.EN)


def test_a_recording_first_then_the_system_voice_then_the_screen() -> None:
    assert WORKING.route("Well done", Lang.EN, has_prompt=True) is Route.PROMPT
    assert WORKING.route("My own words", Lang.EN, has_prompt=False) is Route.SYSTEM
    assert WORKING.route("自分のケア", Lang.JA, has_prompt=False) is Route.SCREEN
    no_output = AudioStatus(output=Output.MISSING, engine=Engine.READY,
                            speaks=frozenset({Lang.EN}))
    # A recording needs the output; the system's voice goes its own way.
    assert no_output.route("Well done", Lang.EN, has_prompt=True) is Route.SYSTEM


def test_notices_name_what_will_not_be_heard() -> None:
    texts = ["ハムストリングス。準備してください", "自分のケア"]
    assert session_notices(WORKING, Lang.JA, texts, texts, True, True) == ()
    assert session_notices(WORKING, Lang.JA, texts, texts[:1], True, True) == (
        Notice.NO_VOICE,)
    assert session_notices(WORKING, Lang.JA, texts, texts[:1], True, False) == ()
    silent = AudioStatus(output=Output.MISSING, engine=Engine.NONE)
    assert session_notices(silent, Lang.EN, texts, texts, True, True) == (Notice.NO_OUTPUT,)
    assert session_notices(silent, Lang.EN, texts, texts, False, False) == ()
    # Before the probes have answered, nothing is claimed.
    assert session_notices(AudioStatus(), Lang.JA, texts, [], True, True) == ()


def test_a_prompt_too_long_for_its_step_is_told() -> None:
    texts = ["左右を入れ替えます"]
    assert session_notices(WORKING, Lang.JA, texts, texts, True, True, too_long=texts) == (
        Notice.TOO_SHORT,)
