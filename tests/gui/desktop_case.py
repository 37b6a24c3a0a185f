"""The app on a real X display (xcb), run by ``test_desktop_xcb.py`` in its own process:
that test starts Xvfb, a light window manager (openbox) and, for the tray case, a system
tray (stalonetray, or trayer where Debian has no stalonetray), and says which case this is
in ``KNEECARE_DESKTOP_CASE``:

- ``tray``: the reminder in the tray (icon marked, tooltip, menu), snoozed from the
  menu; the window closed by the window manager keeps the app running, the tray's Open
  brings it back and its Quit quits;
- ``window``: no tray and no session bus: the window comes forward with the banner.

``KNEECARE_SCREENSHOTS``: a folder to save what a person sees (the tray menu, the whole
screen, the window with its banner), in the language of each test.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot

from kneecare_desktop.care.reminders import make_schedule
from kneecare_desktop.history import reminders as stored
from kneecare_desktop.model import Lang, ReminderOutcome, Weekday
from kneecare_desktop.paths import app_paths
from kneecare_desktop.session.clock import ScaledClock
from kneecare_desktop.ui.app import Application
from kneecare_desktop.ui.reminders import ReminderController

CASE = os.environ.get("KNEECARE_DESKTOP_CASE", "")
SHOTS = os.environ.get("KNEECARE_SCREENSHOTS", "")
RATE = 15.0  # a minute passes in 4 s


def shoot(widget_or_pixmap: Any, name: str) -> None:
    if not SHOTS:
        return
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    pixmap = widget_or_pixmap.grab() if hasattr(widget_or_pixmap, "grab") else widget_or_pixmap
    assert pixmap.save(str(folder / f"{name}.png"))


def start(qapp: QApplication, qtbot: QtBot, lang: Lang, keep_running: bool = True
          ) -> tuple[Application, ReminderController]:
    paths = app_paths()
    paths.ensure()
    application = Application(qapp, paths, lang=lang, clock=ScaledClock(RATE),
                              tts_engine="mock")
    window = application.window
    assert window is not None
    application.settings.set_ask_pain(False)
    application.settings.set_keep_running(keep_running)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    # Started: the care menu has painted and the reminders are attached after it.
    qtbot.waitUntil(lambda: application.is_started, timeout=10_000)
    controller = window.findChild(ReminderController)
    assert isinstance(controller, ReminderController)
    return application, controller


def remind_at_the_next_minute(controller: ReminderController, qtbot: QtBot) -> datetime:
    """A reminder for every day at the next whole minute at least 40 s (3 s real) away."""
    now = controller.now().astimezone(controller.zone)
    due = (now + timedelta(seconds=100)).replace(second=0, microsecond=0)
    window = controller.window
    person = window.people.person_id
    done: list[object] = []
    window.history.run(lambda store: stored.set_reminder(
        store, person, make_schedule("knee-care", list(Weekday), [due.time()]), now),
        done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    with qtbot.waitSignal(controller.reminders_loaded, timeout=10_000):
        controller.reload()
    return due


def click_menu_item(qtbot: QtBot, menu: QMenu, name: str) -> None:
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled(), name
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                     pos=menu.actionGeometry(action).center())


def open_tray_menu(qtbot: QtBot, controller: ReminderController) -> QMenu:
    """As a right click on the tray icon opens it: under the icon."""
    assert controller.tray is not None
    menu = controller.tray.menu
    geometry = controller.tray.icon.geometry()
    menu.popup(QPoint(geometry.left(), geometry.bottom() + 1))
    qtbot.waitExposed(menu)
    return menu


@pytest.mark.skipif(CASE != "tray", reason="the tray case")
@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_the_reminder_in_the_tray_and_its_menu(qapp: QApplication, qtbot: QtBot,
                                               lang: Lang) -> None:
    assert QSystemTrayIcon.isSystemTrayAvailable()
    application, controller = start(qapp, qtbot, lang)
    window = controller.window
    due = remind_at_the_next_minute(controller, qtbot)
    qtbot.waitUntil(lambda: controller.tray is not None, timeout=10_000)
    tray = controller.tray
    assert tray is not None
    qtbot.waitUntil(lambda: tray.icon.isVisible() and tray.icon.geometry().width() > 0,
                    timeout=10_000)
    if controller.now() < due:  # (a very busy machine may have passed it already)
        assert due.strftime("%H:%M") in tray.icon.toolTip()
        assert not tray.act_skip.isEnabled()
    # The reminder comes at its time, by the app's own timer.
    qtbot.waitUntil(lambda: tray.act_skip.isEnabled(), timeout=RATE * 1000 * 70 / RATE + 5000)
    assert controller.now() >= due
    words = {Lang.EN: "time for Knee care program", Lang.JA: "膝裏ケア プログラムの時間です"}
    assert words[lang] in tray.icon.toolTip()
    assert tray.icon.icon().cacheKey() == tray.due_icon.cacheKey()
    menu = open_tray_menu(qtbot, controller)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    expected = {Lang.EN: ["Start now", "Snooze 10 min", "Snooze 30 min", "Snooze 1 hour",
                          "Skip today", "Open KneeCare", "Quit"],
                Lang.JA: ["今すぐ開始", "10分後に再通知", "30分後に再通知", "1時間後に再通知",
                          "今日はスキップ", "KneeCare を開く", "終了"]}
    assert texts == expected[lang]
    shoot(menu, f"tray-menu-{lang.value}")
    screen = QGuiApplication.primaryScreen()
    shoot(screen.grabWindow(0), f"tray-screen-{lang.value}")
    click_menu_item(qtbot, menu, "traySnooze10")
    qtbot.waitUntil(lambda: not tray.act_skip.isEnabled(), timeout=5000)
    assert not controller.banner.isVisible()
    found: list[Any] = []
    window.history.run(lambda store: stored.events(store), found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=5000)
    assert [e.outcome for e in found[0]] == [ReminderOutcome.SNOOZED]
    # The window manager's close button: the app keeps running in the tray.
    closed: list[bool] = []
    qapp.lastWindowClosed.connect(lambda: closed.append(True))
    # (By its id: a balloon or a menu may also be titled "KneeCare".)
    subprocess.run(["wmctrl", "-i", "-c", hex(int(window.winId()))], check=True, timeout=10)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert tray.icon.isVisible()
    assert controller._timer.isActive()
    menu = open_tray_menu(qtbot, controller)
    click_menu_item(qtbot, menu, "trayOpen")
    qtbot.waitUntil(window.isVisible, timeout=10_000)
    assert not closed
    # Quit in the tray quits: the window closes for good and the timer stops.
    menu = open_tray_menu(qtbot, controller)
    click_menu_item(qtbot, menu, "trayQuit")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: not controller._timer.isActive(), timeout=5000)
    assert not tray.icon.isVisible()
    application.translations.use(Lang.EN)
    application.setParent(None)


@pytest.mark.skipif(CASE != "window", reason="the case without tray or notifications")
@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_without_tray_the_window_comes_forward_with_the_banner(
        qapp: QApplication, qtbot: QtBot, lang: Lang) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    assert not os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    application, controller = start(qapp, qtbot, lang, keep_running=False)
    window = controller.window
    window.showMinimized()  # out of the way, before the reminder is set
    qtbot.waitUntil(window.isMinimized, timeout=5000)
    due = remind_at_the_next_minute(controller, qtbot)
    qtbot.waitUntil(controller.banner.isVisible, timeout=RATE * 1000 * 70 / RATE + 5000)
    assert controller.now() >= due
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=5000)
    assert controller.tray is None
    words = {Lang.EN: "time for Knee care program.", Lang.JA: "膝裏ケア プログラムの時間です。"}
    assert controller.banner.label.text().endswith(words[lang])
    shoot(window, f"banner-{lang.value}")
    if SHOTS:  # the dialog that set it, as a person opens it again
        from kneecare_desktop.ui.reminder_dialog import ReminderDialog

        controller.open_dialog()
        qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ReminderDialog)),
                        timeout=5000)
        dialog = next(d for d in window.findChildren(ReminderDialog) if d.isVisible())
        qtbot.waitExposed(dialog)
        shoot(dialog, f"reminder-dialog-{lang.value}")
        dialog.reject()
    controller.banner.buttons["reminderStart"].click()
    qtbot.waitUntil(window.sessions.active, timeout=5000)
    application.translations.use(Lang.EN)
    window.close()
    application.setParent(None)


@pytest.mark.skipif(CASE != "countdown", reason="the countdown case")
def test_the_countdown_on_the_x_server_is_what_the_app_painted(qapp: QApplication,
                                                                qtbot: QtBot) -> None:
    """Each second, right after the app has painted and let the X server settle
    (``ui/screen_sync.py``), the pixels on the X server are the countdown the app drew:
    on the big screen, then (Esc) in the main window."""
    application, _controller = start(qapp, qtbot, Lang.EN)
    window = application.window
    assert window is not None
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    presenter = window.presenter
    assert presenter is not None
    qtbot.waitExposed(presenter)
    driver = window.sessions.driver
    assert driver is not None
    screen = QGuiApplication.primaryScreen()

    def watch(top: QWidget, player: QWidget) -> list[tuple[str, bool]]:
        """Six seconds of the countdown: its text, and whether the X server shows it
        as drawn (X keeps no pixels of a covered window: only the one in front)."""
        seen: list[tuple[str, bool]] = []

        def compare() -> None:
            ring = player.ring  # type: ignore[attr-defined]
            corner = ring.mapTo(top, QPoint(0, 0))
            on_server = screen.grabWindow(top.winId(), corner.x(), corner.y(), ring.width(),
                                          ring.height()).toImage()
            drawn = ring.grab().toImage().convertToFormat(on_server.format())
            seen.append((ring.big_text, on_server == drawn))

        assert driver is not None
        driver.handled.connect(compare)
        qtbot.waitUntil(lambda: len({text for text, _same in seen}) >= 6, timeout=20_000)
        driver.handled.disconnect(compare)
        return seen

    assert presenter.player is not None
    big_screen = watch(presenter, presenter.player)
    shoot(presenter, "countdown-presenter")
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)  # back to the main window
    qtbot.waitUntil(lambda: not presenter.isVisible())
    assert window.sessions.player is not None
    main = watch(window, window.sessions.player)
    assert all(same for _text, same in big_screen), big_screen
    assert all(same for _text, same in main), main
