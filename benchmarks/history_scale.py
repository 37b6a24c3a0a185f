"""Ten years of daily sessions: is the history still quick?

    QT_QPA_PLATFORM=offscreen python benchmarks/history_scale.py [--years 10]

Fills a database with about 3,650 sessions and 40,000 blocks, then measures the history
view (table and charts ready), a CSV export, and the app's start-up with an empty and
with the full database: the time to the filled care menu, as benchmarks/startup.py
measures it (the first paint comes before the history is opened at all), and the
integrity check every open runs. The last line is JSON with open_history_ms,
export_csv_ms, quick_check_ms, startup_ms_empty and startup_ms_full.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from kneecare_desktop.history import export as history_export  # noqa: E402
from kneecare_desktop.history.records import new_uid, to_utc_text  # noqa: E402
from kneecare_desktop.history.store import HistoryStore  # noqa: E402

SIDES = ("left", "right")


def fill(path: Path, years: int, seed: int = 7) -> tuple[int, int]:
    """Daily sessions for ``years`` years up to today, as the app would have written them."""
    rng = random.Random(seed)
    store, _ = HistoryStore.open(path)
    person = store.default_person().id
    today = datetime.now(UTC).replace(hour=7, minute=30, second=0, microsecond=0)
    days = years * 365
    sessions: list[tuple[object, ...]] = []
    blocks: list[tuple[object, ...]] = []
    pain = 6.0
    for index in range(days):
        started = today - timedelta(days=days - index)
        uid = new_uid()
        pain = min(10.0, max(0.0, pain + rng.uniform(-0.6, 0.5)))
        before = round(pain)
        sessions.append((uid, person, "knee-care", "program", "膝裏ケア プログラム",
                         "Knee care program", "{}", 314.0, to_utc_text(started), 540,
                         to_utc_text(started + timedelta(seconds=314)), "completed", 248.0,
                         before, max(0, before - rng.randint(0, 2)), ""))
        seq = 0
        for routine in ("hamstring-towel", "calf-wall"):
            for set_no in (1, 2):
                for side in SIDES:
                    seq += 1
                    blocks.append((uid, seq, seq - 1, routine, "hold", side, set_no, 0, 0,
                                   20.0, 20.0, "completed", 1,
                                   to_utc_text(started + timedelta(seconds=20 * seq))))
        for rep_set in (1, 2, 3):  # three rep blocks: about 11 blocks a day
            seq += 1
            blocks.append((uid, seq, seq - 1, "hip-hinge", "reps", "none", rep_set, 12, 12,
                           48.0, 48.0, "completed", 1,
                           to_utc_text(started + timedelta(seconds=20 * seq))))
    with store.transaction() as con:
        con.executemany(
            """INSERT INTO sessions (uid, person_id, item_id, item_kind, title_ja, title_en,
               overrides_json, planned_seconds, started_utc, utc_offset_minutes, ended_utc,
               outcome, active_seconds, pain_before, pain_after, note)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", sessions)
        ids = dict(con.execute("SELECT uid, id FROM sessions"))
        con.executemany(
            """INSERT INTO blocks (session_id, seq, block_index, routine_id, kind, side, set_no,
               reps_planned, reps_done, planned_seconds, actual_seconds, outcome, attempt,
               ended_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(ids[b[0]], *b[1:]) for b in blocks])
    store.close()
    return len(sessions), len(blocks)


def open_history_ms(home: Path, runs: int) -> float:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from kneecare_desktop.model import Lang
    from kneecare_desktop.paths import app_paths
    from kneecare_desktop.ui.app import Application, create_app

    os.environ["KNEECARE_HOME"] = str(home)
    app = create_app()
    application = Application(app, app_paths(), lang=Lang.EN, tts_engine="mock")
    window = application.window
    assert window is not None
    window.resize(1280, 900)
    window.show()
    app.processEvents()
    times = []
    for _ in range(runs):
        window.show_library()
        app.processEvents()
        done: list[float] = []
        view = window.history_view
        view.loaded.connect(lambda done=done: done.append(time.perf_counter()))
        started = time.perf_counter()
        window.show_history()
        while not done:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        window.history_page.repaint()  # the table and the three charts, painted
        times.append((time.perf_counter() - started) * 1000)
        view.loaded.disconnect()
    shot = os.environ.get("KNEECARE_HISTORY_SHOT")
    if shot:
        window.history_view.grab().save(shot)
    window.close()
    return statistics.median(times)


def export_csv_ms(db: Path, out: Path, runs: int) -> float:
    store, _ = HistoryStore.open(db)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        sessions = store.sessions()
        blocks = store.blocks([s.id for s in sessions])
        history_export.write_csv(sessions, blocks, out)
        times.append((time.perf_counter() - started) * 1000)
    store.close()
    return statistics.median(times)


def quick_check_ms(db: Path, runs: int) -> tuple[float, float, float]:
    """PRAGMA quick_check on the full file (min, median, max over ``runs``): what every
    open pays, on the writer thread, after the first paint."""
    times = []
    for _ in range(runs):
        store, _report = HistoryStore.open(db, check=False)
        started = time.perf_counter()
        problem = store.quick_check()
        times.append((time.perf_counter() - started) * 1000)
        store.close()
        assert problem is None, problem
    return min(times), statistics.median(times), max(times)


def commit_ms(db: Path, count: int = 200) -> float:
    """One block = one transaction with synchronous=FULL, as the app writes them."""
    from tests.unit.history_helpers import block, start  # the same records the tests use

    store, _ = HistoryStore.open(db)
    begun = start(store.default_person().id)
    store.begin_session(begun)
    started = time.perf_counter()
    for seq in range(1, count + 1):
        store.add_block(block(begun.uid, seq))
    elapsed = (time.perf_counter() - started) * 1000 / count
    store.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import startup

    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "empty", Path(tmp) / "full"
        empty.mkdir()
        full.mkdir()
        started = time.perf_counter()
        count_sessions, count_blocks = fill(full / "history.sqlite3", args.years)
        print(f"filled {count_sessions} sessions and {count_blocks} blocks in "
              f"{time.perf_counter() - started:.1f} s "
              f"({(full / 'history.sqlite3').stat().st_size / 1e6:.1f} MB)")
        export = export_csv_ms(full / "history.sqlite3", Path(tmp) / "export.csv", args.runs)
        print(f"export CSV: {export:.0f} ms")
        check = quick_check_ms(full / "history.sqlite3", args.runs)
        print(f"integrity check at open (PRAGMA quick_check), min/median/max: "
              f"{check[0]:.1f} / {check[1]:.1f} / {check[2]:.1f} ms")
        commit = commit_ms(Path(tmp) / "commit.sqlite3")
        print(f"one block committed (fsync): {commit:.2f} ms, on the history thread")
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT)
        empty_times, full_times = [], []
        for _ in range(args.runs):
            env["KNEECARE_HOME"] = str(empty)
            empty_times.append(startup.measure("app", env)[1])  # the care menu is ready
            env["KNEECARE_HOME"] = str(full)
            full_times.append(startup.measure("app", env)[1])
        print(f"start-up to the care menu, empty history: {empty_times}")
        print(f"start-up to the care menu, full history:  {full_times}")
        history = open_history_ms(full, args.runs)
        print(f"history view ready: {history:.0f} ms")
    figures = {
        "sessions": count_sessions,
        "blocks": count_blocks,
        "open_history_ms": round(history, 1),
        "export_csv_ms": round(export, 1),
        "quick_check_ms": round(check[1], 1),
        "startup_ms_empty": round(statistics.median(empty_times), 1),
        "startup_ms_full": round(statistics.median(full_times), 1),
        "block_commit_ms": round(commit, 2),
    }
    figures["startup_full_vs_empty"] = round(figures["startup_ms_full"]
                                             / figures["startup_ms_empty"], 3)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
