"""The recording analysis on signals whose answer is known: the app's own beep files,
synthetic beeps at known times, a synthetic voice, clipping, and alignments that pass
and fail. No sound server needed."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from kneecare_desktop.paths import resources_dir
from tests.audio.analysis import BEEPS, FLOOR_DB, Audio, align, load, write

RATE = 44100
SOUNDS = resources_dir() / "sounds"


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * RATE))


def beep(name: str, volume: float = 1.0) -> np.ndarray:
    return load(SOUNDS / f"{name}.wav").samples * volume


def place(length: float, sounds: list[tuple[float, np.ndarray]],
          noise_dbfs: float | None = None) -> Audio:
    """Sounds mixed into ``length`` seconds at the given times, over white noise."""
    mix = silence(length)
    for at, samples in sounds:
        first = round(at * RATE)
        mix[first:first + len(samples)] += samples[:len(mix) - first]
    if noise_dbfs is not None:
        mix += np.random.default_rng(7).normal(0, 10 ** (noise_dbfs / 20), len(mix))
    return Audio(mix, RATE)


def voice(seconds: float, seed: int = 3) -> np.ndarray:
    """Something with a voice's spectrum: a gliding 100-160 Hz pitch with 30 harmonics
    shaped by three moving formants, in 4 Hz syllables, plus breath noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * RATE)) / RATE
    pitch = 130 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    formants = [(700 + 250 * np.sin(2 * np.pi * 1.3 * t), 1.0),
                (1500 + 400 * np.sin(2 * np.pi * 0.9 * t + 1), 0.6),
                (2600 + 200 * np.sin(2 * np.pi * 1.7 * t), 0.3)]
    signal = np.zeros(len(t))
    for k in range(1, 31):
        frequency = k * pitch
        gain = sum(weight / (1 + ((frequency - centre) / 120) ** 2)
                   for centre, weight in formants)
        signal += gain * np.sin(k * phase) / k ** 0.5
    signal += 0.05 * rng.normal(size=len(t))
    syllables = 0.55 + 0.45 * np.sin(2 * np.pi * 4 * t)
    signal *= syllables / np.max(np.abs(signal)) * 0.5
    return signal


@pytest.mark.parametrize("name", sorted(BEEPS))
def test_the_beep_figures_are_those_of_the_app_s_sound_files(name: str) -> None:
    shape = BEEPS[name]
    audio = load(SOUNDS / f"{name}.wav")
    assert audio.rate == RATE
    sounding = np.flatnonzero(audio.samples)
    assert (sounding[-1] + 1) / RATE == pytest.approx(shape.duration, abs=0.001)
    # Then silence, into which QSoundEffect's early stop cuts (tools/make_sounds.py).
    assert audio.duration - shape.duration >= 0.05
    assert audio.peak_dbfs() == pytest.approx(shape.peak_dbfs, abs=0.01)
    for frequency, start, end in shape.notes:
        assert audio.dominant_frequency(start + 0.005, end - 0.005) == pytest.approx(
            frequency, abs=1.5)
        assert audio.tone_fraction(start + 0.005, end - 0.005, frequency) > 0.9


@pytest.mark.parametrize("name", sorted(BEEPS))
def test_each_beep_is_told_apart_from_the_others_and_from_speech(name: str) -> None:
    audio = place(2.0, [(0.5, beep(name, 0.8))])
    assert audio.beep_at(0.5) == name
    assert audio.onsets() == [pytest.approx(0.5, abs=0.0002)]
    assert not audio.is_speech(0.45, 0.5 + BEEPS[name].duration + 0.05)
    assert not audio.overlap_at(0.5, name)


def test_onsets_are_found_to_a_fraction_of_a_millisecond_over_a_noise_floor() -> None:
    times = [0.3, 0.9, 1.05, 2.0, 2.9]
    names = ["tick", "hold_start", "tick", "session_end", "beat"]
    audio = place(3.5, [(t, beep(n, 0.5)) for t, n in zip(times, names, strict=True)],
                  noise_dbfs=-75)
    assert -80 < audio.noise_floor_dbfs() < -70
    # 0.9 + 0.25 s of hold_start buries the tick at 1.05: one sound, not two.
    assert audio.onsets(min_gap=0.05) == pytest.approx([0.3, 0.9, 2.0, 2.9], abs=0.0005)
    spans = audio.sounds()
    assert spans[1][1] == pytest.approx(1.15, abs=0.002)  # the end of hold_start


def test_silence_has_no_onsets_and_the_floor_of_levels() -> None:
    audio = place(1.0, [])
    assert audio.onsets() == []
    assert audio.peak_dbfs() == FLOOR_DB
    assert audio.clipped_samples() == 0


