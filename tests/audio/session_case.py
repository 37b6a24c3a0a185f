"""The app, as ``kneecare`` starts it, on the real clock, in a process of its own whose
QtMultimedia meets only the private sound server (run by test_session.py and
benchmarks/audio_alignment.py through ``SoundServer.run_pytest``; not collected on its
own).

Its instructions come in KNEECARE_AUDIO_CASE (a sessions.Compressed as JSON, or
``{"program": ..., "lang": ...}``: a shipped item as it is); it writes what the test needs
to place the recording into the JSON file KNEECARE_AUDIO_REPORT: the time.monotonic() of
the key press that started the session, and what the app says it played and said.
"""

from __future__ import annotations

import faulthandler
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kneecare_desktop.model import Lang, SideChoice
from kneecare_desktop.paths import app_paths
from kneecare_desktop.session.clock import ScaledClock, SystemClock
from kneecare_desktop.sound.prompts import PromptBook, shipped_prompts_dir
from kneecare_desktop.sound.status import Engine, Output
from kneecare_desktop.text import phrases as P
from kneecare_desktop.ui.app import Application, start_app
from kneecare_desktop.ui.main_window import MainWindow
from kneecare_desktop.ui.text import format_clock
from tests.audio.sessions import (
    CASE_VARIABLE,
    REPORT_VARIABLE,
    SIGNAL_VARIABLE,
    VOLUME,
    WATCHDOG_VARIABLE,
    Compressed,
    stacks_file,
)
from tests.journeys.user import User
from tests.journeys.words import w

if os.environ.get(WATCHDOG_VARIABLE):  # seconds: then print every thread's stack and end
    # From a thread of C's own: it prints even while a call holds the GIL (a speech
    # engine's start can), where pytest-timeout cannot.
    # Into a file the parent reads (stacks_file): pytest captures the process's stderr
    # into a file of its own, which this exit would leave unread.
    _STACKS = stacks_file(Path(os.environ[REPORT_VARIABLE])).open("w", encoding="utf-8")
    faulthandler.dump_traceback_later(float(os.environ[WATCHDOG_VARIABLE]), exit=True,
                                      file=_STACKS)

START = {Lang.EN: "Start", Lang.JA: "開始"}
FIELDS = {  # the care menu's adjustments, by their accessible names
    Lang.EN: {"hold": "Hold", "sets": "Sets", "legs": "Legs"},
    Lang.JA: {"hold": "キープ", "sets": "セット数", "legs": "行う脚"},
}
LEGS = [SideChoice.BOTH, SideChoice.LEFT, SideChoice.RIGHT]  # the Legs box's order
NO_SOUND = {Lang.EN: "No sound: this computer has no sound output working.",
            Lang.JA: "音が出ません：このパソコンの音声出力が使えません。"}
STARTED: list[float] = []  # when each app launched here had its content
ENGINE_TIMEOUT_MS = 30_000  # speech-dispatcher's engine: 2 s, 5 s on a loaded machine


def instructions() -> dict[str, Any]:
    text = os.environ.get(CASE_VARIABLE, "")
    if not text:
        pytest.skip("run by tests/audio/test_session.py")
    return cast(dict[str, Any], json.loads(text))


def report(data: dict[str, Any]) -> None:
    Path(os.environ[REPORT_VARIABLE]).write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def app_on_real_time(qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                     kneecare_home: Path) -> Iterator[Callable[..., tuple[User, MainWindow]]]:
    started: list[Application] = []

    def launch(lang: Lang, lead_in: int | None = None, tts_engine: str | None = None,
               on_started: Callable[[], None] | None = None) -> tuple[User, MainWindow]:
        paths = app_paths()
        paths.ensure()
        chosen = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        chosen.setValue("session/ask_pain", False)
        chosen.setValue("session/interruption_threshold", 120.0)
        chosen.setValue("cues/volume", VOLUME)
        if lead_in is not None:
            chosen.setValue("session/lead_in", lead_in)  # Settings' get-ready time
        chosen.sync()
        del chosen
        application = start_app(qapp, paths, lang=lang, clock=SystemClock(),
                                tts_engine=tts_engine)
        started.append(application)
        if not application.is_started:
            with qtbot.waitSignal(application.started, timeout=20_000):
                pass
        STARTED.append(time.monotonic())  # the care menu's content is in: probes start
        if on_started is not None:
            on_started()
        # The journeys' person; its ``wait`` (which moves a sped-up clock) is not used.
        user = User(qtbot, cast(ScaledClock, application.clock), monkeypatch)
        # (A session started meanwhile, by ``on_started``'s key, has taken Start away.)
        qtbot.waitUntil(lambda: user.has_button(START[lang])
                        or application.window.sessions.active(), timeout=20_000)
        user.main_window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is not None, timeout=5_000)
        return user, application.window

    yield launch
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isWindow():
            widget.close()
    for application in started:
        application.setParent(None)
    QApplication.processEvents()


