"""Keep the screen awake while a session runs; best-effort, never an error.

Linux: the freedesktop ScreenSaver ``Inhibit``/``UnInhibit`` calls over D-Bus, made
asynchronously so the GUI thread never waits. Windows: ``SetThreadExecutionState``.
Elsewhere, or without a session bus, nothing happens.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusPendingCall

log = logging.getLogger(__name__)

_SERVICE = "org.freedesktop.ScreenSaver"
_PATH = "/org/freedesktop/ScreenSaver"
_ES_CONTINUOUS = 0x80000000
_ES_DISPLAY_REQUIRED = 0x00000002


class ScreenAwake(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cookie: int | None = None
        self._held = False
        self._watchers: list[QObject] = []

    @property
    def held(self) -> bool:
        return self._held

    def hold(self, reason: str) -> None:
        if self._held:
            return
        self._held = True
        if sys.platform == "win32":
            self._windows(_ES_CONTINUOUS | _ES_DISPLAY_REQUIRED)
        elif sys.platform.startswith("linux"):
            self._dbus_inhibit(reason)

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        if sys.platform == "win32":
            self._windows(_ES_CONTINUOUS)
        elif self._cookie is not None:
            self._dbus_call("UnInhibit", self._cookie)
            self._cookie = None

    # -- platforms ------------------------------------------------------------------------
    def _windows(self, flags: int) -> None:
        try:
            import ctypes

            ctypes.windll.kernel32.SetThreadExecutionState(flags)  # type: ignore[attr-defined]
        except (OSError, AttributeError) as error:
            log.debug("could not change the screen-saver state: %s", error)

    def _dbus_inhibit(self, reason: str) -> None:
        pending = self._dbus_call("Inhibit", "KneeCare", reason)
        if pending is None:
            return
        from PySide6.QtDBus import QDBusPendingCallWatcher

        watcher = QDBusPendingCallWatcher(pending, self)
        self._watchers.append(watcher)

        def done(w: QDBusPendingCallWatcher) -> None:
            self._watchers.remove(w)
            reply = w.reply()
            arguments = reply.arguments() if reply is not None else []
            if arguments and self._held:
                self._cookie = int(arguments[0])
            elif arguments:  # released before the reply came: undo at once
                self._dbus_call("UnInhibit", int(arguments[0]))
            w.deleteLater()

        watcher.finished.connect(done)

    def _dbus_call(self, method: str, *args: object) -> QDBusPendingCall | None:
        """Send a method call without waiting (QDBusInterface would introspect, blocking)."""
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusMessage
        except ImportError:
            return None
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.debug("no D-Bus session bus: the screen saver is left alone")
            return None
        message = QDBusMessage.createMethodCall(_SERVICE, _PATH, _SERVICE, method)
        message.setArguments(list(args))
        return bus.asyncCall(message)
