"""The only timer of a session: it wakes the engine exactly when something is due.

A single-shot ``PreciseTimer`` is armed for the session's next wakeup (the next
displayed-second boundary, tick or deadline). Each time it fires, the driver calls
``Session.update()`` and re-emits every event as a signal. Nothing is counted: the
engine computes remaining time from deadlines, so a late timer never drifts. While the
session is paused, idle or over, no timer runs at all.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kneecare_desktop.session.engine import Session
from kneecare_desktop.session.events import Event, SessionFinished, SessionStopped, StopReason


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
        self._timer.timeout.connect(self.poll)
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
        wake = self.session.next_wakeup()
        self.armed_for = wake
        if wake is None:
            self._timer.stop()
            return
        clock = self.session.clock
        delay = (wake - clock.monotonic()) / clock.rate
        self._timer.start(max(0, math.ceil(delay * 1000)))
