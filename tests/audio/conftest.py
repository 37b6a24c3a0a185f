"""Real audio for tests: a private sound server with a null sink whose monitor is
recorded, and a private speech service speaking into it. Every test under tests/audio/
is marked ``audio`` (``pytest -m audio`` runs them alone, ~95 s). Figures: the 2-core CI
machine, PySide6 6.11, PulseAudio 16.1, speech-dispatcher 0.11.4 (the tests' own figures
print in the "audio figures" section at the end of a run).

FIXTURES

``sound_server`` -> plumbing.SoundServer. One PulseAudio daemon for the tests of this
folder (stopped after them), with its own socket, cookie, HOME and runtime folder in
pytest's tmp folder (no D-Bus, no autospawn: never the user's server); its only sink is
the null sink ``kneecare_test`` (stereo, 44.1 kHz, s16le), the default. Each test gets it
with the sink in place and ready; afterwards its recordings are stopped.

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
    .remove_sink()          ``pactl unload-module``: no output device at all, even mid-run;
                            .record() then raises NoOutputDeviceError. .restore_sink()
                            puts it back (ready to record up to 2 s later, see PITFALLS).
    .sinks(), .has_sink(), .pactl(*args), .log (the daemon's log file)
    .run_pytest(*args, env=) python -m pytest ARGS in a child with .env (+ ``env``)
    .start_pytest(*args, output=, env=)   the same, returning at once (plumbing.wait_for
                            polls for what the child leaves, while the test acts)
    .run_python(*args, env=) python ARGS the same way
    .use_in_this_process(monkeypatch)   see below; avoid

``silent_server`` -> the same server with the sink removed (left so for the next test
that wants it; ``sound_server`` puts it back).

``speech_service`` -> plumbing.SpeechService (it brings ``sound_server``). One
speech-dispatcher, with espeak-ng and (speech-dispatcher-flite) flite, the system's
module settings, volume 100, pulse output into the null sink. Restarted before and after
a test in which the sink was removed (see PITFALLS).

    .variables              the sound server's + SPEECHD_ADDRESS (its socket) +
                            SPEECHD_CMD=/bin/false (no autospawn of another one)
    .env                    os.environ + .variables
    .say(text, wait=True, language=, module=, volume=)   spd-say; -> time.monotonic()
                            of the call
    .restart(), .modules, .started_in, .logs, .log_tail()

Missing programs (pulseaudio, pactl, parec, paplay; speech-dispatcher, spd-say,
sd_espeak-ng) skip the test, or fail it when KNEECARE_REQUIRE_AUDIO=1, as .ci/run sets:
CI never skips them silently.

THE APP TEST: QT IN A CHILD PROCESS

QtMultimedia looks for the sound server once per process, at its first use (the first
QMediaDevices or QSoundEffect; importing the module does not count), reading
PULSE_SERVER then, and never again: a process whose QtMultimedia once found no server
stays silent (QMediaDevices.audioOutputs() empty, QSoundEffect in Error), whatever the
environment says later (test_qt_takes_the_sound_server_of_its_first_use_for_good). In
the whole suite other tests start sessions, hence QtMultimedia, with no server, and the
journeys count on there being none. So test_session.py runs the app in a child pytest
(session_case.py, as tests/journeys/test_small_screen.py does), started as ``kneecare``
starts it, on the real clock (SystemClock: sound is real time), with its speech engine
the system's (speech-dispatcher, this one), driven as a person drives it: the care
menu's adjustments typed in, the session started with Ctrl+Enter. sessions.py says which
sessions and runs one (``record_session``); session_audio.py says what the recording
holds against the plan (``listen``). The child reports the time.monotonic() of the key
press, which places the session in the recording to within the search of align(); the
constant between the plan's clock and the recording (the session's start after the key,
~10-40 ms, plus the output's latency, ~12 ms) is then fitted, and each beep's error is
measured around it.

No sound output: ``silent_server``; in the child QMediaDevices.audioOutputs() is empty
and each QSoundEffect goes to Error. No speech service: give the child
``{"SPEECHD_ADDRESS": "unix_socket:/nonexistent", "SPEECHD_CMD": "/bin/false"}`` (not
speech_service): QTextToSpeech("speechd") goes to Error at once, "Connection to
speech-dispatcher failed"; without SPEECHD_CMD, libspeechd autospawns the system's
speech-dispatcher, which outlives the test. ``sound_server.use_in_this_process
(monkeypatch)`` puts the variables into this process instead; it refuses once
PySide6.QtMultimedia is imported here, and the connection outlives the test (later tests
play into the null sink until the server stops).

PITFALLS MET (and what the fixtures do about them)

- Root: pulseaudio says "not intended to be run as root" and runs fine without
  --system (which wants a ``pulse`` user and /var/run/pulse). It gets -n (no default.pa):
  only the native protocol, auth-anonymous, on our socket; the sink comes by pactl;
  --realtime=no --high-priority=no --no-cpu-limit. Without default.pa there is no
  module-rescue-streams: a stream on a removed sink dies with it, as it does on a desktop
  whose only output goes.
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
  (up to 2 s after the sink was loaded, so once per server and after each removal).
- Latency and the monitor's clock: QSoundEffect.play() to its onset in the monitor
  ~12 ms (7-13 ms), paplay's process start to its onset 0-8 ms, spd-say's process
  start to the speech 12-29 ms, QTextToSpeech.say() to the speech 0-17 ms (once 87 ms).
  These are against Recording.start_monotonic, taken from the data's arrival (the
  earliest arrival time - samples so far / rate), and the sink renders up to a 10 ms
  block ahead of that: absolute latencies are good to about 10 ms; align() takes the
  constant out, and the cue errors around it are what counts.
- QSoundEffect (Qt 6.11, PulseAudio) stops a sound's stream 12-17 ms before its end, and
  that end comes out just before the next sound of any effect, 18-22 ms ahead of it: a
  blip of the previous beep's last note before every beep, at -13 to -21 dBFS. The app's
  beeps now end in 60 ms of silence (tools/make_sounds.py), so what is cut is silence;
  test_session.py would see a blip again as sound in the 30 ms before a beep.
- Dropouts: once in some 20 runs a 5.8 ms gap of silence sat inside a beep (Qt late
  with its data, the suite starting up on 2 cores); with two CPU hogs on the 2 cores,
  once a gap long enough to split a beep in two. Audio.dropouts(onset, end) finds them.
- speech-dispatcher: its socket accepts 0.25-0.6 s after its start (0.8 s under load);
  a first utterance is hardly slower than later ones. But QTextToSpeech("speechd")'s
  constructor blocks 1.4-2.3 s (5.0-5.5 s under load), every time and in every process,
  even with the daemon up: it fetches espeak-ng's ~13,000 voices. The app makes it on a
  thread of its own, but PySide6 holds Python's GIL through that constructor (a Python
  thread beside it gets no turn for its 2.7 s), so the window's event loop stalls all
  the same: 1.6-2.4 s with speech-dispatcher running, 1.9-3.0 s when it must be started
  (benchmarks/first_session.py). The child waits for the engine's answer before
  starting a session.
- speech-dispatcher never recovers from a vanished sink: the utterance spoken while it
  is gone fails ("Couldn't open pulse plugin: No such entity") and QTextToSpeech stays
  Speaking for good; every later utterance hangs, even once the sink is back. Hence the
  restart around sink removals.
- Nor does QtMultimedia: it never reports a removed sink (QMediaDevices lists it on), the
  next QSoundEffect.play() sticks in playing (silent, and counted as played by the app),
  and the process stays silent once the sink is back
  (test_the_player_says_so_when_the_sound_output_goes_mid_session, expected to fail).
- Under a heavy other load (1.5-2 cores busy on 2), the session tests can fail for the
  app's sake: the session's prompts are loaded when the session starts, so its first
  prompt plays once loaded, once 0.57 s late, and the 3.7 s opening prompt then ran into
  the first tick (an overlap, rightly). Glitches (dropouts or skipped data in a beep or a
  prompt, the output starved of CPU) are told apart and counted, not failed.
- espeak-ng clips at speech-dispatcher's volume 100: peaks at 0 dBFS, 14-50 clipped
  samples per sentence; through Qt, at QTextToSpeech volume 0.6 and above. The app asks
  for 0.4 at full volume (ui/speech.py SPEECH_LEVEL): -2.8 dBFS.
"""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def _short_folder(factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A folder for sockets: a Unix socket's path must stay under 108 bytes (one made
    outside pytest's tmp folder, when that is too deep, is removed afterwards)."""
    folder = factory.mktemp(name)
    if len(str(folder)) <= 60:
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix=f"kneecare-{name}-") as short:
        yield Path(short)


