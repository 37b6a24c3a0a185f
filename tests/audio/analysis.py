"""What a recording of the sound output holds: levels, clipping, sound onsets, beeps and
speech, and how the onsets line up with the times the app meant.

Pure Python and numpy, no audio plumbing: ``load(path)`` reads a mono (or, averaged,
multichannel) 16-bit WAV such as ``Recording.stop()`` writes. Times are in seconds from
the first sample of the recording.

    audio = load(wav)
    audio.peak_dbfs()                      # -7.1
    audio.clipped_samples()                # 0
    hits = audio.onsets()                  # [0.5123, 1.2571, ...]
    result = align(expected, hits)         # constant offset, per-cue errors, misses
    audio.beep_at(hits[0])                 # "tick", or None: no beep of the app's starts there
    audio.is_speech(2.0, 3.5)              # True
    audio.overlap_at(hits[0], "hold_start")  # True: something else sounds during the beep
"""

from __future__ import annotations

import bisect
import math
import statistics
import wave
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float64]

FLOOR_DB = -90.0  # what counts as digital silence: the null sink's silence is exact zeros
FULL_SCALE = 32768.0


@dataclass(frozen=True)
class Beep:
    """One of the app's sounds: its notes as (frequency Hz, start s, end s) from its own
    start, measured from the WAV with this module (see test_analysis.py)."""

    name: str
    duration: float
    notes: tuple[tuple[float, float, float], ...]
    peak_dbfs: float

    @property
    def frequency(self) -> float:
        """The first note: what sounds at the onset."""
        return self.notes[0][0]


# kneecare_desktop/ui/resources/sounds/*.wav (made by tools/make_sounds.py), measured by
# Audio.dominant_frequency over each note and Audio.peak_dbfs over the file;
# test_analysis.py checks these figures against the files, so a changed sound is noticed.
BEEPS: dict[str, Beep] = {beep.name: beep for beep in (
    Beep("tick", 0.050, ((1200.0, 0.0, 0.050),), -10.22),
    Beep("beat", 0.070, ((520.0, 0.0, 0.070),), -10.22),
    Beep("hold_start", 0.250, ((660.0, 0.0, 0.090), (880.0, 0.090, 0.250)), -7.12),
    Beep("hold_end", 0.290, ((880.0, 0.0, 0.090), (660.0, 0.090, 0.290)), -7.12),
    Beep("session_end", 0.820, ((523.3, 0.0, 0.140), (659.3, 0.140, 0.280),
                                (784.0, 0.280, 0.420), (1046.5, 0.420, 0.820)), -7.12),
)}


def db(power: float) -> float:
    """A power (mean square, full scale = 1) in dB, never below FLOOR_DB."""
    return max(FLOOR_DB, 10 * math.log10(power)) if power > 0 else FLOOR_DB


