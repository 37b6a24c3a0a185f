"""``kneecare --self-test`` (hidden): one start of the real app that checks what a frozen
build can lose, prints each check, and fails on any.

It starts the app (``start_app``, as ``kneecare`` does) on the offscreen platform unless
``QT_QPA_PLATFORM`` says otherwise, in a new, empty data folder of its own, so it never
touches the user's data nor meets a running copy; with Qt's ``mock`` speech engine. Then:

- the bundle: the read-only files are where ``paths`` looks (in a frozen app, inside its
  bundle folder), and Qt's own Japanese (``qtbase_ja``) and the app's translations load;
- the SVG icon and illustrations render (QtSvg, the SVG image and icon plugins);
- the care menu fills with the shipped routines and program, none with a problem;
- the speech engine answers (``mock``: the plugin ships for this), and a session of the
  whole program starts, runs and stops; QtMultimedia loads for its sound;
- every cue file, the beeps (``resources/sounds``) and every voice prompt listed in the
  prompts' manifest, is found in the bundle, is a WAV file Python can read, and is
  accepted by ``QSoundEffect``: loaded (``Ready``), or, where there is no audio device
  (CI), decoded and refused only by the missing device. QSoundEffect says which: for a
  file it cannot read it logs "Error decoding source"; for one it has decoded but cannot
  play on the (null) device, "not supported on the selected audio device".

The figures' script (``packaging/build_dist.py``) times a start to the ``care menu:``
line, which is printed as soon as the menu is filled.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import (
    QEventLoop,
    QLibraryInfo,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    QTranslator,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QIcon, QImageReader
from PySide6.QtWidgets import QApplication

from kneecare_desktop import __version__
from kneecare_desktop.model import Lang
from kneecare_desktop.paths import (
    HOME_VARIABLE,
    AppPaths,
    app_paths,
    bundle_dir,
    resources_dir,
    shipped_routines_dir,
)
from kneecare_desktop.ui.multimedia import load_multimedia

if TYPE_CHECKING:
    from kneecare_desktop.ui.main_window import MainWindow

SESSION_ITEM = "knee-care"  # the whole program: every routine's cues
SPEECH_ENGINE = "mock"  # Qt's test engine: it needs no speech service
WAIT_SECONDS = 20.0  # for each step that waits (the machine may be busy)
EFFECT_SECONDS = 5.0  # for one sound file to load or fail
NO_DEVICE = "not supported on the selected audio device"
NOT_DECODED = "Error decoding source"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


class Report:
    """The checks so far; each is printed as it is made."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.checks: list[Check] = []

    def add(self, name: str, ok: bool, detail: str) -> bool:
        check = Check(name, ok, detail)
        self.checks.append(check)
        self.out.write(check.line() + "\n")
        self.out.flush()
        return ok

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]


