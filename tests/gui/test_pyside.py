"""Guards against a Qt binding that would crash a long session.

PySide6 6.12.0 on Python 3.11 hands back ``True``/``None`` from ``Signal.emit`` and
``processEvents`` without a reference; after enough calls the interpreter aborts with
"deallocating True". A long session emits that many signals, so the project pins a
version without the bug, and this test fails on one that has it.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    event = Signal(object)
source = Source()
received = []
source.event.connect(received.append)
for i in range(150_000):
    source.event.emit((i, True, None))
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 0)
print(len(received))
"""


def test_many_signals_do_not_break_the_interpreter() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "150000"
