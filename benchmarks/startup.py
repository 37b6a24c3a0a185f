"""Start-up time and memory: the app beside a bare PySide6 window, each in a fresh
process, in alternating pairs, offscreen and under Xvfb.

    python benchmarks/startup.py [--pairs 11] [--lang en|ja] [--platform offscreen,xcb]

The app is started the way the ``kneecare`` command starts it (argument parsing, the
single-instance lock, the log, the window), in a new, empty data folder unless
``--home`` says otherwise. Times run from just before the process is started to:

- the first paint: the main window's first paint event (the app's frame: menus, person
  bar, an empty care menu; the bare window: an empty QMainWindow);
- the usable care menu: the first paint of the care list once it holds the routines
  (the bare window has nothing to load: its first paint is its usable moment).

Each pair is the app and the bare window, one after the other (which goes first
alternates), and each figure is the ratio within a pair; min, median and max of the
ratios are printed. A pair during which other work kept the machine busy (more than a
fifth of a core) is measured again, up to three times. Peak memory (``ru_maxrss``) is
taken after start-up has settled.
A third process, a bare window that draws one label in the language measured, is
measured with each pair. Any window with text pays for Qt's font database (fontconfig:
about 10 ms on this machine) before its first paint, which the plain bare window, with
nothing to draw, never does; its paint time is printed beside the goals' ratios, for
information. In Japanese it is also the fair baseline for memory (any Japanese text pays
for the CJK font's pages), printed beside the plain bare window's.

The speech engine is Qt's mock engine unless ``--tts system``: the system's
(speech-dispatcher) is made once the care menu has painted, first in a process of its
own (ui/speech.py), which may start speech-dispatcher itself: work of other processes
in the machine's load, and with a daemon that hangs, 30 s of waiting on the speech
thread. The mock engine keeps the figures the app's own.

A probe is put into ``PySide6.QtWidgets`` as it is imported, by whoever imports it; it
imports nothing the app would not, and watches only the main window's (and then the care
list's) events. The last line is JSON with every figure.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from common import OtherLoad, Xvfb, fresh_bytecode, show_spread, spread  # noqa: E402

SETTLE_MS = 300  # how long a process runs on after its usable moment, for peak memory
LABELS = {"en": "Knee care — today's menu", "ja": "膝裏ケア — 今日のメニュー"}
BUSY_CORES = 0.2  # a pair measured while other work used more than this is measured again
RETRIES = 3

CHILD = r"""
import sys, time
mode, settle_ms = sys.argv[1], int(sys.argv[2])
state = {}


