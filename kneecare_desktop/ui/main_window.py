"""The main window: the care menu, the guided session and its summary, menus and keys."""

from __future__ import annotations

import dataclasses
import linecache
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLocale, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QIcon,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop import __version__, safe_files
from kneecare_desktop.model import Lang, Program, Routine
from kneecare_desktop.paths import AppPaths, resources_dir, shipped_routines_dir
from kneecare_desktop.ui.banner import INFO_STYLE, Banner
from kneecare_desktop.ui.inputs import ComboBox
from kneecare_desktop.ui.screen_fit import fit_to_screen, keep_on_screen
from kneecare_desktop.ui.text import arg, rich

if TYPE_CHECKING:
    from kneecare_desktop.checkin import CheckIn
    from kneecare_desktop.clock import Clock
    from kneecare_desktop.history import (
        CheckinRecord,
        HistoryStore,
        OpenReport,
        Person,
        SessionRow,
    )
    from kneecare_desktop.history_writer import WriterStatus
    from kneecare_desktop.plan import Plan
    from kneecare_desktop.recorder import SessionRecorder
    from kneecare_desktop.routines import Library
    from kneecare_desktop.session import Event, SessionState
    from kneecare_desktop.triage import Answer, CauseResult, RunningResult
    from kneecare_desktop.ui.checkin_dialog import SameDay
    from kneecare_desktop.ui.cues import CuePlayer
    from kneecare_desktop.ui.driver import SessionDriver
    from kneecare_desktop.ui.history_service import HistoryService
    from kneecare_desktop.ui.history_view import HistoryView
    from kneecare_desktop.ui.library_view import LibraryView
    from kneecare_desktop.ui.people import PeopleState
    from kneecare_desktop.ui.player import PlayerView
    from kneecare_desktop.ui.presenter import PresenterWindow
    from kneecare_desktop.ui.screen_awake import ScreenAwake
    from kneecare_desktop.ui.settings import AppSettings
    from kneecare_desktop.ui.summary_view import SummaryView

# The window paints its frame (menus, person bar, an empty care menu) before anything
# else is loaded; load_content then opens the history and reads the routines. The
# session's modules (engine, player, sound, presenter) load on the first Start.

log = logging.getLogger(__name__)

PAGE_LIBRARY, PAGE_PLAYER, PAGE_SUMMARY, PAGE_HISTORY = range(4)
REST_WARNING_DAYS = 3  # how long a "better to rest" check-in is recalled before sessions
LOAD_AT_THE_LATEST_MS = 500  # if the frame is never painted, load the content anyway


def _forget_sources_read_by_pyside() -> None:
    """Drop the module sources that PySide6 read into ``linecache`` at import.

    After PySide6 is imported, it reads the whole source of every module imported next
    (its check for ``from __feature__ import``), and ``linecache`` keeps it: 3-4 MB of
    lines by the time the care menu is up, which nothing uses. A traceback reads the
    lines it needs again.
    """
    linecache.clearcache()


def _last_checkin_state(store: HistoryStore) -> tuple[CheckinRecord | None, bool]:
    """The latest check-in that is not a follow-up, and whether it was followed up."""
    records = store.checkins()
    firsts = [r for r in records if r.follow_up_of is None]
    if not firsts:
        return None, False
    last = firsts[-1]
    return last, any(r.follow_up_of == last.uid for r in records)


@dataclass
class AppContext:
    """What the window needs from the outside; tests pass a fake clock and engine."""

    paths: AppPaths
    settings: AppSettings
    lang: Lang
    clock: Clock
    tts_engine: str | None = None


