"""The only timer of a session: it wakes the engine exactly when something is due.

A one-shot :class:`~kneecare_desktop.ui.alarm.Alarm` is set for the session's next
wakeup (the next displayed-second boundary, tick or deadline). Each time it fires, the
driver calls ``Session.update()`` and re-emits every event as a signal. Nothing is
counted: the engine computes remaining time from deadlines, so a late wake-up never
drifts. While the session is paused, idle or over, no timer runs at all.

On Linux the alarm is a kernel timer set for the moment itself. Where it is a Qt
timer, it fires up to ``EARLY_S`` early (Qt's timers and its event loop count whole
milliseconds, and would otherwise fire 1-2 ms late), and the driver waits out the rest
at the event loop's next turns (a zero wait, which still handles every other event).
Either way an update is never made before its moment.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kneecare_desktop.session.engine import Session
from kneecare_desktop.session.events import Event, SessionFinished, SessionStopped, StopReason
from kneecare_desktop.ui.alarm import Alarm


class SessionDriver(QObject):
    """Forwards commands to a :class:`Session` and its events to the UI."""

    ticked = Signal()  # first, after every update: draw the countdown now
    event_occurred = Signal(object)  # each core Event, in order
    refreshed = Signal()  # after every update: redraw from the session's state
    state_changed = Signal(object)  # SessionState
    ended = Signal(object)  # the final SessionFinished or SessionStopped event
    handled = Signal()  # last, after every update: work that must not delay the countdown

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._alarm = Alarm(self)
        self._alarm.fired.connect(self._on_timer)
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
        return self._alarm.is_active()

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
        self.handled.emit()

    def _rearm(self) -> None:
        self.armed_for = self.session.next_wakeup()
        if self.armed_for is None:
            self._alarm.stop()
            return
        self._arm()

    def _arm(self) -> None:
        """Set the alarm for the moment (in real seconds from now: the clock may run
        faster, for tests and demonstrations)."""
        assert self.armed_for is not None
        clock = self.session.clock
        self._alarm.start((self.armed_for - clock.monotonic()) / clock.rate)

    def _on_timer(self) -> None:
        """The alarm fired: bring the session up to now if its moment has come, else
        (a Qt timer's early wake-up, or a clock that moved more slowly than real time)
        wait out the rest."""
        if self.armed_for is not None:
            clock = self.session.clock
            if clock.monotonic() < self.armed_for:
                self._arm()
                return
        self.poll()
