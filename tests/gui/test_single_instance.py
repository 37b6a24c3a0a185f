"""A second start of the app hands over to the first and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kneecare_desktop.paths import app_paths
from kneecare_desktop.ui.single_instance import SingleInstance, server_name
from tests.conftest import REPO


def test_a_second_start_wakes_the_first_and_exits(qtbot: QtBot, kneecare_home: Path) -> None:
    first = SingleInstance(server_name(app_paths()))
    assert first.claim()
    with qtbot.waitSignal(first.activated, timeout=20_000):
        second = subprocess.Popen(
            [sys.executable, "-m", "kneecare_desktop", "--lang", "en"], cwd=REPO,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stderr=subprocess.PIPE,
            text=True)
    _, err = second.communicate(timeout=30)
    assert second.returncode == 0
    assert "already running" in err
    first.server.close()


@pytest.mark.parametrize("home", ["a", "b"])
def test_each_kneecare_home_is_its_own_instance(home: str, tmp_path: Path) -> None:
    names = {server_name(app_paths({"KNEECARE_HOME": str(tmp_path / h)})) for h in "ab"}
    assert len(names) == 2
    assert server_name(app_paths({"KNEECARE_HOME": str(tmp_path / home)})) in names
