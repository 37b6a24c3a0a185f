"""Countdown lateness as a person sees it: the real window, at the paint of the countdown.

    python benchmarks/timing.py [--platform offscreen|xcb] [--transitions 200]

The app is started as ``kneecare`` starts it (``start_app``), on the real clock, with
presenter mode on (so two countdowns are drawn), the recorder writing each block to the
history, and the cues played through QtMultimedia and spoken by the mock speech engine.
It then runs the knee-care program (with short rests, so that more happens per minute)
until at least ``--transitions`` countdown changes have been shown, under each
condition in turn:

- ``idle``: the machine otherwise idle (the run waits for a quiet moment, and reports
  how busy the rest of the machine was meanwhile);
- ``load``: two busy-loop processes started here, one per core on a 2-core machine
  (they stop by themselves after the run's length, and are stopped at its end).

A transition is every moment the session asked to be woken for (``next_wakeup``: each
displayed second, each segment's start and end). Its lateness is the time from when it
was due to when both countdown rings (main window and presenter) have started painting
what it changed; early would count as late. The end drift is how far from its planned
moment (start + the plan's length) the finished session is shown.

A third, short run blocks the GUI thread for 2 s in the middle of a hold (below the
interruption threshold): the end must not move. For each condition the p50, p95 and max
lateness and the end drift are printed; the last line is JSON with all of them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import OtherLoad, percentile, process_cpu_seconds, wait_until_quiet  # noqa: E402

BUSY = """
import sys, time
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    pass
"""
GOALS = {"idle": {"p95_ms": 5.0, "max_ms": 16.0, "end_drift_ms": 5.0},
         "load": {"p95_ms": 10.0, "max_ms": 33.0, "end_drift_ms": 5.0}}


@dataclasses.dataclass
class Outcome:
    late_ms: list[float]
    end_drift_ms: float
    seconds: float
    other_load_cores: float = 0.0
    busy_cpu_cores: float = 0.0

    def figures(self) -> dict[str, float]:
        return {"transitions": len(self.late_ms),
                "p50_late_ms": round(statistics.median(self.late_ms), 2),
                "p95_late_ms": round(percentile(self.late_ms, 0.95), 2),
                "max_late_ms": round(max(self.late_ms), 2),
                "end_drift_ms": round(self.end_drift_ms, 2),
                "seconds": round(self.seconds, 1),
                "other_load_cores": round(self.other_load_cores, 2),
                "busy_loops_cores": round(self.busy_cpu_cores, 2)}


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1920x1080x24", "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as stream:
        return server, ":" + stream.readline().strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--platform", choices=("offscreen", "xcb"), default="offscreen")
    parser.add_argument("--transitions", type=int, default=200)
    parser.add_argument("--conditions", default="idle,load,blocked")
    args = parser.parse_args()
    server = None
    if args.platform == "xcb":
        server, display = start_xvfb()
        os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = args.platform
    home = Path(tempfile.mkdtemp())
    os.environ["KNEECARE_HOME"] = str(home)
    try:
        figures = run(args)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(figures))
    return 0


def run(args: argparse.Namespace) -> dict[str, object]:
    from common import quiet_qt
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer

    from kneecare_desktop.clock import SystemClock
    from kneecare_desktop.model import Lang
    from kneecare_desktop.paths import app_paths
    from kneecare_desktop.plan import Overrides, Plan, SegmentKind, compile_plan
    from kneecare_desktop.session import SessionFinished
    from kneecare_desktop.ui.app import create_app, start_app
    from kneecare_desktop.ui.driver import SessionDriver

    quiet_qt()
    app = create_app()
    clock = SystemClock()
    application = start_app(app, app_paths(), lang=Lang.EN, presenter=True, clock=clock,
                            tts_engine="mock")

    def wait(condition: object, limit: float) -> None:
        deadline = time.monotonic() + limit
        while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    wait(lambda: application.is_started and application.window is not None
         and application.window.presenter is not None, 30)
    window = application.window
    assert window is not None
    assert window.presenter is not None
    library = window.library
    program = library.programs["knee-care"]
    quick = {rid: Overrides(rest_seconds=3, switch_seconds=3, lead_in_seconds=3)
             for rid in library.routines}

    def plan_for(transitions: int) -> Plan:
        # The program's routines, in order and again, until there are enough transitions
        # (about one a second).
        routine_ids: list[str] = []
        while True:
            routine_ids.append(program.routine_ids[len(routine_ids) % len(program.routine_ids)])
            plan = compile_plan(dataclasses.replace(program, routine_ids=tuple(routine_ids)),
                                quick, library.routines)
            if plan.total_seconds >= transitions * 1.05 + 10:
                return plan

    class Watch(QObject):
        """Times each transition from when it was due to both rings' paints, and the end
        from when it was due to the paints of the summary and the presenter's card."""

        def __init__(self) -> None:
            super().__init__()
            self.due: float | None = None
            self.waiting: set[QObject] = set()
            self.late: list[float] = []
            self.rings: list[QObject] = []
            self.end_due: float | None = None
            self.end_waiting: set[QObject] = set()
            self.end_drift: float | None = None
            self.block_at: float | None = None

        def fired(self, driver: SessionDriver) -> None:
            """The driver's timer fired: what was due is being shown now."""
            if driver.armed_for is not None and self.due is None:
                self.due = driver.armed_for
                self.waiting = set(self.rings)

        def ended(self, due: float, shown_by: list[QObject]) -> None:
            self.due = None  # the last transition is the end: shown elsewhere
            self.end_due = due
            self.end_waiting = set(shown_by)

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() != QEvent.Type.Paint:
                return False
            if self.due is not None and obj in self.waiting:
                self.waiting.discard(obj)
                if not self.waiting:
                    self.late.append(abs(clock.monotonic() - self.due) * 1000)
                    self.due = None
            elif self.end_due is not None and obj in self.end_waiting:
                self.end_waiting.discard(obj)
                if not self.end_waiting:
                    self.end_drift = abs(clock.monotonic() - self.end_due) * 1000
                    self.end_due = None
            return False

    watch = Watch()
    original_poll = SessionDriver.poll

    def poll(driver: SessionDriver) -> None:
        watch.fired(driver)
        if watch.block_at is not None and clock.monotonic() >= watch.block_at \
                and driver.session.segment.kind is SegmentKind.HOLD:
            watch.block_at = None
            time.sleep(2.0)  # the GUI thread is busy: no timer fires, nothing paints
        original_poll(driver)

    SessionDriver.poll = poll  # type: ignore[method-assign]

    def one_run(plan: Plan, block: bool = False) -> Outcome:
        watch.late, watch.due, watch.end_drift, watch.end_due = [], None, None, None
        ended: list[object] = []
        window.session_ended.connect(ended.append)
        started = time.monotonic()
        window.run_plan(plan)
        driver = window.driver
        presenter = window.presenter
        assert driver is not None
        assert window.player is not None
        assert presenter is not None
        assert presenter.player is not None
        rings = [window.player.ring, presenter.player.ring]
        if watch.rings != rings:
            for ring in rings:
                ring.installEventFilter(watch)
            watch.rings = rings
        planned_end = driver.session.started_at + plan.total_seconds
        shown_by: list[QObject] = [window.summary_view, presenter.card]
        for widget in shown_by:
            widget.installEventFilter(watch)

        def finished(event: object) -> None:
            if isinstance(event, SessionFinished):
                watch.ended(planned_end, shown_by)

        driver.event_occurred.connect(finished)
        if block:
            holds = [s for s in plan.segments if s.kind is SegmentKind.HOLD]
            watch.block_at = driver.session.started_at + holds[1].start + 0.5
        wait(lambda: bool(ended) and watch.end_drift is not None,
             plan.total_seconds + 60)
        window.session_ended.disconnect(ended.append)
        window.show_library()
        return Outcome(list(watch.late), watch.end_drift or float("nan"),
                       time.monotonic() - started)

    # A first short session: every module, sound and voice loaded, every view made.
    short = compile_plan(library.routines["calf-wall"], {"calf-wall": Overrides(
        hold_seconds=2, sets=1, rest_seconds=1, switch_seconds=1, lead_in_seconds=1)},
                         library.routines)
    one_run(short)
    results: dict[str, Outcome] = {}
    plan = plan_for(args.transitions)
    conditions = args.conditions.split(",")
    print(f"platform {args.platform}; plan: {len(plan.segments)} segments, "
          f"{plan.total_seconds:.0f} s; main window and presenter both painting", flush=True)
    for condition in conditions:
        if condition == "idle":
            quiet = wait_until_quiet(60, 0.1)
            print(f"idle: starting (the rest of the machine: {quiet:.2f} cores)", flush=True)
            other = OtherLoad()
            outcome = one_run(plan)
            outcome.other_load_cores = other.cores()
        elif condition == "load":
            wait_until_quiet(60, 0.1)
            seconds = plan.total_seconds + 30
            busy = [subprocess.Popen([sys.executable, "-c", BUSY, str(seconds)])
                    for _ in range(2)]
            print(f"load: two busy loops started (pids {[p.pid for p in busy]})", flush=True)
            time.sleep(0.5)
            other = OtherLoad()
            before = sum(process_cpu_seconds(p.pid) for p in busy)
            began = time.monotonic()
            try:
                outcome = one_run(plan)
            finally:
                used = sum(process_cpu_seconds(p.pid) for p in busy) - before
                outcome_cores = other.cores(ours=[p.pid for p in busy], ours_before=before)
                for process in busy:
                    process.terminate()
                for process in busy:
                    process.wait(timeout=10)
            outcome.busy_cpu_cores = used / (time.monotonic() - began)
            outcome.other_load_cores = outcome_cores
        elif condition == "blocked":
            blocked_plan = compile_plan(program, {
                "hamstring-towel": Overrides(hold_seconds=5, sets=1, rest_seconds=2,
                                             switch_seconds=2, lead_in_seconds=2),
                "calf-wall": Overrides(hold_seconds=5, sets=1, rest_seconds=2,
                                       switch_seconds=2, lead_in_seconds=2),
                "hip-hinge": Overrides(reps=2, sets=1, lead_in_seconds=2)}, library.routines)
            outcome = one_run(blocked_plan, block=True)
        else:
            raise SystemExit(f"unknown condition {condition}")
        results[condition] = outcome
        f = outcome.figures()
        goal = GOALS.get(condition)
        goal_text = (f" (goals: p95 <= {goal['p95_ms']}, max <= {goal['max_ms']}, end drift "
                     f"<= {goal['end_drift_ms']})" if goal else "")
        extra = (f"; the rest of the machine {f['other_load_cores']} cores" +
                 (f", the busy loops {f['busy_loops_cores']} cores" if condition == "load"
                  else ""))
        if condition == "blocked":
            print(f"blocked 2 s mid-hold: end drift {f['end_drift_ms']} ms (goal <= 5); the "
                  f"transition during the block was {f['max_late_ms']} ms late", flush=True)
        else:
            print(f"{condition}: {f['transitions']} transitions in {f['seconds']} s: p50 "
                  f"{f['p50_late_ms']} ms, p95 {f['p95_late_ms']} ms, max {f['max_late_ms']} "
                  f"ms, end drift {f['end_drift_ms']} ms{goal_text}{extra}", flush=True)
    figures: dict[str, object] = {"platform": args.platform}
    for condition, outcome in results.items():
        figures[condition] = outcome.figures()
    window.close()
    QCoreApplication.processEvents()
    QTimer.singleShot(0, app.quit)
    return figures


if __name__ == "__main__":
    sys.exit(main())
