"""Clocks for the session engine: the system's, and a fake one that tests move by hand."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    @property
    def rate(self) -> float:
        """How many clock seconds pass per real second (1.0 but for a sped-up clock).

        The Qt layer arms its real timers for ``delay / rate``."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back and that counts time spent suspended."""
        ...

    def now(self) -> datetime:
        """The wall-clock time, timezone-aware, for records."""
        ...


def _suspend_aware_clock_id() -> int | None:
    """The clock id that keeps counting while the machine sleeps, where there is one.

    Linux: ``CLOCK_BOOTTIME``; ``CLOCK_MONOTONIC`` stops during suspend.
    macOS: ``CLOCK_MONOTONIC`` (``mach_continuous_time``) counts sleep, unlike
    ``time.monotonic``. Windows: ``time.monotonic`` (QueryPerformanceCounter) already
    counts it, so no id is needed.
    """
    if sys.platform.startswith("linux"):
        return getattr(time, "CLOCK_BOOTTIME", None)
    if sys.platform == "darwin":
        return getattr(time, "CLOCK_MONOTONIC", None)
    return None


class SystemClock:
    """The real clock. A laptop's sleep shows up as a gap, which the session treats as an
    interruption instead of silently running through the holds."""

    rate = 1.0

    def __init__(self) -> None:
        self._clock_id = _suspend_aware_clock_id()

    def monotonic(self) -> float:
        if self._clock_id is not None:
            return time.clock_gettime(self._clock_id)
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FakeClock:
    """A clock that only moves when told to; for tests, with no sleeping."""

    rate = 1.0

    def __init__(self, start: float = 1000.0,
                 wall: datetime = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)) -> None:
        self._t = start
        self._start = start
        self._wall = wall

    def monotonic(self) -> float:
        return self._t

    def now(self) -> datetime:
        return self._wall + timedelta(seconds=self._t - self._start)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock never goes back")
        self._t += seconds

    def set(self, t: float) -> None:
        if t < self._t:
            raise ValueError("a monotonic clock never goes back")
        self._t = t


class ScaledClock:
    """The real clock, sped up ``rate`` times, and able to jump ahead.

    Journey tests run the real window, its real timers and paints, on this clock: a
    5-minute program passes in seconds, and "the user waits 8 s" is a jump. The wall
    clock starts at the real time, so "today" in the history is today.
    """

    def __init__(self, rate: float = 1.0, start: float = 1000.0) -> None:
        if rate <= 0:
            raise ValueError("the rate must be positive")
        self.rate = rate
        self._start = start
        self._real_start = time.monotonic()
        self._jumped = 0.0
        self._wall = datetime.now(UTC).astimezone()

    def monotonic(self) -> float:
        return self._start + (time.monotonic() - self._real_start) * self.rate + self._jumped

    def now(self) -> datetime:
        return self._wall + timedelta(seconds=self.monotonic() - self._start)

    def jump(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock never goes back")
        self._jumped += seconds
