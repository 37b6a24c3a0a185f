"""A 1024×700 laptop screen: the window, Start and every dialog fit on it.

The screen size is the platform's, so the journey runs in its own process: the offscreen
platform reads its screens from a configuration file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_the_app_fits_a_1024x700_screen(tmp_path: Path) -> None:
    screens = {"synchronousWindowSystemEvents": True, "windowFrameMargins": True, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 700, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "KNEECARE_TEST_SCREEN": "1024x700"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(Path(__file__).with_name("small_screen_case.py"))],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=240, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
    assert "2 passed" in result.stdout
