"""What the benchmarks share: spreads of figures, the machine's other load, Qt's noise."""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Sequence

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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
