"""The audio harness on the real plumbing, with answers known in advance: Qt's
QSoundEffect (as the app plays its cues) and paplay play the app's beeps at known times
into the private null sink, speech-dispatcher speaks through spd-say, and the recordings
of the sink's monitor must show each sound where and how it was played; a clipped file,
a missing speech service and a removed sink must show as such. The figures go to the
"audio figures" section of the test summary."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kneecare_desktop.paths import resources_dir
from tests.audio.analysis import BEEPS, Alignment, Audio, align, load, write
from tests.audio.plumbing import (
    NoOutputDeviceError,
    SoundServer,
    SpeechService,
    exit_described,
    unavailable,
)
from tests.audio.session_audio import WHOLE

SOUNDS = resources_dir() / "sounds"
VOLUME = 0.8  # the app's QSoundEffect volume (ui/cues.py)
TOLERANCE = 0.030  # issue 14: every beep at the plan's time ±30 ms
Record = Callable[[str, str], None]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def child(server: SoundServer, *args: str, env: dict[str, str] | None = None) -> Any:
    result = server.run_qt_child(*args, env=env)
    assert result.returncode == 0, exit_described(result.returncode, result.stdout + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def play_with_qt(server: SoundServer, folder: Path,
                 plays: list[tuple[float, Path]]) -> dict[str, Any]:
    schedule = folder / "schedule.json"
    schedule.write_text(json.dumps({"lead": 0.4, "plays": [
        [at, str(path), VOLUME] for at, path in plays]}), encoding="utf-8")
    return child(server, "beeps", str(schedule))  # type: ignore[no-any-return]


def paplay(server: SoundServer, path: Path) -> float:
    """Play a WAV with paplay, to its end; returns the time.monotonic() of the call."""
    called = time.monotonic()
    subprocess.run(["paplay", str(path)], env=server.env, check=True, timeout=30)
    return called


def nearest(onsets: list[float], time: float) -> float:
    return min(onsets, key=lambda onset: abs(onset - time))


# The app's five beeps, each twice, with uneven gaps: 10 cues in 7 s.
NAMES = ["tick", "beat", "hold_start", "hold_end", "session_end"] * 2
GAPS = [0.21, 0.15, 0.32, 0.18, 0.4, 0.17, 0.28, 0.14, 0.35, 0]


def schedule(folder: Path) -> list[tuple[float, Path]]:
    plays, at = [], 0.0
    for name, gap in zip(NAMES, GAPS, strict=True):
        plays.append((round(at, 3), folder / f"{name}.wav"))
        at += BEEPS[name].duration + gap
    return plays


@dataclass
class Played:
    """A Qt run of ``schedule``, recorded: each cue's detected onset and its true start
    (where its waveform is), and the alignments to the schedule and to the play() calls."""

    audio: Audio
    timing: Alignment
    latency: Alignment
    onsets: list[float]  # where each cue's sound starts, as the onset detector sees it
    starts: list[float]  # where each cue's own waveform starts (Audio.find)
    lengths: list[float]  # each cue's sound, onset to end
    gaps: list[list[tuple[float, float]]]  # dropouts (time, length) in each cue's own sound
    similarities: list[float]  # of each cue's own waveform there (1.0: exactly its file)
    jitter: float  # the median |play() call - schedule|


def play_and_record(server: SoundServer, folder: Path, files: Path) -> Played:
    recording = server.record(folder / f"{files.name}.wav")
    result = play_with_qt(server, folder, schedule(files))
    audio = recording.audio()
    assert set(result["status"].values()) == {"Ready"}, result
    scheduled = [recording.time_of(call[2]) for call in result["calls"]]
    called = [recording.time_of(call[1]) for call in result["calls"]]
    detected = audio.onsets()
    timing = align(scheduled, detected, tolerance=TOLERANCE, offset_hint=0.0, search=0.25)
    latency = align(called, detected, tolerance=TOLERANCE, offset_hint=0.0, search=0.25)
    onsets, starts, lengths, gaps, similarities = [], [], [], [], []
    spans = audio.sounds()
    for name, at in zip(NAMES, scheduled, strict=True):
        onset = nearest(detected, at + timing.offset)
        end = next(end for begin, end in spans if begin == onset)
        start, similarity = audio.find(load(SOUNDS / f"{name}.wav").samples * VOLUME, onset)
        onsets.append(onset)
        starts.append(start)
        lengths.append(end - onset)
        gaps.append(audio.dropouts(onset, end))
        similarities.append(similarity)
    jitter = statistics.median(abs(c - s) for c, s in zip(called, scheduled, strict=True))
    return Played(audio, timing, latency, onsets, starts, lengths, gaps, similarities, jitter)


def test_qt_beeps_sound_at_their_scheduled_times(
        sound_server: SoundServer, tmp_path: Path, record_property: Record) -> None:
    """QSoundEffect, as the app uses it, with the app's own beeps: each beep whole, on
    time, at its level. (Qt stops a sound's stream 12-17 ms before its end and plays
    that end just before the next sound: the files end in 60 ms of silence for it, see
    tools/make_sounds.py; without it, a blip of the previous beep's last note came 18 ms
    ahead of every beep, and each beep lost its tail.)"""
    played = play_and_record(sound_server, tmp_path, SOUNDS)
    timing, audio = played.timing, played.audio
    assert timing.ok(), timing.summary()
    assert not timing.extras, timing.summary()
    glitched = []
    for name, onset, start, length, gaps, similarity in zip(
            NAMES, played.onsets, played.starts, played.lengths, played.gaps,
            played.similarities, strict=True):
        if similarity < WHOLE:
            # A glitch: a dropout or data skipped, the output starved of CPU (on a busy
            # machine, a few in a hundred beeps; test_session.py tells them apart too).
            glitched.append(f"{name} ({similarity:.2f}, dropouts {ms(sum(g for _, g in gaps))})")
            continue
        assert start == pytest.approx(onset, abs=0.001), name  # no blip ahead of it
        # Whole: as long as its sound (it once lost 12-17 ms, cut by Qt).
        assert length == pytest.approx(BEEPS[name].duration, abs=0.003), (name, length, gaps)
        assert audio.beep_at(onset) == name, (name, onset)
        assert not audio.overlap_at(onset, name), (name, onset)
        assert not audio.is_speech(onset, onset + BEEPS[name].duration)
        peak = audio.peak_dbfs(onset, onset + BEEPS[name].duration + 0.01)
        assert peak == pytest.approx(BEEPS[name].peak_dbfs + 20 * np.log10(VOLUME), abs=0.2)
    assert audio.clipped_samples() == 0
    assert len(glitched) <= 2, glitched
    record_property("audio", (
        f"QSoundEffect, {len(NAMES)} beeps against their schedule: error median "
        f"{ms(timing.median)}, worst {ms(timing.worst)}; play() call to onset in the monitor "
        f"{ms(played.latency.offset)} (median; the first play "
        f"{ms((played.latency.errors[0] or 0) + played.latency.offset)}); timer jitter of "
        f"the calls {ms(played.jitter)}; glitched: {', '.join(glitched) or 'none'}"))


def test_paplay_levels_are_measured_and_a_clipped_file_is_caught(
        sound_server: SoundServer, tmp_path: Path, record_property: Record) -> None:
    t = np.arange(round(0.3 * 44100)) / 44100
    sounds = [load(SOUNDS / "tick.wav").samples, 1.5 * np.sin(2 * np.pi * 1000 * t),
              load(SOUNDS / "hold_end.wav").samples]
    gap = np.zeros(round(0.15 * 44100))
    # One file, played once, the sounds after silence (a stream's first milliseconds may
    # come late); the loud sine clips in it.
    starts = np.cumsum([len(gap), *(len(sound) + len(gap) for sound in sounds[:-1])]) / 44100
    mixed = write(tmp_path / "three.wav", np.concatenate(
        [gap, *(np.concatenate([sound, gap]) for sound in sounds)]))
    recording = sound_server.record(tmp_path / "levels.wav")
    called = recording.time_of(paplay(sound_server, mixed))
    audio = recording.audio()
    timing = align([called + start for start in starts], audio.onsets(), tolerance=0.003,
                   offset_hint=0.0, search=0.3)
    assert timing.ok(), timing.summary()
    tick, loud, hold_end = (called + start + timing.offset for start in starts)
    assert audio.peak_dbfs(tick, tick + 0.06) == pytest.approx(BEEPS["tick"].peak_dbfs, abs=0.1)
    assert audio.peak_dbfs(hold_end, hold_end + 0.3) == pytest.approx(
        BEEPS["hold_end"].peak_dbfs, abs=0.1)
    assert audio.clipped_samples(start=tick, end=tick + 0.06) == 0
    assert audio.clipped_samples(start=hold_end, end=hold_end + 0.3) == 0
    assert audio.peak_dbfs(loud, loud + 0.31) > -0.01
    assert audio.clipped_samples(start=loud, end=loud + 0.31) > 3000
    record_property("audio", f"paplay: process start to onset {ms(timing.offset)}; the "
                             f"sounds' spacing kept to {ms(timing.worst)}; peaks as in the "
                             f"files ±0.1 dB")


def test_speech_dispatcher_speaks_into_the_sink(
        speech_service: SpeechService, sound_server: SoundServer, tmp_path: Path,
        record_property: Record) -> None:
    """The private speech-dispatcher speaks into the null sink (spd-say, with espeak-ng and
    with flite when installed); test_session.py has the app's own engine speak."""
    recording = sound_server.record(tmp_path / "speech.wav")
    calls = [("espeak-ng", speech_service.say("Hold for twenty seconds."))]
    if "flite" in speech_service.modules:
        calls.append(("flite", speech_service.say("Switch sides.", module="flite")))
    audio = recording.audio()
    spans = audio.sounds(min_gap=0.3)
    assert len(spans) == len(calls), spans
    delays = []
    for (label, at), (onset, end) in zip(calls, spans, strict=True):
        start = recording.time_of(at)
        assert 0 <= onset - start < 1.0, (label, onset - start)
        assert audio.is_speech(onset, end), (label, onset, end)
        delays.append(f"{label} {ms(onset - start)}")
    record_property("audio", (
        f"speech-dispatcher ({', '.join(speech_service.modules)}): socket up "
        f"{ms(speech_service.started_in)} after its start; spd-say's start to the speech: "
        f"{'; '.join(delays)}; peak {audio.peak_dbfs():.2f} dBFS, "
        f"{audio.clipped_samples()} clipped samples at volume 100"))