def adjust(user: User, case: Compressed) -> None:
    """The care menu's Hold, Sets and Legs, typed and chosen from the keyboard."""
    names = FIELDS[case.lang]
    for name, value in ((names["hold"], case.hold), (names["sets"], case.sets)):
        user.tab_to(name)
        user.press("Ctrl+A")
        user.type(str(value))
        user.press("Tab")
    user.tab_to(names["legs"])
    legs = cast(Any, QApplication.focusWidget())
    steps = LEGS.index(case.legs) - LEGS.index(SideChoice(legs.currentData()))
    user.press("Down" if steps > 0 else "Up", times=abs(steps))
    user.wait_until(lambda: SideChoice(legs.currentData()) is case.legs)


def notice_text(window: MainWindow) -> str:
    label = window.findChild(QLabel, "soundNotice")
    return label.text() if isinstance(label, QLabel) and label.isVisible() else ""


def what_the_app_did(window: MainWindow) -> dict[str, Any]:
    cues = window.sessions.cues
    status = cues.status
    return {"attempted": [kind.value for kind in cues.attempted],
            "played": [kind.value for kind in cues.played],
            "spoken": list(cues.spoken), "too_long": sorted(cues.too_long),
            "output": status.output.value, "output_name": status.output_name,
            "engine": status.engine.value, "engine_name": status.engine_name,
            "engine_error": status.engine_error,
            "speaks": sorted(lang.value for lang in status.speaks),
            "notice": notice_text(window)}


class EventLog:
    """Each event of the session as the app handles it: [name, cue kind or "", the
    session clock's time it was due (SystemClock: CLOCK_BOOTTIME), the time.monotonic()
    when the app handled it]. Connected after the app's own cue player, so the last is
    just after the app's play() or say() for it."""

    def __init__(self, window: MainWindow) -> None:
        self.events: list[list[Any]] = []
        window.sessions.started.connect(self._attach)

    def _attach(self, driver: Any) -> None:
        driver.event_occurred.connect(self._on_event)

    def _on_event(self, event: Any) -> None:
        kind = getattr(event, "kind", None)
        self.events.append([type(event).__name__, kind.value if kind is not None else "",
                            event.at, time.monotonic()])


def start_by_key(user: User, title: str) -> tuple[float, float]:
    """Choose ``title`` in the care menu and press Ctrl+Enter: the time.monotonic() just
    before the key and just after the app has handled it."""
    user.click_item(title)
    pressed = time.monotonic()
    user.press("Ctrl+Return")
    return pressed, time.monotonic()


def wait_for_the_end(user: User, window: MainWindow, lang: Lang, seconds: float) -> None:
    """The summary, then the closing "well done" to its end (the process's exit would
    cut it off)."""
    user.wait_to_see(w("back to menu", lang), timeout=round((seconds + 30) * 1000))
    done = P.DONE.get(lang)
    user.wait_until(lambda: done in window.sessions.cues.spoken, timeout=10_000)
    prompt = PromptBook.load(shipped_prompts_dir()).find(lang, done)
    user.qtbot.wait(round(((prompt.seconds if prompt else 2.0) + 0.5) * 1000))


