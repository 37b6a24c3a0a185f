"""Build the application: QApplication, translations, settings, the main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from kneecare_desktop import __version__
from kneecare_desktop.basics import Lang, Text
from kneecare_desktop.paths import AppPaths, app_paths, resources_dir
from kneecare_desktop.session.clock import Clock, SystemClock
from kneecare_desktop.text.language import system_language
from kneecare_desktop.ui.main_window import AppContext, MainWindow
from kneecare_desktop.ui.settings import AppSettings

log = logging.getLogger(__name__)
TTS_ENGINE_VARIABLE = "KNEECARE_TTS_ENGINE"
_HANDED_OVER = Text("KneeCare はすでに起動しています。そのウィンドウを前面に出しました。",
                    "KneeCare is already running; its window was brought to the front.")
_NO_ANSWER = Text("KneeCare はすでに起動していますが、応答がありません。起動していない場合は "
                  "{lock} を削除してから、もう一度起動してください。",
                  "KneeCare is already running but does not answer. If it is not, remove "
                  "{lock} and start it again.")


class Translations(QObject):
    """Installs the app's and Qt's own translators for one language at a time."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._installed: list[QTranslator] = []

    def use(self, lang: Lang) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        QLocale.setDefault(QLocale(QLocale.Language.Japanese if lang is Lang.JA
                                   else QLocale.Language.English))
        if lang is Lang.EN:
            return
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{lang.value}", qt_dir),
                             (f"kneecare_{lang.value}",
                              str(resources_dir() / "translations"))):
            translator = QTranslator(self)
            if translator.load(name, folder):
                self._app.installTranslator(translator)
                self._installed.append(translator)
            else:
                log.warning("translation %s not found in %s", name, folder)


class EarlyRecords(logging.Handler):
    """Keeps what is logged before the log file is open, to write it there first.

    The file is opened once the window is on screen: ``logging.handlers`` (for the
    rotating file) costs about 5 ms to import, which the first paint does not wait for.
    """

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @classmethod
    def install(cls) -> EarlyRecords:
        early = cls()
        root = logging.getLogger()
        for handler in root.handlers:
            handler.setLevel(max(handler.level, logging.WARNING))  # stderr: warnings only
        root.addHandler(early)
        root.setLevel(logging.INFO)
        return early


def open_log_file(paths: AppPaths, early: EarlyRecords) -> None:
    """Log to a rotating file in the log folder, starting with the records kept so far."""
    import logging.handlers

    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / "kneecare.log", maxBytes=512_000, backupCount=2, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.removeHandler(early)
    for record in early.records:
        handler.handle(record)
    early.records.clear()
    root.addHandler(handler)


def install_crash_hook() -> None:
    """An unexpected error is logged and shown, instead of silently killing the app."""

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        log.critical("unexpected error:\n%s", text)
        app = QApplication.instance()
        if app is not None:
            QMessageBox.critical(None, "KneeCare",
                                 QApplication.translate("crash", "Something went wrong. "
                                                        "The details are in the log file.")
                                 + "\n\n" + str(error))

    sys.excepthook = hook


def create_app(argv: list[str] | None = None) -> QApplication:
    # Qt's raster painting hands large fills and image conversions to a pool of two
    # threads and waits for them: at every step of the countdown that woke both pooled
    # threads (7-9 times a second each) and put the GUI thread to sleep until they were
    # done, which on a busy machine means until the scheduler lets them run. This app's
    # paints are small (a ring, a label, a bar): painted on the GUI thread alone they take
    # as long (about 1 ms a ring, measured), with no other thread woken. Read by Qt once,
    # at the first paint.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    name_the_app(app)
    return app


def name_the_app(app: QApplication) -> None:
    """The app's name and icon: Qt adds the name to every window's title ("Sato —
    KneeCare"), and every window without an icon of its own shows the app's, so no
    window sets either. Naming is done by ``create_app`` and again by each
    ``Application`` (whose app a test may have made); the icon is made the first time
    only (each further copy cost 0.6M instructions before the first paint: callgrind)."""
    app.setApplicationName("KneeCare")
    app.setApplicationDisplayName("KneeCare")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("KneeCare")
    if app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "kneecare.svg")))


def use_readable_selection(app: QApplication) -> None:
    """The selection and focus colour, dark enough for white text on it (6.9:1, where
    Fusion's default blue gives 3.7:1): the care menu's chosen item, focus rings."""
    from PySide6.QtGui import QColor, QPalette

    palette = app.palette()
    if palette.color(QPalette.ColorRole.Window).lightness() >= 128:  # a light palette
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor("#1864ab"))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        app.setPalette(palette)