def test_no_speech_service_is_an_error_at_once(
        sound_server: SoundServer, tmp_path: Path, record_property: Record) -> None:
    if shutil.which("speech-dispatcher") is None:
        unavailable("the speech tests need speech-dispatcher")
    result = child(sound_server, "speak", "speechd", "Left leg.", env={
        "SPEECHD_ADDRESS": f"unix_socket:{tmp_path / 'nothing.sock'}",
        "SPEECHD_CMD": shutil.which("false") or "/bin/false"})
    assert result["state"] == "Error"
    assert "speech-dispatcher" in result["error"]
    assert result["ready_at"] - result["created"] < 5
    record_property("audio", f"no speech service: QTextToSpeech('speechd') state Error "
                             f"after {ms(result['ready_at'] - result['created'])}: "
                             f"{result['error']!r}")


def test_without_the_sink_there_is_no_output_device(
        sound_server: SoundServer, tmp_path: Path) -> None:
    sound_server.remove_sink()
    assert sound_server.sinks() == []
    with pytest.raises(NoOutputDeviceError):
        sound_server.record(tmp_path / "nothing.wav")
    result = play_with_qt(sound_server, tmp_path, [(0.0, SOUNDS / "tick.wav")])
    assert result["outputs"] == []
    assert set(result["status"].values()) == {"Error"}

    sound_server.restore_sink()
    recording = sound_server.record(tmp_path / "back.wav")
    call = recording.time_of(paplay(sound_server, SOUNDS / "tick.wav"))
    audio = recording.audio()
    assert audio.onsets() == [pytest.approx(call, abs=0.1)]


