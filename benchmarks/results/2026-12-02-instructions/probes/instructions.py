"""Instructions executed from a process's start to its first paint (and, for the app, to
the filled care menu's paint), counted by valgrind's callgrind: the same count for the
same code whatever else the machine is doing, unlike the wall-clock times, which drift
on this VM by up to half between periods.

    python benchmarks/results/2026-12-02-instructions/probes/instructions.py

Four processes, each ended (os._exit) at the moment measured: the bare window, the bare
window with one label (it pays for Qt's font database, which the bare window never
does), the app at its frame's first paint, the app at its care menu's paint. The app is
started as the kneecare command starts it, with a new empty data folder and the mock
speech engine; the load-at-the-latest timer (500 ms) is put out of the way, since under
valgrind the first paint comes seconds after the window is made. For each: the total,
and what part of it Python spent parsing and compiling source text at run time (the
dataclasses' generated methods, PySide's embedded signature modules) and Qt spent
setting up its font database.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]

CHILD = r"""
import os, sys
mode = sys.argv[1]
import PySide6.QtWidgets as QtWidgets
from PySide6.QtCore import QEvent, QObject
paint = QEvent.Type.Paint

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == paint and mode in ("bare", "label", "app-paint"):
            os._exit(0)
        return False

class ProbedMainWindow(QtWidgets.QMainWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._probe = Probe(self)
        self.installEventFilter(self._probe)

class ProbedListWidget(QtWidgets.QListWidget):
    def viewportEvent(self, event):
        handled = super().viewportEvent(event)
        if (event.type() == paint and mode == "app-ready"
                and self.objectName() == "careList" and self.count()):
            os._exit(0)
        return handled

QtWidgets.QMainWindow = ProbedMainWindow
QtWidgets.QListWidget = ProbedListWidget
if mode.startswith("app"):
    import kneecare_desktop.ui.main_window as main_window
    main_window.LOAD_AT_THE_LATEST_MS = 10 ** 7
    sys.argv = ["kneecare"]
    from kneecare_desktop.cli.main import main
    main()
else:
    app = QtWidgets.QApplication(sys.argv[:1])
    window = QtWidgets.QMainWindow()
    if mode == "label":
        window.setCentralWidget(QtWidgets.QLabel("Knee care - today's menu"))
    window.resize(1100, 760)
    window.show()
    app.exec()
"""

PARTS = {
    "parsing source text": "_PyPegen_run_parser_from_string",
    "compiling it": "_PyAST_Compile",
    "Qt's font database": "QFontDatabasePrivate::ensureFontDatabase()",
}


def count(mode: str, home: Path) -> dict[str, int]:
    out = home / f"callgrind.{mode}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KNEECARE_HOME": str(home / mode),
           "KNEECARE_TTS_ENGINE": "mock", "PYTHONPATH": str(ROOT), "LANG": "en_US.UTF-8"}
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                    sys.executable, "-c", CHILD, mode], env=env, cwd=ROOT, check=False,
                   capture_output=True, timeout=600)
    report = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)],
                            capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", report)
                .group(1).replace(",", ""))
    figures = {"total": total}
    for name, function in PARTS.items():
        lines = [ln for ln in report.splitlines() if f":{function} " in ln
                 or ln.rstrip().endswith(f":{function}")]
        figures[name] = (int(lines[0].split()[0].replace(",", "")) if lines else 0)
    return figures


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        results = {mode: count(mode, Path(tmp))
                   for mode in ("bare", "label", "app-paint", "app-ready")}
    bare = results["bare"]["total"]
    for mode, figures in results.items():
        parts = ", ".join(f"{name} {value / 1e6:.0f}M" for name, value in figures.items()
                          if name != "total")
        print(f"{mode:10s} {figures['total'] / 1e6:7.0f}M instructions = "
              f"{figures['total'] / bare:.2f}x the bare window ({parts})")
    print({mode: figures for mode, figures in results.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