def wait_until(condition: Callable[[], bool], seconds: float = WAIT_SECONDS) -> bool:
    """Run the event loop until ``condition`` holds (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(loop.quit)
    timer.start()
    try:
        while not condition():
            if time.monotonic() > deadline:
                return False
            loop.exec()
        return True
    finally:
        timer.stop()


# --- the files ------------------------------------------------------------------------------
def check_bundle(report: Report) -> None:
    bundle = bundle_dir()
    resources, routines = resources_dir(), shipped_routines_dir()
    found = resources.is_dir() and (routines / f"{SESSION_ITEM}.yaml").is_file()
    inside = bundle is None or (resources.is_relative_to(bundle)
                                and routines.is_relative_to(bundle))
    where = f"frozen, bundle {bundle}" if bundle is not None else "not frozen"
    report.add("bundle", found and inside,
               f"{where}; resources {resources}; routines {routines}"
               + ("" if found else " (missing)") + ("" if inside else " (outside the bundle)"))


def check_translations(report: Report) -> None:
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    app_dir = str(resources_dir() / "translations")
    results = []
    for name, folder in (("qtbase_ja", qt_dir), ("kneecare_ja", app_dir)):
        translator = QTranslator()
        loaded = translator.load(name, folder)
        results.append((name, folder, loaded and not translator.isEmpty()))
    report.add("translations", all(ok for _n, _f, ok in results),
               "; ".join(f"{name} {'loaded' if ok else 'NOT loaded'} from {folder}"
                         for name, folder, ok in results))


def check_pictures(report: Report) -> None:
    from PySide6.QtSvg import QSvgRenderer

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    icon_file = resources_dir() / "icons" / "kneecare.svg"
    icon = QIcon(str(icon_file))
    icon_ok = icon_file.is_file() and not icon.pixmap(64, 64).isNull()
    pictures = sorted((resources_dir() / "illustrations").glob("*.svg"))
    broken = [p.name for p in pictures if not QSvgRenderer(str(p)).isValid()]
    report.add("pictures", icon_ok and "svg" in formats and bool(pictures) and not broken,
               f"icon {'renders' if icon_ok else 'does NOT render'}; "
               f"{len(pictures) - len(broken)}/{len(pictures)} illustrations valid"
               + (f" (broken: {', '.join(broken)})" if broken else "")
               + f"; image formats: {', '.join(sorted(formats))}")


def cue_files() -> list[tuple[str, Path]]:
    """Every cue file the app may play: (what it is, where it should be). The prompts
    come from the manifest itself: ``PromptBook`` leaves a missing file out silently."""
    from kneecare_desktop.sound.prompts import BEEP_FILES, MANIFEST_NAME, shipped_prompts_dir

    files = [(f"beep {kind.value}", resources_dir() / "sounds" / name)
             for kind, name in BEEP_FILES.items()]
    folder = shipped_prompts_dir()
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        entries = manifest["prompts"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        files.append((f"prompt manifest ({error})", folder / MANIFEST_NAME))
        return files
    for lang, items in sorted(entries.items()):
        for item in items:
            files.append((f"prompt {lang} {item['text']!r}", folder / str(item["file"])))
    return files


@dataclass(frozen=True, slots=True)
class Acceptance:
    ok: bool
    how: str  # "Ready", "decoded (no audio device)", or what went wrong


@contextmanager
def qt_messages() -> Iterator[list[str]]:
    """Qt's messages while the block runs (they are not printed)."""
    caught: list[str] = []

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        caught.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        yield caught
    finally:
        qInstallMessageHandler(previous)


def sound_effect_accepts(path: Path, has_device: bool) -> Acceptance:
    """Load ``path`` in a QSoundEffect, alone, and judge by its status and what it logs."""
    from PySide6.QtMultimedia import QSoundEffect

    status = QSoundEffect.Status
    effect = QSoundEffect()
    with qt_messages() as messages:
        effect.setSource(QUrl.fromLocalFile(str(path)))
        settled = wait_until(lambda: effect.status() in (status.Ready, status.Error),
                             EFFECT_SECONDS)
    said = "; ".join(messages)
    result = effect.status()
    effect.deleteLater()
    if not settled:
        return Acceptance(False, f"still {result.name} after {EFFECT_SECONDS:g} s")
    if result == status.Ready:
        return Acceptance(True, "Ready")
    if not has_device and NO_DEVICE in said and NOT_DECODED not in said:
        return Acceptance(True, "decoded (no audio device)")
    return Acceptance(False, f"{result.name}: {said or 'no message'}")


