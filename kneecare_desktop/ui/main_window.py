"""The main window: the care menu, the guided session and its summary, menus and keys."""

from __future__ import annotations

import linecache
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSize, QTimer, QUrl, Signal, SignalInstance
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.basics import Lang
from kneecare_desktop.paths import AppPaths, shipped_routines_dir
from kneecare_desktop.ui.banner import INFO_STYLE, Banner
from kneecare_desktop.ui.checkin_controller import CheckinController
from kneecare_desktop.ui.file_controller import FileController
from kneecare_desktop.ui.history_notices import HistoryNotices
from kneecare_desktop.ui.person_bar import PersonBar
from kneecare_desktop.ui.screen_fit import fit_to_screen, keep_on_screen
from kneecare_desktop.ui.session_controller import SessionController
from kneecare_desktop.ui.text import arg
from kneecare_desktop.ui.window_actions import ActionState, WindowActions, on_trigger

if TYPE_CHECKING:
    from kneecare_desktop.history.records import AdjustmentChangedError, Person
    from kneecare_desktop.history.writer import ServerTarget
    from kneecare_desktop.library.records import Library
    from kneecare_desktop.plan.timeline import Plan
    from kneecare_desktop.session.clock import Clock
    from kneecare_desktop.session.events import SessionSummary
    from kneecare_desktop.ui.history_service import HistoryService
    from kneecare_desktop.ui.history_view import HistoryView
    from kneecare_desktop.ui.library_view import LibraryView
    from kneecare_desktop.ui.people import PeopleState
    from kneecare_desktop.ui.player import PlayerView
    from kneecare_desktop.ui.presenter import PresenterWindow
    from kneecare_desktop.ui.settings import AppSettings
    from kneecare_desktop.ui.summary_view import SummaryView

# The window paints its frame (menus, person bar, an empty care menu) before anything
# else is loaded; load_content then opens the history and reads the routines. The
# session's modules (engine, player, sound, presenter) load on the first Start.

log = logging.getLogger(__name__)

PAGE_LIBRARY, PAGE_PLAYER, PAGE_SUMMARY, PAGE_HISTORY = range(4)
LOAD_AT_THE_LATEST_MS = 500  # if the frame is never painted, load the content anyway
PAINTED_AT_THE_LATEST_MS = 1000  # if the care menu is never painted, go on anyway


def _forget_sources_read_by_pyside() -> None:
    """Drop the module sources that PySide6 read into ``linecache`` at import.

    After PySide6 is imported, it reads the whole source of every module imported next
    (its check for ``from __feature__ import``), and ``linecache`` keeps it: 3-4 MB of
    lines by the time the care menu is up, which nothing uses. A traceback reads the
    lines it needs again.
    """
    linecache.clearcache()


@dataclass
class AppContext:
    """What the window needs from the outside; tests pass a fake clock and engine."""

    paths: AppPaths
    settings: AppSettings
    lang: Lang
    clock: Clock
    tts_engine: str | None = None


