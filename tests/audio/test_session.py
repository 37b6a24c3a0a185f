"""The app heard: a session started from the keyboard in the real window, on the real
clock, recorded from the private null sink's monitor (issue 14).

In English and in Japanese, a compressed session (sessions.py) must sound every beep at
the plan's time ±30 ms, whole and with nothing else under it or just before it; each
hold's start must be followed by its spoken prompt (English: the system's voice,
speech-dispatcher, for "Hold for 6 seconds", the shipped recordings for the rest;
Japanese: the shipped recordings only); no voice may start before its beep has ended;
nothing may clip (peak at most -1 dBFS), at full volume. With the sink removed in the
middle of a session, the player must say that nothing will be heard, and stop saying it
once the sink is back.

The app runs in a child process (session_case.py): QtMultimedia finds its sound server
once per process, and the rest of the suite has none (conftest.py explains).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kneecare_desktop.model import Lang
from kneecare_desktop.session.events import CueKind
from tests.audio.plumbing import SoundServer, SpeechService, exit_described, wait_for
from tests.audio.session_audio import beep_name, listen, spoken_cues
from tests.audio.sessions import (
    CASE,
    CASE_VARIABLE,
    REPORT_VARIABLE,
    SESSIONS,
    SIGNAL_VARIABLE,
    record_session,
)

Record = Callable[[str, str], None]
KEEP_VARIABLE = "KNEECARE_AUDIO_KEEP"  # a folder: keep the recordings there, to listen to


NO_SOUND = {Lang.EN: "No sound: this computer has no sound output working.",
            Lang.JA: "音が出ません：このパソコンの音声出力が使えません。"}


def no_speech_service(folder: Path) -> dict[str, str]:
    """The environment of a child with no speech service: libspeechd finds no socket and
    starts none (see conftest.py)."""
    return {"SPEECHD_ADDRESS": f"unix_socket:{folder / 'no-speechd.sock'}",
            "SPEECHD_CMD": shutil.which("false") or "/bin/false"}


def keep(wav: Path, name: str) -> None:
    folder = os.environ.get(KEEP_VARIABLE, "")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(wav, Path(folder) / name)


@pytest.mark.timeout(240)  # the child's own limit is the session + 90 s
@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA], ids=["en", "ja"])
def test_a_session_sounds_on_time_speaks_after_each_hold_start_and_never_clips(
        lang: Lang, speech_service: SpeechService, sound_server: SoundServer,
        tmp_path: Path, record_property: Record) -> None:
    case = SESSIONS[lang]
    cues = case.cues()
    run = record_session(sound_server, speech_service, tmp_path,
                         json.loads(case.to_json()), case.plan().total_seconds)
    keep(run.wav, f"session-{lang.value}.wav")
    report = run.report
    # What the app found: the sink, and speech-dispatcher speaking English only
    # (espeak-ng's Japanese does not count); nothing to warn about.
    assert (report["output"], report["output_name"]) == ("ready", "KneeCare-test-sink")
    assert (report["engine"], report["engine_name"]) == ("ready", "speechd"), report
    assert report["speaks"] == ["en"]
    assert report["notice_at_start"] == ""
    assert report["too_long"] == []
    # What it says it played and said: every beep of the plan, every text.
    beeps = [beep_name(cue.kind) for cue in cues if cue.kind is not CueKind.VOICE]
    assert report["played"] == report["attempted"] == beeps
    assert report["spoken"] == [text for _, text in spoken_cues(cues, lang)]

    heard = listen(run.audio, cues, lang, run.start_hint, volume=run.volume,
                   system_voice=[Lang(code) for code in report["speaks"]],
                   handled=run.handled, rate=run.rate)
    record_property("audio", heard.summary())
    assert heard.problems() == [], f"{heard.summary()}; the recording: {run.wav}"
    holds = [text for text in heard.texts if text.after_hold_start]
    assert len(holds) == sum(1 for cue in cues if cue.kind is CueKind.HOLD_START)
    assert all(text.speech for text in holds)
    routes = {"prompt", "system"} if lang is Lang.EN else {"prompt"}
    assert {text.route for text in heard.texts} == routes
    assert heard.overlaps == []
    assert heard.peak_dbfs <= -1.0
    assert heard.clipped == 0


def test_the_player_says_so_when_the_sound_output_goes_mid_session(
        sound_server: SoundServer, tmp_path: Path, record_property: Record) -> None:
    signals = tmp_path / "signals"
    signals.mkdir()
    report = tmp_path / "report.json"
    before = sound_server.record(tmp_path / "before.wav")
    child = sound_server.start_pytest(
        f"{CASE}::test_the_sink_goes_mid_session", output=tmp_path / "child.log", env={
            CASE_VARIABLE: json.dumps({"lang": "en", "title": SESSIONS[Lang.EN].title}),
            REPORT_VARIABLE: str(report), SIGNAL_VARIABLE: str(signals),
            # No speech service: the shipped recordings say every text of this routine.
            **no_speech_service(tmp_path)})
    try:
        wait_for((signals / "started").exists, child, 60, "the session's start")
        sound_server.remove_sink()  # stops the recording too: there is nothing to record
        removed = time.monotonic()
        wait_for((signals / "noticed").exists, child, 30, "the player's notice, or not")
        sound_server.restore_sink()
        after = sound_server.record(tmp_path / "after.wav")
        (signals / "restored").write_text("", encoding="utf-8")
        restored = time.monotonic()
        child.wait(60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    output = (tmp_path / "child.log").read_text(errors="replace")
    assert child.returncode == 0, exit_described(child.returncode, output)
    seen = json.loads(report.read_text(encoding="utf-8"))
    heard_after = after.audio()
    keep(before.path, "sink-before.wav")
    keep(after.path, "sink-after.wav")
    beeps_after = [onset for onset in heard_after.onsets() if heard_after.beep_at(onset)]
    record_property("audio", (
        "sink removed mid-session: notice "
        + (f"{(seen['noticed'] - removed) * 1000:.0f} ms later" if seen["noticed"] else
           "never shown")
        + f", output {seen['gone']['output']!r}; played while it was gone: "
        f"{seen['gone']['played'][len(seen['before']['played']):]}; once back: notice "
        + (f"cleared {(seen['cleared'] - restored) * 1000:.0f} ms later"
           if seen["cleared"] else "not cleared")
        + f", played {seen['back']['played'][len(seen['gone']['played']):]} (attempted "
        f"{seen['back']['attempted'][len(seen['gone']['attempted']):]}), output "
        f"{seen['back']['output']!r}, {len(beeps_after)} beeps heard"))
    assert seen["before"]["notice"] == ""
    assert seen["noticed"] is not None, "no notice while the sink was gone"
    assert seen["gone"]["output"] == "missing"
    assert seen["cleared"] is not None, "the notice stayed once the sink was back"
    assert beeps_after, "no beep heard once the sink was back"


def test_a_working_output_is_not_called_lost_when_the_opening_prompt_starts_late(
        sound_server: SoundServer, tmp_path: Path) -> None:
    """On a sink that cannot rewind its buffer (here the null sink with nothing keeping it
    rendering in small blocks; a virtual or remote desktop's output), a new sound waits for
    the block under way: the opening prompt, played as the session's sounds load, started
    0.3-1.5 s late. Judged like a later sound, it counted the working output as gone, told
    the person "no sound" and turned the beeps off for seconds."""
    sound_server.render_lazily()
    report = tmp_path / "report.json"
    result = sound_server.run_pytest(f"{CASE}::test_the_opening_seconds_on_a_working_sink",
                                     env={
        # The whole program, as a person starts it (27 sounds loading at its start),
        # through its opening prompt (3.7 s, then 3 s allowed) and first ticks (7-9 s).
        CASE_VARIABLE: json.dumps({"lang": "en", "title": "Knee care program",
                                   "seconds": 10.5}),
        REPORT_VARIABLE: str(report), **no_speech_service(tmp_path)})
    assert result.returncode == 0, exit_described(result.returncode, result.stdout + result.stderr)
    seen = json.loads(report.read_text(encoding="utf-8"))
    assert seen["output"] == "ready"
    assert seen["notice_shown"] is None, f"the player said {seen['notice']!r}"
    assert seen["attempted"][:3] == ["tick", "tick", "tick"]
    assert seen["played"] == seen["attempted"]  # each beep reached the sound server


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA], ids=["en", "ja"])
def test_with_no_sound_output_the_player_says_nothing_will_be_heard(
        lang: Lang, silent_server: SoundServer, tmp_path: Path, record_property: Record) -> None:
    report = tmp_path / "report.json"
    result = silent_server.run_pytest(f"{CASE}::test_no_sound_output", env={
        # A 4 s get-ready: the first tick is due 1 s into the session.
        CASE_VARIABLE: json.dumps({"lang": lang.value, "title": SESSIONS[lang].title,
                                   "lead_in": 4}),
        REPORT_VARIABLE: str(report), **no_speech_service(tmp_path)})
    assert result.returncode == 0, exit_described(result.returncode, result.stdout + result.stderr)
    seen = json.loads(report.read_text(encoding="utf-8"))
    assert seen["notice"].startswith(NO_SOUND[lang])
    assert seen["output"] == "missing"
    # The first tick was due; nothing counts as played.
    assert seen["attempted"] == ["tick"]
    assert seen["played"] == []
    record_property("audio", f"{lang.value}: no output device: the player's notice "
                             f"{(seen['shown'] - seen['pressed']) * 1000:.0f} ms after the key")