@dataclass(frozen=True)
class Audio:
    samples: Samples  # mono, full scale = 1.0 (-32768 is -1.0)
    rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate

    def span(self, start: float | None = None, end: float | None = None) -> Samples:
        first = 0 if start is None else max(0, round(start * self.rate))
        last = len(self.samples) if end is None else min(len(self.samples),
                                                          round(end * self.rate))
        return self.samples[first:max(first, last)]

    # -- levels -----------------------------------------------------------------------
    def peak_dbfs(self, start: float | None = None, end: float | None = None) -> float:
        """The highest sample, in dB relative to full scale (0.0: a full-scale sample);
        FLOOR_DB for silence."""
        part = self.span(start, end)
        peak = float(np.max(np.abs(part))) if len(part) else 0.0
        return max(FLOOR_DB, 20 * math.log10(peak)) if peak > 0 else FLOOR_DB

    def rms_dbfs(self, start: float | None = None, end: float | None = None) -> float:
        part = self.span(start, end)
        return db(float(np.mean(part * part))) if len(part) else FLOOR_DB

    def clipped_samples(self, threshold: float = 32766 / FULL_SCALE,
                        start: float | None = None, end: float | None = None) -> int:
        """Samples at or beyond ``threshold`` (of full scale): a mix that clipped sits at
        +32767 or -32768 for runs of samples."""
        return int(np.count_nonzero(np.abs(self.span(start, end)) >= threshold))

    # -- onsets -----------------------------------------------------------------------
    def envelope(self, hop: float = 0.001) -> tuple[Samples, int]:
        """Mean-square power (dBFS) per ``hop`` seconds, and the hop in samples."""
        step = max(1, round(hop * self.rate))
        frames = len(self.samples) // step
        blocks = self.samples[:frames * step].reshape(frames, step)
        power = np.mean(blocks * blocks, axis=1)
        with np.errstate(divide="ignore"):
            levels = np.where(power > 0, 10 * np.log10(np.maximum(power, 1e-30)), FLOOR_DB)
        return np.maximum(levels, FLOOR_DB), step

    def noise_floor_dbfs(self, hop: float = 0.001) -> float:
        """The level of the quiet part: the 10th percentile of the 1 ms levels."""
        levels, _ = self.envelope(hop)
        return float(np.percentile(levels, 10)) if len(levels) else FLOOR_DB

    def threshold_dbfs(self, threshold_db: float = 30.0, hop: float = 0.001) -> float:
        """Sound is what stands ``threshold_db`` above the noise floor (exact digital
        silence counts as FLOOR_DB, so the threshold is at least FLOOR_DB + threshold_db)."""
        return self.noise_floor_dbfs(hop) + threshold_db

    def sounds(self, min_gap: float = 0.05, threshold_db: float = 30.0,
               hop: float = 0.001) -> list[tuple[float, float]]:
        """(start, end) of each stretch of sound, stretches closer than ``min_gap`` of
        silence joined. Starts are refined to the first sample above the threshold's
        amplitude (about 0.02 ms), ends are to the hop (1 ms)."""
        levels, step = self.envelope(hop)
        if not len(levels):
            return []
        threshold = self.threshold_dbfs(threshold_db, hop)
        loud = levels > threshold
        amplitude = 10 ** (threshold / 20)
        gap = max(1, round(min_gap / hop))
        spans: list[tuple[float, float]] = []
        frame, frames = 0, len(loud)
        while frame < frames:
            if not loud[frame]:
                frame += 1
                continue
            start_frame = frame
            quiet = 0
            last_loud = frame
            while frame < frames and quiet < gap:
                if loud[frame]:
                    last_loud, quiet = frame, 0
                else:
                    quiet += 1
                frame += 1
            # Refine the start to the first sample above the threshold's amplitude.
            first = max(0, (start_frame - 1) * step)
            window = np.abs(self.samples[first:(start_frame + 1) * step])
            above = np.nonzero(window > amplitude)[0]
            start_sample = first + int(above[0]) if len(above) else start_frame * step
            spans.append((start_sample / self.rate, (last_loud + 1) * step / self.rate))
        return spans

    def onsets(self, min_gap: float = 0.05, threshold_db: float = 30.0,
               hop: float = 0.001) -> list[float]:
        """The times where sound starts after at least ``min_gap`` seconds of silence
        (silence: less than ``threshold_db`` above the noise floor), to about 0.1 ms."""
        return [start for start, _ in self.sounds(min_gap, threshold_db, hop)]

    def find(self, template: Samples, near: float,
             within: float = 0.05) -> tuple[float, float]:
        """Where the waveform ``template`` (e.g. a beep's WAV samples times its volume)
        matches best, starting within ``within`` s of ``near``: (start time, similarity
        0..1, the normalised correlation). Exact to the sample even when another sound
        runs into the beep's start, where ``onsets`` gives that other sound's start."""
        first = max(0, round((near - within) * self.rate))
        last = min(len(self.samples), round((near + within) * self.rate) + len(template))
        part = self.samples[first:last]
        if len(part) < len(template) or not np.any(template):
            return near, 0.0
        size = 1 << math.ceil(math.log2(len(part) + len(template)))
        correlation = np.fft.irfft(np.fft.rfft(part, size)
                                   * np.conj(np.fft.rfft(template, size)), size)
        correlation = correlation[:len(part) - len(template) + 1]
        energy = np.cumsum(np.concatenate([[0.0], part * part]))
        local = energy[len(template):] - energy[:len(part) - len(template) + 1]
        # The matched filter: the largest correlation, which another sound added to the
        # template hardly moves (a normalised correlation would prefer a tone shifted by
        # whole periods into quieter surroundings).
        best = int(np.argmax(correlation))
        similarity = correlation[best] / math.sqrt(max(float(local[best]), 1e-12)
                                                   * float(template @ template))
        return (first + best) / self.rate, max(0.0, float(similarity))

    def dropouts(self, start: float, end: float, min_length: float = 0.002,
                 level: float = 1e-4) -> list[tuple[float, float]]:
        """(time, length) of each run of ``min_length`` or more of (near) digital silence
        between ``start`` and ``end``, with sound on both sides: inside a beep, a gap
        where the player did not deliver its data in time (an underrun). A beep's own
        zero crossings and the joins of its notes are far shorter."""
        first = max(0, round(start * self.rate))
        quiet = np.abs(self.span(start, end)) < level
        edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]])))
        runs = edges.reshape(-1, 2)
        return [((first + a) / self.rate, (b - a) / self.rate) for a, b in runs
                if (b - a) >= min_length * self.rate and a > 0 and b < len(quiet)]

    # -- what a sound is --------------------------------------------------------------
    def _spectrum(self, start: float, end: float) -> tuple[Samples, Samples]:
        part = self.span(start, end)
        if len(part) < 16:
            return np.zeros(1), np.zeros(1)
        windowed = part * np.hanning(len(part))
        size = max(1 << 16, 1 << math.ceil(math.log2(len(part))))
        power = (np.abs(np.fft.rfft(windowed, size)) ** 2).astype(np.float64)
        return np.fft.rfftfreq(size, 1 / self.rate).astype(np.float64), power

    def dominant_frequency(self, start: float, end: float) -> float:
        """The strongest frequency between ``start`` and ``end`` (Hz, to about 1 Hz for a
        window of 50 ms or more)."""
        freqs, power = self._spectrum(start, end)
        peak = int(np.argmax(power[1:])) + 1
        if 0 < peak < len(power) - 1:  # parabolic interpolation on the log power
            left, mid, right = np.log(power[peak - 1:peak + 2] + 1e-30)
            shift = 0.5 * (left - right) / (left - 2 * mid + right)
            return float(freqs[peak] + shift * (freqs[1] - freqs[0]))
        return float(freqs[peak])

    def tone_fraction(self, start: float, end: float, freq: float,
                      harmonics: int = 1) -> float:
        """The share (0..1) of the window's energy at ``freq`` (and its first
        ``harmonics`` multiples): a beep of that frequency alone gives 0.85 or more for
        its fundamental (the app's beeps have a quarter-amplitude second harmonic: 0.94),
        speech or another sound mixed in gives less."""
        freqs, power = self._spectrum(start, end)
        total = float(np.sum(power))
        if total <= 0:
            return 0.0
        width = max(30.0, 3 * self.rate / max(1, len(self.span(start, end))))
        band = np.zeros(len(freqs), dtype=bool)
        for multiple in range(1, harmonics + 1):
            band |= np.abs(freqs - freq * multiple) <= width
        return float(np.sum(power[band]) / total)

    def spectral_spread(self, start: float, end: float, frame: float = 0.03) -> float:
        """How widely the energy spreads over the speech band (300-3400 Hz): the median,
        over the frames with sound, of the share of the band's frequency bins (of 25 Hz)
        that it takes to hold 90% of the band's energy. A beep holds it in a few bins
        (< 0.03); speech, with its many harmonics and formants, needs far more (> 0.08)."""
        step = round(frame * self.rate)
        part = self.span(start, end)
        if len(part) < step:
            return 0.0
        freqs = np.fft.rfftfreq(step, 1 / self.rate)
        band = (freqs >= 300) & (freqs <= 3400)
        threshold = 10 ** (self.threshold_dbfs() / 10)
        shares = []
        hann = np.hanning(step)
        for first in range(0, len(part) - step + 1, step // 2):
            chunk = part[first:first + step]
            if np.mean(chunk * chunk) <= threshold:
                continue
            power = np.sort(np.abs(np.fft.rfft(chunk * hann))[band] ** 2)[::-1]
            cumulative = np.cumsum(power)
            if cumulative[-1] <= 0:
                continue
            needed = int(np.searchsorted(cumulative, 0.9 * cumulative[-1])) + 1
            shares.append(needed / len(power))
        return float(np.median(shares)) if shares else 0.0

    def sounding(self, start: float, end: float, threshold_db: float = 30.0) -> float:
        """Seconds between ``start`` and ``end`` with sound (1 ms frames above the
        threshold)."""
        levels, step = self.envelope()
        first = max(0, math.floor(start * self.rate / step))
        last = min(len(levels), math.ceil(end * self.rate / step))
        loud = levels[first:last] > self.threshold_dbfs(threshold_db)
        return float(np.count_nonzero(loud)) * step / self.rate

    def is_speech(self, start: float, end: float, min_duration: float = 0.15) -> bool:
        """Whether the window holds speech: more than ``min_duration`` of sound, with its
        energy spread over the speech band the way a voice spreads it, not a beep's."""
        if self.sounding(start, end) < min_duration:
            return False
        return self.spectral_spread(start, end) >= 0.06

    def beep_at(self, onset: float, names: Sequence[str] | None = None,
                min_fraction: float = 0.6) -> str | None:
        """Which of the app's beeps starts at ``onset``: the one whose notes hold most of
        the energy, each over its own part of the beep; None if none holds
        ``min_fraction`` of it (not a beep, or a beep mixed with another sound)."""
        best, best_fit = None, 0.0
        for name in names or BEEPS:
            beep = BEEPS[name]
            fits = [self.tone_fraction(onset + note_start + 0.005, onset + note_end - 0.005,
                                       freq, harmonics=2)
                    for freq, note_start, note_end in beep.notes]
            fit = min(fits)
            if fit > best_fit:
                best, best_fit = name, fit
        return best if best_fit >= min_fraction else None

    def overlap_at(self, onset: float, beep: str, margin: float = 0.03,
                   min_fraction: float = 0.95) -> bool:
        """Whether anything else sounds while the beep ``beep`` plays from ``onset``:
        sound in the ``margin`` before it (its start buried in another sound), or, in any
        40 ms of the beep, more than ``1 - min_fraction`` of the energy away from its
        notes (speech, another beep: 13 dB below the beep or louder). A beep alone keeps
        more than 0.999 of it there."""
        if self.sounding(onset - margin, onset - 0.002) > 0.005:
            return True
        # A window the output left silent (a dropout) holds nothing else either.
        return any(self.tone_fraction(start, end, freq, harmonics=2) < min_fraction
                   for start, end, freq in self._note_windows(onset, BEEPS[beep])
                   if self.sounding(start, end) > 0.5 * (end - start))

    @staticmethod
    def _note_windows(onset: float, beep: Beep,
                      length: float = 0.04) -> list[tuple[float, float, float]]:
        """(start, end, frequency) of the ~40 ms pieces of each note, 5 ms clear of the
        note's edges."""
        pieces = []
        for freq, note_start, note_end in beep.notes:
            first, last = onset + note_start + 0.005, onset + note_end - 0.005
            count = max(1, round((last - first) / length))
            step = (last - first) / count
            pieces += [(first + i * step, first + (i + 1) * step, freq) for i in range(count)]
        return pieces


def load(path: Path | str) -> Audio:
    """A 16-bit PCM WAV file, channels averaged to mono."""
    with wave.open(str(path), "rb") as source:
        if source.getsampwidth() != 2:
            raise ValueError(f"{path}: {8 * source.getsampwidth()}-bit, expected 16-bit PCM")
        channels = source.getnchannels()
        rate = source.getframerate()
        data = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    samples = data.astype(np.float64) / FULL_SCALE
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return Audio(samples, rate)


def write(path: Path | str, samples: Samples, rate: int = 44100) -> Path:
    """Write mono float samples (full scale 1.0) as a 16-bit WAV, clipping what exceeds
    full scale, as a sound card's mixer does."""
    ints = np.clip(np.round(samples * FULL_SCALE), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(ints.tobytes())
    return Path(path)


@dataclass
class Alignment:
    """How recorded onsets line up with the times the app meant.

    ``offset``: recording time minus expected time (the constant between the two
    clocks: where the recording started, plus the output's latency). ``errors[i]``:
    expected cue i's onset minus (its expected time + offset), None when no onset is
    within ``tolerance``."""

    offset: float
    errors: list[float | None]
    tolerance: float
    expected: list[float]
    extras: list[float] = field(default_factory=list)  # onsets that matched no cue

    @property
    def misses(self) -> list[int]:
        return [i for i, error in enumerate(self.errors) if error is None]

    @property
    def matched(self) -> list[float]:
        return [error for error in self.errors if error is not None]

    @property
    def median(self) -> float:
        """The median absolute error (s)."""
        return statistics.median(abs(e) for e in self.matched) if self.matched else math.inf

    @property
    def worst(self) -> float:
        """The largest absolute error (s) of the matched cues."""
        return max((abs(e) for e in self.matched), default=math.inf)

    def ok(self) -> bool:
        return not self.misses and self.worst <= self.tolerance

    def summary(self) -> str:
        return (f"{len(self.matched)}/{len(self.errors)} cues matched, offset "
                f"{self.offset * 1000:.1f} ms, error median {self.median * 1000:.1f} ms, "
                f"worst {self.worst * 1000:.1f} ms, misses at "
                f"{[round(self.expected[i], 3) for i in self.misses]}, "
                f"{len(self.extras)} other onsets")


def _match(expected: Sequence[float], onsets: Sequence[float], offset: float,
           tolerance: float) -> list[int | None]:
    """For each expected time (+offset), the index of the nearest onset within
    tolerance; each onset used once, the closest pairs first."""
    pairs = []
    for i, time in enumerate(expected):
        near = bisect.bisect_left(onsets, time + offset)
        for j in range(max(0, near - 2), min(len(onsets), near + 2)):
            pairs.append((abs(onsets[j] - (time + offset)), i, j))
    pairs.sort()
    chosen: list[int | None] = [None] * len(expected)
    used: set[int] = set()
    for distance, i, j in pairs:
        if distance <= tolerance and chosen[i] is None and j not in used:
            chosen[i] = j
            used.add(j)
    return chosen


def align(expected_times: Sequence[float], onsets: Sequence[float], tolerance: float = 0.03,
          offset_hint: float | None = None, search: float = 0.5) -> Alignment:
    """Find the constant offset between the app's clock and the recording and each cue's
    error against it.

    Coarse: of every (onset - expected) difference (within ``search`` of
    ``offset_hint`` when given), the one with the most differences within ``tolerance``
    of it. Fine: the median of the matched cues' differences, twice. Give
    ``offset_hint`` (e.g. the app clock's start minus ``Recording.start_monotonic``)
    when the cues are evenly spaced, where a shift by one spacing matches almost as
    well."""
    expected = [float(t) for t in expected_times]
    hits = sorted(float(t) for t in onsets)
    if not expected or not hits:
        return Alignment(offset_hint or 0.0, [None] * len(expected), tolerance, expected,
                         hits)
    differences = np.sort(np.subtract.outer(np.array(hits), np.array(expected)).ravel())
    if offset_hint is not None:
        differences = differences[np.abs(differences - offset_hint) <= search]
        if not len(differences):
            return Alignment(offset_hint, [None] * len(expected), tolerance, expected, hits)
    counts = (np.searchsorted(differences, differences + tolerance, side="right")
              - np.searchsorted(differences, differences - tolerance, side="left"))
    best = np.flatnonzero(counts == counts.max())
    # Several equally good: each one's matches decide, then the smallest spread.
    offset = float(differences[best[0]])
    best_key: tuple[int, float] | None = None
    for candidate in np.unique(np.round(differences[best], 4))[:50]:
        chosen = _match(expected, hits, float(candidate), tolerance)
        diffs = [hits[j] - expected[i] for i, j in enumerate(chosen) if j is not None]
        key = (-len(diffs), float(np.std(diffs)) if diffs else math.inf)
        if best_key is None or key < best_key:
            best_key, offset = key, float(np.median(diffs)) if diffs else float(candidate)
    for _ in range(2):
        chosen = _match(expected, hits, offset, tolerance)
        diffs = [hits[j] - expected[i] for i, j in enumerate(chosen) if j is not None]
        if diffs:
            offset = float(np.median(diffs))
    chosen = _match(expected, hits, offset, tolerance)
    errors = [None if j is None else hits[j] - expected[i] - offset
              for i, j in enumerate(chosen)]
    used = {j for j in chosen if j is not None}
    return Alignment(offset, errors, tolerance, expected,
                     [hit for j, hit in enumerate(hits) if j not in used])
