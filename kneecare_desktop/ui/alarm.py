"""A one-shot wake-up at a precise moment: the session's only timer.

Qt's timers count whole milliseconds and its event loop on Linux (GLib's) sleeps in
whole milliseconds too, so a ``QTimer`` armed for a moment fires 1-2 ms after it. On
Linux the alarm is a kernel timer instead (``timerfd``, set in nanoseconds) watched by
the event loop like any file: the loop sleeps until the moment itself and wakes once,
within the kernel's timer slack (50 us). Elsewhere (or where ``timerfd`` cannot be
made) it is a precise ``QTimer`` armed up to ``EARLY_S`` early; the driver then waits
out the rest at the event loop's next turns (see ``SessionDriver``).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal

log = logging.getLogger(__name__)

EARLY_S = 0.002  # a QTimer wakes this much before the moment, at most (real seconds)
_CLOCK_MONOTONIC = 1
_TFD_NONBLOCK = os.O_NONBLOCK
_TFD_CLOEXEC = os.O_CLOEXEC


@dataclass(frozen=True)
class _TimerFdCalls:
    """The C library's timerfd calls (Python 3.13 has ``os.timerfd_create``; 3.11 does
    not): made once per process and shared by every alarm."""

    libc: Any
    itimerspec: Any  # the ctypes structure type
    byref: Callable[[Any], Any]
    get_errno: Callable[[], int]


@functools.cache
def _timer_fd_calls() -> _TimerFdCalls:
    import ctypes

    class Timespec(ctypes.Structure):
        _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]

    class Itimerspec(ctypes.Structure):
        _fields_ = [("it_interval", Timespec), ("it_value", Timespec)]

    return _TimerFdCalls(ctypes.CDLL(None, use_errno=True), Itimerspec, ctypes.byref,
                         ctypes.get_errno)


class _TimerFd:
    """A Linux ``timerfd`` on CLOCK_MONOTONIC."""

    def __init__(self) -> None:
        self._calls = calls = _timer_fd_calls()
        fd = int(calls.libc.timerfd_create(_CLOCK_MONOTONIC, _TFD_NONBLOCK | _TFD_CLOEXEC))
        if fd < 0:
            raise OSError(calls.get_errno(), "timerfd_create failed")
        self.fd = fd

    def set(self, delay_s: float) -> None:
        """Expire once, ``delay_s`` from now (0 or less: at once); never a zero value,
        which would disarm it."""
        calls = self._calls
        nanoseconds = max(1, round(delay_s * 1e9))
        spec = calls.itimerspec()
        spec.it_value.tv_sec, spec.it_value.tv_nsec = divmod(nanoseconds, 1_000_000_000)
        if calls.libc.timerfd_settime(self.fd, 0, calls.byref(spec), None) != 0:
            raise OSError(calls.get_errno(), "timerfd_settime failed")

    def disarm(self) -> None:
        calls = self._calls
        calls.libc.timerfd_settime(self.fd, 0, calls.byref(calls.itimerspec()), None)
        self.drain()

    def drain(self) -> None:
        with contextlib.suppress(BlockingIOError):  # not expired (or read already)
            os.read(self.fd, 8)


def _make_timer_fd() -> _TimerFd | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return _TimerFd()
    except (OSError, AttributeError) as error:
        log.info("no kernel timer for the session (%s): a Qt timer instead", error)
        return None


class Alarm(QObject):
    """Fires ``fired`` once, at the moment it was set for (real seconds from now)."""

    fired = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active = False
        self._timer_fd = _make_timer_fd()
        self._timer: QTimer | None = None
        self._notifier: QSocketNotifier | None = None
        if self._timer_fd is not None:
            fd = self._timer_fd.fd
            self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_expired)
            self.destroyed.connect(lambda *_args: os.close(fd))
        else:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setTimerType(Qt.TimerType.PreciseTimer)
            self._timer.timeout.connect(self._on_expired)

    @property
    def precise(self) -> bool:
        """True if it fires at the moment itself (a kernel timer), False if it may fire up
        to ``EARLY_S`` before it (a Qt timer)."""
        return self._timer_fd is not None

    def start(self, delay_s: float) -> None:
        self._active = True
        if self._timer_fd is not None:
            self._timer_fd.set(delay_s)
        else:
            assert self._timer is not None
            # (0.03 - 0.002) * 1000 is 27.999999999999996: a float a hair under a whole
            # millisecond counts as that millisecond.
            self._timer.start(max(0, math.floor((delay_s - EARLY_S) * 1000 + 1e-6)))

    def stop(self) -> None:
        self._active = False
        if self._timer_fd is not None:
            self._timer_fd.disarm()
        else:
            assert self._timer is not None
            self._timer.stop()

    def is_active(self) -> bool:
        return self._active

    def _on_expired(self) -> None:
        if self._timer_fd is not None:
            self._timer_fd.drain()
        if not self._active:
            return  # stopped after it had expired, before the loop came to it
        self._active = False
        self.fired.emit()
