"""Qt's own sound and speech in a child process, as the app uses them, for the audio
harness's self-tests (run with the sound server's environment, see plumbing.py):

    python tests/audio/qt_child.py devices
    python tests/audio/qt_child.py beeps SCHEDULE.json
    python tests/audio/qt_child.py speak ENGINE TEXT [TEXT ...]
    python tests/audio/qt_child.py late VARIABLES.json nothing|import|use

Prints one JSON object on standard output. Times are time.monotonic(), the same clock
as the parent's recording.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, QUrl


def wait(app: QCoreApplication, done: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.001)
    return True


def devices(app: QCoreApplication) -> dict[str, Any]:
    from PySide6.QtMultimedia import QMediaDevices

    return {"outputs": [d.description() for d in QMediaDevices.audioOutputs()],
            "default": QMediaDevices.defaultAudioOutput().description()}


def beeps(app: QCoreApplication, schedule_file: str) -> dict[str, Any]:
    """SCHEDULE: {"lead": s, "plays": [[at_s, wav_path, volume], ...]}: each WAV played
    by a QSoundEffect (one per file, as the app has one per kind) ``at_s`` after the
    start, the start being ``lead`` after all are loaded."""
    from PySide6.QtMultimedia import QSoundEffect

    schedule = json.loads(Path(schedule_file).read_text(encoding="utf-8"))
    effects: dict[str, QSoundEffect] = {}
    for _, path, volume in schedule["plays"]:
        if path not in effects:
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(path))
            effect.setVolume(volume)
            effects[path] = effect
    wait(app, lambda: all(e.status() in (QSoundEffect.Status.Ready, QSoundEffect.Status.Error)
                          for e in effects.values()), 10)
    status = {path: e.status().name for path, e in effects.items()}
    start = time.monotonic() + schedule["lead"]
    calls: list[list[Any]] = []
    timers = []

    def play(path: str, at: float) -> None:
        calls.append([path, time.monotonic(), at])
        effects[path].play()

    for at, path, _ in schedule["plays"]:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(lambda path=path, at=start + at: play(path, at))
        timer.start(max(0, round((start + at - time.monotonic()) * 1000)))
        timers.append(timer)
    wait(app, lambda: len(calls) == len(schedule["plays"]), 120)
    last = max(at for at, _, _ in schedule["plays"])
    wait(app, lambda: time.monotonic() > start + last + 1.0, 10)
    return {"status": status, "calls": calls, **devices(app)}


def speak(app: QCoreApplication, engine: str, texts: list[str]) -> dict[str, Any]:
    """Each text said in English by QTextToSpeech(ENGINE), one after the other."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    created = time.monotonic()
    speech = QTextToSpeech(engine)
    states: list[list[Any]] = []
    speech.stateChanged.connect(lambda state: states.append([state.name, time.monotonic()]))
    constructed = time.monotonic()
    settled = (QTextToSpeech.State.Ready, QTextToSpeech.State.Error)
    wait(app, lambda: speech.state() in settled, 15)
    result: dict[str, Any] = {
        "engine": speech.engine(), "created": created, "constructed": constructed,
        "ready_at": time.monotonic(), "state": speech.state().name,
        "error": speech.errorString(), "engines": QTextToSpeech.availableEngines()}
    if speech.state() != QTextToSpeech.State.Ready:
        return result
    english = [loc for loc in speech.availableLocales()
               if loc.language() == QLocale.Language.English]
    result["english_voices"] = len(english)
    if english:
        speech.setLocale(english[0])
    calls = []
    for text in texts:
        before = len(states)
        calls.append([text, time.monotonic()])
        speech.say(text)
        wait(app, lambda before=before: any(s == "Speaking" for s, _ in states[before:]), 15)
        wait(app, lambda: speech.state() in settled, 30)
    result.update(calls=calls, states=states, final=speech.state().name,
                  error=speech.errorString())
    return result


def late(app: QCoreApplication, variables: str, before: str) -> dict[str, Any]:
    """Started with no sound server (PULSE_SERVER at a dead socket); ``before`` is
    "nothing", "import" (QtMultimedia imported) or "use" (QMediaDevices asked); then the
    server's ``variables`` (JSON) go into os.environ and a tick is played."""
    if before in ("import", "use"):
        from PySide6.QtMultimedia import QMediaDevices
    if before == "use":
        QMediaDevices.audioOutputs()
    os.environ.update(json.loads(variables))
    tick = Path(__file__).resolve().parents[2] / "kneecare_desktop/ui/resources/sounds/tick.wav"
    schedule = Path(os.environ["KNEECARE_HOME"]) / "late.json"
    schedule.write_text(json.dumps({"lead": 0.2, "plays": [[0.0, str(tick), 1.0]]}),
                        encoding="utf-8")
    return beeps(app, str(schedule))


def main() -> None:
    command, *args = sys.argv[1:]
    if command == "late":
        os.environ["PULSE_SERVER"] = "unix:/nonexistent/native"
    app = QCoreApplication(sys.argv[:1])
    if command == "late":
        result = late(app, *args)
    elif command == "devices":
        result = devices(app)
    elif command == "beeps":
        result = beeps(app, args[0])
    elif command == "speak":
        result = speak(app, args[0], args[1:])
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