def test_a_session_through_the_window(
        app_on_real_time: Callable[..., tuple[User, MainWindow]]) -> None:
    given = instructions()
    if "program" in given:  # a shipped item as it is (benchmarks/audio_alignment.py)
        lang, title, lead_in, case = Lang(given["lang"]), given["title"], None, None
        seconds = float(given["seconds"])
    else:
        case = Compressed.from_json(json.dumps(given))
        lang, title, lead_in = case.lang, case.title, case.lead_in
        seconds = case.plan().total_seconds
    user, window = app_on_real_time(lang, lead_in)
    if case is not None:
        user.click_item(title)
        adjust(user, case)
        user.wait_to_see(format_clock(seconds))  # the care menu's total time: adjusted
    # The engine answers in ~2 s (5 s on a loaded machine), in the background; a session
    # started before it would leave the first texts to the screen. That race is measured
    # by benchmarks/first_session.py, not here.
    user.wait_until(lambda: window.sessions.cues.status.engine is not Engine.UNKNOWN,
                    timeout=ENGINE_TIMEOUT_MS)
    log = EventLog(window)
    pressed, handled = start_by_key(user, title)
    user.wait_to_see(w("get ready", lang))
    notice_at_start = notice_text(window)
    wait_for_the_end(user, window, lang, seconds)
    report({"pressed": pressed, "handled": handled, "notice_at_start": notice_at_start,
            "events": log.events, **what_the_app_did(window)})


def test_no_sound_output(app_on_real_time: Callable[..., tuple[User, MainWindow]]) -> None:
    """Started with no output device at all (the parent removed the sink): the player
    says so from the session's start."""
    given = instructions()
    lang, title = Lang(given["lang"]), given["title"]
    user, window = app_on_real_time(lang, given.get("lead_in"))
    user.wait_until(lambda: window.sessions.cues.status.output is not Output.UNKNOWN)
    pressed, _ = start_by_key(user, title)
    user.wait_to_see(w("get ready", lang))
    user.wait_until(lambda: notice_text(window).startswith(NO_SOUND[lang]))
    shown = time.monotonic()
    user.wait_until(lambda: len(window.sessions.cues.attempted) > 0, timeout=20_000)  # a first tick
    report({"pressed": pressed, "shown": shown, **what_the_app_did(window)})


# With the sink gone, a sound made meanwhile (the watch's silence every 3 s, on a busy
# machine before the sink is back) cannot open its stream: Qt says so, as it should.
@pytest.mark.qt_log_ignore("Stream failed to connect", extend=True)
def test_the_sink_goes_mid_session(
        app_on_real_time: Callable[..., tuple[User, MainWindow]]) -> None:
    """The parent removes the sink once told the session is under way (the file
    ``started``), and puts it back once told what the player showed (``noticed``). This
    reports what the app did at each step; the parent judges it."""
    given = instructions()
    lang, title = Lang(given["lang"]), given["title"]
    signals = Path(os.environ[SIGNAL_VARIABLE])
    user, window = app_on_real_time(lang)
    user.wait_until(lambda: window.sessions.cues.status.output is Output.READY)
    pressed, _ = start_by_key(user, title)
    user.wait_to_see(w("get ready", lang))
    before = what_the_app_did(window)
    (signals / "started").write_text(str(pressed), encoding="utf-8")
    # Qt never reports the sink's removal: the app learns it from a sound that does not
    # end (the opening prompt, else the get-ready's ticks 7-9 s in), 1 s after its end.
    noticed = waited(user, lambda: notice_text(window).startswith(NO_SOUND[lang]), 12)
    gone = what_the_app_did(window)
    (signals / "noticed").write_text(str(noticed), encoding="utf-8")
    user.wait_until(lambda: (signals / "restored").exists(), timeout=15_000)
    played = len(window.sessions.cues.played)
    # A short silence is tried every 3 s while the output is gone.
    cleared = waited(user, lambda: not notice_text(window), 5)
    # The next two beeps after the sink came back, to their end: the first sound on the
    # new sink says it plays at once but may start late or be cut (the sink renders in
    # long blocks), so the process waits for a second beep (the ticks due while the
    # output was not back yet are skipped: the next ones end the 20 s hold) and until the
    # device has played it out.
    waited(user, lambda: len(window.sessions.cues.played) > played + 1, 30)
    waited(user, lambda: not window.sessions.cues.sounding, 5)
    # Played out by the device, but not yet read back: the parent records the sink's
    # monitor through the sound server, whose own latency no signal here reports.
    user.qtbot.wait(300)
    report({"pressed": pressed, "before": before, "noticed": noticed, "gone": gone,
            "cleared": cleared, "back": what_the_app_did(window)})