class Application(QObject):
    """Owns the main window; rebuilds it when the language changes."""

    # Once, when a window first has its content: the filled care menu has painted (or
    # a second on, if it is never painted) and the reminders are attached.
    started = Signal()

    def __init__(self, app: QApplication, paths: AppPaths, lang: Lang | None = None,
                 clock: Clock | None = None, tts_engine: str | None = None,
                 content_after_first_paint: bool = False) -> None:
        """``content_after_first_paint``: show the window's frame first, then load the
        routines and the history (what ``run_app`` does); otherwise load them at once."""
        super().__init__(app)
        self.app = app
        name_the_app(app)
        use_readable_selection(app)
        self.paths = paths
        paths.ensure()
        self.settings = AppSettings(paths, self)
        self.translations = Translations(app)
        self.forced_lang = lang
        self.clock = clock or SystemClock()
        self.tts_engine = tts_engine
        self.window: MainWindow | None = None
        self.is_started = False
        self.build_window(content_after_first_paint)

    def current_language(self) -> Lang:
        return self.forced_lang or self.settings.language() or system_language()

    def build_window(self, content_after_first_paint: bool = False) -> MainWindow:
        lang = self.current_language()
        self.translations.use(lang)
        old = self.window
        context = AppContext(self.paths, self.settings, lang, self.clock, self.tts_engine)
        self.window = MainWindow(context)
        self.window.language_change_requested.connect(self._change_language)
        window = self.window
        self.window.content_loaded.connect(lambda: self._content_loaded(window))
        if content_after_first_paint and old is None:
            self.window.load_content_after_first_paint()
        else:
            self.window.load_content()
        if old is not None:
            if old.is_loaded:
                self.window.library_view.select(old.library_view.selected_id() or "")
            self.window.restoreGeometry(old.saveGeometry())
            old.close()
            old.deleteLater()
        return self.window

    def _content_loaded(self, window: MainWindow) -> None:
        """Once the filled care menu has painted: the window's reminders, then (the first
        time) ``started``. The reminders (their modules, the time zone, the history's
        reminders, the tray) took 30-40 ms that the care menu waited for; they show
        nothing on the care menu itself, only a banner and a menu item above and beside
        it, which come a moment later."""
        window.after_content_painted(lambda: self._attach_reminders(window))

    def _attach_reminders(self, window: MainWindow) -> None:
        """The window's reminders (``ui/reminders.py``): its timer, tray or notifications,
        and closing the window without quitting."""
        from kneecare_desktop.ui.reminders import ReminderController

        ReminderController(window)
        if not self.is_started:
            self.is_started = True
            self.started.emit()

    def bring_to_front(self) -> None:
        window = self.window
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.show()
            window.raise_()
            window.activateWindow()

    def _change_language(self, lang: Lang | None) -> None:
        self.forced_lang = lang
        window = self.window
        if window is not None and window.sessions.active():
            # Never rebuild under a running session: apply when it ends.
            window.sessions.ended.connect(lambda _summary: self._rebuild_and_show())
            return
        self._rebuild_and_show()

    def _rebuild_and_show(self) -> None:
        self.build_window().show()


def start_app(app: QApplication, paths: AppPaths, lang: Lang | None = None,
              presenter: bool = False, clock: Clock | None = None,
              tts_engine: str | None = None, minimized: bool = False) -> Application:
    """Show the window's frame, then load its content; what ``kneecare`` starts (journey
    tests start the app here too, with a sped-up clock). ``minimized``: as autostart at
    login starts it, the window on the taskbar (its content loads all the same)."""
    application = Application(app, paths, lang=lang, clock=clock, tts_engine=tts_engine,
                              content_after_first_paint=True)
    window = application.window
    assert window is not None

    def started() -> None:
        if presenter and application.window is not None:
            application.window.toggle_presenter()

    application.started.connect(started)
    if minimized:
        window.showMinimized()
    else:
        window.show()
    return application


def run_app(lang: Lang | None = None, presenter: bool = False, minimized: bool = False) -> int:
    paths = app_paths()
    early_records = EarlyRecords.install()
    install_crash_hook()
    app = create_app()
    from kneecare_desktop.ui.single_instance import Claim, SingleInstance

    paths.ensure()
    instance = SingleInstance(paths, app)
    claim = instance.claim()
    if claim is not Claim.FIRST:
        text = _HANDED_OVER if claim is Claim.HANDED_OVER else _NO_ANSWER
        message = text.format(lock=str(paths.instance_lock)).get(lang or system_language())
        log.info("%s", message)  # to the log file; the person sees it once, just below
        sys.stderr.write(message + "\n")
        open_log_file(paths, early_records)
        return 0 if claim is Claim.HANDED_OVER else 1
    application = start_app(app, paths, lang=lang, presenter=presenter,
                            tts_engine=os.environ.get(TTS_ENGINE_VARIABLE) or None,
                            minimized=minimized)
    instance.activated.connect(application.bring_to_front)

    def settle() -> None:
        open_log_file(paths, early_records)
        # The objects made so far live as long as the app: out of the collector's way.
        gc.enable()
        gc.freeze()
        instance.listen()

    def started() -> None:
        # Also when the window was rebuilt (a language change) before it got here. Once
        # the filled care menu has painted: the log file's module alone costs 6 ms.
        window = application.window
        if window is not None and window.is_loaded:
            window.after_content_painted(settle)
        else:
            QTimer.singleShot(0, settle)

    application.started.connect(started)
    status = app.exec()
    from kneecare_desktop.ui.history_service import wait_for_writers

    if not wait_for_writers():
        log.warning("the history's last writes did not finish within 10 s")
    instance.release()
    return status
