"""One app per person: a second start hands over to the first, which comes to the front.

Two copies writing one history would be safe (SQLite's locking and WAL), but two timers
beeping and two windows showing different sessions would not be; so the second copy
only wakes the first and exits.
"""

from __future__ import annotations

import getpass
import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from kneecare_desktop.paths import AppPaths

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_MS = 500


def server_name(paths: AppPaths) -> str:
    """Unique per user and per data folder (KNEECARE_HOME gives a separate instance)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}:{paths.data_dir}".encode()).hexdigest()[:16]
    return f"kneecare-{digest}"


class SingleInstance(QObject):
    activated = Signal()  # another start asked this one to come to the front

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)

    def claim(self) -> bool:
        """True if this is the first instance; False after waking the one that runs."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(b"activate\n")
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)  # left over from a crash
        if not self.server.listen(self.name):
            log.warning("single-instance server unavailable: %s", self.server.errorString())
        return True

    def _on_connection(self) -> None:
        socket = self.server.nextPendingConnection()
        if socket is not None:
            socket.disconnected.connect(socket.deleteLater)
        self.activated.emit()
