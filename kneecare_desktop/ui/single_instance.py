"""One app per person: a second start hands over to the first, which comes to the front.

Two copies writing one history would be safe (SQLite's locking and WAL), but two timers
beeping and two windows showing different sessions would not be; so the second copy
only wakes the first and exits.

Who is first is decided by a lock file in the data folder (QLockFile: atomic, and a lock
left by a crashed app is recognised by its process id). A second copy wakes the first by
writing a small request file next to it, which the first watches (QFileSystemWatcher) and
removes. Both are in QtCore: a local socket server would load QtNetwork, about 6 MB.
"""

from __future__ import annotations

import logging
import os
from enum import Enum

from PySide6.QtCore import QDeadlineTimer, QFileSystemWatcher, QLockFile, QObject, QThread, Signal

from kneecare_desktop.paths import AppPaths

log = logging.getLogger(__name__)
WAKE_TIMEOUT_MS = 5000  # how long a second copy waits for the first to answer
POLL_MS = 50


class Claim(Enum):
    FIRST = "first"  # this copy runs the app
    HANDED_OVER = "handed over"  # the running copy came to the front; this one exits
    NO_ANSWER = "no answer"  # another copy holds the folder but did not answer


class SingleInstance(QObject):
    activated = Signal()  # another start asked this one to come to the front

    def __init__(self, paths: AppPaths, parent: QObject | None = None,
                 wake_timeout_ms: int = WAKE_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self.paths = paths
        self.wake_timeout_ms = wake_timeout_ms
        self._lock = QLockFile(str(paths.instance_lock))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self._watcher: QFileSystemWatcher | None = None

    def claim(self) -> Claim:
        """Run the app here, or wake the copy that runs it."""
        if self._lock.tryLock(0):
            return Claim.FIRST
        if self._lock.error() is not QLockFile.LockError.LockFailedError:
            # The lock file cannot be written (a read-only folder, say): never refuse to
            # start because of that; only the hand-over is lost.
            log.warning("single-instance lock unavailable: %s", self._lock.error())
            return Claim.FIRST
        if self._wake_first():
            return Claim.HANDED_OVER
        # No answer: the first copy may just have quit, leaving the folder to us.
        if self._lock.tryLock(0):
            return Claim.FIRST
        log.info("the running copy did not answer within %d ms", self.wake_timeout_ms)
        return Claim.NO_ANSWER

    def listen(self) -> None:
        """Answer later starts (called once the window is on screen)."""
        if self._watcher is not None or not self._lock.isLocked():
            return
        self._watcher = QFileSystemWatcher([str(self.paths.wake_request.parent)], self)
        self._watcher.directoryChanged.connect(self._check_request)
        self._check_request()  # a start that came while this one was starting up

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePaths(self._watcher.directories())
        self._lock.unlock()

    def _wake_first(self) -> bool:
        request = self.paths.wake_request
        try:
            request.write_text(f"{os.getpid()}\n", encoding="utf-8")
        except OSError as error:
            log.warning("cannot ask the running copy to come to the front: %s", error)
            return False
        deadline = QDeadlineTimer(self.wake_timeout_ms)
        while request.exists():
            if deadline.hasExpired():
                request.unlink(missing_ok=True)
                return False
            # This copy shows no window and exits next, so waiting here blocks no one.
            QThread.msleep(POLL_MS)
        return True

    def _check_request(self, _folder: str = "") -> None:
        request = self.paths.wake_request
        if not request.exists():
            return
        try:
            request.unlink()
        except FileNotFoundError:
            return  # another handler of the same change took it
        except OSError as error:
            log.warning("cannot remove %s: %s", request, error)
        self.activated.emit()