def test_the_opening_seconds_on_a_working_sink(
        app_on_real_time: Callable[..., tuple[User, MainWindow]]) -> None:
    """A session started on a working sink, watched through its opening prompt (played
    as its sounds load) and its get-ready's first ticks: reports whether the player's "no
    sound" notice ever showed."""
    given = instructions()
    lang, title = Lang(given["lang"]), given["title"]
    user, window = app_on_real_time(lang)
    user.wait_until(lambda: window.sessions.cues.status.output is Output.READY)
    pressed, _ = start_by_key(user, title)
    user.wait_to_see(w("get ready", lang))
    shown = waited(user, lambda: bool(notice_text(window)), float(given["seconds"]))
    report({"pressed": pressed, "notice_shown": shown, **what_the_app_did(window)})


def waited(user: User, condition: Callable[[], bool], seconds: float) -> float | None:
    """The time.monotonic() at which ``condition`` held, or None if it did not within
    ``seconds``."""
    try:
        user.wait_until(condition, timeout=round(seconds * 1000))
    except TimeoutError:
        return None
    return time.monotonic()


class FirstPaint(QObject):
    """The time.monotonic() of the first paint, after ``arm()``, of any widget inside a
    widget whose class is ``name``."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.at: float | None = None
        self._armed = False

    def arm(self) -> None:
        self._armed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
        if self._armed and self.at is None and event.type() == QEvent.Type.Paint:
            widget = watched if isinstance(watched, QWidget) else None
            while widget is not None:
                if type(widget).__name__ == self.name:
                    self.at = time.monotonic()
                    break
                widget = widget.parentWidget()
        return False


def test_first_session_paint(app_on_real_time: Callable[..., tuple[User, MainWindow]],
                             qapp: QApplication, qtbot: QtBot,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The first session's start (benchmarks/first_session.py): a person presses
    Ctrl+Enter on the program KEY_AFTER_MS after the care menu has its content, while the
    speech engine starts on its thread; from then to the player's first paint. Also the
    window's longest stall meanwhile (a 5 ms timer's longest gap)."""
    from PySide6.QtCore import QTimer

    given = instructions()
    lang, title = Lang(given["lang"]), given["title"]
    after = float(given.get("key_after_ms", 300)) / 1000
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start()
    painter = FirstPaint("PlayerView")
    qapp.installEventFilter(painter)
    seen: dict[str, Any] = {}
    person = User(qtbot, cast(ScaledClock, SystemClock()), monkeypatch)

    def press() -> None:  # when the window can: the key waited in the queue till then
        seen["handling"] = time.monotonic()
        window = person.main_window
        seen["engine_at_press"] = window.sessions.cues.status.engine.value \
            if isinstance(window, MainWindow) else "?"
        person.click_item(title)
        painter.arm()
        person.press("Ctrl+Return")
        seen["handled"] = time.monotonic()

    def schedule() -> None:
        seen["started"] = STARTED[-1]
        seen["pressed"] = STARTED[-1] + after
        QTimer.singleShot(round(after * 1000), press)

    user, window = app_on_real_time(lang, tts_engine=given.get("engine"),
                                    on_started=schedule)
    user.wait_until(lambda: "handled" in seen, timeout=ENGINE_TIMEOUT_MS)
    user.wait_until(lambda: painter.at is not None)
    user.wait_until(lambda: window.sessions.cues.status.engine is not Engine.UNKNOWN,
                    timeout=ENGINE_TIMEOUT_MS)
    answered = time.monotonic()
    user.qtbot.wait(100)
    ticker.stop()
    qapp.removeEventFilter(painter)
    gaps = [(b - a, a) for a, b in itertools.pairwise(ticks)
            if b >= seen["started"] and a <= answered]
    longest, at = max(gaps) if gaps else (0.0, seen["started"])
    status = window.sessions.cues.status
    report({**seen, "painted": painter.at, "engine_answered": answered,
            "engine": status.engine.value, "engine_name": status.engine_name,
            "engine_error": status.engine_error, "longest_stall": longest,
            "stall_at": at})
