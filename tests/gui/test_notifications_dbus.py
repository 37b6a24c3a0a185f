"""No tray, but a notification server: the reminder is a freedesktop notification, sent over
a real session bus (``dbus-daemon --session`` started here) to a small fake server
(``fake_notifications.py``) that answers with a person's clicks on its buttons.

Without dbus-daemon the tests skip, or fail under ``KNEECARE_REQUIRE_DESKTOP=1`` (as
.ci/run sets): CI never skips them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang, ReminderOutcome
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui import reminders as reminders_ui
from tests.gui.test_reminders_ui import controller_of, outcomes, set_reminder, time_passes

FAKE = Path(__file__).with_name("fake_notifications.py")


def require(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        message = f"{program} is not installed (Debian: dbus-daemon)"
        if os.environ.get("KNEECARE_REQUIRE_DESKTOP") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def bus_address() -> Iterator[str]:
    # (As root it says it cannot raise its file limit: said on its stderr, which is let be.)
    daemon = subprocess.Popen([require("dbus-daemon"), "--session", "--nofork",
                               "--print-address=1"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    assert address.startswith("unix:"), address
    yield address
    daemon.terminate()
    daemon.wait(10)
    daemon.stdout.close()


class FakeServer:
    def __init__(self, address: str, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(FAKE), *options], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True,
            env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address,
                 "QT_QPA_PLATFORM": "offscreen"})
        self.calls: list[dict[str, Any]] = []
        self._ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        assert self._ready.wait(20), "the fake notification server did not start"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            call = json.loads(line)
            if call["call"] == "ready":
                self._ready.set()
            else:
                self.calls.append(call)

    def notified(self) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["call"] == "Notify"]

    def click(self, notification_id: int, key: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"invoke {notification_id} {key}\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(10)
        self._reader.join(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def server(bus_address: str) -> Iterator[FakeServer]:
    fake = FakeServer(bus_address)
    yield fake
    fake.stop()


@pytest.fixture
def on_test_bus(bus_address: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The app's session bus is the test's (the process's own session bus, if any, was
    looked up long ago by other tests)."""
    from PySide6.QtDBus import QDBusConnection

    name = f"kneecare-test-{uuid.uuid4().hex}"
    bus = QDBusConnection.connectToBus(bus_address, name)
    assert bus.isConnected()
    monkeypatch.setattr(reminders_ui, "session_bus", lambda: bus)
    monkeypatch.setattr(reminders_ui, "qt_system_zone", lambda: __import__(
        "zoneinfo").ZoneInfo("Europe/Berlin"))
    yield bus
    QDBusConnection.disconnectFromBus(name)


def test_the_reminder_is_a_notification_and_its_buttons_answer(
        server: FakeServer, on_test_bus: Any, make_app: Any, qtbot: QtBot,
        clock: FakeClock) -> None:
    window = make_app(Lang.EN).window
    controller = controller_of(window)
    set_reminder(window, qtbot, clock, "daily", "08:45")
    time_passes(controller, clock, qtbot, 15)
    qtbot.waitUntil(lambda: len(server.notified()) == 1, timeout=10_000)
    (sent,) = server.notified()
    assert controller.tray is None
    assert controller.notifier is not None
    assert sent["app"] == "KneeCare"
    assert sent["replaces"] == 0
    assert sent["icon"] == "kneecare"
    assert sent["summary"] == "Time for your knee care"
    assert sent["body"] == "It is 08:45: time for Knee care program."
    assert sent["actions"] == ["default", "Open KneeCare", "start", "Start now",
                               "snooze-10", "Snooze 10 min", "snooze-30", "Snooze 30 min",
                               "snooze-60", "Snooze 1 hour", "skip", "Skip today"]
    assert sent["hints"]["desktop-entry"] == "kneecare"
    qtbot.waitUntil(lambda: controller.notifier.notification_id == sent["id"], timeout=5000)
    # The person clicks "Snooze 10 min" in the notification.
    server.click(sent["id"], "snooze-10")
    qtbot.waitUntil(lambda: not controller.banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: any(c["call"] == "CloseNotification" for c in server.calls),
                    timeout=5000)
    qtbot.waitUntil(lambda: outcomes(window, qtbot) == [("08:45", ReminderOutcome.SNOOZED)],
                    timeout=5000)
    time_passes(controller, clock, qtbot, 10)
    qtbot.waitUntil(lambda: len(server.notified()) == 2, timeout=10_000)
    again = server.notified()[-1]
    qtbot.waitUntil(lambda: controller.notifier.notification_id == again["id"], timeout=5000)
    # A click on another notification's button (not ours) changes nothing: the bus
    # delivers the two clicks in order, so once ours has started the session, the other
    # one has been heard and ignored.
    server.click(again["id"] + 100, "skip")
    server.click(again["id"], "start")
    qtbot.waitUntil(lambda: window.sessions.active(), timeout=5000)
    assert ReminderOutcome.SKIPPED not in [outcome for _, outcome in outcomes(window, qtbot)]
    assert window.isVisible()
    controller.shut_down()


def test_the_notification_in_japanese(server: FakeServer, on_test_bus: Any, make_app: Any,
                                      qtbot: QtBot, clock: FakeClock) -> None:
    window = make_app(Lang.JA).window
    controller = controller_of(window)
    set_reminder(window, qtbot, clock, "daily", "08:45")
    time_passes(controller, clock, qtbot, 15)
    qtbot.waitUntil(lambda: len(server.notified()) == 1, timeout=10_000)
    (sent,) = server.notified()
    assert sent["summary"] == "膝裏ケアの時間です"
    assert sent["body"] == "08:45です。膝裏ケア プログラムの時間です。"
    assert sent["actions"][1::2] == ["KneeCare を開く", "今すぐ開始", "10分後に再通知",
                                     "30分後に再通知", "1時間後に再通知", "今日はスキップ"]
    qtbot.waitUntil(lambda: controller.notifier.notification_id == sent["id"], timeout=5000)
    server.click(sent["id"], "skip")
    qtbot.waitUntil(lambda: outcomes(window, qtbot) == [("08:45", ReminderOutcome.SKIPPED)],
                    timeout=5000)
    controller.shut_down()


def test_a_server_without_buttons_brings_the_window_forward(
        bus_address: str, on_test_bus: Any, make_app: Any, qtbot: QtBot,
        clock: FakeClock) -> None:
    fake = FakeServer(bus_address, "--no-actions")
    try:
        window = make_app(Lang.EN).window
        controller = controller_of(window)
        window.hide()
        set_reminder(window, qtbot, clock, "daily", "08:45")
        time_passes(controller, clock, qtbot, 15)
        qtbot.waitUntil(lambda: len(fake.notified()) == 1, timeout=10_000)
        qtbot.waitUntil(window.isVisible, timeout=5000)  # the banner's buttons are there
        assert controller.banner.isVisible()
        controller.shut_down()
    finally:
        fake.stop()
