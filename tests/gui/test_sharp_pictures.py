"""At 2× scaling the care menu's pictures are drawn at twice the pixels, not blown up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = """
from PySide6.QtCore import QSize
from kneecare_desktop.model import Lang
from kneecare_desktop.paths import app_paths
from kneecare_desktop.ui.app import Application, create_app
app = create_app()
window = Application(app, app_paths(), lang=Lang.EN, tts_engine="mock").window
window.show()
app.processEvents()
item = window.library_view.list.item(1)
pixmap = item.icon().pixmap(QSize(96, 64), window.devicePixelRatioF())
print(window.devicePixelRatioF(), pixmap.devicePixelRatio(), pixmap.width(), pixmap.height())
# As the app does at quit (this script never runs the event loop to its end): speech
# processes end before the application goes.
from kneecare_desktop.ui.speech import end_speech_processes
end_speech_processes(app)
"""


def test_list_pictures_are_rendered_at_the_screens_pixel_ratio(tmp_path: Path) -> None:
    # 192 logical dpi on a 96 base: Qt scales everything by 2, as at 200 % in a desktop.
    screens = {"screens": [{"name": "hidpi", "x": 0, "y": 0, "width": 3200, "height": 2000,
                            "logicalDpi": 192, "logicalBaseDpi": 96, "dpr": 1}]}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=REPO, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
             "KNEECARE_HOME": str(tmp_path / "home")}, check=False)
    assert result.returncode == 0, result.stderr[-800:]
    ratio, pixmap_ratio, width, height = result.stdout.split()[-4:]
    assert float(ratio) == 2.0
    assert float(pixmap_ratio) == 2.0
    assert (int(width), int(height)) == (192, 128)