def check_cue_files(report: Report, files: list[tuple[str, Path]] | None = None,
                    inside: Path | None = None) -> None:
    """Every cue file (default: :func:`cue_files`): inside ``inside`` (default: the
    bundle, or the package's resources when not frozen), a readable WAV, accepted by
    QSoundEffect."""
    load_multimedia()  # as the app loads it: with no media backend (multimedia.py)
    from PySide6.QtMultimedia import QMediaDevices

    files = cue_files() if files is None else files
    has_device = not QMediaDevices.defaultAudioOutput().isNull()
    bundle = inside or bundle_dir() or resources_dir()
    counts: dict[str, list[int]] = {}
    ways: set[str] = set()
    problems: list[str] = []
    for what, path in files:
        group = what.split(" ", 2)[0] + ("s" if what.startswith("beep") else
                                         f"s ({what.split(' ', 2)[1]})")
        tally = counts.setdefault(group, [0, 0])
        tally[1] += 1
        if not path.is_file():
            problems.append(f"{what}: {path} is missing")
            continue
        if not path.resolve().is_relative_to(bundle.resolve()):
            problems.append(f"{what}: {path} is outside {bundle}")
            continue
        try:
            with wave.open(str(path), "rb") as audio:
                frames = audio.getnframes()
        except (OSError, EOFError, wave.Error) as error:
            problems.append(f"{what}: {path.name} is not a WAV file ({error})")
            continue
        if frames == 0:
            problems.append(f"{what}: {path.name} is empty")
            continue
        accepted = sound_effect_accepts(path, has_device)
        if not accepted.ok:
            problems.append(f"{what}: {path.name}: QSoundEffect: {accepted.how}")
            continue
        ways.add(accepted.how)
        tally[0] += 1
    device = (f"audio device {QMediaDevices.defaultAudioOutput().description()!r}"
              if has_device else "no audio device here")
    summary = ", ".join(f"{group} {good}/{total}" for group, (good, total) in counts.items())
    report.add("cue files", not problems and bool(files),
               f"{summary} found in the bundle and accepted by QSoundEffect "
               f"({' or '.join(sorted(ways)) or 'none'}; {device})")
    for problem in problems:
        report.add("cue file", False, problem)


# --- the app ---------------------------------------------------------------------------------
def check_app(report: Report, app: QApplication, paths: AppPaths, lang: Lang | None,
              started_at: float) -> None:
    """Start the app, fill the care menu, run a session on the mock engine, close."""
    from kneecare_desktop.ui.app import start_app

    report.add("platform", bool(QGuiApplication.platformName()),
               f"{QGuiApplication.platformName()}; Qt {QLibraryInfo.version().toString()}")
    application = start_app(app, paths, lang=lang, tts_engine=SPEECH_ENGINE)
    if not wait_until(lambda: application.is_started):
        report.add("care menu", False, f"not filled within {WAIT_SECONDS:g} s")
        return
    window = application.window
    assert window is not None
    library = window.library
    window.library_view.select(SESSION_ITEM)
    listed = window.library_view.selected_id() == SESSION_ITEM
    report.add("care menu", listed and bool(library.routines) and not library.problems,
               f"{len(library.routines)} routines ({', '.join(sorted(library.routines))}), "
               f"{len(library.programs)} program ({', '.join(sorted(library.programs))}); "
               f"{len(library.problems)} problems; {SESSION_ITEM} listed: {listed}; "
               f"filled {1000 * (time.monotonic() - started_at):.0f} ms after the self-test "
               "started")
    try:
        check_session(report, window)
    finally:
        window.close()
        if not wait_until(lambda: not window.isVisible()):
            report.add("close", False, f"the window did not close within {WAIT_SECONDS:g} s")


def check_session(report: Report, window: MainWindow) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    from kneecare_desktop.session.events import SessionState
    from kneecare_desktop.sound.status import Output

    engines = list(QTextToSpeech.availableEngines())
    cues = window.sessions.cues
    speech = cues.speech
    answered = wait_until(lambda: speech.answered)
    speaks = ", ".join(sorted(lang.value for lang in speech.speaks)) or "none"
    detail = (f"engines in the bundle: {', '.join(engines) or 'none'}; the session's: "
              f"{speech.engine or 'none'}"
              + (f" (error: {speech.error})" if speech.error else f", speaks {speaks}"))
    report.add("speech", answered and speech.engine == SPEECH_ENGINE and not speech.error,
               detail if answered else f"the engine did not answer within {WAIT_SECONDS:g} s")
    window.sessions.start(SESSION_ITEM)
    driver = window.sessions.driver
    running = driver is not None and wait_until(
        lambda: driver.session.state is SessionState.RUNNING)
    if driver is not None and running:
        wait_until(lambda: bool(cues.spoken), 3.0)  # the first "get ready", if it can speak
    said = list(cues.spoken)
    state = driver.session.state.value if driver is not None else "not started"
    report.add("session", running,
               f"{SESSION_ITEM} {state}, {len(driver.session.plan.blocks) if driver else 0} "
               f"blocks" + (f"; first cue voiced: {said[0]!r}" if said else
                            "; no cue voiced yet (this language has no mock voice, or no "
                            "output device for the recordings)"))
    status = cues.status.output
    report.add("sound output", status in (Output.READY, Output.MISSING),
               "QtMultimedia loaded; " + (
                   f"output {cues.status.output_name!r}" if status is Output.READY else
                   "no output device here" if status is Output.MISSING else
                   f"status {status.value} (QtMultimedia did not load)"))
    window.sessions.stop_now()
    report.add("session stop", not window.sessions.active(),
               "stopped; the summary is shown" if not window.sessions.active()
               else "still running")