def test_missing_programs_skip_here_and_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KNEECARE_REQUIRE_AUDIO", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install"):
        unavailable("the audio tests need pulseaudio")
    monkeypatch.setenv("KNEECARE_REQUIRE_AUDIO", "1")
    with pytest.raises(pytest.fail.Exception, match="forbids skipping"):
        unavailable("the audio tests need pulseaudio")


def test_silence_is_recorded_as_silence(sound_server: SoundServer, tmp_path: Path) -> None:
    recording = sound_server.record(tmp_path / "silence.wav")
    recording.stop(settle=0.5)
    audio: Audio = recording.audio()
    assert audio.duration > 0.45
    assert audio.onsets() == []
    assert audio.peak_dbfs() < -80
    assert recording.start_monotonic < time.monotonic()


@pytest.mark.parametrize(("before", "heard"), [("import", True), ("use", False)])
def test_qt_takes_the_sound_server_of_its_first_use_for_good(
        sound_server: SoundServer, tmp_path: Path, before: str, heard: bool) -> None:
    """Why the app test runs Qt in a child process with the server's environment: a
    process whose QtMultimedia has looked for sound once (here, with no server) never
    finds the server given to it later; importing the module alone does not count."""
    recording = sound_server.record(tmp_path / "late.wav")
    result = child(sound_server, "late", json.dumps(sound_server.variables), before,
                   env={"PULSE_SERVER": "unix:/nonexistent/native"})
    audio = recording.audio()
    assert (result["outputs"] == ["KneeCare-test-sink"]) is heard
    assert set(result["status"].values()) == {"Ready" if heard else "Error"}
    assert len(audio.onsets()) == (1 if heard else 0)


def test_a_recording_places_both_clocks(sound_server: SoundServer, tmp_path: Path) -> None:
    recording = sound_server.record(tmp_path / "clocks.wav")
    now = time.monotonic()
    boot = time.clock_gettime(getattr(time, "CLOCK_BOOTTIME", time.CLOCK_MONOTONIC))
    recording.stop(settle=0.0)
    assert recording.time_of(boot, clock="boottime") == pytest.approx(
        recording.time_of(now), abs=0.001)
    assert 0 <= recording.time_of(now) < recording.seconds + 0.05
