"""A real session, driven by the app's own timer and written to the history by the app's
own writer, in its own process: the fault test kills it at random moments.

    python -m tests.gui.fault_child DB_PATH

Prints ``started`` once the session is in the history (the parent times its kill from
there, not from the process start, which a busy machine makes slow), ``committed <seq>``
after each block's transaction has committed, so the parent knows what must survive a
kill; ``finishing`` just before the session's end is handed to
the writer (before it, the session cannot be recorded as completed), and ``finished``
once that has committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from kneecare_desktop.history.recorder import SessionRecorder
from kneecare_desktop.history.writer import HistoryWriter
from kneecare_desktop.library.files import load_library
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan, scaled
from kneecare_desktop.session.clock import SystemClock
from kneecare_desktop.session.engine import Session
from kneecare_desktop.session.events import Event, SessionFinished
from kneecare_desktop.ui.driver import SessionDriver


def main() -> None:
    app = QCoreApplication(sys.argv[:1])
    path = Path(sys.argv[1])
    library = load_library(shipped_routines_dir())
    plan = scaled(compile_plan(library.programs["knee-care"], routines=library.routines), 0.005)

    def written(kind: str, payload: object) -> None:
        if kind == "begin":
            print("started", flush=True)
        elif kind == "block":
            print(f"committed {payload.seq}", flush=True)  # type: ignore[attr-defined]
        elif kind == "finish":
            print("finished", flush=True)

    def before_recording(event: Event) -> None:
        if isinstance(event, SessionFinished):
            print("finishing", flush=True)

    writer = HistoryWriter(path, on_written=written)
    clock = SystemClock()
    driver = SessionDriver(Session(plan, clock))
    recorder = SessionRecorder(writer, clock, plan, "program", {}, person_id=1)
    driver.event_occurred.connect(before_recording)  # connected first: called first
    driver.event_occurred.connect(recorder.on_event)
    driver.ended.connect(lambda _event: app.quit())
    driver.start()
    app.exec()
    writer.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
