"""The session's timer on a real clock: every change comes at its moment, never before.

On Linux the driver's alarm is a kernel timer; elsewhere a Qt timer that wakes a little
early (Qt's timers are late by whole milliseconds), the driver waiting out the rest in
the event loop. These tests hold both to what a person would notice: a second shown
before its time, a moment skipped, or a moment shown twice.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from pytestqt.qtbot import QtBot

from kneecare_desktop.library.files import load_library
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.session.clock import ScaledClock
from kneecare_desktop.session.engine import Session
from kneecare_desktop.ui.driver import SessionDriver

RATE = 8.0  # the session's seconds pass 8 times as fast: a 3 s hold takes 0.4 s
pytestmark = pytest.mark.usefixtures("alarm_kind")  # both kinds of alarm (conftest.py)


def test_each_moment_is_shown_at_its_time_not_before_and_once(qtbot: QtBot) -> None:
    library = load_library(shipped_routines_dir())
    plan = compile_plan(library.routines["hip-hinge"])
    clock = ScaledClock(rate=RATE)
    session = Session(plan, clock)
    driver = SessionDriver(session)
    shown: list[tuple[float, float | None]] = []  # (when it was shown, the next moment)
    driver.ticked.connect(lambda: shown.append((clock.monotonic(), driver.armed_for)))
    driver.start()
    # A few seconds of the session: its first moments.
    qtbot.waitUntil(lambda: len(shown) >= 12, timeout=10_000)
    ticks = shown[:12]
    driver.stop()
    moments = [armed for _when, armed in ticks[:-1]]
    updates = [when for when, _armed in ticks[1:]]
    for moment, update in zip(moments, updates, strict=False):
        assert moment is not None
        assert update >= moment, "a change was shown before its moment"
    # Each update was for the moment armed before it: none skipped, none repeated.
    assert all(b is not None and a is not None and b > a
               for a, b in pairwise(moments))


def test_a_paused_session_keeps_no_timer(qtbot: QtBot) -> None:
    library = load_library(shipped_routines_dir())
    plan = compile_plan(library.routines["calf-wall"])
    driver = SessionDriver(Session(plan, ScaledClock(rate=RATE)))
    driver.start()
    assert driver.timer_active()
    driver.pause()
    assert not driver.timer_active()
    driver.resume()
    assert driver.timer_active()
    driver.stop()
    assert not driver.timer_active()