class MainWindow(QMainWindow):
    """The shell: the frame, its pages, banners and person bar, and the menus. What the
    actions do lives in the controllers: ``sessions``, ``checkins`` and ``files``."""

    language_change_requested = Signal(object)  # Lang | None

    content_loaded = Signal()  # the history is open and the care menu is filled

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        """Only the window's frame: what the first paint needs, and nothing slow.

        Call ``load_content`` (or ``load_content_after_first_paint``) next; until it has
        run, the actions that need the history or the routines stay disabled.
        """
        super().__init__(parent)
        self.context = context
        self.settings = context.settings
        self.lang = context.lang
        self.setObjectName("mainWindow")
        self.setWindowTitle("")  # Qt shows the app's name; a person's name joins it
        self.is_loaded = False
        self._closed = False
        self._settled = False  # before closing, the history has tried what is queued
        self._load_after_paint = False
        self._painted: _AfterPaint | None = None  # the filled care menu's first paint
        self.library: Library
        self.history: HistoryService
        self.people: PeopleState
        self.library_view: LibraryView
        self.presenter: PresenterWindow | None = None
        self._history_view: HistoryView | None = None
        self.storage_banner = Banner("storageBanner")
        self.notice_banner = Banner("noticeBanner")
        self.follow_up_banner = Banner("followUpBanner")
        self.demo_mode = False
        self.demo_banner = Banner("demoBanner", INFO_STYLE)
        self.library_page = self._page("libraryPage")
        self.player_page = self._page("playerPage")
        self.summary_page = self._page("summaryPage")
        self._summary_view: SummaryView | None = None
        self.history_page = self._page("historyPage")
        self.pages = QStackedWidget()
        for page in (self.library_page, self.player_page, self.summary_page,
                     self.history_page):
            self.pages.addWidget(page)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.storage_banner)
        column.addWidget(self.notice_banner)
        column.addWidget(self.follow_up_banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.commands = WindowActions(self)
        self.commands.fill_menus(self.menuBar())
        self.person_bar = PersonBar(self.commands.people, self.commands.demo)
        self.addToolBar(self.person_bar)  # at the top
        self.sessions = SessionController(self)
        self.checkins = CheckinController(self)
        self.files = FileController(self)
        self._connect_actions()
        self.update_actions()
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            keep_on_screen(self)
        else:
            fit_to_screen(self, QSize(1100, 760), centre=True)

    @staticmethod
    def _add_to(page: QWidget, widget: QWidget) -> None:
        layout = page.layout()
        assert layout is not None  # every page has its column (``_page``)
        layout.addWidget(widget)

    @staticmethod
    def _page(name: str) -> QWidget:
        page = QWidget()
        page.setObjectName(name)
        QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
        return page

    def load_content_after_first_paint(self) -> None:
        """Load the content once the frame is on screen (or after a moment, if the window
        is never painted, e.g. started minimized)."""
        self._load_after_paint = True
        QTimer.singleShot(LOAD_AT_THE_LATEST_MS, self, self.load_content)  # not if deleted

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self._load_after_paint:
            self._load_after_paint = False
            QTimer.singleShot(0, self, self.load_content)

    def _clinic_server(self) -> ServerTarget | None:
        """A clinic's server, if one is configured (``--database``, the environment, or
        the Settings page); the device id is read on the writer's thread."""
        import os

        from kneecare_desktop.history.clinic import database_url
        from kneecare_desktop.history.writer import ServerTarget

        url = database_url(os.environ, self.settings.server())
        if not url:
            return None
        return ServerTarget(url, device_file=self.context.paths.device_id_file)

    def load_content(self) -> None:
        """Open the history, find the person, read the routines and fill the care menu."""
        if self.is_loaded or self._closed:
            return
        from kneecare_desktop.library.records import Library
        from kneecare_desktop.ui.history_service import HistoryService
        from kneecare_desktop.ui.library_view import LibraryView
        from kneecare_desktop.ui.people import PeopleState
        from kneecare_desktop.ui.theme import theme_for

        _forget_sources_read_by_pyside()
        self.is_loaded = True
        self.commands.make_app_wide()
        self.library = Library({}, {}, ())
        self.history = HistoryService(self.context.paths.history_db, self,
                                      server=self._clinic_server())
        HistoryNotices(self).follow(self.history)
        self.checkins.reload_last()
        self.people = PeopleState(self.history, self.settings, self)
        self.library_view = LibraryView(self.settings, self.people, self.lang,
                                        theme_for(self.palette()))
        self.library_view.start_requested.connect(self.sessions.start)
        self._add_to(self.library_page, self.library_view)
        self._connect_person_bar()
        self.library_view.add_start_row_action(self.commands.checkin)
        self.reload_routines()
        self.library_view.show_pain_question(self.settings.ask_pain() and not self.demo_mode)
        self.settings.changed.connect(self._setting_changed)
        self.settings.save_failed.connect(self._settings_not_saved)
        self._tell_bad_settings()
        if self.pages.currentIndex() == PAGE_LIBRARY:
            self.library_view.focus_list()
        # Sound output and speech engine: found in the background once the window is up,
        # so the first session neither waits for them nor starts without knowing.
        self._painted = _AfterPaint(self, self.library_view.list.painted)
        self.after_content_painted(lambda: self.sessions.cues.start_probes())
        self.content_loaded.emit()

    def after_content_painted(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the filled care menu has painted. Not a zero timer:
        Qt posts paints at a lower priority than timers, so a timer set while loading
        ran first (QtMultimedia's load, about 50 ms, came before the care menu showed)."""
        def unless_closed() -> None:
            if not self._closed:  # closed meanwhile (a test's window, a quick quit)
                callback()

        if self._painted is None:
            QTimer.singleShot(0, self, unless_closed)
        else:
            self._painted.then(unless_closed)

    # -- parts made on first use ----------------------------------------------------------
    @property
    def summary_view(self) -> SummaryView:
        if self._summary_view is None:
            from kneecare_desktop.ui.summary_view import SummaryView

            self._summary_view = SummaryView()
            self._summary_view.done_button.clicked.connect(self.show_library)
            self._summary_view.pain_chosen.connect(self.sessions.save_pain_after)
            self._summary_view.note_saved.connect(self.sessions.save_note)
            self._add_to(self.summary_page, self._summary_view)
        return self._summary_view

    @property
    def history_view(self) -> HistoryView:
        if self._history_view is None:
            from kneecare_desktop.ui.history_view import HistoryView

            checkin = self.checkins.checkin()
            names = {c.cause: c.name.get(self.lang) for c in checkin.causes} if checkin else {}
            texts = ({q.id: q.text.get(self.lang)
                      for group in (checkin.symptoms, checkin.now, checkin.last_run,
                                    *(c.signs for c in checkin.causes)) for q in group}
                     if checkin else {})
            self._history_view = HistoryView(self.history, self.lang, names,
                                             question_texts=texts)
            self._history_view.back_requested.connect(self.show_library)
            self._history_view.report_requested.connect(self.files.write_report_for)
            self._add_to(self.history_page, self._history_view)
        return self._history_view

    def _connect_person_bar(self) -> None:
        self.person_bar.follow(self.people)
        self.people.name_clashes_found.connect(self._tell_name_clashes)
        self.people.adjustments_conflict.connect(self._tell_adjustments_conflict)
        self.people.adjustments_not_saved.connect(self._tell_adjustments_not_saved)
        self.people.changed.connect(self._on_person_changed)
        self.people.adjustments_changed.connect(self.library_view.show_doses)

    def _tell_name_clashes(self, clashes: list[list[str]]) -> None:
        """Once: names kept from before the name rules that now match each other."""
        if self.settings.value("people/name_clash_notice") in (True, "true"):
            return
        self.settings.set_value("people/name_clash_notice", True)
        groups = "; ".join(" / ".join(f"“{name}”" for name in group) for group in clashes)
        self.notice_banner.show_message(arg(self.tr(
            "These people's names differ only in capitals or spaces: %1. They are kept as "
            "different people, with their own histories; rename one in People → Manage "
            "people to tell them apart."), groups),
            [("dismissNotice", self.tr("OK"), self.notice_banner.hide)])

    def _tell_adjustments_conflict(self, refused: AdjustmentChangedError) -> None:
        """Another computer changed these adjustments while this one did: both are shown,
        and the person at this computer chooses; nothing is overwritten unasked."""
        from kneecare_desktop.ui.adjustment_texts import describe

        routine = self.library.routines.get(refused.routine_id)
        name = routine.title.get(self.lang) if routine is not None else refused.routine_id
        banner = self.notice_banner

        def keep_theirs() -> None:
            banner.hide()
            self.people.keep_theirs(refused)

        def save_mine() -> None:
            banner.hide()
            self.people.save_mine(refused)

        banner.show_message(arg(self.tr(
            "The adjustments to %1 were changed on another computer while you changed them. "
            "Saved there: %2. Yours, not saved: %3."), name,
            describe(refused.theirs), describe(refused.yours)),
            [("keepTheirs", self.tr("Keep theirs"), keep_theirs),
             ("saveMine", self.tr("Save mine"), save_mine)])

    def _tell_adjustments_not_saved(self, routine_id: str) -> None:
        routine = self.library.routines.get(routine_id)
        name = routine.title.get(self.lang) if routine is not None else routine_id
        if self.history.status.offline:
            text = arg(self.tr(
                "Your change to %1 could not be saved: the clinic server cannot be reached. "
                "This computer uses it until KneeCare closes; make it again once the server "
                "is back."), name)
        else:
            text = arg(self.tr(
                "Your change to %1 could not be saved: the history cannot be written now. "
                "This computer uses it until KneeCare closes; make it again later."), name)
        self.notice_banner.show_message(
            text, [("dismissNotice", self.tr("OK"), self.notice_banner.hide)])

    def _on_person_changed(self, person: Person) -> None:
        self._update_title()
        self.checkins.reload_last()
        if self.pages.currentIndex() == PAGE_HISTORY:
            self.history_view.reload()

    def _update_title(self) -> None:
        """The person (and demonstration mode): Qt adds the app's name itself, as
        "Sato — KneeCare", so the title never names the app twice."""
        parts = []
        person = self.people.current
        if person is not None and not person.is_default:
            parts.append(person.name)
        if self.demo_mode:
            parts.append(self.tr("Demonstration mode (records nothing)"))
        self.setWindowTitle(" — ".join(parts))

    def manage_people(self) -> None:
        from kneecare_desktop.ui.one_use import dispose_when_finished
        from kneecare_desktop.ui.people import PeopleDialog

        dialog = PeopleDialog(self.people, self, self.lang)
        dispose_when_finished(dialog)
        dialog.open()

    def set_demo_mode(self, on: bool) -> None:
        if self.sessions.active():
            self.commands.demo.setChecked(self.demo_mode)
            return
        self.demo_mode = on
        self.commands.demo.setChecked(on)
        self.library_view.show_pain_question(self.settings.ask_pain() and not on)
        if on:
            self.demo_banner.show_message(self.tr(
                "Demonstration mode: nothing is recorded — no sessions, pain ratings or "
                "check-ins."), [("leaveDemo", self.tr("Leave demonstration mode"),
                                 lambda: self.set_demo_mode(False))])
        else:
            self.demo_banner.hide()
        self._update_title()

    # -- actions ------------------------------------------------------------------------------
    def _connect_actions(self) -> None:
        a, files = self.commands, self.files
        for action, slot in [
                (a.start, self._start_selected), (a.stop, self._escape),
                (a.fullscreen, self.toggle_presenter), (a.reload, self.reload_routines),
                (a.open_folder, self._open_user_folder), (a.settings, self._open_settings),
                (a.quit, self.close), (a.checkin, self.checkins.open),
                (a.history, self.show_history), (a.care_menu, self.show_library),
                (a.people, self.manage_people),
                (a.demo, lambda: self.set_demo_mode(a.demo.isChecked())),
                (a.export_program, files.export_program),
                (a.import_program, files.import_program),
                (a.edit_routine, files.open_routine_editor),
                (a.edit_program, files.open_program_editor),
                (a.handout, files.write_handout), (a.report, files.write_report),
                (a.keys, self._show_keys), (a.about, self._about),
                (a.about_qt, QApplication.aboutQt)]:
            on_trigger(action, slot)
        self.sessions.changed.connect(self.update_actions)
        self.checkins.recorded.connect(self._checkin_recorded)
        files.routines_changed.connect(self._routines_changed)

    def update_actions(self) -> None:
        driver = self.sessions.driver
        session = driver.session if driver is not None else None
        active = session is not None and not session.state.is_over
        paused = False
        if session is not None:  # the engine is loaded by then, not before the first paint
            from kneecare_desktop.session.events import SessionState

            paused = session.state is SessionState.PAUSED
        self.commands.update(ActionState(
            loaded=self.is_loaded, session_active=active, paused=paused,
            timed_segment=session is None or not active or session.segment.timed,
            on_care_menu=self.pages.currentIndex() == PAGE_LIBRARY,
            item_selected=self.is_loaded and self.library_view.selected_id() is not None,
            has_checkin=self.is_loaded and self.checkins.checkin() is not None))

    def _start_selected(self) -> None:
        item_id = self.library_view.selected_id()
        if item_id is not None:
            self.sessions.start(item_id)

    def _checkin_recorded(self) -> None:
        if self._history_view is not None:  # its count and rows, after the write
            self._history_view.reload()

    # -- routines -------------------------------------------------------------------------
    def reload_routines(self) -> None:
        from kneecare_desktop.library.files import load_library

        self.context.paths.ensure()  # the folder may have been removed; or be read-only
        self.library = load_library(shipped_routines_dir(), self.context.paths.user_routines_dir)
        for problem in self.library.errors:
            log.warning("%s", problem.format(Lang.EN))
        self.library_view.set_library(self.library)
        self.update_actions()

    def _routines_changed(self, saved: Path | None) -> None:
        """A file was added by an import or saved by an editor: read the folders again,
        and select what the editor saved."""
        self.reload_routines()
        found = next((f for f in self.library.files if f.path == saved), None)
        if found is not None and found.id:
            self.library_view.select(found.id)

    def _open_user_folder(self) -> None:
        folder = self.context.paths.user_routines_dir
        if folder in self.context.paths.ensure():
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Open my routines folder"),
                              arg(self.tr("%1 cannot be created: the data folder is "
                                          "read-only."), str(folder)),
                              QMessageBox.StandardButton.Close, self)
            box.setObjectName("cannotCreateFolder")
            box.open()
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _settings_not_saved(self, file_name: str) -> None:
        self.notice_banner.show_message(arg(self.tr(
            "Your settings cannot be saved to %1 (the folder is read-only or full). They "
            "apply until you quit."), file_name),
            [("dismissNotice", self.tr("OK"), self.notice_banner.hide)])

    def _tell_bad_settings(self) -> None:
        """Values in the settings file the app cannot use: said, with the defaults used."""
        bad = self.settings.problems()
        if bad:
            self.notice_banner.show_message(arg(self.tr(
                "Some settings in %1 cannot be used, so their defaults apply until you change "
                "them in Settings: %2"), self.settings.file_name,
                "; ".join(b.message(self.lang) for b in bad)),
                [("dismissNotice", self.tr("OK"), self.notice_banner.hide)])

    def _setting_changed(self, key: str) -> None:
        if key == "session/ask_pain":
            self.library_view.show_pain_question(self.settings.ask_pain() and not self.demo_mode)
        elif key == "session/lead_in":  # in every duration the care menu shows
            self.library_view.show_doses()

    # -- history ----------------------------------------------------------------------------
    def show_history(self) -> None:
        if self.sessions.active():
            return
        self.pages.setCurrentIndex(PAGE_HISTORY)
        self.history_view.reload()
        self.history_view.focus_table()
        self.update_actions()

    def show_library(self) -> None:
        self.library_view.show_pain_question(self.settings.ask_pain() and not self.demo_mode)
        self.pages.setCurrentIndex(PAGE_LIBRARY)
        self.library_view.focus_list()
        if self.presenter is not None:
            self._show_presenter_card()
        self.update_actions()

    def show_player(self, player: PlayerView) -> None:
        """The session's page, with the presenter (if shown) following the same session."""
        if player.parent() is not self.player_page:
            self._add_to(self.player_page, player)
        self.pages.setCurrentIndex(PAGE_PLAYER)
        driver = self.sessions.driver
        if self.presenter is not None and driver is not None:
            self.presenter.attach(driver)

    def show_summary(self, summary: SessionSummary, plan: Plan, ask_pain: bool) -> None:
        view = self.summary_view
        view.show_summary(summary, plan, self.library.routines, self.lang)
        view.ask_pain(self.settings.ask_pain() and ask_pain)
        self.pages.setCurrentIndex(PAGE_SUMMARY)
        view.done_button.setFocus()
        if self.presenter is not None:
            self.presenter.show_card(*view.card_texts())

    def _escape(self) -> None:
        """Esc: leave full screen, or else stop (asking first), or leave the summary."""
        if self.presenter is not None and self.presenter.isVisible():
            self.presenter.close()
            return
        if self.isFullScreen():
            self.showNormal()
            return
        if self.sessions.active():
            self.sessions.confirm_stop()
            return
        if self.pages.currentIndex() == PAGE_SUMMARY:
            self.show_library()

    # -- presenter ------------------------------------------------------------------------
    def toggle_presenter(self) -> None:
        if self.presenter is not None and self.presenter.isVisible():
            self.presenter.close()
            return
        if self.presenter is None:
            from kneecare_desktop.ui.presenter import PresenterWindow

            self.presenter = PresenterWindow(self.library.routines, self.lang)
            self.presenter.closed.connect(self._presenter_closed)
        if self.sessions.active():
            assert self.sessions.driver is not None
            self.presenter.attach(self.sessions.driver)
        else:
            self._show_presenter_card()
        self.presenter.show_on_presenter_screen(self)

    def _presenter_closed(self) -> None:
        """The keys come back to this window once the presenter has gone (activating it
        while the presenter is still closing would lose the activation again)."""
        QTimer.singleShot(0, self, self.activateWindow)

    def _show_presenter_card(self) -> None:
        assert self.presenter is not None
        item_id = self.library_view.selected_id()
        target = (self.library.programs.get(item_id) or self.library.routines.get(item_id)
                  if item_id else None)
        title = target.title.get(self.lang) if target is not None else ""
        self.presenter.show_card(title, self.tr("Press Ctrl+Enter to start. Esc leaves "
                                                "full screen."))

    # -- dialogs ----------------------------------------------------------------------------
    def _open_settings(self) -> None:
        from kneecare_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.sessions.cues, self)
        dialog.language_chosen.connect(self.language_change_requested)
        dialog.open()

    def _show_keys(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"),
                                self.commands.shortcuts_table())

    def _about(self) -> None:
        from kneecare_desktop.ui.about import show_about

        show_about(self)

    # -- window -----------------------------------------------------------------------------
    def _close_settled(self) -> None:
        self._settled = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._closed:  # closed before (Qt may close a window again at quit)
            super().closeEvent(event)
            return
        self.sessions.stop_now()
        if self.is_loaded:
            if not self._settled:
                event.ignore()  # closes once the history has tried what is queued
                self.files.settle_then(self._close_settled)
                return
            # Deleted sessions could be undone until now; the history then closes cleanly.
            self.history.run(lambda store: store.purge_deleted())
            self.history.close()
        self._closed = True
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.sessions.release_screen()
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
        super().closeEvent(event)


class _AfterPaint(QObject):
    """Runs callbacks once a widget has painted (its ``painted`` signal; or a second on,
    if it never does: a minimized window), and those added later at once."""

    def __init__(self, parent: QObject, painted: SignalInstance) -> None:
        super().__init__(parent)
        self._callbacks: list[Callable[[], None]] | None = []
        self._painted = painted
        painted.connect(self._on_painted)
        QTimer.singleShot(PAINTED_AT_THE_LATEST_MS, self, self._run)

    def then(self, callback: Callable[[], None]) -> None:
        if self._callbacks is None:
            QTimer.singleShot(0, self, callback)
        else:
            self._callbacks.append(callback)

    def _on_painted(self) -> None:
        self._painted.disconnect(self._on_painted)
        if self._callbacks is not None:
            QTimer.singleShot(0, self, self._run)  # once this paint is done and shown

    def _run(self) -> None:
        callbacks, self._callbacks = self._callbacks, None
        for callback in callbacks or []:
            callback()
