"""A real session, written to the history, in its own process: the fault test kills it.

    python -m tests.unit.fault_child DB_PATH

Prints ``committed <seq>`` after each block's transaction has committed, so the parent
knows what must survive a kill.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kneecare_desktop.clock import SystemClock
from kneecare_desktop.history_writer import HistoryWriter
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan import compile_plan, scaled
from kneecare_desktop.recorder import SessionRecorder
from kneecare_desktop.routines import load_library
from kneecare_desktop.session import Session, SessionState


def main() -> None:
    path = Path(sys.argv[1])
    library = load_library(shipped_routines_dir())
    plan = scaled(compile_plan(library.programs["knee-care"], routines=library.routines), 0.005)

    def written(kind: str, payload: object) -> None:
        if kind == "block":
            print(f"committed {payload.seq}", flush=True)  # type: ignore[attr-defined]

    writer = HistoryWriter(path, on_written=written)
    clock = SystemClock()
    session = Session(plan, clock)
    recorder = SessionRecorder(writer, clock, plan, "program", {}, person_id=1)
    print(f"session {recorder.uid}", flush=True)
    for event in session.start():
        recorder.on_event(event)
    while session.state is SessionState.RUNNING:
        wake = session.next_wakeup()
        if wake is not None:
            time.sleep(max(0.0, wake - clock.monotonic()))
        for event in session.update():
            recorder.on_event(event)
    writer.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