@pytest.fixture(scope="package")
def _pulse_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SoundServer]:
    missing = missing_programs(SERVER_PROGRAMS)
    if missing:
        unavailable(f"the audio tests need {', '.join(missing)}")
    with _short_folder(tmp_path_factory, "pulse") as folder:
        server = SoundServer(folder).start()
        try:
            yield server
        finally:
            server.close()


@pytest.fixture
def sound_server(_pulse_daemon: SoundServer) -> Iterator[SoundServer]:
    """The private sound server, its null sink in place, the default, and rendering in
    10 ms blocks (a sink removed by an earlier test is put back first)."""
    _pulse_daemon.restore_sink()
    _pulse_daemon.ready()
    try:
        yield _pulse_daemon
    finally:
        _pulse_daemon.stop_recordings()


@pytest.fixture
def silent_server(_pulse_daemon: SoundServer) -> SoundServer:
    """The private sound server with no sink at all: no output device. (Left so for the
    next test that wants it: putting a sink back takes up to 2 s, see ``ready``.)"""
    _pulse_daemon.stop_recordings()
    if _pulse_daemon.has_sink():
        _pulse_daemon.remove_sink()
    return _pulse_daemon


@pytest.fixture(scope="package")
def _speech_daemon(_pulse_daemon: SoundServer,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpeechService]:
    missing = missing_programs(SPEECH_PROGRAMS)
    if not (SPEECH_MODULES / "sd_espeak-ng").exists():
        missing.append("speech-dispatcher-espeak-ng")
    if missing:
        unavailable(f"the speech tests need {', '.join(missing)}")
    with _short_folder(tmp_path_factory, "speechd") as folder:
        service = SpeechService(folder, _pulse_daemon).start()
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
