"""Real audio for tests: a private sound server with a null sink whose monitor is
recorded, and a private speech service speaking into it. Every test under tests/audio/
is marked ``audio``. Figures: the 2-core CI machine, PySide6 6.11, PulseAudio 16.1,
speech-dispatcher 0.11.4 (see test_harness.py, whose figures print at the end of a run).

FIXTURES

``sound_server`` -> plumbing.SoundServer. One PulseAudio daemon per test session, with
its own socket, cookie, HOME and runtime folder in pytest's tmp folder (no D-Bus, no
autospawn); its only sink is the null sink ``kneecare_test`` (stereo, 44.1 kHz, s16le),
the default. Each test gets it with the sink in place and ready; afterwards recordings
are stopped and a removed sink is put back.

    .sink, .monitor         "kneecare_test", "kneecare_test.monitor"
    .variables              what a client process needs: PULSE_SERVER, PULSE_COOKIE,
                            PULSE_CLIENTCONFIG
    .env                    os.environ as it is now (the test's KNEECARE_HOME, HOME,
                            LANG...) + .variables: a child process's whole environment
    .record(path)           -> Recording: parec on the monitor, written to the WAV ``path``
                            as it comes (mono, s16, 44.1 kHz); returns once data flows
      .stop(settle=0.3)     -> Path: waits ``settle`` s for the last sound, stops
      .audio()              -> analysis.Audio (stops first)
      .start_monotonic      the time.monotonic() of the WAV's first sample (~1 ms; the same
                            clock in every process on the machine)
      .time_of(t)           where time.monotonic() ``t`` (of any process) is in the WAV;
                            time_of(t, clock="boottime") for CLOCK_BOOTTIME (SystemClock)
    .remove_sink()          unload the sink: no output device at all; .record() then
                            raises NoOutputDeviceError. .restore_sink() puts it back.
    .sinks(), .has_sink(), .pactl(*args), .log (the daemon's log file)
    .run_pytest(*args, env=) python -m pytest ARGS in a child with .env (+ ``env``)
    .run_python(*args, env=) python ARGS the same way
    .use_in_this_process(monkeypatch)   see below; avoid

``speech_service`` -> plumbing.SpeechService (it brings ``sound_server``). One
speech-dispatcher per session, with espeak-ng and (speech-dispatcher-flite) flite, the
system's module settings, volume 100, pulse output into the null sink. Restarted before
and after a test in which the sink was removed (see PITFALLS).

    .variables              the sound server's + SPEECHD_ADDRESS (its socket) +
                            SPEECHD_CMD=/bin/false (no autospawn of another one)
    .env                    os.environ + .variables
    .say(text, wait=True, language=, module=, volume=)   spd-say; -> time.monotonic()
                            of the call
    .restart(), .modules, .started_in, .logs, .log_tail()

Missing programs (pulseaudio, pactl, parec, paplay; speech-dispatcher, spd-say,
sd_espeak-ng; espeak-ng for one test) skip the test, or fail it when
KNEECARE_REQUIRE_AUDIO=1, as .ci/run sets: CI never skips them silently.

THE APP TEST: QT IN A CHILD PROCESS

QtMultimedia looks for the sound server once per process, at its first use (the first
QMediaDevices or QSoundEffect; importing the module does not count), reading
PULSE_SERVER then, and never again: a process whose QtMultimedia once found no server
stays silent (QMediaDevices.audioOutputs() empty, QSoundEffect in Error), whatever the
environment says later (test_qt_takes_the_sound_server_of_its_first_use_for_good). In
the whole suite other tests start sessions, hence QtMultimedia, with no server. So run
the app in a child pytest, as tests/journeys/test_small_screen.py does:

    def test_cues_sound_on_time(speech_service, sound_server, tmp_path):
        times = tmp_path / "times.json"    # the child writes the cues' monotonic times
        recording = sound_server.record(tmp_path / "session.wav")
        result = sound_server.run_pytest(
            "tests/audio/session_case.py", env={**speech_service.variables,
                                                "KNEECARE_TEST_TIMES": str(times)})
        audio = recording.audio()
        assert result.returncode == 0, result.stdout[-3000:]
        due = json.loads(times.read_text())      # [[kind, monotonic], ...]
        expected = [recording.time_of(t) for _, t in due]
        timing = align(expected, audio.onsets(), tolerance=0.03, offset_hint=0.012,
                       search=0.1)
        assert timing.ok(), timing.summary()
        # then per cue: audio.beep_at(onset) == kind, not audio.overlap_at(onset, kind),
        # audio.is_speech(onset + duration, onset + duration + 1.5) after a hold start,
        # audio.peak_dbfs() <= -1 and audio.clipped_samples() == 0 over the whole.

session_case.py (name it *_case.py: not collected on its own) uses the journeys'
``launch`` and drives the window. ScaledClock runs on time.monotonic(): clock time c is
real time ``clock._real_start + (c - clock._start - clock._jumped) / clock.rate``
(jumps move it); SystemClock reads CLOCK_BOOTTIME (time_of(t, clock="boottime")).
Give ``offset_hint`` (the play() to onset latency, ~12 ms) and a small ``search`` when
cues are evenly spaced (ticks), where a shift by one spacing matches almost as well;
tolerance 0.03 is the issue's ±30 ms. The child's
LANG is the test's (en_US.UTF-8): fine for Qt, not for spd-say or speech-dispatcher
(PITFALLS).

No sound output: ``sound_server.remove_sink()`` before the child starts; in it,
QMediaDevices.audioOutputs() is empty and each QSoundEffect goes to Error.
No speech service: give the child ``{"SPEECHD_ADDRESS": "unix_socket:/nonexistent",
"SPEECHD_CMD": "/bin/false"}`` (not speech_service): QTextToSpeech("speechd") goes to
Error at once, "Connection to speech-dispatcher failed"; without SPEECHD_CMD, libspeechd
autospawns the system's speech-dispatcher, which outlives the test.
``sound_server.use_in_this_process(monkeypatch)`` puts the variables into this process
instead; it refuses once PySide6.QtMultimedia is imported here, and the connection
outlives the test (later tests play into the null sink until the session ends).

PITFALLS MET (and what the fixtures do about them)

- Root: pulseaudio says "not intended to be run as root" and runs fine without
  --system (which wants a ``pulse`` user and /var/run/pulse). It gets -n (no default.pa):
  only the native protocol, auth-anonymous, on our socket; the sink comes by pactl;
  --realtime=no --high-priority=no --no-cpu-limit.
- Stray files and daemons: a libpulse client with no cookie file writes
  ~/.config/pulse/cookie into HOME, a journey's home folder (.variables gives it
  PULSE_COOKIE), and may autospawn a daemon (PULSE_CLIENTCONFIG: autospawn = no).
- Locale: speech-dispatcher and spd-say exit at once ("setlocale: No such file or
  directory") when LANG names a locale that is not installed, as the tests' en_US.UTF-8
  is not on a bare Debian machine: the daemons get a clean environment with LANG=C.UTF-8,
  and so does spd-say in .say(). Qt's speechd client does not mind. (An app that
  autospawns speech-dispatcher under such a LANG gets no voice.)
- The null sink renders in blocks as long as the lowest latency a client asks for, 2 s
  when none asks, and sleeps out the block under way before it hears a new request: a
  recording or a sound starting then waits up to 2 s. The server keeps a parec asking
  for 10 ms on the monitor (its data thrown away): from then on the sink renders every
  10 ms like a sound card, a recording starts in ~20 ms; ``sound_server`` waits for that
  (up to 2 s after the sink was loaded, so once per session and after each removal).
- Latency and the monitor's clock: QSoundEffect.play() to its onset in the monitor
  ~12 ms (7-13 ms), paplay's process start to its onset 0-8 ms, spd-say's process
  start to the speech 12-29 ms, QTextToSpeech.say() to the speech 0-17 ms (once 87 ms).
  These are against Recording.start_monotonic, taken from the data's arrival (the
  earliest arrival time - samples so far / rate), and the sink renders up to a 10 ms
  block ahead of that: absolute latencies are good to about 10 ms; align() takes the
  constant out, and the cue errors around it are what counts.
- QSoundEffect (Qt 6.11, PulseAudio) stops its stream before the last 12-17 ms of a
  sound has played, and that end comes out first when the next beep plays, 18-22 ms
  before the beep's own start. With the app's WAV files as they are, onsets() finds that
  leftover (one sound with the beep: the gap is far below min_gap), so cue errors reach
  15-21 ms instead of 1-5 ms, beep_at() and overlap_at() may see the wrong notes, and
  Audio.find(wav samples * volume, onset) gives the beep's true start. Beeps followed by
  60 ms of silence come out whole and on time.
- Dropouts: once in some 20 runs a 5.8 ms gap of silence sat inside a beep (Qt late
  with its data, the suite starting up on 2 cores); with two CPU hogs on the 2 cores,
  once a gap long enough to split a beep in two. Audio.dropouts(onset, end) finds them;
  the padded-beep test passed 3 of 3 runs under those hogs all the same.
- speech-dispatcher: its socket accepts 0.25-0.39 s after its start (0.8 s under
  load); a first utterance is hardly slower than later ones (12-29 ms from spd-say's
  start, 50-57 ms under load): the modules start with the daemon. But
  QTextToSpeech("speechd")'s constructor blocks 1.4-2.3 s (5.0-5.5 s under load), every
  time and in every process, even with the daemon up: it fetches espeak-ng's ~13,000
  voices. Made on the GUI thread, that is the 1.9-2.2 s freeze of issue 14.
- speech-dispatcher never recovers from a vanished sink: the utterance spoken while it
  is gone fails ("Couldn't open pulse plugin: No such entity") and QTextToSpeech stays
  Speaking for good; every later utterance hangs, even once the sink is back. Hence the
  restart around sink removals; an app test with the sink removed and speech on should
  expect a voice stuck in Speaking.
- espeak-ng at volume 100 clips: peaks at 0 dBFS, 40-50 clipped samples per sentence.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audio.plumbing import (
    SERVER_PROGRAMS,
    SPEECH_MODULES,
    SPEECH_PROGRAMS,
    SoundServer,
    SpeechService,
    missing_programs,
    unavailable,
)

AUDIO = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if AUDIO in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.audio)


def _short_folder(factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder for sockets: a Unix socket's path must stay under 108 bytes."""
    folder = factory.mktemp(name)
    if len(str(folder)) > 60:
        folder = Path(tempfile.mkdtemp(prefix=f"kneecare-{name}-"))
    return folder