def check_speech_process(report: Report) -> None:
    """The system's voice speaks from a process of its own: the app started again as
    ``--speech-server`` (in a frozen build, the bundle's own executable), here with Qt's
    ``mock`` engine; it must answer and start speaking a text it is sent."""
    from kneecare_desktop.ui.speech import SpeechService

    service = SpeechService(SPEECH_ENGINE, own_process=True)
    said: list[str] = []
    service.said.connect(said.append)
    service.start()
    if not wait_until(lambda: service.answered):
        report.add("speech process", False, f"no answer within {WAIT_SECONDS:g} s")
        return
    if service.error or Lang.EN not in service.speaks:
        report.add("speech process", False, service.error or "it speaks no English")
        return
    service.say("Self-test.", Lang.EN, 0.5)
    spoke = wait_until(lambda: bool(said))
    report.add("speech process", spoke,
               f"engine {service.engine!r} answered and spoke" if spoke
               else "it answered, but never started speaking")
    service.deleteLater()


def check_clinic_driver(report: Report) -> None:
    """A clinic's shared server is reached through psycopg (the ``[clinic]`` extra, in
    every build) and the libpq its binary wheel bundles."""
    try:
        psycopg = importlib.import_module("psycopg")
    except ImportError as error:
        report.add("clinic driver", False, f"psycopg is not installed (the [clinic] extra): "
                                           f"{error}")
        return
    libpq = psycopg.pq.version()
    report.add("clinic driver", True,
               f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), libpq "
               f"{libpq // 10000}.{libpq % 10000}")


def self_test(app: QApplication, paths: AppPaths, lang: Lang | None, out: TextIO,
              started_at: float | None = None) -> list[Check]:
    """Every check, printed to ``out`` as it is made; the app is closed at the end."""
    started_at = time.monotonic() if started_at is None else started_at
    report = Report(out)
    out.write(f"kneecare {__version__} self-test ({sys.platform}, Python "
              f"{sys.version.split()[0]}, data folder {paths.data_dir})\n")
    checks: list[Callable[[], None]] = [
        lambda: check_app(report, app, paths, lang, started_at),
        lambda: check_bundle(report),
        lambda: check_translations(report),
        lambda: check_pictures(report),
        lambda: check_cue_files(report),
        lambda: check_speech_process(report),
        lambda: check_clinic_driver(report),
    ]
    for check in checks:
        try:
            check()
        except Exception as error:  # any failure is a check that failed
            report.add("error", False, f"{type(error).__name__}: {error}")
    failed = report.failed
    out.write(f"self-test: {len(report.checks) - len(failed)} passed, {len(failed)} failed\n")
    out.flush()
    return report.checks


def run_self_test(lang: Lang | None, out: TextIO | None = None) -> int:
    """The ``--self-test`` option: 0 when every check passed, else 1."""
    started_at = time.monotonic()
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kneecare_desktop.ui.app import create_app
    from kneecare_desktop.ui.history_service import wait_for_writers

    with tempfile.TemporaryDirectory(prefix="kneecare-self-test-") as home:
        app = create_app()
        # Run outside app.exec(): its waits are event loops of their own (inside a slot
        # of exec(), QSoundEffect stopped loading new files after a session's).
        checks = self_test(app, app_paths({HOME_VARIABLE: home}), lang, out, started_at)
        from kneecare_desktop.ui.speech import end_speech_processes

        end_speech_processes(app)  # as quitting the app would
        if not wait_for_writers():
            checks.append(Check("history", False, "the last writes did not finish"))
    return 0 if checks and all(check.ok for check in checks) else 1
