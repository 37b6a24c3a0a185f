"""Every action of every window, in every state a person can put the app in.

After each one: no exception reached Qt's event loop, no file appeared outside the data
folder (but the one a file dialog was answered with), and nothing was logged at ERROR.
Dialogs that an action opens are answered the cautious way (Cancel, Close, No), as a
person who clicked by mistake would; Quit and About Qt are triggered like the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMainWindow, QMessageBox

from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.handoff import export_text
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.paths import app_paths, shipped_routines_dir
from tests.journeys.user import User, plain, stray_files

STATES = ["idle", "running", "paused", "summary", "demonstration", "other person",
          "no user routines", "presenter"]
OTHER_PERSON = "Sato"


def _cautious_answer() -> None:
    """Answer whatever an action asks, the way that changes nothing."""
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QMessageBox):
        for role in (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole):
            for button in modal.buttons():
                if modal.buttonRole(button) is role:
                    button.click()
                    return
        modal.reject()
    elif isinstance(modal, QDialog):
        modal.reject()


class Sweep:
    def __init__(self, launch: Callable[..., User], places: dict[str, Path],
                 monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
                 qtbot: object) -> None:
        self.launch = launch
        self.places = places
        self.caplog = caplog
        self.qtbot = qtbot
        self.user: User | None = None
        self.answered: list[Path] = []
        self.opened_urls: list[QUrl] = []
        self.handoff = places["answers"] / "from-the-clinic.yaml"
        library = load_library(shipped_routines_dir(), places["answers"] / "none")
        self.handoff.write_text(export_text(
            library, "knee-care", "Tanaka", {rid: Overrides() for rid in library.routines},
            datetime.now().astimezone()), encoding="utf-8")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save_dialog)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._open_dialog)
        monkeypatch.setattr(QDesktopServices, "openUrl", self._open_url)

    # -- stand-ins for what the desktop would do -------------------------------------------
    def _save_dialog(self, _parent: object = None, caption: str = "", directory: str = "",
                     filters: str = "", *_args: object) -> tuple[str, str]:
        suffix = Path(directory).suffix or ".out"
        path = self.places["answers"] / f"answer-{len(self.answered)}{suffix}"
        self.answered.append(path)
        return str(path), ""

    def _open_dialog(self, *_args: object) -> tuple[str, str]:
        return str(self.handoff), ""

    def _open_url(self, url: QUrl) -> bool:
        self.opened_urls.append(url)
        return True

    # -- states -------------------------------------------------------------------------------
    def enter(self, state: str) -> User:
        """Start the app afresh (closing any earlier one) and bring it to ``state``."""
        answerer = QTimer()
        answerer.setInterval(30)
        answerer.timeout.connect(_cautious_answer)
        answerer.start()
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                window.close()
        self.qtbot.waitUntil(lambda: not any(w.isVisible() for w in
                                             QApplication.topLevelWidgets()), timeout=10_000)
        answerer.stop()
        user = self.launch(rate=1.0, ask_pain=False)
        self.user = user
        if state == "no user routines":
            for path in app_paths().user_routines_dir.glob("*"):
                path.unlink()
            app_paths().user_routines_dir.rmdir()
        if state == "demonstration":
            user.menu("People", "Demonstration mode (records nothing)")
        if state == "other person" and OTHER_PERSON not in user.main_window.windowTitle():
            user.menu("People", "Manage people…")
            user.wait_for_dialog()
            self.user.monkeypatch.setattr(
                "PySide6.QtWidgets.QInputDialog.getText",
                lambda *_a, **_k: (OTHER_PERSON, True))
            user.click("Add…")
            user.wait_until(lambda: OTHER_PERSON in user.main_window.windowTitle())
            user.answer("Close")
        # The history's own actions exist once it has been shown.
        user.press("Ctrl+H")
        user.press("Ctrl+1")
        if state in ("running", "paused", "summary"):
            user.click_item("Hip hinge drill")
            user.click("Start")
            user.wait_until(lambda: user.sees("get ready"))
        if state == "paused":
            user.press("Space")
            user.wait_to_see("Paused. Press Space to resume.")
        if state == "summary":
            user.press("Right", times=4)
            user.wait_to_see("Back to the care menu")
        if state == "presenter":
            user.press("F11")
            user.wait_until(lambda: any(w.objectName() == "presenterWindow" and w.isVisible()
                                        for w in QApplication.topLevelWidgets()))
        return user

    def in_state(self, state: str) -> bool:
        user = self.user
        if user is None or not any(isinstance(w, QMainWindow) and w.isVisible()
                                   for w in QApplication.topLevelWidgets()):
            return False
        title = user.main_window.windowTitle()
        presenter = any(w.objectName() == "presenterWindow" and w.isVisible()
                        for w in QApplication.topLevelWidgets())
        if presenter != (state == "presenter"):
            return False
        demo = user.sees("Demonstration mode: nothing is recorded")
        if demo != (state == "demonstration"):
            return False
        if (OTHER_PERSON in title) != (state == "other person"):
            return False
        if state == "running":
            return user.sees("Countdown") and not user.sees("Paused. Press Space to resume.")
        if state == "paused":
            return user.sees("Paused. Press Space to resume.")
        if state == "summary":
            return user.has_button("Back to the care menu") and not user.sees("Countdown")
        return user.has_button("Start") and not user.sees("Countdown")

    def leave_things_as_found(self) -> None:
        """Close what the action opened: dialogs left open, the presenter."""
        for _ in range(20):
            if QApplication.activeModalWidget() is None:
                break
            _cautious_answer()
            QApplication.processEvents()

    # -- one action ---------------------------------------------------------------------------
    def trigger(self, state: str, action: QAction) -> None:
        name = f"{state}: {plain(action.text()) or action.objectName()}"
        answerer = QTimer()
        answerer.setInterval(30)
        answerer.timeout.connect(_cautious_answer)
        answerer.start()
        errors_before = len([r for r in self.caplog.records if r.levelno >= logging.ERROR])
        with self.qtbot.captureExceptions() as exceptions:  # type: ignore[attr-defined]
            action.trigger()
            for _ in range(5):
                QApplication.processEvents()
            self.leave_things_as_found()
        answerer.stop()
        assert not exceptions, f"{name}: {exceptions[0][1]!r}"
        errors = [r.getMessage() for r in self.caplog.records
                  if r.levelno >= logging.ERROR][errors_before:]
        assert not errors, f"{name}: logged {errors}"
        stray = stray_files(self.places, allowed=(self.handoff, *self.answered))
        assert not stray, f"{name}: wrote {stray}"
        for url in self.opened_urls:
            assert Path(url.toLocalFile()) == app_paths().user_routines_dir, name


def key_of(action: QAction) -> str:
    """An action's name, which stays when its text changes (Pause becomes Resume)."""
    return action.objectName() or plain(action.text())


def actions_of_every_window() -> list[QAction]:
    found: list[QAction] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for action in window.findChildren(QAction):
            if action.menu() is not None or action.isSeparator() or action in found:
                continue
            found.append(action)
    return found


@pytest.mark.parametrize("state", STATES)
def test_every_action_in_every_state(state: str, launch: Callable[..., User],
                                     places: dict[str, Path],
                                     monkeypatch: pytest.MonkeyPatch,
                                     caplog: pytest.LogCaptureFixture, qtbot: object) -> None:
    caplog.set_level(logging.ERROR)
    sweep = Sweep(launch, places, monkeypatch, caplog, qtbot)
    sweep.enter(state)
    keys = [key_of(a) for a in actions_of_every_window()]
    assert "quit" in keys
    assert "aboutQt" in keys
    for key in sorted(keys, key=lambda k: k == "quit"):  # Quit last
        if not sweep.in_state(state):
            sweep.enter(state)
        action = next(a for a in actions_of_every_window() if key_of(a) == key)
        sweep.trigger(state, action)
    # Quit really quits: the main window goes once the history has tried its last writes.
    qtbot.waitUntil(lambda: not any(isinstance(w, QMainWindow) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=5_000)

