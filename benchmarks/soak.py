"""A day in a clinic, in one process: does the app give back what it takes?

    QT_QPA_PLATFORM=offscreen python benchmarks/soak.py [--sessions 200] [--dialogs 50]

The app is started as ``kneecare`` starts it (``start_app``), on a sped-up clock, with
the mock speech engine, and driven from inside its own event loop, as a person would
drive it: compressed sessions of the program and of each routine, run to the end, with
presenter mode on for half of them (switched on and off every ten sessions); then the
history, the check-in and the routine editor opened and closed, each ``--dialogs``
times, between sessions. Every session is recorded in the history, as in a clinic.

Memory is the resident set (``VmRSS``) after a garbage collection and ``malloc_trim``,
so that what is measured is what is still held, not what the allocator keeps cached;
the untrimmed figure is printed beside it. Qt objects are counted two ways: every
QObject reachable from the application and its top-level widgets and windows, and every
Python wrapper of a Qt object still alive (``shiboken6.getAllValidWrappers``). Both are
taken after a warm-up (the first tenth of the work, when every module, cache and lazily
built part exists) and at the end; the last line is JSON with both and their growth.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import ctypes
import dataclasses
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shiboken6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from kneecare_desktop.library.overrides import OverrideError, Overrides  # noqa: E402
from kneecare_desktop.model import Lang  # noqa: E402
from kneecare_desktop.paths import app_paths  # noqa: E402
from kneecare_desktop.plan.compiler import compile_plan  # noqa: E402
from kneecare_desktop.plan.timeline import Plan  # noqa: E402
from kneecare_desktop.session.clock import ScaledClock  # noqa: E402
from kneecare_desktop.ui.app import create_app, start_app  # noqa: E402
from kneecare_desktop.ui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from common import OtherLoad, quiet_qt  # noqa: E402

RATE = 40.0  # the clock runs this many times faster than real time
QUICK = Overrides(hold_seconds=2, rest_seconds=1, switch_seconds=1, lead_in_seconds=1,
                  sets=1)
REPS = Overrides(reps=2, sets=1, lead_in_seconds=1, rest_seconds=1)


def compressed_plans(window: MainWindow) -> list[Plan]:
    """The program and every routine, with short holds and rests (a few seconds each)."""
    library = window.library
    quick: dict[str, Overrides] = {}
    for rid, routine in library.routines.items():
        for candidate in (QUICK, REPS):
            try:
                compile_plan(routine, {rid: candidate}, library.routines)
            except OverrideError:
                continue
            quick[rid] = candidate
            break
    plans = [compile_plan(dataclasses.replace(program, change_position_seconds=2), quick,
                          library.routines) for program in library.programs.values()]
    plans += [compile_plan(routine, quick, library.routines)
              for routine in library.routines.values()]
    return plans


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def trimmed_rss_kb() -> tuple[int, int]:
    """(RSS after collecting and trimming the heap, RSS before), in KiB."""
    raw = rss_kb()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: as it is
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_kb(), raw


def live_qt_objects() -> tuple[int, collections.Counter[str]]:
    """Every QObject reachable from the application, its top-level widgets and windows."""
    app = QCoreApplication.instance()
    assert app is not None
    roots: list[QObject] = [app, *QApplication.topLevelWidgets(), *QGuiApplication.allWindows()]
    seen: set[int] = set()
    kinds: collections.Counter[str] = collections.Counter()
    for root in roots:
        for obj in [root, *root.findChildren(QObject)]:
            key = shiboken6.getCppPointer(obj)[0]
            if key not in seen:
                seen.add(key)
                kinds[type(obj).__name__] += 1
    return len(seen), kinds


def settle() -> None:
    """What the event loop does between two things a person does: deferred deletions
    and posted events, then a garbage collection."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    gc.collect()


@dataclasses.dataclass
class Snapshot:
    rss_kb: int
    raw_rss_kb: int
    qt_objects: int
    wrappers: int
    kinds: collections.Counter[str]

    @classmethod
    def take(cls) -> Snapshot:
        settle()
        count, kinds = live_qt_objects()
        rss, raw = trimmed_rss_kb()
        return cls(rss, raw, count, len(shiboken6.getAllValidWrappers()), kinds)