class MainWindow(QMainWindow):
    session_started = Signal(object)  # SessionDriver
    session_ended = Signal(object)  # SessionSummary
    language_change_requested = Signal(object)  # Lang | None
    report_written = Signal(object)  # Path

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
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "kneecare.svg")))
        self.is_loaded = False
        self._closed = False
        self._load_after_paint = False
        self.library: Library
        self.history: HistoryService
        self.people: PeopleState
        self.library_view: LibraryView
        self.driver: SessionDriver | None = None
        self.player: PlayerView | None = None
        self.presenter: PresenterWindow | None = None
        self._stop_box: QMessageBox | None = None
        self._cues: CuePlayer | None = None
        self._screen_awake: ScreenAwake | None = None
        self.recorder: SessionRecorder | None = None
        self._history_view: HistoryView | None = None
        self.storage_banner = Banner("storageBanner")
        self.notice_banner = Banner("noticeBanner")
        self.follow_up_banner = Banner("followUpBanner")
        self.last_checkin: CheckinRecord | None = None
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
        self._create_actions()
        self._create_menus()
        self._update_actions()
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            keep_on_screen(self)
        else:
            fit_to_screen(self, QSize(1100, 760), centre=True)

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

    def load_content(self) -> None:
        """Open the history, find the person, read the routines and fill the care menu."""
        if self.is_loaded or self._closed:
            return
        from PySide6.QtCore import Qt

        from kneecare_desktop.routines import Library
        from kneecare_desktop.ui.history_service import HistoryService
        from kneecare_desktop.ui.library_view import LibraryView
        from kneecare_desktop.ui.people import PeopleState
        from kneecare_desktop.ui.theme import theme_for

        _forget_sources_read_by_pyside()
        self.is_loaded = True
        for action in self._app_wide_actions:
            # Application-wide, so the presenter window and any focus get them too. Set
            # here, not with the actions: Qt's enum namespace costs 10 ms to create, and
            # the frame paints without it (these actions are off until now anyway).
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.library = Library({}, {}, ())
        self.history = HistoryService(self.context.paths.history_db, self)
        self.history.opened.connect(self._on_history_opened)
        self.history.status_changed.connect(self._on_history_status)
        self.history.interrupted_found.connect(self._on_interrupted)
        self.history.run(_last_checkin_state, self._on_last_checkin)
        self.people = PeopleState(self.history, self.settings, self)
        self.library_view = LibraryView(self.settings, self.people, self.lang,
                                        theme_for(self.palette()))
        self.library_view.start_requested.connect(self.start_session)
        self.library_page.layout().addWidget(self.library_view)
        self._connect_person_bar()
        self.library_view.add_start_row_action(self.act_checkin)
        self.reload_routines()
        self.library_view.show_pain_question(self.settings.ask_pain() and not self.demo_mode)
        self.settings.changed.connect(self._setting_changed)
        self.settings.save_failed.connect(self._settings_not_saved)
        if self.pages.currentIndex() == PAGE_LIBRARY:
            self.library_view.list.setFocus()
        # Sound output and speech engine: found in the background once the window is up,
        # so the first session neither waits for them nor starts without knowing.
        QTimer.singleShot(0, self, self.cues.start_probes)
        self.content_loaded.emit()

    # -- parts made on first use ----------------------------------------------------------
    @property
    def cues(self) -> CuePlayer:
        if self._cues is None:
            from kneecare_desktop.prompts import PromptBook, shipped_prompts_dir
            from kneecare_desktop.ui.cues import CuePlayer

            self._cues = CuePlayer(self.lang, self.settings.sound_enabled(),
                                   self.settings.voice_enabled(), self.context.tts_engine,
                                   volume=self.settings.volume() / 100,
                                   muted=self.settings.muted(),
                                   prompts=PromptBook.load(shipped_prompts_dir()), parent=self)
            self.act_mute.setChecked(self.settings.muted())
            self.settings.changed.connect(self._on_sound_setting)
            self._cues.status_changed.connect(self._show_sound_notices)
        return self._cues

    def _show_sound_notices(self) -> None:
        """Before the first cue, and whenever the sound output or the voice changes: what
        this session will not be heard saying, and what to do about it."""
        from kneecare_desktop.audio_status import Notice, session_notices
        from kneecare_desktop.prompts import plan_texts

        if self.player is None or self.driver is None or self._cues is None:
            return
        cues = self._cues
        texts = plan_texts(self.driver.session.plan, self.lang)
        notices = session_notices(cues.status, self.lang, texts,
                                  [t for t in texts if cues.has_prompt(t)],
                                  cues.sound_on, cues.voice_on and not cues.muted,
                                  cues.too_long)
        said = {
            Notice.NO_OUTPUT: self.tr(
                "No sound: this computer has no sound output working. Check that its sound "
                "is on and a speaker or headphones are connected. Follow the screen."),
            Notice.NO_VOICE: self.tr(
                "Some prompts cannot be spoken in this language on this computer: they are "
                "shown on screen, with beeps. To hear them, install speech-dispatcher with a "
                "voice for this language."),
            Notice.TOO_SHORT: self.tr(
                "Some steps are too short for their spoken prompt with these adjustments: "
                "those prompts are shown on screen only."),
        }
        self.player.show_notices([said[n] for n in notices])

    def _toggle_mute(self) -> None:
        muted = self.act_mute.isChecked()
        self.cues.set_muted(muted)
        self.settings.set_muted(muted)

    def _on_sound_setting(self, key: str) -> None:
        """Mute and volume may change in the player or in Settings: both follow."""
        if key == "cues/muted" and self._cues is not None:
            muted = self.settings.muted()
            self.act_mute.setChecked(muted)
            self._cues.set_muted(muted)
        elif key == "cues/volume" and self._cues is not None:
            self._cues.set_volume(self.settings.volume() / 100)

    @property
    def screen_awake(self) -> ScreenAwake:
        if self._screen_awake is None:
            from kneecare_desktop.ui.screen_awake import ScreenAwake

            self._screen_awake = ScreenAwake(self)
        return self._screen_awake

    @property
    def summary_view(self) -> SummaryView:
        if self._summary_view is None:
            from kneecare_desktop.ui.summary_view import SummaryView

            self._summary_view = SummaryView()
            self._summary_view.done_button.clicked.connect(self.show_library)
            self._summary_view.pain_chosen.connect(self._save_pain_after)
            self._summary_view.note_saved.connect(self._save_note)
            self.summary_page.layout().addWidget(self._summary_view)
        return self._summary_view

    @property
    def history_view(self) -> HistoryView:
        if self._history_view is None:
            from kneecare_desktop.ui.history_view import HistoryView

            checkin = self._checkin()
            names = {c.cause: c.name.get(self.lang) for c in checkin.causes} if checkin else {}
            texts = ({q.id: q.text.get(self.lang)
                      for group in (checkin.symptoms, checkin.now, checkin.last_run,
                                    *(c.signs for c in checkin.causes)) for q in group}
                     if checkin else {})
            self._history_view = HistoryView(self.history, self.lang, names,
                                             question_texts=texts)
            self._history_view.back_requested.connect(self.show_library)
            self._history_view.report_requested.connect(self.write_report_for)
            self.history_page.layout().addWidget(self._history_view)
        return self._history_view

    # -- actions ------------------------------------------------------------------------
    def _action(self, name: str, text: str, keys: list[str] | QKeySequence.StandardKey
                | None, slot: Callable[[], object], app_wide: bool = False) -> QAction:
        """``keys``: a standard key, or key sequences in Qt's portable text ("Ctrl+K").

        ``slot`` takes no arguments: Qt's ``triggered`` carries a ``checked`` flag that a
        slot with an optional parameter would take for its value (a path, once)."""
        action = QAction(text, self)
        action.setObjectName(name)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        elif keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if app_wide:
            self._app_wide_actions.append(action)
        action.triggered.connect(lambda: slot())
        self._label_with_key(action, text)
        self.addAction(action)
        return action

    def _label_with_key(self, action: QAction, text: str) -> None:
        """The tooltip, and a button's label (its icon text: the player's buttons), say
        the key too: "Pause (Space)", "Skip (→)". Menus show the key on their own."""
        tip = text.replace("&", "")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        shown = {"Right": "→", "Left": "←", "Up": "↑", "Down": "↓"}.get(keys, keys)
        action.setToolTip(arg(self.tr("%1 (%2)"), tip, keys) if keys else tip)
        action.setIconText(arg(self.tr("%1 (%2)"), tip, shown) if shown else tip)

    def _create_actions(self) -> None:
        self._app_wide_actions: list[QAction] = []
        self.act_start = self._action("start", self.tr("&Start"),
                                      ["Ctrl+Return", "Ctrl+Enter"],
                                      self._start_selected, app_wide=True)
        self.act_pause = self._action(
            "pause", self.tr("Pause"),
            ["Space", "B", "."],
            self._toggle_pause, app_wide=True)
        self.act_back = self._action("back", self.tr("Back"),
                                     ["Left", "PgUp"],
                                     self._driver_call("back"), app_wide=True)
        self.act_skip = self._action("skip", self.tr("Skip"),
                                     ["Right", "PgDown"],
                                     self._driver_call("skip"), app_wide=True)
        self.act_rep_done = self._action("repDone", self.tr("Rep done"),
                                         ["Return", "Enter"],
                                         self._driver_call("rep_done"), app_wide=True)
        self.act_extend = self._action("extend", self.tr("+10 s"),
                                       ["+", "="],
                                       self._driver_call("extend"), app_wide=True)
        self.act_repeat = self._action("repeatSet", self.tr("Repeat this set"),
                                       ["R"], self._driver_call("repeat_set"),
                                       app_wide=True)
        self.act_hurt = self._action("hurt", self.tr("It hurts"), ["H"],
                                     self._it_hurts, app_wide=True)
        self.act_stop = self._action("stop", self.tr("Stop"), ["Esc"],
                                     self._escape, app_wide=True)
        self.act_mute = self._action("mute", self.tr("Mute"), ["M"], self._toggle_mute,
                                     app_wide=True)
        self.act_mute.setCheckable(True)
        # F11 first, then the platform's own full-screen keys: on Linux desktops without
        # a platform theme, Qt's standard full-screen key is empty.
        full_screen = ["F11", *(k.toString() for k in QKeySequence.keyBindings(
            QKeySequence.StandardKey.FullScreen) if k.toString() != "F11")]
        self.act_fullscreen = self._action("fullScreen", self.tr("Presenter mode (full screen)"),
                                           full_screen, self.toggle_presenter, app_wide=True)
        self.act_reload = self._action("reload", self.tr("&Reload routines"),
                                       QKeySequence.StandardKey.Refresh, self.reload_routines)
        self.act_open_folder = self._action("openFolder", self.tr("Open my routines folder"),
                                            None, self._open_user_folder)
        self.act_settings = self._action("settings", self.tr("&Settings…"),
                                         ["Ctrl+,"],
                                         self._open_settings)
        self.act_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_quit = self._action("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                     self.close)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_checkin = self._action("checkin", self.tr("&Check-in…"),
                                        ["Ctrl+K"],
                                        self.open_checkin)
        self.act_history = self._action("history", self.tr("&History"),
                                        ["Ctrl+H"],
                                        self.show_history)
        self.act_care_menu = self._action("careMenu", self.tr("&Care menu"),
                                          ["Ctrl+1"],
                                          self.show_library)
        self.act_people = self._action("people", self.tr("&Manage people…"), None,
                                       self.manage_people)
        self.act_demo = self._action("demo", self.tr("&Demonstration mode (records nothing)"),
                                     None, lambda: self.set_demo_mode(self.act_demo.isChecked()))
        self.act_demo.setCheckable(True)
        self.act_export_program = self._action(
            "exportProgram", self.tr("&Export this person's program…"), None,
            self.export_program)
        self.act_import_program = self._action(
            "importProgram", self.tr("&Import a program from the clinic…"), None,
            self.import_program)
        self.act_edit_routine = self._action(
            "editRoutine", self.tr("&New routine from the selected one…"), None,
            self.open_routine_editor)
        self.act_edit_program = self._action("editProgram", self.tr("New pro&gram…"), None,
                                             self.open_program_editor)
        self.act_handout = self._action(
            "handout", self.tr("Print a &home-care handout (PDF)…"),
            QKeySequence.StandardKey.Print, self.write_handout)
        self.act_report = self._action("report", self.tr("Report for the c&linic…"), None,
                                       self.write_report)
        self.act_keys = self._action("keys", self.tr("&Keyboard shortcuts"),
                                     QKeySequence.StandardKey.HelpContents, self._show_keys)
        self.act_about = self._action("about", self.tr("&About KneeCare"), None, self._about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.act_about_qt = self._action("aboutQt", self.tr("About &Qt"), None,
                                         QApplication.aboutQt)
        self.act_about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.session_actions = [self.act_back, self.act_pause, self.act_skip, self.act_rep_done,
                                self.act_extend, self.act_repeat, self.act_hurt, self.act_stop,
                                self.act_mute]

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.act_reload, self.act_open_folder])
        file_menu.addSeparator()
        file_menu.addActions([self.act_edit_routine, self.act_edit_program])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export_program, self.act_import_program])
        file_menu.addSeparator()
        file_menu.addActions([self.act_handout, self.act_report])
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        session_menu = bar.addMenu(self.tr("S&ession"))
        session_menu.addAction(self.act_start)
        session_menu.addAction(self.act_checkin)
        session_menu.addSeparator()
        session_menu.addActions(self.session_actions)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.act_care_menu, self.act_history])
        view_menu.addSeparator()
        view_menu.addAction(self.act_fullscreen)
        people_menu = bar.addMenu(self.tr("&People"))
        people_menu.addAction(self.act_people)
        people_menu.addAction(self.act_demo)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._create_person_bar()
        help_menu.addActions([self.act_keys, self.act_about, self.act_about_qt])

    def _create_person_bar(self) -> None:
        """The current person, always visible, switched in one click."""
        bar = QToolBar(self.tr("Person"))
        bar.setObjectName("personBar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr("Person:") + " "))
        self.person_combo = ComboBox()
        self.person_combo.setObjectName("personCombo")
        self.person_combo.setMinimumContentsLength(12)
        self.person_combo.activated.connect(
            lambda index: self.people.switch_to(int(self.person_combo.itemData(index))))
        bar.addWidget(self.person_combo)
        bar.addAction(self.act_people)
        bar.addSeparator()
        bar.addAction(self.act_demo)
        self.addToolBar(bar)  # at the top

    def _connect_person_bar(self) -> None:
        self.people.name_clashes_found.connect(self._tell_name_clashes)
        self.people.people_changed.connect(self._fill_person_combo)
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

    def _fill_person_combo(self, people: list[Person]) -> None:
        from kneecare_desktop.ui.people import display_name

        self.person_combo.clear()
        for person in people:
            self.person_combo.addItem(display_name(person, self.tr("Me")), person.id)

    def _on_person_changed(self, person: Person) -> None:
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(person.id)))
        self._update_title()
        self.history.run(_last_checkin_state, self._on_last_checkin)
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
        from kneecare_desktop.ui.people import PeopleDialog

        dialog = PeopleDialog(self.people, self, self.lang)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def set_demo_mode(self, on: bool) -> None:
        if self.session_active():
            self.act_demo.setChecked(self.demo_mode)
            return
        self.demo_mode = on
        self.act_demo.setChecked(on)
        self.library_view.show_pain_question(self.settings.ask_pain() and not on)
        if on:
            self.demo_banner.show_message(self.tr(
                "Demonstration mode: nothing is recorded — no sessions, pain ratings or "
                "check-ins."), [("leaveDemo", self.tr("Leave demonstration mode"),
                                 lambda: self.set_demo_mode(False))])
        else:
            self.demo_banner.hide()
        self._update_title()

    # -- hand-off ------------------------------------------------------------------------------
    def _program_id(self) -> str | None:
        selected = self.library_view.selected_id()
        if selected in self.library.programs:
            return selected
        return next(iter(self.library.programs), None)

    def _handoff_name(self) -> str:
        person = self.people.current
        return person.name if person is not None and person.name else self.tr("Me")

    def export_program(self) -> Path | None:
        """Ask where, then write the current person's program there."""
        from PySide6.QtWidgets import QFileDialog

        program_id = self._program_id()
        if program_id is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export this person's program"),
            str(Path.home() / f"kneecare-{program_id}-{self._handoff_name()}.yaml"),
            "YAML (*.yaml)")
        return self.export_program_to(Path(chosen)) if chosen else None

    def export_program_to(self, path: Path) -> Path | None:
        """Write the current person's program (with their adjustments) to one file."""
        from datetime import datetime

        from kneecare_desktop import handoff

        program_id = self._program_id()
        if program_id is None:
            return None
        name = self._handoff_name()
        text = handoff.export_text(self.library, program_id, name, self.people.all_overrides(),
                                   datetime.now().astimezone())
        try:
            safe_files.write_text(path, text)
        except OSError as error:
            self._cannot_write(self.tr("Export"), error)
            return None
        return path

    def import_program(self) -> None:
        """Ask for a hand-off file, then preview and import it."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import a program"),
                                                str(Path.home()), "YAML (*.yaml *.yml)")
        if chosen:
            self.import_program_from(Path(chosen))

    def import_program_from(self, path: Path) -> None:
        """Preview a hand-off file, then add it (asking before replacing anything)."""

        from kneecare_desktop import handoff
        from kneecare_desktop.history import HistoryError
        from kneecare_desktop.routines import Handoff, load_file
        from kneecare_desktop.ui.people import display_name

        loaded = load_file(path)
        if not loaded.ok or not isinstance(loaded.item, Handoff):
            self._refuse_import("\n".join(p.format(self.lang) for p in loaded.problems)
                                or str(path))
            return
        plan = handoff.plan_import(loaded.item, self.library,
                                   self.context.paths.user_routines_dir)
        if plan.problems:  # ids that items of another kind have: nothing may be written
            self._refuse_import("\n".join(p.format(self.lang) for p in plan.problems))
            return
        labels = {
            handoff.Action.ADD: self.tr("added"),
            handoff.Action.SAME: self.tr("already the same"),
            handoff.Action.REPLACE_SHIPPED: self.tr("used instead of the shipped one"),
            handoff.Action.REPLACE_USER: self.tr("REPLACES your own file"),
        }
        lines = [f"• {f.title} ({f.item_id}): {labels[f.action]}" for f in plan.files]
        for routine_id, overrides in plan.adjustments.items():
            routine = self.library.routines.get(routine_id)
            if routine is not None:
                from kneecare_desktop.plan import dose_summary

                lines.append(f"• {routine.title.get(self.lang)}: "
                             f"{dose_summary(routine, overrides).get(self.lang)}")
        person = self.people.current
        who = display_name(person, self.tr("Me")) if person is not None else self.tr("Me")
        # Names and titles come from the file: shown as written, never as markup.
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import a program"), arg(
            self.tr("From %1's program. The adjustments become %2's."),
            rich(loaded.item.person or "?"), rich(who)), parent=self)
        box.setObjectName("importPreview")
        from PySide6.QtCore import Qt

        box.setTextFormat(Qt.TextFormat.RichText)
        box.setInformativeText("<br>".join(rich(line) for line in lines))
        go = box.addButton(self.tr("Import and replace") if plan.needs_confirmation
                           else self.tr("Import"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)

        person_id = self.people.person_id
        adjustments = {rid: o.to_dict() for rid, o in plan.adjustments.items()}

        def import_together(store: HistoryStore) -> str | None:
            """On the history thread: the files are staged, the adjustments saved, then
            the files put in place: all of it, or (with the reason returned) none."""
            try:
                staged, _written = handoff.stage_import(plan, allow_replace=True)
            except (OSError, handoff.ImportRefusedError) as error:
                return (error.message(self.lang) if isinstance(error, safe_files.WriteFailedError)
                        else str(error))
            try:
                store.save_import(adjustments, person_id)
            except HistoryError as error:
                staged.discard()
                return str(error)
            staged.commit()
            return None

        def imported(reason: str | None) -> None:
            if reason is not None:
                self._refuse_import(reason)
                return
            self.people.reload()  # the adjustments, as now saved
            self.reload_routines()

        def answered(_result: int) -> None:
            if box.clickedButton() is go:
                self.history.run(import_together, imported, self)

        box.finished.connect(answered)
        box.open()

    def _refuse_import(self, problems: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import a program"),
                          self.tr("This file cannot be imported. Nothing was changed."),
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("importProblems")
        box.setDetailedText(problems)
        box.setInformativeText(rich(problems[:600]).replace("\n", "<br>"))
        box.open()

    # -- editors -------------------------------------------------------------------------------
    def open_routine_editor(self) -> QDialog | None:
        from kneecare_desktop.ui.editor import RoutineEditor

        selected = self.library_view.selected_id()
        source = self.library.routines.get(selected) if selected else None
        if source is None:
            source = next(iter(self.library.routines.values()), None)
        if source is None:
            return None
        editor = RoutineEditor(source, self.library, self.context.paths.user_routines_dir,
                               self.lang, self)
        editor.saved.connect(self._editor_saved)
        editor.finished.connect(editor.deleteLater)
        editor.open()
        return editor

    def open_program_editor(self) -> QDialog | None:
        from kneecare_desktop.ui.editor import ProgramEditor

        program_id = self._program_id()
        source = self.library.programs.get(program_id) if program_id else None
        editor = ProgramEditor(source, self.library, self.context.paths.user_routines_dir,
                               self.lang, self)
        editor.saved.connect(self._editor_saved)
        editor.finished.connect(editor.deleteLater)
        editor.open()
        return editor

    def _editor_saved(self, path: Path) -> None:
        self.reload_routines()
        saved = next((f for f in self.library.files if f.path == path), None)
        if saved is not None and saved.id:
            self.library_view.select(saved.id)

    def _cannot_write(self, title: str, error: OSError) -> None:
        """Say which file could not be written and that nothing earlier was lost."""
        text = (error.message(self.lang) if isinstance(error, safe_files.WriteFailedError)
                else arg(self.tr("The file could not be written: %1"), error.strerror or error))
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("cannotWrite")
        box.open()

    # -- paper ---------------------------------------------------------------------------------
    def _person_name(self) -> str:
        from kneecare_desktop.ui.people import display_name

        person = self.people.current
        return display_name(person, self.tr("Me")) if person is not None else self.tr("Me")

    def _handout_target(self) -> Routine | Program | None:
        item_id = self.library_view.selected_id() or self._program_id()
        return (self.library.programs.get(item_id) or self.library.routines.get(item_id)
                if item_id else None)

    def write_handout(self) -> Path | None:
        """Ask where, then write the handout of the selected routine or program there."""
        from PySide6.QtWidgets import QFileDialog

        target = self._handout_target()
        if target is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Home-care handout"),
            str(Path.home() / f"kneecare-{target.id}.pdf"), "PDF (*.pdf)")
        return self.write_handout_to(Path(chosen)) if chosen else None

    def write_handout_to(self, path: Path) -> Path | None:
        """A one-page PDF of the selected routine or program, with this person's dose."""
        from kneecare_desktop.ui.documents import write_handout

        target = self._handout_target()
        if target is None:
            return None
        try:
            return write_handout(path, target, self.library.routines,
                                 self.people.all_overrides(), self.lang, self._person_name(),
                                 date.today())
        except OSError as error:
            self._cannot_write(self.tr("Home-care handout"), error)
            return None

    def write_report(self) -> None:
        """Ask where, then write the report of the last four weeks there."""
        self.write_report_for(None, None)

    def write_report_for(self, first: date | None, last: date | None) -> None:
        """Ask where, then write the report of ``first`` to ``last`` (the history's dates)."""
        from PySide6.QtWidgets import QFileDialog

        day = last or date.today()
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Report for the clinic"),
            str(Path.home() / f"kneecare-report-{day.isoformat()}.pdf"),
            "PDF (*.pdf);;CSV (*.csv)")
        if chosen:
            self.write_report_to(Path(chosen), first, last)

    def write_report_to(self, path: Path, first: date | None = None,
                        last: date | None = None) -> None:
        """What this person did, as PDF (with charts) or CSV; the last 4 weeks by default."""
        from datetime import timedelta

        from kneecare_desktop import report

        last = last or date.today()
        first = first or last - timedelta(days=27)
        person_id = self.people.person_id  # known even before the people have loaded
        name = self._person_name()
        target = path

        def gather(store: HistoryStore) -> report.ReportData:
            person = next((p for p in store.people(include_archived=True)
                           if p.id == person_id), None) or store.default_person()
            return report.gather(store, person, first, last)

        def write(data: report.ReportData | None) -> None:
            if data is None:
                QMessageBox.warning(self, self.tr("Report for the clinic"), self.tr(
                    "The history could not be read, so no report was written."))
                return
            try:
                if target.suffix.lower() == ".csv":
                    safe_files.write_text(target, report.report_csv(data, name), "utf-8-sig")
                else:
                    from kneecare_desktop.ui.documents import write_report_pdf

                    write_report_pdf(target, data, name, self.lang, self.library.routines)
            except OSError as error:
                self._cannot_write(self.tr("Report for the clinic"), error)
                return
            self.report_written.emit(target)

        self.history.run(gather, write, self)

    def _driver_call(self, name: str) -> object:
        def call() -> None:
            if self.driver is not None and not self.driver.session.state.is_over:
                getattr(self.driver, name)()

        return call

    def _content_actions(self) -> list[QAction]:
        """The actions that need the routines or the history, off until they are loaded
        (the others are kept up to date by ``_update_actions`` itself)."""
        return [self.act_reload, self.act_people, self.act_demo, self.act_export_program,
                self.act_import_program, self.act_edit_routine, self.act_edit_program,
                self.act_handout, self.act_report, self.act_fullscreen]

    def _update_actions(self) -> None:
        for action in self._content_actions():
            action.setEnabled(self.is_loaded)
        if not self.is_loaded:
            for action in [self.act_start, self.act_history, self.act_checkin,
                           self.act_care_menu, *self.session_actions]:
                action.setEnabled(False)
            return
        session = self.driver.session if self.driver is not None else None
        active = session is not None and not session.state.is_over
        on_library = self.pages.currentIndex() == PAGE_LIBRARY
        self.act_start.setEnabled(on_library and self.library_view.selected_id() is not None)
        self.act_history.setEnabled(not active)
        self.act_checkin.setEnabled(not active and self._checkin() is not None)
        self.act_care_menu.setEnabled(not active)
        for action in self.session_actions:
            action.setEnabled(active)
        # Esc also leaves full screen and the summary, so it stays on outside a session.
        self.act_stop.setEnabled(True)
        if session is not None and active:
            paused = session.state.value == "paused"
            label = self.tr("Resume") if paused else self.tr("Pause")
            if label != self.act_pause.text():
                self.act_pause.setText(label)
                self._label_with_key(self.act_pause, label)
            self.act_rep_done.setEnabled(not session.segment.timed)

    # -- routines -------------------------------------------------------------------------
    def reload_routines(self) -> None:
        from kneecare_desktop.routines import load_library

        self.context.paths.ensure()  # the folder may have been removed; or be read-only
        self.library = load_library(shipped_routines_dir(), self.context.paths.user_routines_dir)
        for problem in self.library.errors:
            log.warning("%s", problem.format(Lang.EN))
        self.library_view.set_library(self.library)
        self._update_actions()

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

    # -- the session ----------------------------------------------------------------------
    def _start_selected(self) -> None:
        item_id = self.library_view.selected_id()
        if item_id is not None:
            self.start_session(item_id)

    def compile_selected(self, item_id: str) -> Plan:
        from kneecare_desktop.plan import compile_plan
        from kneecare_desktop.triage import routine_first

        target: Routine | Program = (self.library.programs.get(item_id)
                                     or self.library.routines[item_id])
        first = self.settings.first_routine()
        if isinstance(target, Program) and first:
            target = dataclasses.replace(
                target, routine_ids=routine_first(target.routine_ids, first))
        return compile_plan(target, self.library_view.overrides_for_plan(),
                            self.library.routines)

    def session_active(self) -> bool:
        return self.driver is not None and not self.driver.session.state.is_over

    def start_session(self, item_id: str, rest_warning_seen: bool = False) -> None:
        """Start ``item_id``; first ask for the pain rating, if the user wants that."""
        if self.session_active():
            return
        if not rest_warning_seen and self._rest_advised():
            self._warn_rest_then_start(item_id)
            return
        from kneecare_desktop.plan import OverrideError

        try:
            plan = self.compile_selected(item_id)
        except (KeyError, OverrideError) as error:
            QMessageBox.warning(self, self.tr("Cannot start"), str(error))
            return
        pain = None if self.demo_mode else self.library_view.pain_before()
        self.library_view.clear_pain()
        self.run_plan(plan, pain_before=pain)

    def resume_session(self, row: SessionRow, after_block: int) -> None:
        """Carry on an interrupted session from the block after its last one done."""
        from kneecare_desktop.plan import OverrideError, Overrides, compile_plan

        target = self.library.programs.get(row.item_id) or self.library.routines.get(row.item_id)
        if target is None or self.session_active():
            return
        overrides = {rid: Overrides.from_dict(data) for rid, data in row.overrides.items()
                     if isinstance(data, dict)}
        try:
            plan = compile_plan(target, overrides, self.library.routines)
        except (KeyError, OverrideError) as error:
            QMessageBox.warning(self, self.tr("Cannot resume"), str(error))
            return
        if after_block + 1 >= len(plan.blocks):
            return
        self.notice_banner.hide()
        self.run_plan(plan, resumed_from=row.uid, after_block=after_block)

    def run_plan(self, plan: Plan, pain_before: int | None = None,
                 resumed_from: str | None = None, after_block: int | None = None) -> None:
        """Start a session of ``plan`` (tests and demonstrations may pass a scaled plan)."""
        from kneecare_desktop.recorder import SessionRecorder
        from kneecare_desktop.session import Session
        from kneecare_desktop.ui.driver import SessionDriver
        from kneecare_desktop.ui.player import PlayerView
        from kneecare_desktop.ui.theme import theme_for

        session = Session(plan, self.context.clock, self.settings.interruption_threshold())
        kind = "program" if plan.id in self.library.programs else "routine"
        overrides = {rid: o.to_dict() for rid, o in self.library_view.overrides_for_plan()
                     .items() if rid in plan.routine_ids and not o.is_empty()}
        # Demonstration mode records nothing at all.
        self.recorder = None if self.demo_mode else SessionRecorder(
            self.history.writer, self.context.clock, plan, kind, overrides,
            self.people.person_id, resumed_from)
        if pain_before is not None and self.recorder is not None:
            self.history.writer.pain(self.recorder.uid, before=pain_before)
        if self.driver is not None:  # the last session's, kept for its summary until now
            self.driver.deleteLater()
        self.driver = SessionDriver(session, self)
        self.driver.state_changed.connect(self._on_state_changed)
        self.driver.refreshed.connect(self._update_actions)
        if self.recorder is not None:
            self.driver.event_occurred.connect(self.recorder.on_event)
        self.driver.event_occurred.connect(self.cues.on_event)
        self.driver.ended.connect(self._on_ended)
        if self.player is not None:  # one view follows every session (PlayerView.attach)
            self.player.attach(self.driver, self.library.routines, theme_for(self.palette()))
        else:
            from kneecare_desktop.ui.volume import VolumeControl

            self.player = PlayerView(self.driver, self.library.routines, self.lang,
                                     theme_for(self.palette()), actions=[
                                         self.act_back, self.act_pause, self.act_skip,
                                         self.act_rep_done, self.act_extend, self.act_repeat,
                                         self.act_hurt, self.act_stop, self.act_fullscreen],
                                     controls=[VolumeControl(self.settings, self.cues,
                                                             self.act_mute)])
            self.player_page.layout().addWidget(self.player)
        self.pages.setCurrentIndex(PAGE_PLAYER)
        # Start has gone: the session itself takes the focus, not the next button in line
        # (Stop, ringed as if about to be pressed); the first Tab reaches Back.
        from PySide6.QtCore import Qt

        self.player.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cues.prepare()
        self.cues.prepare_plan(plan)
        self._show_sound_notices()
        if self.presenter is not None:
            self.presenter.attach(self.driver)
        self.session_started.emit(self.driver)
        self.driver.start(after_block)
        self._update_actions()

    def _toggle_pause(self) -> None:
        if self.driver is not None:
            self.driver.toggle_pause()

    def _it_hurts(self) -> None:
        from kneecare_desktop.session import StopReason

        if self.driver is not None and not self.driver.session.state.is_over:
            self.driver.stop(StopReason.HURT)

    def _on_state_changed(self, state: SessionState) -> None:
        if state.value == "running":
            self.screen_awake.hold(self.tr("A guided stretching session is running"))
        else:
            self.screen_awake.release()

    def _on_ended(self, event: Event) -> None:
        assert self.driver is not None
        if self._stop_box is not None:
            self._stop_box.close()
        summary = self.driver.session.summary()
        self.summary_view.show_summary(summary, self.driver.session.plan,
                                       self.library.routines, self.lang)
        self.summary_view.ask_pain(self.settings.ask_pain() and self.recorder is not None)
        self.pages.setCurrentIndex(PAGE_SUMMARY)
        self.summary_view.done_button.setFocus()
        if self.presenter is not None:
            heading = self.summary_view.heading.text()
            self.presenter.show_card(heading, self.summary_view.time_spent.text())
        self._update_actions()
        self.session_ended.emit(summary)

    # -- check-in ----------------------------------------------------------------------------
    def _checkin(self) -> CheckIn | None:
        return next(iter(self.library.checkins.values()), None)

    def open_checkin(self) -> None:
        checkin = self._checkin()
        if checkin is None or self.session_active():
            return
        from kneecare_desktop.ui.checkin_dialog import SameDay

        person_id = self.people.person_id
        today = self.context.clock.now().date()

        def same_day(store: HistoryStore) -> SameDay:
            """Today's sessions: one stopped because it hurt, or pain that rose."""
            rows = store.sessions(person_id, since=today, until=today)
            rises = [(r.pain_before, r.pain_after) for r in rows
                     if r.pain_before is not None and r.pain_after is not None
                     and r.pain_after > r.pain_before]
            return SameDay(any(r.outcome.value == "hurt" for r in rows),
                           rises[-1] if rises else None)

        self.history.run(same_day, lambda found: self._show_checkin(found or SameDay()), self)

    def _show_checkin(self, same_day: SameDay) -> None:
        from kneecare_desktop.ui.checkin_dialog import CheckinDialog

        checkin = self._checkin()
        if checkin is None or self.session_active() or QApplication.activeModalWidget():
            return
        titles = {rid: r.title.get(self.lang) for rid, r in self.library.routines.items()}
        program = next(iter(self.library.programs.values()), None)
        first = (self.compile_selected(program.id).routine_ids[0] if program is not None
                 else None)
        dialog = CheckinDialog(checkin, self.lang, titles, first, self, same_day)
        dialog.taken.connect(lambda ticked, answers, causes, running: self._record_checkin(
            checkin.id, ticked, answers, causes, running))
        dialog.routine_first_chosen.connect(self._set_first_routine)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _record_checkin(self, checkin_id: str, ticked: tuple[str, ...],
                        answers: dict[str, Answer], causes: CauseResult,
                        running: RunningResult) -> None:
        from kneecare_desktop.history import CheckinRecord, new_uid

        best = causes.best
        if self.demo_mode:
            return
        record = CheckinRecord(new_uid(), self.people.person_id,
                               self.context.clock.now(), checkin_id, ticked,
                               best.cause if best else None, best.routine_id if best else None,
                               running.advice.value if running.advice else None,
                               answers={q: a.value for q, a in answers.items()})
        self.history.writer.checkin(record)
        self.last_checkin = record
        self.follow_up_banner.hide()
        if self._history_view is not None:  # its count and rows, after the write
            self._history_view.reload()

    def _set_first_routine(self, routine_id: str) -> None:
        self.settings.set_first_routine(routine_id)
        self.library_view.set_library(self.library)

    def _on_last_checkin(self, state: tuple[CheckinRecord | None, bool] | None) -> None:
        from kneecare_desktop.triage import Advice, follow_up_due

        if not state:
            return
        record, answered = state
        self.last_checkin = record
        if record is None:
            return
        today = self.context.clock.now().date()
        advice = Advice(record.advice) if record.advice else None
        if follow_up_due(advice, record.taken.date(), answered, today):
            when = QLocale().toString(record.taken.replace(tzinfo=None),
                                      QLocale.FormatType.ShortFormat)
            checkin = self._checkin()
            question = checkin.follow_up.get(self.lang) if checkin else ""
            self.follow_up_banner.show_message(
                arg(self.tr("Your check-in on %1 said running was fine. %2"), when, question),
                [("worseYes", self.tr("Yes, it got worse"), lambda: self._follow_up(True)),
                 ("worseNo", self.tr("No"), lambda: self._follow_up(False)),
                 ("worseLater", self.tr("Ask later"), self.follow_up_banner.hide)])

    def _follow_up(self, worse: bool) -> None:
        from kneecare_desktop.history import CheckinRecord, new_uid
        from kneecare_desktop.triage import Advice, answers_at_the_time, running_advice

        previous = self.last_checkin
        if previous is None:
            return
        result = running_advice(answers_at_the_time(previous.answers, previous.ticked,
                                                    previous.form), worse_next_day=worse)
        advice = result.advice or Advice.RUN_SHORTER
        record = CheckinRecord(new_uid(), self.people.person_id, self.context.clock.now(),
                               previous.checkin_id, (), previous.cause, previous.routine_id,
                               advice.value, follow_up_of=previous.uid,
                               worse_next_day=worse, answers=dict(previous.answers))
        self.history.writer.checkin(record)
        self.last_checkin = record
        if advice is Advice.RUN_OK:
            text = self.tr("Thank you. No worse the next day: the article's signs that running "
                           "is fine all hold.")
        else:
            text = arg(self.tr("Thank you. It got worse the next day, so: %1. %2"),
                       advice.heading.get(self.lang),
                       self.tr("A new check-in tells you more."))
        self.follow_up_banner.show_message(
            text, [("dismissFollowUp", self.tr("OK"), self.follow_up_banner.hide)])

    def _rest_advised(self) -> bool:
        record = self.last_checkin
        if record is None or record.advice != "rest":
            return False
        days = (self.context.clock.now().date() - record.taken.date()).days
        return days <= REST_WARNING_DAYS

    def _warn_rest_then_start(self, item_id: str) -> None:
        """A gentle warning after a "better to rest" check-in; the user may go past it."""
        from kneecare_desktop import triage

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Better to rest?"), arg(
            self.tr("Your last check-in said: %1. The article says to rest. (The app's "
                    "reading) The routines can be done again once the signs that rest is "
                    "better have gone. %2"), triage.REST_TITLE.get(self.lang),
            triage.SEE_A_CLINICIAN.get(self.lang)),
            QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("restWarning")
        go = box.addButton(self.tr("Start anyway"), QMessageBox.ButtonRole.AcceptRole)
        not_now = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        # Enter, and Enter again, must not walk past a warning: the safe answer is default.
        box.setDefaultButton(not_now)
        box.setEscapeButton(not_now)

        def answered(_result: int) -> None:
            if box.clickedButton() is go:
                self.start_session(item_id, rest_warning_seen=True)

        box.finished.connect(answered)
        box.open()

    def _settings_not_saved(self, file_name: str) -> None:
        self.notice_banner.show_message(arg(self.tr(
            "Your settings cannot be saved to %1 (the folder is read-only or full). They "
            "apply until you quit."), file_name),
            [("dismissNotice", self.tr("OK"), self.notice_banner.hide)])

    def _setting_changed(self, key: str) -> None:
        if key == "session/ask_pain":
            self.library_view.show_pain_question(self.settings.ask_pain() and not self.demo_mode)

    def _save_pain_after(self, value: int) -> None:
        if self.recorder is not None:
            self.history.writer.pain(self.recorder.uid, after=value)

    def _save_note(self, note: str) -> None:
        if self.recorder is not None:
            self.history.writer.pain(self.recorder.uid, note=note)

    # -- history ----------------------------------------------------------------------------
    def show_history(self) -> None:
        if self.session_active():
            return
        self.pages.setCurrentIndex(PAGE_HISTORY)
        self.history_view.reload()
        self.history_view.table.setFocus()
        self._update_actions()

    def _on_history_opened(self, report: OpenReport) -> None:
        if report.moved_aside is None:
            return
        text = arg(self.tr("The history file was damaged and could not be read. It was kept, "
                           "renamed to %1, and a new history was started."),
                   str(report.moved_aside))
        recovered = report.recovered
        if recovered is not None and recovered.total:
            copied = recovered.copied
            text += " " + arg(self.tr("Recovered from it: %1 sessions, %2 holds and sets, "
                                      "%3 check-ins, %4 people."),
                              copied.get("sessions", 0), copied.get("blocks", 0),
                              copied.get("checkins", 0), copied.get("people", 0))
        self.notice_banner.show_message(
            text, [("dismissNotice", self.tr("OK"), self.notice_banner.hide)])

    def _on_history_status(self, status: WriterStatus) -> None:
        if status.healthy:
            self.storage_banner.hide()
            return
        export = [("exportUnsaved", self.tr("Export them…"), self.export_unsaved)]
        if status.read_only:
            text = arg(self.tr(
                "The data folder cannot be written (%1). Sessions run and the history can be "
                "read, but nothing new will be saved. %2 records are kept in memory; you can "
                "export them before quitting."), status.error, status.unsaved)
        elif status.permanent:
            text = arg(self.tr(
                "The history file %1 is damaged (%2), so nothing more can be saved to it. "
                "%3 records are kept in memory: export them before quitting. Restarting the "
                "app moves the file aside and recovers what can still be read."),
                str(self.context.paths.history_db), status.error, status.unsaved)
        else:
            text = arg(self.tr(
                "Your records cannot be saved to %1 (%2). The session goes on; %3 records are "
                "kept in memory and saving is retried every 30 s. You can export them before "
                "quitting."), str(self.context.paths.history_db), status.error, status.unsaved)
        self.storage_banner.show_message(text, export if status.unsaved else [])

    def export_unsaved(self) -> Path | None:
        """Ask where, then write the records that could not be saved there."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export unsaved records"),
            str(Path.home() / "kneecare-unsaved.json"), "JSON (*.json)")
        return self.export_unsaved_to(Path(name)) if name else None

    def export_unsaved_to(self, path: Path) -> Path | None:
        """Write the records that could not be saved to ``path`` (JSON)."""
        import json

        data = {"format": "kneecare-unsaved", "records": self.history.writer.unsaved()}
        try:
            safe_files.write_text(path, json.dumps(data, ensure_ascii=False, indent=2))
        except OSError as error:
            self._cannot_write(self.tr("Export unsaved records"), error)
            return None
        return path

    def _offer_unsaved_export(self) -> bool:
        """Before quitting with records the disk refused: export, quit anyway, or stay."""
        if self.history.writer.flush(timeout=3.0) and self.history.writer.status.unsaved == 0:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Records not saved"), arg(self.tr(
            "%1 records could not be saved to the history. Export them to a file before "
            "quitting?"), self.history.writer.status.unsaved), parent=self)
        export = box.addButton(self.tr("Export…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Quit without saving"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is stay:
            return False
        if box.clickedButton() is export:
            return self.export_unsaved() is not None
        return True

    def _on_interrupted(self, rows: list[SessionRow]) -> None:
        row = rows[-1]
        title = row.title_ja if self.lang is Lang.JA else row.title_en
        when = QLocale().toString(row.started.replace(tzinfo=None), QLocale.FormatType.ShortFormat)

        def fetch_and_offer(last: int | None) -> None:
            done = 0 if last is None else last + 1
            actions = [("dismissNotice", self.tr("Dismiss"), self.notice_banner.hide)]
            if last is not None:
                actions.insert(0, ("resumeSession", self.tr("Resume"),
                                   lambda: self.resume_session(row, last)))
            self.notice_banner.show_message(arg(self.tr(
                "Your session of %1 on %2 was interrupted. Everything up to the last finished "
                "hold is saved (%3 done)."), title, when, done), actions)

        self.history.run(lambda store: store.last_completed_block(row.uid), fetch_and_offer,
                         self)

    def show_library(self) -> None:
        self.library_view.show_pain_question(self.settings.ask_pain() and not self.demo_mode)
        self.pages.setCurrentIndex(PAGE_LIBRARY)
        self.library_view.list.setFocus()
        if self.presenter is not None:
            self._show_presenter_card()
        self._update_actions()

    def _escape(self) -> None:
        """Esc: leave full screen, or else stop (asking first), or leave the summary."""
        if self.presenter is not None and self.presenter.isVisible():
            self.presenter.close()
            return
        if self.isFullScreen():
            self.showNormal()
            return
        if self.driver is not None and not self.driver.session.state.is_over:
            self.confirm_stop()
            return
        if self.pages.currentIndex() == PAGE_SUMMARY:
            self.show_library()

    def confirm_stop(self) -> None:
        """Ask before stopping; the session pauses while the question is open."""
        from kneecare_desktop.session import SessionState, StopReason

        assert self.driver is not None
        was_running = self.driver.session.state is SessionState.RUNNING
        if was_running:
            self.driver.pause()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Stop the session?"),
                          self.tr("Stop this session now? What you have done so far is kept."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("stopConfirmation")
        # Own buttons, not Yes/No: the style's "yes" (green) and "no" (red) pictures
        # would sit on Stop and Keep going the wrong way round.
        stop = box.addButton(self.tr("Stop"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep going"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(result: int) -> None:
            self._stop_box = None
            if self.driver is None or self.driver.session.state.is_over:
                return
            if box.clickedButton() is stop:
                self.driver.stop(StopReason.USER)
            elif was_running:
                self.driver.resume()

        box.finished.connect(answered)
        self._stop_box = box
        box.open()

    # -- presenter ------------------------------------------------------------------------
    def toggle_presenter(self) -> None:
        if self.presenter is not None and self.presenter.isVisible():
            self.presenter.close()
            return
        if self.presenter is None:
            from kneecare_desktop.ui.presenter import PresenterWindow

            self.presenter = PresenterWindow(self.library.routines, self.lang)
            self.presenter.closed.connect(self._presenter_closed)
        if self.driver is not None and not self.driver.session.state.is_over:
            self.presenter.attach(self.driver)
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

        dialog = SettingsDialog(self.settings, self.cues, self)
        dialog.language_chosen.connect(self.language_change_requested)
        dialog.open()

    def _show_keys(self) -> None:
        rows = []
        for action in [self.act_start, *self.session_actions, self.act_fullscreen]:
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            rows.append(f"<tr><td><b>{keys}</b></td><td>{action.text().replace('&', '')}"
                        f"</td></tr>")
        QMessageBox.information(self, self.tr("Keyboard shortcuts"),
                                f"<table cellpadding='4'>{''.join(rows)}</table>")

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About KneeCare"), arg(self.tr(
            "<h3>KneeCare Desktop %1</h3>"
            "<p>Guided care routines for runners with pain behind the knee.</p>"
            "<p>The routines, their causes and the advice on when to rest follow the "
            "article “膝の裏が走ると痛くなる原因は“3パターン”しかない” by "
            "M.A.K.鍼灸整骨院 (M.A.K. acupuncture and osteopathic clinic, Kawasaki).</p>"
            "<p>This app does not diagnose. If the pain is strong or the back of the knee "
            "is swollen, see a clinician.</p>"
            "<p><small>Recorded prompts: Japanese by Open JTalk with the HTS voice “Mei” "
            "(© Nagoya Institute of Technology, MMDAgent Project Team, CC BY 3.0); English "
            "by CMU Flite (voice slt, © Carnegie Mellon University).</small></p>"),
            __version__))

    # -- window -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._closed:  # closed before (Qt may close a window again at quit)
            super().closeEvent(event)
            return
        if self.driver is not None and not self.driver.session.state.is_over:
            from kneecare_desktop.session import StopReason

            self.driver.stop(StopReason.USER)
        if self.is_loaded:
            if not self._offer_unsaved_export():
                event.ignore()
                return
            # Deleted sessions could be undone until now; the history then closes cleanly.
            self.history.run(lambda store: store.purge_deleted())
            self.history.close()
        self._closed = True
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.sync()
        if self._screen_awake is not None:
            self._screen_awake.release()
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
        super().closeEvent(event)