def test_a_clipped_mix_is_counted_and_a_clean_one_is_not() -> None:
    t = np.arange(RATE // 2) / RATE
    loud = np.sin(2 * np.pi * 440 * t) * 1.5
    audio = place(1.0, [(0.2, loud)])
    clipped = Audio(np.clip(audio.samples, -1.0, 32767 / 32768), RATE)
    assert clipped.clipped_samples() > 1000
    assert clipped.peak_dbfs() == pytest.approx(0.0, abs=0.01)
    clean = place(1.0, [(0.2, loud / 1.5 * 10 ** (-1 / 20))])
    assert clean.clipped_samples() == 0
    assert clean.peak_dbfs() == pytest.approx(-1.0, abs=0.01)


def test_a_written_wav_reads_back_clipped_like_a_mixer(tmp_path: Path) -> None:
    path = write(tmp_path / "x.wav", np.array([0.0, 0.5, 2.0, -2.0]))
    assert list(load(path).samples) == [0.0, 0.5, 32767 / 32768, -1.0]


def test_speech_is_speech_and_a_beep_in_it_is_an_overlap() -> None:
    audio = place(4.0, [(0.5, voice(1.5)), (1.0, beep("hold_start", 0.6)),
                        (2.5, beep("hold_start", 0.6)), (3.2, beep("session_end", 0.6))])
    assert audio.is_speech(0.5, 2.0)
    assert not audio.is_speech(2.5, 2.75)
    assert not audio.is_speech(3.2, 4.0)
    assert audio.overlap_at(1.0, "hold_start")
    assert audio.beep_at(1.0) != "hold_start" or audio.overlap_at(1.0, "hold_start")
    assert not audio.overlap_at(2.5, "hold_start")
    assert audio.beep_at(2.5) == "hold_start"
    # A voice that starts during the beep's tail is an overlap too.
    tail = place(2.0, [(0.5, beep("hold_end", 0.6)), (0.7, voice(0.8))])
    assert tail.overlap_at(0.5, "hold_end")
    # Speech that starts just before the beep: the beep's start is buried.
    early = place(2.0, [(0.49, voice(0.02)), (0.5, beep("tick", 0.6))])
    assert early.overlap_at(0.5, "tick")


def test_a_short_blip_is_not_speech() -> None:
    audio = place(1.0, [(0.2, voice(0.1))])
    assert not audio.is_speech(0.0, 1.0)


def test_align_finds_the_offset_and_each_error() -> None:
    rng = np.random.default_rng(1)
    expected = list(np.cumsum(rng.uniform(0.3, 2.0, 40)))
    jitter = rng.normal(0, 0.004, 40)
    onsets = [t + 0.2371 + j for t, j in zip(expected, jitter, strict=True)]
    del onsets[17]  # a cue that never sounded
    onsets += [5.5, 20.02]  # speech, a stray sound
    result = align(expected, onsets, tolerance=0.03)
    assert result.offset == pytest.approx(0.2371, abs=0.003)
    assert result.misses == [17]
    assert len(result.extras) == 2
    assert result.worst < 0.02
    assert not result.ok()  # a miss fails
    assert "39/40 cues matched" in result.summary()


def test_align_tells_a_late_cue() -> None:
    expected = [1.0, 2.5, 3.1, 4.7, 6.0, 8.2]
    onsets = [t + 0.1 for t in expected]
    onsets[3] += 0.045  # 45 ms late
    result = align(expected, onsets, tolerance=0.03)
    assert result.offset == pytest.approx(0.1, abs=1e-9)
    assert result.misses == [3]
    assert result.worst == pytest.approx(0.0, abs=1e-9)
    wide = align(expected, onsets, tolerance=0.05)
    assert wide.ok()
    assert wide.worst == pytest.approx(0.045, abs=1e-9)


def test_align_with_evenly_spaced_cues_needs_and_uses_a_hint() -> None:
    expected = [float(t) for t in range(10)]  # a tick every second
    onsets = [t + 0.05 for t in expected[1:]] + [10.05]  # the recording starts late
    # Without a hint, "one second later" matches every onset as well as the truth does.
    hinted = align(expected, onsets, offset_hint=0.0, search=0.5)
    assert hinted.offset == pytest.approx(0.05)
    assert hinted.misses == [0]
    assert not math.isinf(hinted.worst)


def test_align_with_nothing_recorded_misses_everything() -> None:
    result = align([1.0, 2.0], [])
    assert result.misses == [0, 1]
    assert not result.ok()


def test_a_gap_inside_a_beep_is_a_dropout_and_its_own_joins_are_not() -> None:
    hold_end = beep("hold_end", 0.8)
    broken = np.concatenate([hold_end[:6000], np.zeros(256), hold_end[6000:]])
    audio = place(2.0, [(0.5, hold_end), (1.2, broken)])
    assert audio.dropouts(0.5, 0.5 + 0.29) == []
    assert audio.dropouts(1.2, 1.2 + 0.3) == [
        (pytest.approx(1.2 + 6000 / RATE, abs=1e-4), pytest.approx(256 / RATE, abs=1e-4))]
    assert [round(end - start, 4) for start, end in audio.sounds()] == [
        pytest.approx(0.29, abs=0.002), pytest.approx(0.29 + 256 / RATE, abs=0.002)]


def test_a_beep_is_found_to_the_sample_under_the_end_of_another_sound() -> None:
    tick = beep("tick", 0.8)
    audio = place(1.0, [(0.3, voice(0.06)), (0.35, tick)])  # the voice ends 10 ms into it
    assert audio.onsets() == [pytest.approx(0.3, abs=0.001)]  # the voice's start
    start, similarity = audio.find(tick, 0.3, within=0.1)
    assert start == pytest.approx(0.35, abs=1 / RATE)
    assert similarity > 0.8
    assert audio.find(tick, 0.8, within=0.1)[1] == 0.0  # silence: nothing like it
    alone = place(1.0, [(0.35, tick)])
    assert alone.find(tick, 0.3, within=0.1) == (pytest.approx(0.35, abs=1 / RATE),
                                                 pytest.approx(1.0))
