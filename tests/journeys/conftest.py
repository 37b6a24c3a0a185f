"""Journeys: the real app, started as ``kneecare`` starts it, driven as a person drives it.

Each journey gets its own data folder, home folder and working folder, so a file that
appears where it should not is seen. The session runs on a sped-up clock (the real
timers and paints, only faster), and Qt warnings and uncaught exceptions fail the test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kneecare_desktop.model import Lang
from kneecare_desktop.paths import app_paths
from kneecare_desktop.session.clock import ScaledClock
from kneecare_desktop.ui.app import Application, start_app
from tests.journeys.user import User

JOURNEYS = Path(__file__).resolve().parent
RATE = 20.0  # the session's clock runs 20 times faster than real time
START = {Lang.EN: "Start", Lang.JA: "開始"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if JOURNEYS in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.journey)


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The person's home and working folders, empty, to see what gets written there."""
    home = tmp_path / "home"
    cwd = tmp_path / "cwd"
    answers = tmp_path / "answers"  # where the file dialogs are answered to save
    for folder in (home, cwd, answers):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(cwd)
    return {"home": home, "cwd": cwd, "answers": answers}


@pytest.fixture
def launch(qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
           kneecare_home: Path, places: dict[str, Path]) -> Iterator[Callable[..., User]]:
    started: list[Application] = []

    def launch(lang: Lang = Lang.EN, home: Path | None = None, rate: float = RATE,
               ask_pain: bool | None = None, preferences: bool = True) -> User:
        """Start the app as ``kneecare --lang LANG`` does, in data folder ``home``.

        ``preferences``: first write the settings a person could choose (False: the
        folder is read-only, its settings file is used as it is)."""
        if home is not None:
            monkeypatch.setenv("KNEECARE_HOME", str(home))
        paths = app_paths()
        if preferences:
            paths.ensure()
            # A busy test machine's pauses never count as "the computer slept" (the
            # sped-up clock magnifies them).
            chosen = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
            chosen.setValue("session/interruption_threshold", 120.0)
            if ask_pain is not None:
                chosen.setValue("session/ask_pain", ask_pain)
            chosen.sync()
            del chosen
        clock = ScaledClock(rate)
        application = start_app(qapp, paths, lang=lang, clock=clock, tts_engine="mock")
        started.append(application)
        if not application.is_started:
            with qtbot.waitSignal(application.started, timeout=10_000):
                pass
        user = User(qtbot, clock, monkeypatch)
        qtbot.waitUntil(lambda: user.has_button(START[lang]), timeout=10_000)
        window = user.main_window
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is not None, timeout=5_000)
        return user

    yield launch
    # Whatever a closing window still asks (records not saved…) is answered: quit.
    answerer = QTimer()
    answerer.setInterval(20)
    answerer.timeout.connect(_quit_whatever_is_asked)
    answerer.start()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isWindow():
            widget.close()
    # A main window goes once its history has tried its last writes (a moment later).
    qtbot.waitUntil(lambda: not any(w.isVisible() and w.isWindow()
                                    for w in QApplication.topLevelWidgets()), timeout=10_000)
    answerer.stop()
    for application in started:
        application.translations.use(Lang.EN)
        application.setParent(None)
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget) and not widget.isVisible():
            widget.deleteLater()
    QApplication.processEvents()


def _quit_whatever_is_asked() -> None:
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QMessageBox):
        for button in modal.buttons():
            if modal.buttonRole(button) is QMessageBox.ButtonRole.DestructiveRole:
                button.click()
                return
    if isinstance(modal, QDialog):
        modal.reject()
