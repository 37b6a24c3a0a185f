"""The app's link to the history: every read and write runs on the writer's thread.

Results come back as Qt signals, which Qt delivers on the GUI thread, so the window
never waits for the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from kneecare_desktop.history.records import Person, SessionRow
from kneecare_desktop.history.server_copy import ServerCopy
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.history.writer import (
    CLOSING_THREAD_NAME,
    HistoryWriter,
    ServerTarget,
    WriterStatus,
)

log = logging.getLogger(__name__)
RETRY_INTERVAL_MS = 30_000


class HistoryService(QObject):
    opened = Signal(object)  # OpenReport
    status_changed = Signal(object)  # WriterStatus
    interrupted_found = Signal(object)  # list[SessionRow]
    person_known = Signal(object)  # Person
    _result = Signal(object, object)  # callback, value: hop to the GUI thread

    def __init__(self, path: Path, parent: QObject | None = None,
                 server: ServerTarget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.server = server  # a clinic's server: this PC's file is then its queue
        self.person: Person | None = None
        self.status = WriterStatus(True, 0)
        self._result.connect(self._deliver)
        self.writer = HistoryWriter(path, on_status=lambda s: self._emit("status_changed", s),
                                    on_open=lambda r: self._emit("opened", r), server=server)
        self.status_changed.connect(self._on_status)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_INTERVAL_MS)
        self._retry.timeout.connect(self.writer.retry)
        self.run(lambda store: store.default_person(), self._set_person)
        self.run(lambda store: store.recover_interrupted(), self._found_interrupted)
        QTimer.singleShot(0, self, self._restate_status)

    def _restate_status(self) -> None:
        """Said again once the window has connected: the writer starts at once, and one
        that failed to open (a read-only folder) may have said so before anyone listened."""
        status = self.writer.status
        if not status.healthy or status.offline:
            self.status_changed.emit(status)

    def run(self, action: Callable[[HistoryStore], Any],
            done: Callable[[Any], None] | None = None, owner: QObject | None = None,
            offline: Callable[[ServerCopy], Any] | None = None) -> None:
        """Run ``action(store)`` on the writer thread, then ``done(result)`` on this one.

        ``done`` is dropped if ``owner`` (or the object ``done`` is a method of) has been
        deleted meanwhile: a dialog closed before its answer came back. ``offline``: a
        read of the people, answered from this PC's copy of them when a clinic server
        cannot be reached (``HistoryWriter.call``)."""
        if done is None:
            self.writer.call(action, offline=offline)
            return
        if owner is None:
            bound_to = getattr(done, "__self__", None)
            owner = bound_to if isinstance(bound_to, QObject) else None
        self.writer.call(action, lambda value: self._emit("_result", (done, owner), value),
                         offline)

    def _emit(self, signal: str, *args: object) -> None:
        """From the writer's thread. A closed window's service may be gone before the
        writer's last operations end (closing never waits for them): then nobody is left
        to tell."""
        try:
            if shiboken6.isValid(self):
                getattr(self, signal).emit(*args)
        except RuntimeError:  # deleted between the check and the emit
            log.debug("history: %s after the window closed, not delivered", signal)

    def close(self) -> None:
        """Stop after what is queued; never waits (``wait_for_writers`` does, at exit)."""
        self._retry.stop()
        self.writer.close(timeout=None)

    @property
    def person_id(self) -> int:
        return self.person.id if self.person is not None else 1

    def _deliver(self, target: tuple[Callable[[Any], None], QObject | None],
                 value: Any) -> None:
        callback, owner = target
        if owner is not None and not shiboken6.isValid(owner):
            return
        callback(value)

    def _set_person(self, person: Person | None) -> None:
        if person is not None:
            self.person = person
            self.person_known.emit(person)

    def _found_interrupted(self, rows: list[SessionRow] | None) -> None:
        if rows:
            self.interrupted_found.emit(rows)

    def _on_status(self, status: WriterStatus) -> None:
        self.status = status
        if status.offline and not status.permanent:  # the server: tried again, unseen
            if not self._retry.isActive():
                self._retry.start()
        elif status.healthy or status.permanent:  # a damaged file: retrying cannot help
            self._retry.stop()
        elif not self._retry.isActive():
            self._retry.start()


def wait_for_writers(timeout: float = 10.0) -> bool:
    """At exit, after the last window: let every closed history finish its last writes
    (the writer's thread is a daemon, so that a disk that never answers cannot keep the
    app alive for ever). True when all have finished within ``timeout``."""
    import threading
    import time

    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread.name == CLOSING_THREAD_NAME:
            thread.join(max(0.0, deadline - time.monotonic()))
    return not any(t.name == CLOSING_THREAD_NAME and t.is_alive()
                   for t in threading.enumerate())
