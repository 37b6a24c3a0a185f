"""What the benchmarks share: spreads of figures, the machine's other load, Qt's noise."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def fresh_bytecode() -> None:
    """Compile the app's modules to bytecode files now, as installing it does (pip, the
    frozen build). With ``PYTHONDONTWRITEBYTECODE`` set (as on this team's machines) a
    module changed since its ``.pyc`` was written is compiled again in every process the
    benchmark starts, and never saved: 40-60 ms of compiling no installed app pays."""
    import compileall

    root = Path(__file__).resolve().parent.parent / "kneecare_desktop"
    compileall.compile_dir(str(root), quiet=1)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.95: p95)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def spread(values: Sequence[float], digits: int = 2) -> dict[str, float]:
    """Min, median and max."""
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits),
            "max": round(max(values), digits)}


def show_spread(values: Sequence[float], unit: str = "", digits: int = 2) -> str:
    s = spread(values, digits)
    return f"{s['min']} / {s['median']} / {s['max']}{unit}"


def _busy_ticks() -> int:
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return user + nice + system + irq + softirq + steal


def _own_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def process_cpu_seconds(pid: int) -> float:
    """User and system time of a process that has not been waited for yet."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class OtherLoad:
    """How busy the machine was meanwhile with work that is not this benchmark's: a
    figure taken while someone else compiles or runs tests is not a figure of the app.

    ``ours``: pids of this benchmark's children still running (a load it made on purpose,
    or the app under test), read before they are waited for."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self._wall = time.monotonic()
        self._busy = _busy_ticks()
        self._own = _own_seconds()

    def cores(self, ours: Sequence[int] = (), ours_before: float = 0.0) -> float:
        """The other load in cores (0.5: half of one core busy, on average)."""
        wall = time.monotonic() - self._wall
        busy = (_busy_ticks() - self._busy) / CLOCK_TICKS
        own = _own_seconds() - self._own
        own += sum(process_cpu_seconds(pid) for pid in ours) - ours_before
        return max(0.0, busy - own) / wall if wall > 0 else 0.0


def wait_until_quiet(limit_s: float = 60.0, threshold_cores: float = 0.15) -> float:
    """Wait (up to ``limit_s``) for a second in which the rest of the machine is nearly
    idle; returns the other load of the last second, in cores."""
    deadline = time.monotonic() + limit_s
    while True:
        load = OtherLoad()
        time.sleep(1.0)
        cores = load.cores()
        if cores <= threshold_cores or time.monotonic() > deadline:
            return cores


def quiet_qt() -> None:
    """Drop the offscreen platform's notes that it cannot do what a window manager does;
    everything else Qt says still goes to standard error."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    noise = ("This plugin does not support",)

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if not message.startswith(noise):
            os.write(2, (message + "\n").encode("utf-8", "replace"))

    qInstallMessageHandler(handler)


def end_like_the_app() -> None:
    """What the app does at quit (``aboutToQuit``, then ``run_app``), for a script that
    never runs ``app.exec()`` to its end: speech processes end before the application
    goes (else Qt warns of a process destroyed while it runs; with the speech thread this
    replaced, Qt aborted now and then: "QThread: Destroyed while thread 'speech' is still
    running"), and closed histories finish their writes."""
    from PySide6.QtCore import QCoreApplication

    from kneecare_desktop.ui.history_service import wait_for_writers
    from kneecare_desktop.ui.speech import end_speech_processes

    app = QCoreApplication.instance()
    if app is not None:
        end_speech_processes(app)
    wait_for_writers()


class Xvfb:
    """An X server (and, with ``wm``, openbox) for the xcb platform, for the run."""

    def __init__(self, wm: bool = False) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        read, write = os.pipe()
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                                   "1920x1080x24", "-nolisten", "tcp"], pass_fds=(write,),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        self.processes.append(server)
        with os.fdopen(read) as stream:
            self.display = ":" + stream.readline().strip()
        if wm:
            self.processes.append(subprocess.Popen(
                ["openbox"], env={**os.environ, "DISPLAY": self.display},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(0.5)

    def close(self) -> None:
        import signal

        for process in reversed(self.processes):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)


class SoundServer:
    """A private PulseAudio daemon whose only sink is a null sink: the app then has a
    sound output, as on a desktop, and QtMultimedia's threads run as they would there.
    ``variables`` go into the app's environment. Not started: ``available`` is False
    (no ``pulseaudio`` here), and the app runs without a sound output."""

    def __init__(self, root: Path) -> None:
        import shutil

        self.root = root
        self.available = shutil.which("pulseaudio") is not None and \
            shutil.which("pactl") is not None
        self.socket = root / "runtime" / "pulse" / "native"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def variables(self) -> dict[str, str]:
        if self.process is None:
            return {}
        return {"PULSE_SERVER": f"unix:{self.socket}", "PULSE_COOKIE": str(self.root / "cookie"),
                "PULSE_CLIENTCONFIG": str(self.root / "client.conf")}

    def start(self) -> SoundServer:
        if not self.available:
            return self
        runtime = self.root / "runtime"
        (runtime / "pulse").mkdir(parents=True, exist_ok=True)
        for folder in ("home", "state"):
            (self.root / folder).mkdir(exist_ok=True)
        (self.root / "cookie").write_bytes(os.urandom(256))
        (self.root / "client.conf").write_text("autospawn = no\n", encoding="utf-8")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
               "HOME": str(self.root / "home"), "XDG_RUNTIME_DIR": str(runtime),
               "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
               "PULSE_STATE_PATH": str(self.root / "state"),
               "PULSE_COOKIE": str(self.root / "cookie"),
               "DBUS_SESSION_BUS_ADDRESS": "disabled:"}
        self.process = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--system=no", "-n", "--exit-idle-time=-1",
             "--use-pid-file=no", "--realtime=no", "--high-priority=no", "--log-target=stderr",
             f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, cwd=self.root, start_new_session=True)
        client = {**os.environ, **self.variables}
        deadline = time.monotonic() + 15
        while subprocess.run(["pactl", "info"], env=client, capture_output=True,
                             check=False).returncode != 0:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                self.available = False
                return self
            time.sleep(0.05)
        subprocess.run(["pactl", "load-module", "module-null-sink", "sink_name=benchmark",
                        "sink_properties=device.description=benchmark-sink"], env=client,
                       capture_output=True, check=False)
        subprocess.run(["pactl", "set-default-sink", "benchmark"], env=client,
                       capture_output=True, check=False)
        return self

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@dataclass(frozen=True)
class ThreadCounts:
    """One thread's context switches and CPU time so far."""

    name: str
    voluntary: int
    forced: int
    cpu_s: float


def thread_counts(pid: int) -> dict[int, ThreadCounts]:
    """Every thread of ``pid``: its name, voluntary and forced (nonvoluntary) context
    switches, and CPU time. A voluntary switch is a wake-up: the thread slept and was
    woken (a timer, a poll, a lock)."""
    counts: dict[int, ThreadCounts] = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return counts
    for tid in tids:
        base = f"/proc/{pid}/task/{tid}"
        try:
            with open(f"{base}/comm", encoding="utf-8", errors="replace") as comm:
                name = comm.read().strip()
            with open(f"{base}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
            with open(f"{base}/stat", encoding="ascii", errors="replace") as stat:
                times = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended meanwhile
        counts[int(tid)] = ThreadCounts(
            name, int(fields["voluntary_ctxt_switches"]),
            int(fields["nonvoluntary_ctxt_switches"]),
            (int(times[11]) + int(times[12])) / CLOCK_TICKS)
    return counts
