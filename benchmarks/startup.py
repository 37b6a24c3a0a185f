"""Start-up time and memory: the app's first painted main window beside a bare PySide6
window, each in a fresh process, alternating, several times.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs N] [--home DIR]

The app is started the way the ``kneecare`` command starts it (argument parsing, the
single-instance lock, the log, the window). Times run from just before the process is
started: to the main window's first paint event (the frame: menus, person bar, an
empty care menu), and to the first paint of the filled care menu. Peak memory is taken
after start-up has settled. The last line is JSON with the medians app_first_paint_ms,
bare_first_paint_ms, app_care_menu_ready_ms, app_peak_rss_mb and bare_peak_rss_mb.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTLE_MS = 300  # how long the app runs on after its care menu shows, for peak memory

CHILD = r"""
import importlib.abc, importlib.util, json, resource, sys, time
mode, settle_ms = sys.argv[1], int(sys.argv[2])
state = {}


def install_probe(QtWidgets):
    # Watches the main window's own paint events (not every event in the app, which
    # would slow the app down by more than it measures), and then the care list's.
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Probe(QObject):
        def __init__(self, window):
            super().__init__()
            self.window, self.first, self.ready, self.list = window, None, None, None

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                now = time.monotonic()
                if obj is self.window and self.first is None:
                    self.first = now
                    if mode == "bare":
                        self.done(now)
                elif obj is not self.window and self.ready is None \
                        and self.list is not None and self.list.count() > 0:
                    self.done(now)
            if self.first is not None and self.list is None and mode == "app":
                self.list = self.window.findChild(QtWidgets.QListWidget, "careList")
                if self.list is not None:
                    self.list.viewport().installEventFilter(self)
            return False

        def done(self, now):
            self.ready = now
            # Quit later: peak memory includes what start-up does after the care menu
            # shows (the history opening, the log file, the single-instance watcher).
            QTimer.singleShot(settle_ms, QtWidgets.QApplication.instance().quit)

    class ProbedMainWindow(QtWidgets.QMainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.probe = Probe(self)
            self.installEventFilter(self.probe)
            state.setdefault("probe", self.probe)

    QtWidgets.QMainWindow = ProbedMainWindow


class PatchQtWidgets(importlib.abc.MetaPathFinder):
    # Puts the probe in as soon as PySide6.QtWidgets is imported, by whoever imports it,
    # so that the app runs exactly as the kneecare command runs it.
    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        original = spec.loader.exec_module

        def exec_module(module):
            original(module)
            install_probe(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, PatchQtWidgets())
if mode == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 760)
    window.show()
    app.exec()
else:
    sys.argv = ["kneecare"]  # the kneecare command, as a user starts it
    from kneecare_desktop.cli import main
    main()
probe = state["probe"]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"paint": probe.first, "content": probe.ready, "rss_mb": rss}))
"""


def measure(mode: str, env: dict[str, str]) -> tuple[float, float, float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", CHILD, mode, str(SETTLE_MS)],
                            capture_output=True, text=True, env=env, cwd=ROOT, check=True,
                            timeout=120)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    data = json.loads(line)
    return ((data["paint"] - started) * 1000, (data["content"] - started) * 1000,
            data["rss_mb"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", choices=("en", "ja"), help="the system language for both "
                        "processes (default: this shell's). In Japanese the app draws with "
                        "the CJK font, which alone adds about 10 MB of resident memory; the "
                        "bare window draws no text at all")
    parser.add_argument("--home", type=Path, help="KNEECARE_HOME to start with "
                        "(default: a new empty one)")
    args = parser.parse_args()
    # An installed wheel is byte-compiled by pip; do the same for the clone, so the
    # figures are not about compiling sources (PYTHONDONTWRITEBYTECODE may be set).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kneecare_desktop")],
                   check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["KNEECARE_HOME"] = str(args.home or Path(tmp) / "home")
        env["PYTHONPATH"] = str(ROOT)
        if args.lang:
            env["LANG"] = {"en": "en_US.UTF-8", "ja": "ja_JP.UTF-8"}[args.lang]
            env.pop("LANGUAGE", None)
            env.pop("LC_ALL", None)
            env.pop("LC_MESSAGES", None)
        measure("app", env)  # warm the disk cache once, for both
        measure("bare", env)
        times: dict[str, list[float]] = {"app": [], "bare": []}
        content: list[float] = []
        rss: dict[str, list[float]] = {"app": [], "bare": []}
        for _ in range(args.runs):
            for mode in ("app", "bare"):
                ms, ready, mb = measure(mode, env)
                times[mode].append(ms)
                if mode == "app":
                    content.append(ready)
                rss[mode].append(mb)
    figures = {
        "app_first_paint_ms": round(statistics.median(times["app"]), 1),
        "bare_first_paint_ms": round(statistics.median(times["bare"]), 1),
        "app_care_menu_ready_ms": round(statistics.median(content), 1),
        "app_peak_rss_mb": round(statistics.median(rss["app"]), 1),
        "bare_peak_rss_mb": round(statistics.median(rss["bare"]), 1),
        "runs": args.runs,
        "platform": env["QT_QPA_PLATFORM"],
        "lang": env.get("LANG", ""),
    }
    figures["time_ratio"] = round(figures["app_first_paint_ms"]
                                  / figures["bare_first_paint_ms"], 2)
    figures["rss_ratio"] = round(figures["app_peak_rss_mb"] / figures["bare_peak_rss_mb"], 2)
    print(f"app:  {times['app']}")
    print(f"bare: {times['bare']}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
