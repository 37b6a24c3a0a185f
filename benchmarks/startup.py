"""Start-up time and memory: the app's first painted main window beside a bare PySide6
window, each in a fresh process, alternating, several times.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs N] [--home DIR]

The time runs from just before the process is started to the window's first paint
event. The last line is JSON with the medians app_first_paint_ms, bare_first_paint_ms,
app_peak_rss_mb and bare_peak_rss_mb.
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

CHILD = r"""
import json, resource, sys, time
mode = sys.argv[1]
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "at"):
            self.at = time.monotonic()
            QTimer.singleShot(0, self.check_content)
        return False
    def check_content(self):
        # The app lists the routines before it first paints; measured in case that changes.
        self.content = time.monotonic()
        app.quit()
if mode == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 760)
else:
    # As the kneecare command does: cli.cmd_gui, then ui.app.run_app.
    import gc
    gc.disable()
    from kneecare_desktop.paths import app_paths
    from kneecare_desktop.ui.app import Application, create_app
    app = create_app(sys.argv[:1])
    window = Application(app, app_paths()).window
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
if mode == "app":
    gc.enable()
    gc.freeze()
app.exec()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"paint": watcher.at, "content": watcher.content, "rss_mb": rss}))
"""


def measure(mode: str, env: dict[str, str]) -> tuple[float, float, float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True,
                            text=True, env=env, cwd=ROOT, check=True, timeout=120)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    data = json.loads(line)
    return ((data["paint"] - started) * 1000, (data["content"] - started) * 1000,
            data["rss_mb"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
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
