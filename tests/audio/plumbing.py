"""The real audio plumbing for tests: a private PulseAudio daemon with a null sink, a
recorder of the sink's monitor, and a private speech-dispatcher that speaks into it.

Used through the fixtures in conftest.py (its docstring is the manual); this module
holds the classes so a child process or a tool can use them too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import numpy as np
import pytest

from tests.audio.analysis import Audio, load
from tests.conftest import REPO

REQUIRE_ENV = "KNEECARE_REQUIRE_AUDIO"
SINK = "kneecare_test"
RATE = 44100
SERVER_PROGRAMS = ("pulseaudio", "pactl", "parec", "paplay")
SPEECH_PROGRAMS = ("speech-dispatcher", "spd-say")
SPEECH_MODULES = Path("/usr/lib/speech-dispatcher-modules")
CHILD = Path(__file__).resolve().with_name("qt_child.py")
START_TIMEOUT = 15.0
# A recording this long or longer gets its own clock rate (Recording.rate); a shorter one
# drifts by less than its estimate's error (the null sink's ~180 ppm is 5 ms in 30 s).
MIN_RATE_SECONDS = 60


def unavailable(reason: str) -> NoReturn:
    """Skip (a developer's machine without the audio packages), or fail when
    KNEECARE_REQUIRE_AUDIO=1 (CI: the audio tests may never be skipped silently)."""
    if os.environ.get(REQUIRE_ENV, "") not in ("", "0"):
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 forbids skipping the audio tests",
                    pytrace=False)
    pytest.skip(f"{reason} (Debian: apt-get install pulseaudio pulseaudio-utils "
                "speech-dispatcher speech-dispatcher-espeak-ng espeak-ng)")


def missing_programs(programs: Sequence[str]) -> list[str]:
    return [program for program in programs if shutil.which(program) is None]


def _boottime() -> float:
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(clock) if clock is not None else time.monotonic()


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes] | None = None,
             timeout: float = 30.0, what: str = "the condition") -> float:
    """Poll ``condition`` every 10 ms until it holds; returns the time.monotonic() when
    it did. Fails after ``timeout`` s, or as soon as ``process`` (a child the condition
    waits on) has exited without it."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            if condition():
                break
            raise AssertionError(f"the child exited ({process.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.01)
    return time.monotonic()


def exit_described(returncode: int | None, output: str, limit: int = 6000) -> str:
    """Why a child failed, for the assertion's message: its exit code (a signal named:
    a crash or a kill leaves no Python traceback) and the end of its output. Children run
    unbuffered with faulthandler on (``CHILD_VARIABLES``), so a crash, even in Qt's
    teardown after pytest's own summary, leaves its stacks here."""
    if returncode is not None and returncode < 0:
        try:
            how = f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            how = f"killed by signal {-returncode}"
    else:
        how = f"exit code {returncode}"
    tail = output[-limit:].strip() or "(it printed nothing)"
    return f"the child failed: {how}; its output ends:\n{tail}"


# Every child: output unbuffered (a crash loses none), and faulthandler from the start to
# the interpreter's end (pytest's own stops with its session, before Qt's teardown).
CHILD_VARIABLES = {"PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"}


class NoOutputDeviceError(RuntimeError):
    """The sink is gone (``remove_sink``): there is nothing to record."""


def _stop(process: subprocess.Popen[bytes], timeout: float = 5.0, group: bool = False) -> None:
    """SIGTERM, then SIGKILL after ``timeout``; ``group``: the process was started in a
    session of its own, and whatever it started goes too (speech-dispatcher's modules)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)
    if group:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


class Recording:
    """``parec`` on the sink's monitor, written to a mono 16-bit 44.1 kHz WAV as it
    comes. ``start_monotonic`` is the ``time.monotonic()`` of the first sample (from the
    arrival times of the data, to about a millisecond); it is the same clock in every
    process of the machine, so a child's ``time.monotonic()`` of a play() call becomes a
    recording time with ``time_of``."""

    def __init__(self, path: Path, source: str, env: Mapping[str, str]) -> None:
        self.path = Path(path)
        self.source = source
        self._env = dict(env)
        self._frames = 0
        self._best_start = float("inf")
        self._arrivals: list[tuple[int, float]] = []  # (frames so far, time.monotonic())
        self._clock: tuple[float, float] | None = None  # (start, rate), fitted once stopped
        self._error = b""
        self._first = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._wav: wave.Wave_write | None = None
        self._boottime_ahead = 0.0
        self.stopped = False

    @property
    def start_monotonic(self) -> float:
        """The time.monotonic() of the first sample."""
        return self._fitted()[0]

    @property
    def rate(self) -> float:
        """Recorded seconds per second of time.monotonic(): the sink's clock against the
        system's. The null sink runs ~170-180 ppm fast (1.00018): 54 ms over a 5 min
        session, as a sound card's crystal would; 1.0 until the recording has stopped,
        and for one shorter than MIN_RATE_SECONDS."""
        return self._fitted()[1]

    def _fitted(self) -> tuple[float, float]:
        if self._clock is not None:
            return self._clock
        if not self.stopped or self._frames < MIN_RATE_SECONDS * RATE or not self._arrivals:
            return self._best_start, 1.0
        # Each piece of data arrives after it was rendered: in every 2 s window, the
        # earliest (arrival - its frames' duration) is the best estimate of the first
        # sample's time; its drift over the recording is the clock's rate. Windows whose
        # data all came late (the machine busy) lie above the line: fitted to the lower
        # half, twice.
        frames = np.array([f for f, _ in self._arrivals], dtype=np.float64)
        arrived = np.array([a for _, a in self._arrivals])
        recorded = frames / RATE
        estimates = arrived - recorded
        windows = np.floor(recorded / 2).astype(np.int64)
        x = np.array([recorded[windows == w][np.argmin(estimates[windows == w])]
                      for w in np.unique(windows)])
        y = np.array([np.min(estimates[windows == w]) for w in np.unique(windows)])
        keep = np.ones(len(x), dtype=bool)
        for _ in range(3):
            slope, start = np.polyfit(x[keep], y[keep], 1)
            residual = y - (start + slope * x)
            keep = residual <= np.median(residual)
        # arrival - recorded = start + recorded * slope: monotonic = start + recorded / rate
        self._clock = (float(start), 1.0 / (1.0 + float(slope)))
        return self._clock

    def time_of(self, instant: float, clock: str = "monotonic") -> float:
        """Where in the recording an instant falls (s): a ``time.monotonic()`` value (as
        ScaledClock uses), or with ``clock="boottime"`` a CLOCK_BOOTTIME one (as the app's
        SystemClock uses on Linux; it runs on through a suspend). Once stopped, on the
        sink's own clock (``rate``)."""
        if clock == "boottime":
            instant -= self._boottime_ahead
        elif clock != "monotonic":
            raise ValueError(f"unknown clock {clock!r}")
        start, rate = self._fitted()
        return (instant - start) * rate

    @property
    def seconds(self) -> float:
        """How much has been recorded so far."""
        return self._frames / RATE

    def start(self) -> Recording:
        self._boottime_ahead = _boottime() - time.monotonic()
        self._wav = wave.open(str(self.path), "wb")  # noqa: SIM115 - closed by stop()
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(RATE)
        # --latency-msec: the server hands the data over every 10 ms, which also keeps
        # the null sink rendering in 10 ms blocks (left alone it renders 2 s at a time).
        self._process = subprocess.Popen(
            ["parec", "--device", self.source, "--format=s16le", f"--rate={RATE}",
             "--channels=1", "--latency-msec=10", "--raw"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self._env)
        self._thread = threading.Thread(target=self._pump, name="parec", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._first.wait(0.05):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self._finish()
                message = self._error.decode(errors="replace").strip()
                if "No such entity" in message or "Stream error" in message:
                    raise NoOutputDeviceError(f"no {self.source} to record: {message}")
                raise RuntimeError(f"parec did not start recording {self.source}: {message}")
        return self

    def _pump(self) -> None:
        assert self._process is not None
        assert self._process.stdout is not None
        assert self._wav is not None
        stream = self._process.stdout.fileno()
        pending = b""
        while True:
            chunk = os.read(stream, 1 << 16)
            arrived = time.monotonic()
            if not chunk:
                break
            pending += chunk
            whole = len(pending) // 2 * 2
            if whole:
                self._wav.writeframesraw(pending[:whole])
                pending = pending[whole:]
                self._frames += whole // 2
                self._arrivals.append((self._frames, arrived))
                # Each sample arrives after it was rendered: the earliest estimate of the
                # first sample's time is the best one.
                self._best_start = min(self._best_start, arrived - self._frames / RATE)
                self._first.set()
        if self._process.stderr is not None:
            self._error = self._process.stderr.read()

    def _finish(self) -> None:
        if self._process is not None:
            _stop(self._process)
        if self._thread is not None:
            self._thread.join(10)
        if self._process is not None:
            for pipe in (self._process.stdout, self._process.stderr):
                if pipe is not None:
                    pipe.close()
        if self._wav is not None:
            self._wav.close()
            self._wav = None
        self.stopped = True

    def stop(self, settle: float = 0.3) -> Path:
        """Wait ``settle`` seconds (the last sound's way through the server), stop, and
        return the WAV's path."""
        if not self.stopped:
            time.sleep(settle)
            self._finish()
        return self.path

    def audio(self) -> Audio:
        """The recording, for tests.audio.analysis (stopped first, if it runs)."""
        return load(self.stop())


def _daemon_env(home: Path, runtime: Path) -> dict[str, str]:
    """A daemon's whole environment, not the test's: the test's LANG (en_US.UTF-8,
    maybe not installed) makes speech-dispatcher exit at once ("setlocale: No such file
    or directory"); no D-Bus, so neither daemon tries X11 autolaunch under Xvfb."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
            "DBUS_SESSION_BUS_ADDRESS": "disabled:"}


def _write_cookie(path: Path) -> None:
    path.write_bytes(os.urandom(256))
    path.chmod(0o600)


@dataclass
class SoundServer:
    """A private PulseAudio daemon in ``root`` whose only sink is a null sink."""

    root: Path
    sink: str = SINK
    started_in: float = 0.0  # seconds until ``pactl info`` answered
    sink_removals: int = 0  # how many times remove_sink ran
    _process: subprocess.Popen[bytes] | None = None
    _sink_module: str | None = None
    _recordings: list[Recording] = field(default_factory=list)
    _keeper: subprocess.Popen[bytes] | None = None
    _keeper_ready: threading.Event = field(default_factory=threading.Event)

    @property
    def monitor(self) -> str:
        return f"{self.sink}.monitor"

    @property
    def socket(self) -> Path:
        return self.root / "runtime" / "pulse" / "native"

    @property
    def log(self) -> Path:
        return self.root / "pulseaudio.log"

    @property
    def variables(self) -> dict[str, str]:
        """What a client process needs in its environment to use this server (and only
        this one): the socket, a cookie file (else libpulse writes ~/.config/pulse/cookie
        into the test's HOME), a client.conf that never autospawns a daemon."""
        return {"PULSE_SERVER": f"unix:{self.socket}",
                "PULSE_COOKIE": str(self.root / "cookie"),
                "PULSE_CLIENTCONFIG": str(self.root / "client.conf")}

    @property
    def env(self) -> dict[str, str]:
        """The full environment for a child process: this process's environment as it is
        now (so the test's KNEECARE_HOME and HOME) plus ``variables``."""
        return {**os.environ, **self.variables}

    def start(self) -> SoundServer:
        runtime = self.root / "runtime"
        (runtime / "pulse").mkdir(parents=True, exist_ok=True)
        (self.root / "home").mkdir(exist_ok=True)
        (self.root / "state").mkdir(exist_ok=True)
        _write_cookie(self.root / "cookie")
        (self.root / "client.conf").write_text("autospawn = no\n", encoding="utf-8")
        daemon_env = {**_daemon_env(self.root / "home", runtime), **self.variables,
                      "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
                      "PULSE_STATE_PATH": str(self.root / "state")}
        daemon_env.pop("PULSE_SERVER")
        started = time.monotonic()
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                ["pulseaudio", "--daemonize=no", "--system=no", "-n", "--exit-idle-time=-1",
                 "--use-pid-file=no", "--realtime=no", "--high-priority=no",
                 "--no-cpu-limit=yes", "--disallow-module-loading=no", "--log-target=stderr",
                 f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=daemon_env,
                cwd=self.root, start_new_session=True)
        deadline = started + START_TIMEOUT
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(f"pulseaudio exited with {self._process.returncode}: "
                                   + self.log.read_text(errors="replace")[-2000:])
            answer = subprocess.run(["pactl", "info"], env=self.env, capture_output=True,
                                    timeout=10, check=False)
            if answer.returncode == 0:
                break
            if time.monotonic() > deadline:
                self.close()
                raise RuntimeError("pulseaudio did not answer `pactl info`: "
                                   + self.log.read_text(errors="replace")[-2000:])
            time.sleep(0.05)
        self.started_in = time.monotonic() - started
        self.restore_sink()
        return self

    def pactl(self, *args: str) -> str:
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True,
                              text=True, timeout=10, check=True).stdout

    def sinks(self) -> list[str]:
        return [line.split("\t")[1] for line in self.pactl("list", "short", "sinks").splitlines()
                if "\t" in line]

    def has_sink(self) -> bool:
        return self.sink in self.sinks()

    def restore_sink(self) -> None:
        """The null sink (stereo, 44.1 kHz, s16le), loaded if gone and made the default,
        with its latency keeper (see ``ready``) started."""
        if not self.has_sink():
            self._sink_module = self.pactl(
                "load-module", "module-null-sink", f"sink_name={self.sink}",
                "rate=44100", "channels=2", "format=s16le",
                "sink_properties=device.description=KneeCare-test-sink").strip()
        self.pactl("set-default-sink", self.sink)
        if self._keeper is None or self._keeper.poll() is not None:
            self._start_keeper()

    def render_lazily(self) -> None:
        """Stop the keeper (see ``_start_keeper``): the null sink renders in 2 s blocks
        again, as a sink that cannot rewind its buffer does, so a new sound may wait up to
        2 s to start. ``restore_sink`` (the next test's fixture) starts it again."""
        self._stop_keeper()

    def _start_keeper(self) -> None:
        """A null sink renders its sound in blocks as long as the lowest latency a client
        asks for, 2 s when none asks, and sleeps through the block under way before it
        hears a new request: a recording or a sound that starts then waits up to 2 s. A
        parec asking for 10 ms, kept on the monitor, makes it render every 10 ms, like a
        sound card; its data is thrown away."""
        self._stop_keeper()
        self._keeper_ready = threading.Event()
        self._keeper = subprocess.Popen(
            ["parec", "--device", self.monitor, "--latency-msec=10", "--raw"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=self.env)
        threading.Thread(target=self._drain, args=(self._keeper, self._keeper_ready),
                         name="parec-keeper", daemon=True).start()

    @staticmethod
    def _drain(process: subprocess.Popen[bytes], ready: threading.Event) -> None:
        assert process.stdout is not None
        stream = process.stdout.fileno()
        while os.read(stream, 1 << 16):
            ready.set()

    def _stop_keeper(self) -> None:
        if self._keeper is not None:
            _stop(self._keeper)
            if self._keeper.stdout is not None:
                self._keeper.stdout.close()
            self._keeper = None

    def ready(self, timeout: float = START_TIMEOUT) -> None:
        """Wait until the sink renders in 10 ms blocks (up to 2 s after it was loaded):
        from then on a sound or a recording starts at once."""
        if not self._keeper_ready.wait(timeout):
            raise RuntimeError(f"{self.monitor} gives no data")

    def remove_sink(self) -> None:
        """Unload the null sink: the server runs on with no output device at all (and no
        monitor to record; ``record`` raises NoOutputDeviceError)."""
        for recording in self._recordings:
            recording.stop(settle=0.0)
        self._stop_keeper()
        for line in self.pactl("list", "short", "modules").splitlines():
            fields = line.split("\t")
            if len(fields) > 2 and fields[1] == "module-null-sink" \
                    and f"sink_name={self.sink}" in fields[2]:
                self.pactl("unload-module", fields[0])
        self._sink_module = None
        self.sink_removals += 1

    def record(self, path: Path | str) -> Recording:
        """Start recording the sink's monitor into the WAV ``path``; returns once the
        data flows. ``Recording.stop()`` returns the path."""
        if not self.has_sink():
            raise NoOutputDeviceError(f"the sink {self.sink} was removed: nothing to record")
        self.ready()
        recording = Recording(Path(path), self.monitor, self.env)
        self._recordings.append(recording)
        return recording.start()

    def stop_recordings(self) -> None:
        for recording in self._recordings:
            recording.stop(settle=0.0)
        self._recordings.clear()

    def run_python(self, *args: str, env: Mapping[str, str] | None = None,
                   timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        """``python ARGS`` in the repository with this server in the environment (``env``:
        more variables), e.g. ``run_python("-c", code)`` or ``run_python("-m", "pkg")``."""
        return subprocess.run([sys.executable, *args], cwd=REPO, text=True,
                              env={**self.env, **CHILD_VARIABLES, **(env or {})},
                              capture_output=True,
                              timeout=timeout, check=False)

    def run_pytest(self, *args: str, env: Mapping[str, str] | None = None,
                   timeout: float = 300.0) -> subprocess.CompletedProcess[str]:
        """``python -m pytest ARGS`` (a file or node id of a case module) with this
        server in the environment: Qt in that process meets only this server."""
        return self.run_python("-m", "pytest", "-q", "-p", "no:cacheprovider", *args,
                               env=env, timeout=timeout)

    def start_pytest(self, *args: str, output: Path, env: Mapping[str, str] | None = None
                     ) -> subprocess.Popen[bytes]:
        """Like ``run_pytest``, but returns at once: for a test that acts on the server
        while the child runs (``wait_for``). Its output goes to the file ``output``."""
        with output.open("wb") as log:
            return subprocess.Popen(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                cwd=REPO, env={**self.env, **CHILD_VARIABLES, **(env or {})}, stdout=log,
                stderr=subprocess.STDOUT)

    def run_qt_child(self, *args: str, env: Mapping[str, str] | None = None,
                     timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        """tests/audio/qt_child.py ARGS: QSoundEffect and QTextToSpeech in a child."""
        return self.run_python(str(CHILD), *args, env=env, timeout=timeout)

    def use_in_this_process(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Put ``variables`` into this process's environment (until the test ends).
        QtMultimedia reads them once, at its first use in the process (the first
        QMediaDevices or QSoundEffect), and never again; importing it does not count,
        but as a use cannot be seen from outside, this refuses once the module is
        imported. The connection outlives the test: later tests in the process play
        into this server, until it stops at the session's end. Prefer ``run_pytest``."""
        if "PySide6.QtMultimedia" in sys.modules:
            raise RuntimeError(
                "QtMultimedia is already loaded in this process: it may have looked for a "
                "sound server already and will not look again; run the test in a child "
                "process (sound_server.run_pytest) instead")
        for name, value in self.variables.items():
            monkeypatch.setenv(name, value)

    def close(self) -> None:
        self.stop_recordings()
        self._stop_keeper()
        if self._process is not None:
            _stop(self._process, group=True)
            self._process = None


SPEECHD_CONF = """\
CommunicationMethod "unix_socket"
SocketPath "{socket}"
LogLevel 3
LogDir "{logs}"
DefaultVolume 100
AudioOutputMethod "pulse"
AudioPulseDevice "default"
AudioPulseMinLength 10
{modules}
DefaultModule espeak-ng
LanguageDefaultModule "en" "espeak-ng"
"""


@dataclass
class SpeechService:
    """A private speech-dispatcher (espeak-ng, and flite when installed) whose audio goes
    to ``server``'s null sink."""

    root: Path
    server: SoundServer
    started_in: float = 0.0  # seconds from its start until its socket accepts
    modules: list[str] = field(default_factory=list)
    sink_removals: int = 0  # the server's count when this service started
    _process: subprocess.Popen[bytes] | None = None

    @property
    def socket(self) -> Path:
        return self.root / "runtime" / "speech-dispatcher" / "speechd.sock"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def variables(self) -> dict[str, str]:
        """What a client process (spd-say, Qt's "speechd" engine) needs to reach this
        speech-dispatcher and no other: its socket. SPEECHD_CMD: were it gone, libspeechd
        would autospawn a system speech-dispatcher; /bin/false refuses instead."""
        return {**self.server.variables, "SPEECHD_ADDRESS": f"unix_socket:{self.socket}",
                "SPEECHD_CMD": shutil.which("false") or "/bin/false"}

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, **self.variables}

    def start(self) -> SpeechService:
        self.modules = []
        self.sink_removals = self.server.sink_removals
        self.socket.parent.mkdir(parents=True, exist_ok=True)
        self.socket.unlink(missing_ok=True)
        self.logs.mkdir(exist_ok=True)
        config = self.root / "config"
        (config / "modules").mkdir(parents=True, exist_ok=True)
        lines = []
        for name in ("espeak-ng", "flite"):
            if (SPEECH_MODULES / f"sd_{name}").exists():
                self.modules.append(name)
                shipped = Path("/etc/speech-dispatcher/modules") / f"{name}.conf"
                if shipped.exists():
                    shutil.copy(shipped, config / "modules" / f"{name}.conf")
                else:
                    (config / "modules" / f"{name}.conf").write_text("", encoding="utf-8")
                lines.append(f'AddModule "{name}" "sd_{name}" "{name}.conf"')
        (config / "speechd.conf").write_text(SPEECHD_CONF.format(
            socket=self.socket, logs=self.logs, modules="\n".join(lines)), encoding="utf-8")
        home = self.root / "home"
        home.mkdir(exist_ok=True)
        env = {**_daemon_env(home, self.socket.parent.parent), **self.server.variables}
        started = time.monotonic()
        with (self.logs / "stderr.log").open("wb") as log:
            self._process = subprocess.Popen(
                ["speech-dispatcher", "--run-single", "--timeout", "0",
                 "--config-dir", str(config), "--log-dir", str(self.logs),
                 "--pid-file", str(self.root / "speechd.pid"),
                 "--communication-method", "unix_socket", "--socket-path", str(self.socket)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env, cwd=self.root,
                start_new_session=True)
        deadline = started + START_TIMEOUT
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("speech-dispatcher did not start: " + self.log_tail())
            time.sleep(0.02)
        self.started_in = time.monotonic() - started
        return self

    def restart(self) -> SpeechService:
        """A fresh speech-dispatcher. Needed after the sink was removed: its audio output
        then fails ("Couldn't open pulse plugin") and every later utterance hangs in
        Speaking, even once the sink is back."""
        self.close()
        return self.start()

    def _answers(self) -> bool:
        import socket

        if not self.socket.exists():
            return False
        with contextlib.closing(socket.socket(socket.AF_UNIX)) as client:
            try:
                client.connect(str(self.socket))
            except OSError:
                return False
        return True

    def say(self, text: str, *, wait: bool = True, language: str | None = None,
            module: str | None = None, volume: int | None = None) -> float:
        """``spd-say`` against this service; returns the time.monotonic() of the call.
        ``volume``: -100..100 (spd-say's scale)."""
        command = ["spd-say"]
        if wait:
            command.append("--wait")
        if language:
            command += ["--language", language]
        if module:
            command += ["--output-module", module]
        if volume is not None:
            command += ["--volume", str(volume)]
        called = time.monotonic()
        # spd-say, like speech-dispatcher, exits at once ("setlocale: No such file or
        # directory") when LANG names a locale that is not installed: the tests' LANG
        # (en_US.UTF-8) is not on a bare Debian machine.
        subprocess.run([*command, text], env={**self.env, "LANG": "C.UTF-8"}, timeout=30,
                       check=True, capture_output=True)
        return called

    def autospawned(self, folder: Path) -> tuple[dict[str, str], Callable[[], None]]:
        """What a client needs to start a speech-dispatcher of its own, as libspeechd
        does on a desktop when none runs (its first connection waits for the daemon to
        come up): this one's configuration, on a socket and pid file in ``folder``. And
        a function that stops the daemon so started (only that one: by its pid file)."""
        folder.mkdir(parents=True, exist_ok=True)
        pid_file = folder / "spawned.pid"
        socket = folder / "spawned.sock"
        # Its own configuration: a spawned server refuses a socket its file does not name.
        config = folder / "config"
        shutil.copytree(self.root / "config", config, dirs_exist_ok=True)
        conf = config / "speechd.conf"
        conf.write_text(conf.read_text(encoding="utf-8").replace(
            str(self.socket), str(socket)), encoding="utf-8")
        wrapper = folder / "spawn-speech-dispatcher"
        wrapper.write_text(
            "#!/bin/sh\n# libspeechd's autospawn, with the tests' configuration and LANG\n"
            f"LANG=C.UTF-8 exec speech-dispatcher --config-dir '{config}' "
            f"--log-dir '{self.logs}' --pid-file '{pid_file}' \"$@\"\n", encoding="utf-8")
        wrapper.chmod(0o755)
        variables = {**self.server.variables, "SPEECHD_ADDRESS": f"unix_socket:{socket}",
                     "SPEECHD_CMD": str(wrapper)}

        def stop() -> None:
            try:
                pid = int(pid_file.read_text(encoding="ascii").strip())
            except (OSError, ValueError):
                return
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGTERM)
            pid_file.unlink(missing_ok=True)

        return variables, stop

    def log_tail(self) -> str:
        texts = []
        for log in sorted(self.logs.glob("*.log")):
            texts.append(f"--- {log.name}\n" + log.read_text(errors="replace")[-1500:])
        return "\n".join(texts)

    def close(self) -> None:
        if self._process is not None:
            _stop(self._process, group=True)  # and its output modules
            self._process = None


@contextlib.contextmanager
def private_audio(folder: Path, speech: bool = True
                  ) -> Iterator[tuple[SoundServer, SpeechService | None]]:
    """The fixtures' sound server (and speech service) outside pytest, for a benchmark:
    started in ``folder`` (keep its path short: sockets), stopped on leaving."""
    missing = missing_programs(SERVER_PROGRAMS + (SPEECH_PROGRAMS if speech else ()))
    if missing:
        raise RuntimeError(f"missing {', '.join(missing)} (Debian: apt-get install "
                           "pulseaudio pulseaudio-utils speech-dispatcher "
                           "speech-dispatcher-espeak-ng espeak-ng)")
    (folder / "pulse").mkdir(parents=True, exist_ok=True)
    server = SoundServer(folder / "pulse").start()
    service: SpeechService | None = None
    try:
        server.ready()
        if speech:
            (folder / "speechd").mkdir(exist_ok=True)
            service = SpeechService(folder / "speechd", server).start()
        yield server, service
    finally:
        if service is not None:
            service.close()
        server.close()
