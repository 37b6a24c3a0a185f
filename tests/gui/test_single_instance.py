"""A second start of the app hands over to the first and exits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from kneecare_desktop.paths import app_paths
from kneecare_desktop.ui.single_instance import Claim, SingleInstance
from tests.conftest import REPO


def test_a_second_start_wakes_the_first_and_exits(qtbot: QtBot, kneecare_home: Path) -> None:
    first = SingleInstance(app_paths())
    assert first.claim() is Claim.FIRST
    first.listen()
    with qtbot.waitSignal(first.activated, timeout=20_000):
        second = subprocess.Popen(
            [sys.executable, "-m", "kneecare_desktop", "--lang", "en"], cwd=REPO,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stderr=subprocess.PIPE,
            text=True)
    _, err = second.communicate(timeout=30)
    assert second.returncode == 0
    assert err.count("KneeCare is already running") == 1  # said once, plainly
    first.release()


def test_each_kneecare_home_is_its_own_instance(tmp_path: Path) -> None:
    first = SingleInstance(app_paths({"KNEECARE_HOME": str(tmp_path / "a")}))
    other = SingleInstance(app_paths({"KNEECARE_HOME": str(tmp_path / "b")}))
    for instance in (first, other):
        instance.paths.ensure()
        assert instance.claim() is Claim.FIRST
        instance.release()


def test_a_start_during_the_first_ones_start_up_is_answered_once_it_listens(
        qtbot: QtBot, kneecare_home: Path) -> None:
    first = SingleInstance(app_paths())
    first.paths.ensure()
    assert first.claim() is Claim.FIRST  # still before its first paint: not listening
    second = subprocess.Popen(
        [sys.executable, "-m", "kneecare_desktop", "--lang", "en"], cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(first.paths.wake_request.exists, timeout=20_000)
    with qtbot.waitSignal(first.activated, timeout=5_000):
        first.listen()
    _, err = second.communicate(timeout=30)
    assert second.returncode == 0
    assert err.count("KneeCare is already running") == 1  # said once, plainly
    assert not first.paths.wake_request.exists()
    first.release()


def test_a_lock_left_by_a_crashed_app_does_not_stop_the_next_start(kneecare_home: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    paths = app_paths()
    paths.ensure()
    # QLockFile's format: process id, application name, host name.
    paths.instance_lock.write_text(f"{gone.stdout.strip()}\nkneecare\n{socket.gethostname()}\n")
    instance = SingleInstance(paths)
    assert instance.claim() is Claim.FIRST
    instance.release()


def test_a_copy_that_never_answers_is_reported_not_silently_trusted(
        kneecare_home: Path) -> None:
    paths = app_paths()
    paths.ensure()
    hung = SingleInstance(paths)
    assert hung.claim() is Claim.FIRST  # holds the folder, never listens
    second = SingleInstance(paths, wake_timeout_ms=300)
    assert second.claim() is Claim.NO_ANSWER
    assert not paths.wake_request.exists()  # no stale request left for later
    hung.release()
    assert second.claim() is Claim.FIRST  # once the folder is free, it starts
    second.release()