class Script:
    """Runs a generator of steps inside the application's own event loop: each step
    yields a condition, and the next step runs once it holds (checked every 5 ms)."""

    def __init__(self, steps: Iterator[Callable[[], bool]], limit_s: float) -> None:
        self.steps = steps
        self.condition: Callable[[], bool] = lambda: True
        self.deadline = time.monotonic() + limit_s
        self.error: BaseException | None = None
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.advance)

    def run(self) -> None:
        self.timer.start()
        QApplication.exec()
        if self.error is not None:
            raise self.error

    def advance(self) -> None:
        try:
            if time.monotonic() > self.deadline:
                raise TimeoutError("the soak did not finish in time")
            while self.condition():
                self.condition = next(self.steps)
        except StopIteration:
            self.timer.stop()
            QApplication.quit()
        except BaseException as error:  # reported once the loop has ended
            self.error = error
            self.timer.stop()
            QApplication.quit()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--dialogs", type=int, default=50)
    parser.add_argument("--trace", type=int, default=0, metavar="N",
                        help="also print memory and Qt objects every N sessions")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["KNEECARE_HOME"] = str(Path(tmp.name) / "home")
    paths = app_paths()
    paths.ensure()
    chosen = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    chosen.setValue("session/interruption_threshold", 120.0)  # 3 s of real time
    chosen.setValue("session/ask_pain", True)
    chosen.sync()
    del chosen
    quiet_qt()
    app = create_app()
    other = OtherLoad()
    application = start_app(app, paths, lang=Lang.EN, clock=ScaledClock(RATE),
                            tts_engine="mock")
    figures: dict[str, object] = {}
    snapshots: dict[str, Snapshot] = {}
    started = time.monotonic()

    def window() -> MainWindow:
        assert application.window is not None
        return application.window

    def one_session(index: int, plans: list[Plan]) -> Iterator[Callable[[], bool]]:
        w = window()
        presenter_on = (index // 10) % 2 == 1
        showing = w.presenter is not None and w.presenter.isVisible()
        if presenter_on != showing:
            w.toggle_presenter()
            yield lambda: True
        ended: list[object] = []
        w.sessions.ended.connect(ended.append)
        w.sessions.run(plans[index % len(plans)], pain_before=index % 11)
        yield lambda: bool(ended)
        w.sessions.ended.disconnect(ended.append)
        w.summary_view.pain_chosen.emit(index % 7)  # the pain afterwards, as if clicked
        w.summary_view.done_button.click()

    def history_once() -> Iterator[Callable[[], bool]]:
        w = window()
        loaded: list[bool] = []
        w.history_view.loaded.connect(lambda: loaded.append(True))
        w.show_history()
        yield lambda: bool(loaded)
        w.history_view.loaded.disconnect()
        w.history_view.back_button.click()

    def checkin_once() -> Iterator[Callable[[], bool]]:
        w = window()
        w.checkins.open()
        yield lambda: isinstance(QApplication.activeModalWidget(), QDialog)
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.reject()
        yield lambda: QApplication.activeModalWidget() is None

    def editor_once() -> Iterator[Callable[[], bool]]:
        editor = window().files.open_routine_editor()
        assert editor is not None
        yield lambda: editor.isVisible()
        editor.reject()
        yield lambda: QApplication.activeModalWidget() is None

    def steps() -> Iterator[Callable[[], bool]]:
        yield lambda: application.is_started
        plans = compressed_plans(window())
        figures["plans"] = len(plans)
        figures["plan_seconds"] = [round(p.total_seconds) for p in plans]
        # Warm: both presenter states seen (sessions 10-19 run with it), every dialog open.
        warm_up = min(max(20, args.sessions // 10), args.sessions - 1)
        dialog_every = max(1, args.sessions // max(1, args.dialogs))
        dialogs_done = 0
        for index in range(args.sessions):
            if index == warm_up:
                snapshots["warm"] = Snapshot.take()
                print(f"after warm-up ({index} sessions, {dialogs_done} of each dialog): "
                      f"{describe(snapshots['warm'])}", flush=True)
            yield from one_session(index, plans)
            if args.trace and index % args.trace == 0:
                print(f"  {index + 1} sessions: {describe(Snapshot.take())}", flush=True)
            if index % dialog_every == 0 and dialogs_done < args.dialogs:
                dialogs_done += 1
                yield from history_once()
                yield from checkin_once()
                yield from editor_once()
        while dialogs_done < args.dialogs:
            dialogs_done += 1
            yield from history_once()
            yield from checkin_once()
            yield from editor_once()
        w = window()
        if w.presenter is not None and w.presenter.isVisible():
            w.toggle_presenter()
            yield lambda: True
        snapshots["end"] = Snapshot.take()
        figures["dialogs_each"] = dialogs_done

    Script(steps(), limit_s=3600).run()
    warm, end = snapshots["warm"], snapshots["end"]
    print(f"at the end ({args.sessions} sessions, {figures['dialogs_each']} of each dialog): "
          f"{describe(end)}")
    grown = {k: v for k, v in (end.kinds - warm.kinds).items() if v}
    shrunk = {k: v for k, v in (warm.kinds - end.kinds).items() if v}
    if grown or shrunk:
        print(f"Qt objects more at the end: {dict(grown)}; fewer: {dict(shrunk)}")
    figures.update({
        "sessions": args.sessions,
        "rss_mb_warm": round(warm.rss_kb / 1024, 2),
        "rss_mb_end": round(end.rss_kb / 1024, 2),
        "rss_growth_mb": round((end.rss_kb - warm.rss_kb) / 1024, 2),
        "raw_rss_growth_mb": round((end.raw_rss_kb - warm.raw_rss_kb) / 1024, 2),
        "qt_objects_warm": warm.qt_objects,
        "qt_objects_end": end.qt_objects,
        "qt_objects_growth": end.qt_objects - warm.qt_objects,
        "wrappers_warm": warm.wrappers,
        "wrappers_end": end.wrappers,
        "wrappers_growth": end.wrappers - warm.wrappers,
        "seconds": round(time.monotonic() - started, 1),
        "other_load_cores": round(other.cores(), 2),
    })
    window().close()
    settle()
    print(json.dumps(figures))
    tmp.cleanup()
    return 0


def describe(snapshot: Snapshot) -> str:
    return (f"RSS {snapshot.rss_kb / 1024:.1f} MB (untrimmed {snapshot.raw_rss_kb / 1024:.1f}),"
            f" {snapshot.qt_objects} Qt objects, {snapshot.wrappers} Python wrappers")


if __name__ == "__main__":
    sys.exit(main())
