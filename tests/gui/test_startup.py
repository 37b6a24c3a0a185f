"""Start-up as the kneecare command does it: the window's frame paints first, then the
history opens and the care menu fills; nothing can be started before it is there."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kneecare_desktop.basics import Lang
from kneecare_desktop.paths import app_paths
from kneecare_desktop.ui.app import Application, EarlyRecords, name_the_app, open_log_file
from kneecare_desktop.ui.main_window import MainWindow
from tests.conftest import REPO


@pytest.fixture
def application(qapp: QApplication, qtbot: QtBot) -> Iterator[Application]:
    """The app as run_app makes it: the content waits for the frame's first paint."""
    made = Application(qapp, app_paths(), lang=Lang.EN, tts_engine="mock",
                       content_after_first_paint=True)
    assert made.window is not None
    # Not given to qtbot to close: a language change replaces the window, and the app
    # deletes the first one (before the test ends, now that start-up waits for the care
    # menu's paint); the window of the moment is closed here.
    yield made
    made.translations.use(Lang.EN)
    if made.window is not None:
        made.window.close()  # closes the history too
        made.window.deleteLater()
    made.setParent(None)


def _window(application: Application) -> MainWindow:
    assert application.window is not None
    return application.window


def test_the_frame_shows_first_and_the_care_menu_fills_right_after(
        application: Application, qtbot: QtBot) -> None:
    window = _window(application)
    # The frame: title, menus and person bar, with nothing that needs the routines yet.
    assert window.windowTitle() == ""  # Qt shows the app's display name, KneeCare
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File", "S&ession", "&View", "&People", "&Help"]
    assert not window.is_loaded
    assert not window.commands.start.isEnabled()
    assert not window.commands.history.isEnabled()
    assert not window.commands.handout.isEnabled()
    assert window.commands.quit.isEnabled()
    assert window.commands.about.isEnabled()
    with qtbot.waitSignal(window.content_loaded, timeout=10_000):
        window.show()
    assert window.library_view.list.count() == 4
    assert window.focusWidget() is window.library_view.list  # arrow keys pick a routine
    assert window.commands.start.isEnabled()
    assert window.commands.handout.isEnabled()
    assert window.commands.pause.shortcutContext() is Qt.ShortcutContext.ApplicationShortcut


def test_the_window_shows_the_apps_icon_made_once(application: Application,
                                                  qapp: QApplication) -> None:
    """The frame shows the app's icon, not one of its own, and naming the app again
    (each Application does) keeps the icon already made: an SVG icon made before the
    first paint loads Qt's SVG icon engine."""
    window = _window(application)
    icon = window.windowIcon()
    assert not icon.isNull()
    assert icon.cacheKey() == qapp.windowIcon().cacheKey()
    name_the_app(qapp)
    assert qapp.windowIcon().cacheKey() == icon.cacheKey()


def test_start_keys_before_the_care_menu_is_there_do_nothing(
        application: Application, qtbot: QtBot) -> None:
    window = _window(application)
    with qtbot.waitSignal(window.content_loaded, timeout=10_000):
        window.show()
        # Pressed in the first instant, before the care menu is there.
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        assert window.sessions.driver is None
        assert window.pages.currentIndex() == 0
    assert window.sessions.driver is None
    assert window.pages.currentIndex() == 0
    window.close()  # it goes once the history has tried what was queued
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.close()  # Qt may close a window again at quit: nothing is asked


def test_a_window_that_is_never_painted_still_loads(
        application: Application, qtbot: QtBot) -> None:
    window = _window(application)
    with qtbot.waitSignal(window.content_loaded, timeout=10_000):
        pass  # never shown: started minimised to a tray, say
    assert window.library_view.list.count() == 4


def test_closing_before_the_care_menu_loads_opens_no_history(
        application: Application, kneecare_home: Path) -> None:
    window = _window(application)
    window.show()
    window.close()
    window.load_content()  # what its start-up timer does, when it fires after the close
    assert not window.is_loaded
    assert not (kneecare_home / "history.sqlite3").exists()


def test_changing_the_language_before_the_care_menu_is_there_builds_it_in_that_language(
        application: Application, qtbot: QtBot) -> None:
    first = _window(application)
    with qtbot.waitSignal(application.started, timeout=10_000):  # start-up completes
        first.language_change_requested.emit(Lang.JA)  # from settings, in the first instant
    window = _window(application)
    assert window is not first
    qtbot.addWidget(window)
    assert window.is_loaded
    assert window.library_view.list.item(0).text().startswith("膝裏ケア プログラム")


