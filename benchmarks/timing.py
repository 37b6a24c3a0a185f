"""Timing accuracy of the real Qt driver on the system clock, beside a naive countdown.

    QT_QPA_PLATFORM=offscreen python benchmarks/timing.py

A compressed program (about 30 s, holds of 2 s) runs three ways in one event loop:

- the app's driver: one single-shot precise timer armed for the next deadline;
- a naive countdown that decrements a counter on every tick of a 1 s QTimer, the way a
  quick implementation would;
- the app's driver again, with the GUI thread blocked for 2 s in the middle of a hold
  (below the interruption threshold): its end time must not move.

Lateness is the time between when a transition was due and when the display learnt of
it; an early transition is as wrong as a late one, so the figures are of its absolute
value. The last line is JSON with p95_late_ms, max_late_ms, end_drift_ms, the naive_*
figures, and blocked_end_drift_ms.
"""

from __future__ import annotations

import dataclasses
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer  # noqa: E402

from kneecare_desktop.library.files import load_library  # noqa: E402
from kneecare_desktop.library.overrides import Overrides  # noqa: E402
from kneecare_desktop.paths import shipped_routines_dir  # noqa: E402
from kneecare_desktop.plan.compiler import compile_plan  # noqa: E402
from kneecare_desktop.plan.timeline import Plan, SegmentKind  # noqa: E402
from kneecare_desktop.session.clock import SystemClock  # noqa: E402
from kneecare_desktop.session.engine import Session  # noqa: E402
from kneecare_desktop.session.events import Event, SegmentStarted, SessionFinished  # noqa: E402
from kneecare_desktop.ui.driver import SessionDriver  # noqa: E402


def compressed_plan() -> Plan:
    library = load_library(shipped_routines_dir())
    program = dataclasses.replace(library.programs["knee-care"], change_position_seconds=2)
    quick = Overrides(hold_seconds=2, rest_seconds=1, switch_seconds=1, lead_in_seconds=1)
    overrides = {"hamstring-towel": quick, "calf-wall": quick,
                 "hip-hinge": Overrides(reps=2, lead_in_seconds=1, rest_seconds=1)}
    return compile_plan(program, overrides, library.routines)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class DriverRun:
    """The app's way: the driver, with lateness measured at each SegmentStarted."""

    def __init__(self, plan: Plan, block_at: float | None = None) -> None:
        self.clock = SystemClock()
        self.driver = SessionDriver(Session(plan, self.clock))
        self.late_ms: list[float] = []
        self.end_drift_ms: float | None = None
        self.block_at = block_at
        self.plan = plan
        self.driver.event_occurred.connect(self.on_event)

    def start(self) -> None:
        self.driver.start()
        if self.block_at is not None:
            QTimer.singleShot(int(self.block_at * 1000), self.block)

    def block(self) -> None:
        assert self.driver.session.segment.kind is SegmentKind.HOLD, "block inside a hold"
        time.sleep(2.0)  # the GUI thread is busy: no timer can fire

    def on_event(self, event: Event) -> None:
        now = self.clock.monotonic()
        if isinstance(event, SegmentStarted):
            self.late_ms.append(abs(now - event.at) * 1000)
        if isinstance(event, SessionFinished):
            expected = self.driver.session.started_at + self.plan.total_seconds
            self.end_drift_ms = abs(now - expected) * 1000

    @property
    def done(self) -> bool:
        return self.end_drift_ms is not None


class NaiveRun:
    """A countdown that trusts its 1 s timer: remaining -= 1 on every tick."""

    def __init__(self, plan: Plan) -> None:
        self.clock = SystemClock()
        self.durations = [round(s.duration) for s in plan.segments]
        self.timer = QTimer()
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.late_ms: list[float] = []
        self.end_drift_ms: float | None = None
        self.index = 0
        self.remaining = 0
        self.nominal = 0.0
        self.started = 0.0

    def start(self) -> None:
        self.started = self.clock.monotonic()
        self.remaining = self.durations[0]
        self.timer.start()

    def tick(self) -> None:
        self.remaining -= 1
        while self.remaining <= 0:
            self.nominal += self.durations[self.index]
            self.index += 1
            late = abs(self.clock.monotonic() - (self.started + self.nominal)) * 1000
            if self.index >= len(self.durations):
                self.end_drift_ms = late
                self.timer.stop()
                return
            self.late_ms.append(late)
            self.remaining += self.durations[self.index]

    @property
    def done(self) -> bool:
        return self.end_drift_ms is not None


def run_until(condition: Callable[[], bool], limit: float) -> None:
    """Run the event loop until ``condition`` holds, as ``app.exec()`` would."""
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def main() -> int:
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    assert app is not None
    plan = compressed_plan()
    holds = [s for s in plan.segments if s.kind is SegmentKind.HOLD]
    print(f"plan: {len(plan.segments)} segments, {plan.total_seconds:.0f} s, "
          f"{len(holds)} holds of {holds[0].duration:.0f} s")
    driver, naive = DriverRun(plan), NaiveRun(plan)
    driver.start()
    naive.start()
    run_until(lambda: driver.done and naive.done, plan.total_seconds + 30)
    first_hold = holds[0].start + 0.5
    blocked, naive_blocked = DriverRun(plan, block_at=first_hold), NaiveRun(plan)
    blocked.start()
    naive_blocked.start()
    run_until(lambda: blocked.done and naive_blocked.done, plan.total_seconds + 30)
    figures = {
        "p95_late_ms": round(percentile(driver.late_ms, 0.95), 2),
        "max_late_ms": round(max(driver.late_ms), 2),
        "mean_late_ms": round(statistics.fmean(driver.late_ms), 2),
        "end_drift_ms": round(driver.end_drift_ms or 0.0, 2),
        "naive_p95_late_ms": round(percentile(naive.late_ms, 0.95), 2),
        "naive_max_late_ms": round(max(naive.late_ms), 2),
        "naive_end_drift_ms": round(naive.end_drift_ms or 0.0, 2),
        "blocked_end_drift_ms": round(blocked.end_drift_ms or 0.0, 2),
        "blocked_max_late_ms": round(max(blocked.late_ms), 2),
        "naive_blocked_end_drift_ms": round(naive_blocked.end_drift_ms or 0.0, 2),
        "transitions": len(driver.late_ms),
        "timer_type": str(Qt.TimerType.PreciseTimer.name),
    }
    print(f"driver: p95 {figures['p95_late_ms']} ms, max {figures['max_late_ms']} ms, "
          f"end drift {figures['end_drift_ms']} ms")
    print(f"naive 1 s countdown: p95 {figures['naive_p95_late_ms']} ms, max "
          f"{figures['naive_max_late_ms']} ms, end drift {figures['naive_end_drift_ms']} ms")
    print(f"GUI blocked 2 s mid-hold: end drift {figures['blocked_end_drift_ms']} ms "
          f"(the transition during the block was {figures['blocked_max_late_ms']} ms late); "
          f"naive: {figures['naive_blocked_end_drift_ms']} ms")
    print(json.dumps(figures))
    for run in (driver, blocked):
        run.driver.deleteLater()
    naive.timer.deleteLater()
    naive_blocked.timer.deleteLater()
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
