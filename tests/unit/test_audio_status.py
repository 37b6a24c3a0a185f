"""Which voice a text gets, and what a session tells about its sound, without Qt."""

from __future__ import annotations

from kneecare_desktop.audio_status import (
    AudioStatus,
    Engine,
    Notice,
    Output,
    Route,
    can_speak,
    session_notices,
    spoken_texts,
)
from kneecare_desktop.model import Lang
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan import compile_plan
from kneecare_desktop.routines import load_library

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


def test_a_session_says_each_text_once_and_ends_with_well_done() -> None:
    library = load_library(shipped_routines_dir())
    plan = compile_plan(library.routines["hamstring-towel"])
    said = spoken_texts(plan, Lang.EN)
    assert said[0] == "Hamstring stretch with a towel. Get ready, left leg first"
    assert said[-1] == "Well done"
    assert len(said) == len(set(said))
    assert "Left leg. Hold for 20 seconds" in said