def test_what_is_logged_before_the_log_file_opens_is_written_to_it_first(
        kneecare_home: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    early = EarlyRecords.install()
    try:
        logging.getLogger("kneecare_desktop.test").warning("translation ja not found")
        open_log_file(app_paths(), early)
        logging.getLogger("kneecare_desktop.test").info("window shown")
    finally:
        for handler in root.handlers:
            if handler not in before[0]:
                handler.close()
                root.removeHandler(handler)
        root.setLevel(before[1])
    lines = (kneecare_home / "logs" / "kneecare.log").read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == [
        "WARNING kneecare_desktop.test: translation ja not found",
        "INFO kneecare_desktop.test: window shown"]


# The app made as the kneecare command makes it, in a child process of its own.
AS_KNEECARE = r"""
import json, sys, time
from kneecare_desktop.cli.args import parse_arguments
parse_arguments([])
from kneecare_desktop.basics import Lang
from kneecare_desktop.paths import app_paths
from kneecare_desktop.ui.app import Application, create_app
from kneecare_desktop.ui.single_instance import SingleInstance
app = create_app(["kneecare"])
SingleInstance(app_paths(), app).claim()
"""

FRAME_ONLY = AS_KNEECARE + r"""
Application(app, app_paths(), lang=Lang.EN, content_after_first_paint=True)
print(json.dumps({"modules": sorted(sys.modules),
                  "qt_namespace": "Qt" in vars(sys.modules["PySide6.QtCore"])}))
"""


def test_the_frame_is_built_without_the_model_loader_yaml_sqlite_qtnetwork_or_qt_enums(
        kneecare_home: Path) -> None:
    result = subprocess.run([sys.executable, "-c", FRAME_ONLY], cwd=REPO, check=True,
                            capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    found = json.loads(result.stdout.splitlines()[-1])
    loaded = set(found["modules"])
    assert "PySide6.QtWidgets" in loaded  # it did build the window
    # Qt's enum namespace costs 15 ms to create: the frame is built without it.
    assert not found["qt_namespace"], "PySide6.QtCore.Qt is used before the first paint"
    # The routine model (about 12 ms of dataclasses) comes with the care menu, after it.
    for slow in ("yaml", "sqlite3", "kneecare_desktop.model", "kneecare_desktop.library.files",
                 "kneecare_desktop.history.store",
                 "kneecare_desktop.ui.library_view", "PySide6.QtNetwork", "PySide6.QtSvg",
                 "logging.handlers"):
        assert slow not in loaded, f"{slow} is loaded before the first paint"


def test_the_sound_probe_waits_for_the_filled_care_menu_to_paint(
        application: Application, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """QtMultimedia's load (about 50 ms) comes after the care menu is on screen: a zero
    timer set while loading would run first, since Qt posts paints at a lower priority.
    The care menu's paint itself starts it: the latest time, for a window never painted,
    is put out of the way."""
    from PySide6.QtCore import QEvent, QObject

    from kneecare_desktop.ui import main_window
    from kneecare_desktop.ui.cues import CuePlayer

    order: list[str] = []
    monkeypatch.setattr(CuePlayer, "start_probes", lambda self: order.append("probe"))
    monkeypatch.setattr(main_window, "PAINTED_AT_THE_LATEST_MS", 600_000)
    window = _window(application)

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and window.library_view.list.count():
                order.append("care menu painted")
            return False

    paints = Paints()
    window.content_loaded.connect(
        lambda: window.library_view.list.viewport().installEventFilter(paints))
    window.show()
    qtbot.waitUntil(lambda: "probe" in order, timeout=10_000)
    assert order[0] == "care menu painted", order


SOUND_PROBED = AS_KNEECARE + r"""
made = Application(app, app_paths(), lang=Lang.EN, tts_engine="mock",
                   content_after_first_paint=True)
made.window.show()
deadline = time.monotonic() + 20
while "PySide6.QtMultimedia" not in sys.modules and time.monotonic() < deadline:
    app.processEvents()
app.processEvents()
with open("/proc/self/maps", encoding="utf-8") as maps:
    mapped = sorted({line.rsplit("/", 1)[-1].strip() for line in maps if "/" in line})
print(json.dumps({"multimedia": "PySide6.QtMultimedia" in sys.modules, "mapped": mapped}))
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads Linux's /proc")
def test_the_sound_probe_loads_no_ffmpeg_qt_quick_qml_or_openssl(kneecare_home: Path) -> None:
    """The beeps need only QtMultimedia's own sound output: Qt's FFmpeg media backend
    (for players and video; ~22 MB with Qt Quick, Qml and OpenGL) stays unloaded, and
    Qt's note that no backend was found goes to the log, not the terminal."""
    result = subprocess.run([sys.executable, "-c", SOUND_PROBED], cwd=REPO, check=True,
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["multimedia"], "the sound probe never ran"
    mapped = " ".join(found["mapped"])
    assert "libQt6Multimedia" in mapped
    for heavy in ("ffmpegmediaplugin", "libavcodec", "libavformat", "libQt6Quick",
                  "libQt6Qml"):
        assert heavy not in mapped, f"{heavy} was loaded for the beeps"
    # Nor OpenSSL (3 MB), through hashlib: the prompts are found by their manifest.
    assert "libcrypto" not in mapped
    assert "No QtMultimedia backends found" not in result.stderr
