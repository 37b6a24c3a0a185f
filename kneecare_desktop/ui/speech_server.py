"""The speech process: the system's speech engine, away from the app's window.

``kneecare --speech-server ENGINE`` (started by ``speech.py``, never by a user) makes the
engine, writes one line saying what it speaks, then reads what to say from its standard
input and writes when it starts and stops speaking. One JSON object per line each way:

    in:  {"say": TEXT, "lang": "ja", "volume": 0.8, "utterance": 3}   {"stop": true}
    out: {"engine": NAME, "error": TEXT, "voices": {"en": VOICE}}   (first, once)
         {"speaking": 3}   {"idle": 3}   {"failed": TEXT}

It ends when its standard input closes: when the app quits, or dies. A
speech-dispatcher that never answers holds the engine's constructor for good, and PySide
holds Python's lock all that time, so no thread of this process can act on a closed input
then: on Linux the kernel is asked to end it when the app's process ends
(``PR_SET_PDEATHSIG``); elsewhere the input thread ends it ``EXIT_AFTER_S`` after its input
closed, once it can run.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import sys
import threading
from typing import IO, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kneecare_desktop.model import Lang
from kneecare_desktop.ui.speech_engine import VoiceEngine

log = logging.getLogger(__name__)

EXIT_AFTER_S = 2.0  # once the input closed: the time the event loop has to end cleanly
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _end_with_the_app() -> None:
    """Linux: the kernel kills this process when the app's process ends, however."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError) as error:
        log.info("speech process: cannot ask to end with the app (%s)", error)
        return
    if os.getppid() == 1:  # the app ended before the request was made
        os._exit(0)


class _Input(QObject):
    """Lines read on a thread of their own (a pipe cannot be watched by Qt on Windows)."""

    line = Signal(bytes)
    closed = Signal()

    def read(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            self.line.emit(raw)
        self.closed.emit()
        # The event loop ends the process at once; if it does not (the engine is still
        # being made, and will never be), nothing is left to lose: end it here.
        threading.Event().wait(EXIT_AFTER_S)
        os._exit(0)


def run(engine_name: str, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    """Serve ``engine_name`` ("" for the system's own) until the input closes."""
    _end_with_the_app()
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    out = stdout or sys.stdout

    def send(message: dict[str, Any]) -> None:
        out.write(json.dumps(message, ensure_ascii=False) + "\n")
        out.flush()

    engine = VoiceEngine()

    def obey(raw: bytes) -> None:
        try:
            order = json.loads(raw)
            if order.get("stop"):
                engine.stop()
            else:
                engine.say(int(order["utterance"]), str(order["say"]), Lang(order["lang"]),
                           float(order["volume"]))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            log.warning("speech process: a line it cannot read (%s): %r", error, raw[:200])

    reader = _Input()
    reader.line.connect(obey)
    reader.closed.connect(app.quit)
    threading.Thread(target=reader.read, args=(stdin or sys.stdin.buffer,), name="input",
                     daemon=True).start()
    answer = engine.make(engine_name)  # may take seconds, or never end: see above
    send({"engine": answer.engine, "error": answer.error,
          "voices": {lang.value: name for lang, name in answer.voices.items()}})
    engine.speaking.connect(lambda utterance: send({"speaking": utterance}))
    engine.idle.connect(lambda utterance: send({"idle": utterance}))
    engine.failed.connect(lambda text: send({"failed": text}))
    status: int = app.exec()
    engine.stop()
    return status
