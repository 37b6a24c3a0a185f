"""With two screens, presenter mode goes to the one the main window is not on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = """
from kneecare_desktop.model import Lang
from kneecare_desktop.paths import app_paths
from kneecare_desktop.ui.app import Application, create_app
app = create_app()
window = Application(app, app_paths(), lang=Lang.EN, tts_engine="mock").window
window.show()
app.processEvents()
window.toggle_presenter()
app.processEvents()
presenter = window.presenter
print(window.screen().name(), presenter.screen().name(), presenter.isFullScreen(),
      presenter.geometry().width(), presenter.geometry().height())
# As the app does at quit (this script never runs the event loop to its end): speech
# processes end before the application goes.
from kneecare_desktop.ui.speech import end_speech_processes
end_speech_processes(app)
"""


def test_presenter_goes_to_the_other_screen(tmp_path: Path) -> None:
    screens = {"synchronousWindowSystemEvents": True, "windowFrameMargins": False, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1},
        {"name": "clinic", "x": 1280, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-600:]
    main_screen, presenter_screen, full, width, height = result.stdout.split()
    assert main_screen != presenter_screen
    assert presenter_screen == "clinic"
    assert full == "True"
    assert (int(width), int(height)) == (1920, 1080)
