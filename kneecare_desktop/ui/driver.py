"""The only timer of a session: it wakes the engine exactly when something is due.

A single-shot ``PreciseTimer`` is armed for the session's next wakeup (the next
displayed-second boundary, tick or deadline). Each time it fires, the driver calls
``Session.update()`` and re-emits every event as a signal. Nothing is counted: the
engine computes remaining time from deadlines, so a late timer never drifts. While the
session is paused, idle or over, no timer runs at all.

Qt's timers count whole milliseconds, and its event loop waits in whole milliseconds
(``poll``): a timer armed for the moment itself fires 1-2 ms after it (p50 2.3 ms in
``benchmarks/timing.py``). So the timer is armed to wake a little early (``EARLY_S``),
and the last moments are waited out in the event loop itself (a zero timer, which
still handles every other event): the update comes within a fraction of a millisecond
of the moment, for at most a few milliseconds of the event loop's time a second, and
with no extra sleep and wake-up of the thread.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kneecare_desktop.session.engine import Session
from kneecare_desktop.session.events import Event, SessionFinished, SessionStopped, StopReason

EARLY_S = 0.002  # the timer wakes this much before the moment, at most (real seconds)


class SessionDriver(QObject):
    """Forwards commands to a :class:`Session` and its events to the UI."""

    ticked = Signal()  # first, after every update: draw the countdown now
    event_occurred = Signal(object)  # each core Event, in order
    refreshed = Signal()  # after every update: redraw from the session's state
    state_changed = Signal(object)  # SessionState
    ended = Signal(object)  # the final SessionFinished or SessionStopped event

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        self._state = session.state
        self.armed_for: float | None = None  # when (session clock) the timer is due

    # -- commands ------------------------------------------------------------------------
    def start(self, after_block: int | None = None) -> None:
        self._handle(self.session.start(after_block))

    def poll(self) -> None:
        """Bring the session up to now (the timer calls this; tests may too)."""
        self._handle(self.session.update())

    def toggle_pause(self) -> None:
        self._handle(self.session.toggle_pause())

    def pause(self) -> None:
        self._handle(self.session.pause())

    def resume(self) -> None:
        self._handle(self.session.resume())

    def skip(self) -> None:
        self._handle(self.session.skip())

    def back(self) -> None:
        self._handle(self.session.back())

    def repeat_set(self) -> None:
        self._handle(self.session.repeat_set())

    def rep_done(self) -> None:
        self._handle(self.session.rep_done())

    def extend(self) -> None:
        self._handle(self.session.extend())

    def stop(self, reason: StopReason = StopReason.USER) -> None:
        self._handle(self.session.stop(reason))

    # -- state -------------------------------------------------------------------------
    def timer_active(self) -> bool:
        return self._timer.isActive()

    def _handle(self, events: list[Event]) -> None:
        self._rearm()
        # The countdown before anything else (the events' sounds and records, every other
        # label): what a person watches is drawn first, even on a busy machine.
        self.ticked.emit()
        for event in events:
            self.event_occurred.emit(event)
        if self.session.state is not self._state:
            self._state = self.session.state
            self.state_changed.emit(self._state)
        self.refreshed.emit()
        for event in events:
            if isinstance(event, SessionFinished | SessionStopped):
                self.ended.emit(event)

    def _rearm(self) -> None:
        self.armed_for = self.session.next_wakeup()
        if self.armed_for is None:
            self._timer.stop()
            return
        self._arm()

    def _arm(self) -> None:
        """Wake early (``EARLY_S``, Qt's timers are late by whole milliseconds), or at the
        next turn of the event loop once the moment is that close."""
        assert self.armed_for is not None
        clock = self.session.clock
        delay = (self.armed_for - clock.monotonic()) / clock.rate
        self._timer.start(max(0, math.floor((delay - EARLY_S) * 1000)))

    def _on_timer(self) -> None:
        """The timer woke: bring the session up to now if its moment has come, else
        wait out the rest (never more than ``EARLY_S`` or so) without sleeping."""
        if self.armed_for is not None:
            clock = self.session.clock
            if clock.monotonic() < self.armed_for:
                self._arm()
                return
        self.poll()
