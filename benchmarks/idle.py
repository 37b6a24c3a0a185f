"""Wake-ups and CPU of the real ``kneecare`` under Xvfb, beside a bare window.

    python benchmarks/idle.py [--seconds 20] [--tts mock|system] [--sound both|pulse|none]

Starts an X server (Xvfb), a private PulseAudio server with a null sink (so that the app
has a sound output, as on a desktop, and QtMultimedia runs its threads as it would
there), a bare PySide6 window (a QMainWindow with a label) and the
``kneecare`` command itself, in a new data folder. The speech engine is Qt's mock engine
unless ``--tts system``. The app is driven by keys sent through the X server (xdotool),
as a person would press them, and measured in these states, each for ``--seconds``:

- ``menu``: the care menu, idle, some seconds after start-up has settled;
- ``running``: a session of the knee-care program under way (Ctrl+Enter), its beeps and
  recorded prompts playing;
- ``running_muted``: the same, muted (M): what the session costs apart from its sound;
- ``paused``: the same session paused (Space), sound back on;
- ``reminders_hidden``: the app started again with a reminder set for later and
  keep-running on, its window closed by openbox (a person's click on the close button)
  to the tray (trayer or stalonetray, where installed): nothing due, one timer armed
  (needs openbox and wmctrl; skipped without them).

For every thread of both processes the wake-ups per second (voluntary context switches
in ``/proc/PID/task/*/status``: the thread slept and something woke it) and the forced
switches (nonvoluntary: it was preempted) are printed, with each process's CPU use. The
bare window is measured over the same seconds, so that what any Qt window does on this
machine (and the machine's other load) is beside what the app adds. By default all of
it runs twice: with the sound server, then with none (as on a machine without sound,
and as the issue measured it). The last line is JSON with every figure.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import OtherLoad, SoundServer, ThreadCounts, Xvfb, fresh_bytecode, thread_counts  # noqa: E402

BARE = r"""
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("A bare window"))
window.resize(1100, 760)
window.show()
app.exec()
"""
# The app's wake-ups a second (all threads), by state.
GOALS = {"menu": 0.0, "paused": 0.0, "running": 5.0, "running_muted": 5.0,
         "reminders_hidden": 0.2}
SETTLE_S = 8.0  # after the window shows: content, sound probe, speech engine, log file


def xdotool(display: str, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, timeout=30, check=False).stdout


def find_window(display: str, pid: int, limit_s: float = 60.0) -> str:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        found = xdotool(display, "search", "--onlyvisible", "--pid", str(pid), "--name",
                        "KneeCare").split()
        if found:
            return found[0]
        time.sleep(0.2)
    raise SystemExit("the app's window did not show")


def press(display: str, window: str, key: str) -> None:
    xdotool(display, "windowfocus", "--sync", window)
    xdotool(display, "key", "--clearmodifiers", key)


def rates(pid: int, before: dict[int, ThreadCounts], after: dict[int, ThreadCounts],
          seconds: float) -> dict[str, dict[str, float]]:
    """Per thread name (threads of one name added up; the main thread, whose id is the
    process's, as "(main)"): wake-ups and forced switches a second, and CPU %; threads
    that started meanwhile count from zero."""
    by_name: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for tid, now in after.items():
        then = before.get(tid, ThreadCounts(now.name, 0, 0, 0.0))
        entry = by_name["(main)" if tid == pid else now.name]
        entry["threads"] += 1
        entry["wakeups"] += now.voluntary - then.voluntary
        entry["forced"] += now.forced - then.forced
        entry["cpu"] += now.cpu_s - then.cpu_s
    return {name: {"threads": int(c["threads"]),
                   "wakeups_per_s": round(c["wakeups"] / seconds, 2),
                   "forced_per_s": round(c["forced"] / seconds, 2),
                   "cpu_percent": round(100 * c["cpu"] / seconds, 3)}
            for name, c in sorted(by_name.items())}


def totals(threads: dict[str, dict[str, float]]) -> dict[str, float]:
    return {key: round(sum(t[key] for t in threads.values()), 3)
            for key in ("wakeups_per_s", "forced_per_s", "cpu_percent")}


def measure(pids: dict[str, int], seconds: float) -> dict[str, object]:
    other = OtherLoad()
    ours = list(pids.values())
    from common import process_cpu_seconds

    ours_before = sum(process_cpu_seconds(pid) for pid in ours)
    before = {who: thread_counts(pid) for who, pid in pids.items()}
    started = time.monotonic()
    time.sleep(seconds)
    after = {who: thread_counts(pid) for who, pid in pids.items()}
    elapsed = time.monotonic() - started
    result: dict[str, object] = {}
    for who in pids:
        threads = rates(pids[who], before[who], after[who], elapsed)
        result[who] = {"total": totals(threads), "threads": threads}
    result["other_load_cores"] = round(other.cores(ours, ours_before), 2)
    return result


def show(state: str, figures: dict[str, object]) -> None:
    print(f"{state} (the rest of the machine: {figures['other_load_cores']} cores):")
    for who in ("app", "bare"):
        data = figures[who]
        assert isinstance(data, dict)
        total = data["total"]
        print(f"  {who:4}: {total['wakeups_per_s']:6.2f} wake-ups/s, "
              f"{total['forced_per_s']:5.2f} forced/s, CPU {total['cpu_percent']:.2f} %")
        for name, t in data["threads"].items():
            if t["wakeups_per_s"] or t["forced_per_s"] or t["cpu_percent"]:
                count = f" x{t['threads']}" if t["threads"] > 1 else ""
                print(f"        {name + count:24} {t['wakeups_per_s']:6.2f} wake-ups/s, "
                      f"{t['forced_per_s']:5.2f} forced/s, CPU {t['cpu_percent']:.2f} %")


def sessions_started(home: Path) -> int:
    try:
        with sqlite3.connect(f"file:{home / 'history.sqlite3'}?mode=ro", uri=True) as con:
            return int(con.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.Error:
        return 0


def reminders_hidden(xvfb: Xvfb, env: dict[str, str], tmp: Path,
                     first: subprocess.Popen[bytes],
                     processes: list[subprocess.Popen[bytes]]) -> int | None:
    """The app waiting for a reminder: one set for three hours from now, keep-running on,
    and the window closed by the window manager (openbox, as a person's click on its close
    button) to the tray (trayer, where installed). Returns the new app's pid, or None
    (and says why) without openbox and wmctrl."""
    if shutil.which("openbox") is None or shutil.which("wmctrl") is None:
        print("reminders_hidden: skipped (needs openbox and wmctrl)", flush=True)
        return None
    first.terminate()
    first.wait(timeout=10)
    display = {**os.environ, "DISPLAY": xvfb.display}
    xvfb.processes.append(subprocess.Popen(["openbox", "--sm-disable"], env=display,
                                           stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
    tray = shutil.which("stalonetray") or shutil.which("trayer")
    if tray is not None:
        arguments = ([tray, "--geometry", "4x1-0+0"] if tray.endswith("stalonetray") else
                     [tray, "--edge", "top", "--align", "right", "--widthtype", "request",
                      "--height", "24"])
        xvfb.processes.append(subprocess.Popen(arguments, env=display,
                                               stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL))
    time.sleep(1.0)
    later = time.strftime("%H:%M", time.localtime(time.time() + 3 * 3600))
    subprocess.run([sys.executable, "-m", "kneecare_desktop", "reminders", "set", "--days",
                    "daily", "--at", later], env=env, check=True, capture_output=True,
                   timeout=60)
    with (tmp / "home" / "settings.ini").open("a", encoding="utf-8") as settings:
        settings.write("\n[reminders]\nkeep_running=true\n")
    app = subprocess.Popen([sys.executable, "-m", "kneecare_desktop", "--lang", "en"],
                           env=env, cwd=tmp)
    processes.append(app)
    window = find_window(xvfb.display, app.pid)
    time.sleep(SETTLE_S)
    subprocess.run(["wmctrl", "-i", "-c", hex(int(window))], env=display, check=True,
                   timeout=10)
    deadline = time.monotonic() + 20
    # (The tray icon is a window of the app too: the main window is looked for by its id.)
    while window in xdotool(xvfb.display, "search", "--onlyvisible", "--pid",
                            str(app.pid)).split():
        if time.monotonic() > deadline:
            raise SystemExit("reminders_hidden: the window did not close to the background")
        time.sleep(0.2)
    if app.poll() is not None:
        raise SystemExit("reminders_hidden: closing the window quit the app")
    print(f"reminders_hidden: a reminder at {later} daily; window closed"
          f"{' to the tray (' + Path(tray).name + ')' if tray else ' (no tray)'}", flush=True)
    time.sleep(3.0)
    return app.pid


def one_run(seconds: float, tts: str, with_sound: bool) -> dict[str, object]:
    """The four states, in one app beside one bare window; with a sound output or none."""
    tmp = Path(tempfile.mkdtemp())
    xvfb = Xvfb()
    sound = SoundServer(tmp / "pulse")
    if with_sound:
        sound.start()
    processes: list[subprocess.Popen[bytes]] = []
    figures: dict[str, object] = {"sound_output": sound.process is not None}
    try:
        env = {**os.environ, "DISPLAY": xvfb.display, "QT_QPA_PLATFORM": "xcb",
               "KNEECARE_HOME": str(tmp / "home"), "PYTHONPATH": str(ROOT),
               "LANG": "en_US.UTF-8", **sound.variables}
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "KNEECARE_TTS_ENGINE",
                     "PULSE_SERVER", "QT_NO_GUI_THREADPOOL"):
            env.pop(name, None)
        env.update(sound.variables)
        if not sound.variables:  # no server: and libpulse must not start one
            env["PULSE_SERVER"] = f"unix:{tmp / 'no-sound-server'}"
        if tts == "mock":
            env["KNEECARE_TTS_ENGINE"] = "mock"
        bare = subprocess.Popen([sys.executable, "-c", BARE], env=env)
        processes.append(bare)
        app = subprocess.Popen([sys.executable, "-m", "kneecare_desktop", "--lang", "en"],
                               env=env, cwd=tmp)
        processes.append(app)
        window = find_window(xvfb.display, app.pid)
        time.sleep(SETTLE_S)
        pids = {"app": app.pid, "bare": bare.pid}
        print(f"sound output: {'a private PulseAudio null sink' if sound.process else 'none'}"
              f"; speech engine: {tts}", flush=True)
        figures["menu"] = measure(pids, seconds)
        show("menu", figures["menu"])  # type: ignore[arg-type]
        press(xvfb.display, window, "ctrl+Return")  # Start: the program, first in the menu
        time.sleep(3.0)
        if sessions_started(tmp / "home") != 1:
            raise SystemExit("the session did not start")
        figures["running"] = measure(pids, seconds)
        show("running", figures["running"])  # type: ignore[arg-type]
        press(xvfb.display, window, "m")  # muted: what the session costs without sound
        time.sleep(1.0)
        figures["running_muted"] = measure(pids, seconds)
        show("running, muted", figures["running_muted"])  # type: ignore[arg-type]
        press(xvfb.display, window, "m")
        press(xvfb.display, window, "space")
        # The sounds are let go 3 s after a pause (ui/cues.py): the state, once settled.
        time.sleep(5.0)
        figures["paused"] = measure(pids, seconds)
        show("paused", figures["paused"])  # type: ignore[arg-type]
        hidden = reminders_hidden(xvfb, env, tmp, app, processes)
        if hidden is not None:
            figures["reminders_hidden"] = measure({"app": hidden, "bare": bare.pid}, seconds)
            show("reminders on, the window closed to the tray",
                 figures["reminders_hidden"])  # type: ignore[arg-type]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        sound.close()
        xvfb.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--tts", choices=("mock", "system"), default="mock")
    parser.add_argument("--sound", choices=("both", "pulse", "none"), default="both",
                        help="a private PulseAudio server, none, or one run with each")
    args = parser.parse_args()
    fresh_bytecode()  # as installed: no module compiled again in each process
    if shutil.which("xdotool") is None or shutil.which("Xvfb") is None:
        raise SystemExit("idle.py needs Xvfb and xdotool")
    # Ended from outside (a timeout, Ctrl+C): the servers and processes still go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    outputs = ["pulse", "none"] if args.sound == "both" else [args.sound]
    figures: dict[str, object] = {"seconds": args.seconds, "tts": args.tts}
    summary: dict[str, float] = {}
    for output in outputs:
        run = one_run(args.seconds, args.tts, output == "pulse")
        figures[output] = run
        label = "with a sound output" if run["sound_output"] else "with no sound output"
        for state, goal in GOALS.items():
            if state not in run:
                continue
            data = run[state]
            assert isinstance(data, dict)
            app_total = data["app"]["total"]
            bare_total = data["bare"]["total"]
            key = f"{output}_{state}"
            summary[f"{key}_app_wakeups_per_s"] = app_total["wakeups_per_s"]
            summary[f"{key}_bare_wakeups_per_s"] = bare_total["wakeups_per_s"]
            summary[f"{key}_app_cpu_percent"] = app_total["cpu_percent"]
            summary[f"{key}_other_load_cores"] = data["other_load_cores"]
            print(f"{label}, {state}: the app {app_total['wakeups_per_s']} wake-ups/s (the "
                  f"bare window {bare_total['wakeups_per_s']}; goal: <= {goal}), CPU "
                  f"{app_total['cpu_percent']} % (bare {bare_total['cpu_percent']} %)",
                  flush=True)
    figures["summary"] = summary
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
