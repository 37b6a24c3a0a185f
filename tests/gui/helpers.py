"""Helpers shared by the GUI tests."""

from __future__ import annotations

from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.main_window import MainWindow


def advance(window: MainWindow, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Let time pass on the fake clock, with the regular wake-ups the real timer makes."""
    assert window.sessions.driver is not None
    target = clock.monotonic() + seconds
    while clock.monotonic() < target - 1e-9:
        clock.set(min(target, clock.monotonic() + step))
        window.sessions.driver.poll()