def install_probe(QtWidgets):
    from PySide6.QtCore import QEvent, QObject, QTimer

    paint = QEvent.Type.Paint

    class Probe(QObject):
        def __init__(self, window):
            super().__init__(window)
            self.window, self.first, self.ready, self.list = window, None, None, None

        def eventFilter(self, obj, event):
            if event.type() == paint and self.first is None:
                self.first = time.monotonic()
                if mode != "app":
                    self.done(self.first)
            return False

        def list_painted(self, found):
            if self.ready is None and found.objectName() == "careList" and found.count() > 0:
                self.done(time.monotonic())

        def done(self, now):
            self.ready = now
            # Quit later: peak memory includes what start-up does after the care menu
            # shows (the history opening, the log file, the single-instance watcher).
            QTimer.singleShot(settle_ms, QtWidgets.QApplication.instance().quit)

    class ProbedMainWindow(QtWidgets.QMainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            probe = Probe(self)
            self.installEventFilter(probe)
            state.setdefault("probe", probe)

    class ProbedListWidget(QtWidgets.QListWidget):
        # Every list's viewport events, seen without asking for the viewport (which
        # makes PySide create all of QtWidgets' enums: 9 ms the app does not spend);
        # the care list is told by its name at its paints. (Looking for it with
        # findChild at the window's events, as before, made PySide wrap every object
        # of the window at each event: 10-20 ms the app never spends either.)
        def viewportEvent(self, event):
            handled = super().viewportEvent(event)
            if event.type() == paint and mode == "app":
                probe = state.get("probe")
                if probe is not None:
                    probe.list_painted(self)
            return handled

    QtWidgets.QMainWindow = ProbedMainWindow
    QtWidgets.QListWidget = ProbedListWidget


class PatchQtWidgets:
    # Puts the probe in as soon as PySide6.QtWidgets is imported, by whoever imports it,
    # so that the app runs exactly as the kneecare command runs it. (A finder needs only
    # find_spec: importlib.abc and importlib.util would cost the bare window 20 ms.)
    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        original = spec.loader.exec_module

        def exec_module(module):
            original(module)
            install_probe(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, PatchQtWidgets())
if mode == "app":
    sys.argv = ["kneecare"]  # the kneecare command, as a user starts it
    from kneecare_desktop.cli.main import main
    main()
else:
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    if mode == "bare-label":
        from PySide6.QtWidgets import QLabel
        window.setCentralWidget(QLabel(sys.argv[3]))
    window.resize(1100, 760)
    window.show()
    app.exec()
import resource
probe = state["probe"]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print({"paint": probe.first, "ready": probe.ready, "rss_mb": rss})
"""


@dataclass
class Sample:
    paint_ms: float
    ready_ms: float
    rss_mb: float


def measure(mode: str, env: dict[str, str]) -> Sample:
    """One fresh process: ``app``, ``bare`` or ``bare-label``."""
    label = LABELS["ja" if env.get("LANG", "").startswith("ja") else "en"]
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", CHILD, mode, str(SETTLE_MS), label],
                            capture_output=True, text=True, env=env,
                            cwd=ROOT, check=False, timeout=120)
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    data = ast.literal_eval(lines[-1])
    return Sample((data["paint"] - started) * 1000, (data["ready"] - started) * 1000,
                  data["rss_mb"])


def child_env(home: Path, lang: str | None, platform: str, display: str | None,
              tts: str = "mock") -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KNEECARE_TTS_ENGINE", None)
    if tts == "mock":
        env["KNEECARE_TTS_ENGINE"] = "mock"
    env["KNEECARE_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = platform
    if display is not None:
        env["DISPLAY"] = display
    if lang:
        env["LANG"] = {"en": "en_US.UTF-8", "ja": "ja_JP.UTF-8"}[lang]
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            env.pop(name, None)
    return env


def run_pairs(pairs: int, env: dict[str, str], japanese: bool) -> dict[str, list[float]]:
    """``pairs`` alternating pairs, and the labelled window with each."""
    measure("app", env)  # warm the disk cache once, for all
    measure("bare", env)
    out: dict[str, list[float]] = {key: [] for key in (
        "app_paint_ms", "app_ready_ms", "bare_paint_ms", "label_paint_ms", "app_rss_mb",
        "bare_rss_mb", "bare_ja_rss_mb", "paint_ratio", "ready_ratio", "paint_ratio_label",
        "ready_ratio_label", "rss_ratio", "rss_ratio_ja")}
    retried = 0
    for index in range(pairs):
        modes = ["app", "bare"] if index % 2 == 0 else ["bare", "app"]
        modes.insert(index % 3, "bare-label")
        for attempt in range(RETRIES + 1):
            other = OtherLoad()
            samples = {mode: measure(mode, env) for mode in modes}
            if other.cores() <= BUSY_CORES or attempt == RETRIES:
                break
            retried += 1  # someone else's work ran meanwhile: measure this pair again
            time.sleep(1.0)
        app, bare, label = samples["app"], samples["bare"], samples["bare-label"]
        out["app_paint_ms"].append(app.paint_ms)
        out["app_ready_ms"].append(app.ready_ms)
        out["bare_paint_ms"].append(bare.paint_ms)
        out["app_rss_mb"].append(app.rss_mb)
        out["bare_rss_mb"].append(bare.rss_mb)
        out["paint_ratio"].append(app.paint_ms / bare.paint_ms)
        out["ready_ratio"].append(app.ready_ms / bare.paint_ms)
        out["rss_ratio"].append(app.rss_mb / bare.rss_mb)
        out["label_paint_ms"].append(label.paint_ms)
        out["paint_ratio_label"].append(app.paint_ms / label.paint_ms)
        out["ready_ratio_label"].append(app.ready_ms / label.paint_ms)
        if japanese:
            out["bare_ja_rss_mb"].append(label.rss_mb)
            out["rss_ratio_ja"].append(app.rss_mb / label.rss_mb)
        print(f"  pair {index + 1:2d}: first paint {app.paint_ms:6.1f} / {bare.paint_ms:6.1f} ms"
              f" = {app.paint_ms / bare.paint_ms:.2f}x, care menu {app.ready_ms:6.1f} ms ="
              f" {app.ready_ms / bare.paint_ms:.2f}x, peak RSS {app.rss_mb:.1f} / "
              f"{bare.rss_mb:.1f} MB; labelled window: first paint {label.paint_ms:.1f} ms"
              + (f", {label.rss_mb:.1f} MB" if japanese else ""), flush=True)
    out["retried"] = [float(retried)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=11)
    parser.add_argument("--lang", choices=("en", "ja"), default="en",
                        help="the system language of every process")
    parser.add_argument("--platform", default="offscreen,xcb",
                        help="Qt platforms to measure on, comma-separated")
    parser.add_argument("--wm", action="store_true", help="run openbox on the X server")
    parser.add_argument("--tts", choices=("mock", "system"), default="mock",
                        help="the speech engine (see above)")
    parser.add_argument("--home", type=Path, help="KNEECARE_HOME to start with "
                        "(default: a new empty one)")
    args = parser.parse_args()
    fresh_bytecode()  # as installed: no module compiled again in each process
    # An installed wheel is byte-compiled by pip; do the same for the clone, so the
    # figures are not about compiling sources (PYTHONDONTWRITEBYTECODE may be set).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kneecare_desktop")],
                   check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    figures: dict[str, object] = {"pairs": args.pairs, "lang": args.lang}
    japanese = args.lang == "ja"
    with tempfile.TemporaryDirectory() as tmp:
        for platform in args.platform.split(","):
            server = Xvfb(args.wm) if platform == "xcb" else None
            home = args.home or Path(tmp) / platform
            if args.home is None:
                shutil.rmtree(home, ignore_errors=True)
            env = child_env(home, args.lang, platform,
                            server.display if server is not None else None, args.tts)
            print(f"{platform} ({args.lang}):", flush=True)
            other = OtherLoad()
            try:
                runs = run_pairs(args.pairs, env, japanese)
            finally:
                if server is not None:
                    server.close()
            load = other.cores()
            print(f"  first paint, app / bare:       {show_spread(runs['paint_ratio'])} x "
                  f"(min / median / max; goal: median <= 1.2)")
            print(f"  usable care menu, app / bare:  {show_spread(runs['ready_ratio'])} x "
                  f"(goal: median <= 1.5)")
            print(f"  app: first paint {show_spread(runs['app_paint_ms'], ' ms', 1)}, care menu "
                  f"{show_spread(runs['app_ready_ms'], ' ms', 1)}; bare: "
                  f"{show_spread(runs['bare_paint_ms'], ' ms', 1)}; bare with a label: "
                  f"{show_spread(runs['label_paint_ms'], ' ms', 1)}")
            print(f"  (for information, against the bare window with a label, which pays for "
                  f"the fonts: first paint {show_spread(runs['paint_ratio_label'])} x, care menu "
                  f"{show_spread(runs['ready_ratio_label'])} x)")
            print(f"  peak RSS, app / bare:          {show_spread(runs['rss_ratio'])} x "
                  f"({statistics.median(runs['app_rss_mb']):.1f} / "
                  f"{statistics.median(runs['bare_rss_mb']):.1f} MB; goal: median <= 1.4"
                  f"{' in English' if not japanese else ''})")
            if japanese:
                print(f"  peak RSS, app / bare with a Japanese label: "
                      f"{show_spread(runs['rss_ratio_ja'])} x "
                      f"({statistics.median(runs['bare_ja_rss_mb']):.1f} MB; goal: median <= 1.4)")
            print(f"  other load on the machine meanwhile: {load:.2f} cores; pairs measured again "
                  f"because of it: {runs['retried'][0]:.0f}")
            figures[platform] = {
                **{key: spread(values) for key, values in runs.items()
                   if values and key != "retried"},
                "pairs_measured_again": int(runs["retried"][0]),
                "other_load_cores": round(load, 2)}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
