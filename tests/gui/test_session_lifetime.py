"""What a session leaves behind once it is over: nothing that grows with each session."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QPixmap, QPixmapCache
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.alarm import Alarm
from kneecare_desktop.ui.driver import SessionDriver
from kneecare_desktop.ui.main_window import MainWindow
from tests.gui.helpers import advance


def finish_a_session(window: MainWindow, clock: FakeClock, item_id: str) -> SessionDriver:
    window.sessions.start(item_id)
    driver = window.sessions.driver
    assert driver is not None
    advance(window, clock, driver.session.plan.total_seconds + 1)
    assert driver.session.state.is_over
    window.summary_view.done_button.click()
    return driver


def test_a_finished_sessions_driver_and_timer_are_destroyed(
        window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    first = finish_a_session(window, clock, "calf-wall")
    timer = first.findChild(Alarm)
    assert timer is not None
    window.sessions.start("calf-wall")  # the last session's driver is needed until now
    assert window.sessions.driver is not first
    qtbot.waitUntil(lambda: not shiboken6.isValid(first) and not shiboken6.isValid(timer))


def test_sessions_leave_one_driver_and_one_player_view(
        window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    window.toggle_presenter()
    for item_id in ("calf-wall", "hamstring-towel", "calf-wall"):
        finish_a_session(window, clock, item_id)
    assert window.presenter is not None
    player, shown = window.sessions.player, window.presenter.player
    window.sessions.start("calf-wall")
    # One view each follows every session: a new view per session would leave its style
    # pixmaps, keyed by its own palette, in Qt's pixmap cache.
    assert window.sessions.player is player
    assert window.presenter.player is shown
    assert player is not None
    assert player.driver is window.sessions.driver
    assert shown is not None
    assert shown.driver is window.sessions.driver
    qtbot.waitUntil(lambda: len(window.findChildren(SessionDriver)) == 1)
    window.presenter.close()


def _cached(key: str) -> bool:
    return QPixmapCache.find(key) is not None


def test_a_closed_dialog_leaves_no_style_pictures_behind(
        window: MainWindow, qtbot: QtBot) -> None:
    """Each widget's palette has its own key (the app sets the application's palette),
    so what Fusion drew of a dialog made for one use is never asked for again: it goes
    with the dialog, or the cache grows with every check-in and editor opened."""
    window.show()
    qtbot.waitExposed(window)
    for open_dialog in (window.checkins.open, window.files.open_routine_editor,
                        window.manage_people):
        marker = QPixmap(8, 8)
        assert QPixmapCache.insert("test-marker", marker)
        assert _cached("test-marker")
        open_dialog()
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        qtbot.waitExposed(dialog)
        dialog.reject()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        assert not _cached("test-marker")


def test_sessions_leave_no_connections_on_the_mute_action(
        window: MainWindow, clock: FakeClock) -> None:
    """Mute is switched on and off with every session; its button in the player must not
    connect to it once more each time (Qt's own QToolButton does: see ui/buttons.py)."""
    finish_a_session(window, clock, "calf-wall")
    mute = window.commands.mute
    connected = mute.receivers(SIGNAL("changed()"))
    for _ in range(3):
        finish_a_session(window, clock, "calf-wall")
    assert mute.receivers(SIGNAL("changed()")) == connected
