"""Kill a real session with SIGKILL at random moments: nothing committed is ever lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

from kneecare_desktop.history.records import Outcome
from kneecare_desktop.history.store import HistoryStore
from tests.conftest import REPO

RUNS = 20
SEED = 20261125


def _read(stream: IO[str], lines: list[str], started: threading.Event) -> None:
    for line in stream:
        lines.append(line)
        if line.strip() == "started":
            started.set()
    started.set()  # the child ended: nothing more to wait for


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.timeout(300)
def test_sigkill_at_random_moments_loses_no_committed_block(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    kills = 0
    for run in range(RUNS):
        path = tmp_path / f"run-{run}" / "history.sqlite3"
        child = subprocess.Popen([sys.executable, "-m", "tests.gui.fault_child", str(path)],
                                 cwd=REPO, stdout=subprocess.PIPE, text=True,
                                 env={**os.environ, "PYTHONUNBUFFERED": "1"})
        lines: list[str] = []
        started = threading.Event()
        assert child.stdout is not None
        reader = threading.Thread(target=_read, args=(child.stdout, lines, started),
                                  daemon=True)
        reader.start()
        # Killed at a random moment of the session itself, however slowly Python starts.
        started.wait(timeout=120)
        assert any(line.strip() == "started" for line in lines), \
            f"run {run}: the session never started"
        try:
            child.wait(timeout=rng.uniform(0.0, 1.8))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
            kills += 1
        reader.join(timeout=10)
        child.stdout.close()
        committed = {int(line.split()[1]) for line in lines if line.startswith("committed")}
        store, report = HistoryStore.open(path)
        assert report.moved_aside is None
        assert store.integrity_ok(), f"run {run}"
        found = {b.seq for b in store.blocks()}
        assert committed <= found, f"run {run}: lost {sorted(committed - found)}"
        recovered = store.recover_interrupted()
        (row,) = store.sessions(include_all_people=True)
        said = {line.strip() for line in lines}
        if "finished" in said:
            assert row.outcome is Outcome.COMPLETED
        elif "finishing" not in said:
            assert row.outcome is Outcome.INTERRUPTED
            assert [r.uid for r in recovered] == [row.uid]
        else:  # killed between handing the end to the writer and hearing it committed
            assert row.outcome in (Outcome.COMPLETED, Outcome.INTERRUPTED)
            assert [r.uid for r in recovered] == (
                [row.uid] if row.outcome is Outcome.INTERRUPTED else [])
        store.close()
    assert kills >= RUNS // 2  # most runs were really killed mid-session
