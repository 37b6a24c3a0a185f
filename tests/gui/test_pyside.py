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


def test_pysides_import_watch_gets_the_same_answers_without_reading_into_linecache(
) -> None:
    """``kneecare_desktop.ui`` answers PySide's "does this module use PySide6?" by
    reading the file's bytes; the answers are PySide's own (``inspect.getsource``)."""
    import inspect
    import linecache

    import kneecare_desktop.ui
    import kneecare_desktop.ui.main_window  # more modules to ask about

    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside.reads_bytes

    def pysides_answer(module: object) -> bool:
        try:
            return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
        except (TypeError, OSError, SyntaxError):
            return False

    modules = [m for m in list(sys.modules.values()) if m is not None]
    assert len(modules) > 100
    assert [feature._mod_uses_pyside(m) for m in modules] == [
        pysides_answer(m) for m in modules]
    linecache.clearcache()
    feature._mod_uses_pyside(kneecare_desktop.ui)
    assert linecache.cache == {}
