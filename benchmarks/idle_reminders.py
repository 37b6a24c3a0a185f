"""What the app costs while it waits: reminders on, the window closed (hidden), nothing due.

    python benchmarks/idle_reminders.py [--seconds 60] [--platform offscreen|xcb]

(The performance issue's ``benchmarks/idle.py``, on its own branch when this was
written, measures the care menu and sessions under Xvfb; this is the reminders' state,
to fold into it as one more state once both are on main.)

Two processes in turn, each left alone for ``--seconds`` after it has settled:

- ``bare``: a bare PySide6 window, hidden (the floor: what Qt itself costs idle);
- ``app``: KneeCare with a reminder set for later today and tomorrow, keep-running on,
  its window closed to the background as a person's close does (hidden, timer armed).

For each: wake-ups per second (context switches of all its threads, voluntary and not,
from /proc: every time a thread of it ran), and CPU (user + system) as a share of one
core. The issue's goal: at most 0.2 wake-ups per second and 0.1 % CPU for the app. The
machine's other load is printed too: a busy machine wakes processes more.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import OtherLoad, process_cpu_seconds  # noqa: E402


def context_switches(pid: int) -> dict[int, int]:
    """Each thread's context switches so far (voluntary and not), by thread id."""
    found: dict[int, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "status").read_text(encoding="ascii")
        except OSError:
            continue
        found[int(task.name)] = sum(
            int(line.split()[1]) for line in text.splitlines()
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")))
    return found


def switches_between(before: dict[int, int], after: dict[int, int]) -> int:
    """The switches of the threads alive at the end (a thread that ended meanwhile took
    its count with it: the settling time is there so that none does)."""
    return sum(count - before.get(tid, 0) for tid, count in after.items())


def threads(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


# --- the children -----------------------------------------------------------------------------
def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.show()

    def ready() -> None:
        window.hide()
        print("ready", flush=True)

    QTimer.singleShot(500, ready)
    app.exec()


def child_app() -> None:
    from datetime import datetime, timedelta

    from PySide6.QtCore import QTimer

    from kneecare_desktop.care.reminders import make_schedule
    from kneecare_desktop.history import reminders as stored
    from kneecare_desktop.history.store import HistoryStore
    from kneecare_desktop.model import Weekday
    from kneecare_desktop.paths import app_paths
    from kneecare_desktop.ui.app import create_app, start_app
    from kneecare_desktop.ui.reminders import ReminderController

    paths = app_paths()
    paths.ensure()
    now = datetime.now().astimezone()
    later = (now + timedelta(hours=3)).time().replace(second=0, microsecond=0)
    store, _ = HistoryStore.open(paths.history_db)
    stored.set_reminder(store, store.default_person().id,
                        make_schedule("knee-care", list(Weekday), [later]), now)
    store.close()
    app = create_app()
    application = start_app(app, paths, tts_engine="mock")
    application.settings.set_keep_running(True)

    def hide() -> None:
        window = application.window
        assert window is not None
        controller = window.findChild(ReminderController)
        assert controller is not None
        assert controller.trackers, "no reminder loaded"
        window.hide()  # what the close button does with keep-running on
        print("ready", json.dumps({"next_due": str(controller.next_due),
                                   "timer_ms": controller._timer.remainingTime()}),
              flush=True)

    def started() -> None:
        QTimer.singleShot(2000, hide)

    application.started.connect(started)
    app.exec()


# --- the parent ---------------------------------------------------------------------------------
def measure(kind: str, seconds: float, platform: str) -> dict[str, float | int | str]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": platform, "KNEECARE_HOME": home,
               "XDG_CONFIG_HOME": f"{home}/xdg-config", "XDG_DATA_HOME": f"{home}/xdg-data",
               "PYTHONPATH": str(ROOT)}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        child = subprocess.Popen([sys.executable, __file__, "--child", kind], env=env,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        line = child.stdout.readline()
        if not line.startswith("ready"):
            child.kill()
            raise SystemExit(f"{kind}: did not start ({line!r})")
        time.sleep(8.0)  # settle: start-up work (sound probes, the log file) has ended
        load = OtherLoad()
        before = process_cpu_seconds(child.pid)
        switches, cpu, start = context_switches(child.pid), before, time.monotonic()
        time.sleep(seconds)
        elapsed = time.monotonic() - start
        switches = switches_between(switches, context_switches(child.pid))
        cpu = process_cpu_seconds(child.pid) - cpu
        count = threads(child.pid)
        other = load.cores([child.pid], before)
        child.terminate()
        child.wait(10)
        child.stdout.close()
    return {"kind": kind, "seconds": round(elapsed, 1), "threads": count,
            "wakeups_per_s": round(switches / elapsed, 3),
            "cpu_percent": round(100 * cpu / elapsed, 3),
            "other_load_cores": round(other, 2), "detail": line[len("ready"):].strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--child", choices=("bare", "app"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return 0
    if args.child == "app":
        child_app()
        return 0
    print(f"idle for {args.seconds:.0f} s on {args.platform} (window hidden):")
    results = [measure(kind, args.seconds, args.platform) for kind in ("bare", "app")]
    for r in results:
        print(f"  {r['kind']:5} {r['wakeups_per_s']:7.3f} wake-ups/s"
              f"  {r['cpu_percent']:6.3f} % CPU"
              f"  ({r['threads']} threads; other load {r['other_load_cores']} cores)"
              f" {r['detail']}")
    app = results[1]
    wakeups, cpu = float(app["wakeups_per_s"]), float(app["cpu_percent"])
    goal = wakeups <= 0.2 and cpu <= 0.1
    print("goal (app: <= 0.2 wake-ups/s, <= 0.1 % CPU):", "met" if goal else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