@pytest.fixture(scope="session")
def _pulse_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SoundServer]:
    missing = missing_programs(SERVER_PROGRAMS)
    if missing:
        unavailable(f"the audio tests need {', '.join(missing)}")
    server = SoundServer(_short_folder(tmp_path_factory, "pulse")).start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def sound_server(_pulse_daemon: SoundServer) -> Iterator[SoundServer]:
    """The private sound server, its null sink in place, the default, and rendering in
    10 ms blocks."""
    _pulse_daemon.restore_sink()
    _pulse_daemon.ready()
    try:
        yield _pulse_daemon
    finally:
        _pulse_daemon.stop_recordings()
        _pulse_daemon.restore_sink()


@pytest.fixture(scope="session")
def _speech_daemon(_pulse_daemon: SoundServer,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpeechService]:
    missing = missing_programs(SPEECH_PROGRAMS)
    if not (SPEECH_MODULES / "sd_espeak-ng").exists():
        missing.append("speech-dispatcher-espeak-ng")
    if missing:
        unavailable(f"the speech tests need {', '.join(missing)}")
    service = SpeechService(_short_folder(tmp_path_factory, "speechd"), _pulse_daemon).start()
    try:
        yield service
    finally:
        service.close()


@pytest.fixture
def speech_service(_speech_daemon: SpeechService,
                   sound_server: SoundServer) -> Iterator[SpeechService]:
    """The private speech-dispatcher, speaking into ``sound_server``'s sink (restarted
    when the sink was removed since it started: its audio never recovers from that)."""
    if _speech_daemon.sink_removals != sound_server.sink_removals:
        _speech_daemon.restart()
    yield _speech_daemon
    if _speech_daemon.sink_removals != sound_server.sink_removals:
        sound_server.restore_sink()
        _speech_daemon.restart()
