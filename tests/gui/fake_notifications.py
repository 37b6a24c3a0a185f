"""A small freedesktop notification server for tests, on the bus the environment names.

Run as a program: it registers ``org.freedesktop.Notifications`` on
``$DBUS_SESSION_BUS_ADDRESS``, prints ``ready`` and then one JSON line per call it gets
(``Notify`` with its arguments, ``CloseNotification``), and reads commands on its standard
input: ``invoke ID KEY`` answers notification ID with the action KEY (the signal
``ActionInvoked``, as a person's click does), ``close ID`` closes it (``NotificationClosed``,
reason 2: dismissed). With ``--no-actions`` it says it cannot show buttons.
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def say(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")  # the test reads it
    sys.stdout.flush()


@ClassInfo({"D-Bus Interface": SERVICE})
class Server(QObject):
    ActionInvoked = Signal("uint", str)  # the interface's own names
    NotificationClosed = Signal("uint", "uint")

    def __init__(self, actions: bool) -> None:
        super().__init__()
        self.next_id = 1
        self.actions = actions

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:  # noqa: N802
        return ["body", "actions"] if self.actions else ["body"]

    @Slot(result="QString")
    def Ping(self) -> str:  # noqa: N802
        return "pong"

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app: str, replaces: int, icon: str, summary: str, body: str,  # noqa: N802
               actions: list[str], hints: dict[str, object], timeout: int) -> int:
        number = replaces or self.next_id
        if not replaces:
            self.next_id += 1
        say(call="Notify", id=number, app=app, replaces=replaces, icon=icon, summary=summary,
            body=body, actions=list(actions), hints={k: str(v) for k, v in hints.items()},
            timeout=timeout)
        return number

    @Slot("uint")
    def CloseNotification(self, number: int) -> None:  # noqa: N802
        say(call="CloseNotification", id=number)
        self.NotificationClosed.emit(number, 3)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    server = Server(actions="--no-actions" not in sys.argv)
    bus = QDBusConnection.sessionBus()
    options = (QDBusConnection.RegisterOption.ExportAllSlots
               | QDBusConnection.RegisterOption.ExportAllSignals)
    if not (bus.registerObject(PATH, server, options) and bus.registerService(SERVICE)):
        say(call="error", message=bus.lastError().message())
        return 1

    pending = [b""]  # what was read past the last whole line

    def command() -> None:
        # Read what is there without Python's buffering: a buffered readline would take
        # two lines that came together and leave the second unseen until more input.
        data = os.read(sys.stdin.fileno(), 65536)
        if not data:
            app.quit()
            return
        *lines, pending[0] = (pending[0] + data).split(b"\n")
        for line in lines:
            words = line.decode().split()
            if words[:1] == ["invoke"]:
                server.ActionInvoked.emit(int(words[1]), words[2])
            elif words[:1] == ["close"]:
                server.NotificationClosed.emit(int(words[1]), 2)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    say(call="ready")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
