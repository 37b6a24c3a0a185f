"""The session's alarm: it fires once, never before its moment, not once stopped, and
leaves nothing open when it goes."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kneecare_desktop.ui.alarm import EARLY_S, Alarm


def test_it_fires_once_and_not_before_its_moment(qtbot: QtBot, alarm_kind: str) -> None:
    alarm = Alarm()
    assert alarm.precise is (alarm_kind == "kernel")
    early = 0.0 if alarm.precise else EARLY_S  # the driver waits out the rest
    fired: list[float] = []
    alarm.fired.connect(lambda: fired.append(time.monotonic()))
    for delay in (0.03, 0.0005, 0.0, -0.01):  # a moment already past fires at once
        fired.clear()
        due = time.monotonic() + delay
        alarm.start(delay)
        assert alarm.is_active()
        qtbot.waitUntil(lambda: bool(fired), timeout=2000)
        assert fired[0] >= due - early, (delay, fired[0] - due)
        assert not alarm.is_active()
        with qtbot.assertNotEmitted(alarm.fired, wait=50):
            pass  # once, not again
    assert len(fired) == 1


def test_set_again_it_fires_at_the_new_moment_only(qtbot: QtBot, alarm_kind: str) -> None:
    alarm = Alarm()
    fired: list[float] = []
    alarm.fired.connect(lambda: fired.append(time.monotonic()))
    alarm.start(0.01)
    due = time.monotonic() + 0.06
    alarm.start(0.06)  # moved later before it fired: the first moment is gone
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    assert fired[0] >= due - EARLY_S
    assert len(fired) == 1


def test_stopped_it_does_not_fire_even_if_its_moment_has_passed(qtbot: QtBot,
                                                                   alarm_kind: str) -> None:
    alarm = Alarm()
    alarm.start(0.0)
    due = time.monotonic()
    while time.monotonic() < due + 0.005:
        pass  # the moment passes before the event loop runs again
    alarm.stop()
    assert not alarm.is_active()
    with qtbot.assertNotEmitted(alarm.fired, wait=50):
        pass


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux kernel timer")
def test_on_linux_it_is_a_kernel_timer_closed_when_the_alarm_goes(qtbot: QtBot) -> None:
    fds = Path("/proc/self/fd")
    before = len(os.listdir(fds))
    parent = QObject()
    alarms = [Alarm(parent) for _ in range(20)]
    assert all(alarm.precise for alarm in alarms)
    assert len(os.listdir(fds)) == before + 20
    alarms[0].start(0.001)
    del alarms
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent))
    QApplication.processEvents()
    assert len(os.listdir(fds)) == before
