"""The main window's actions and menus: their texts, keys and menu roles, in one place.

The actions know nothing of what they do: the window and its controllers connect them
with :func:`on_trigger`. Which ones are enabled follows :meth:`WindowActions.update`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from kneecare_desktop.ui.text import arg


def on_trigger(action: QAction, slot: Callable[[], object]) -> None:
    """Connect ``slot`` without arguments: Qt's ``triggered`` carries a ``checked`` flag
    that a slot with an optional parameter would take for its value (a path, once)."""
    action.triggered.connect(lambda: slot())


@dataclass(frozen=True, slots=True)
class ActionState:
    """What decides which actions are on."""

    loaded: bool
    session_active: bool = False
    paused: bool = False
    timed_segment: bool = True
    on_care_menu: bool = False
    item_selected: bool = False
    has_checkin: bool = False


class WindowActions(QObject):
    """Every action of the main window; the window adds them to itself and its menus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.app_wide: list[QAction] = []
        a = self._action
        self.start = a("start", self.tr("&Start"), ["Ctrl+Return", "Ctrl+Enter"], True)
        self.pause = a("pause", self.tr("Pause"), ["Space", "B", "."], True)
        self.back = a("back", self.tr("Back"), ["Left", "PgUp"], True)
        self.skip = a("skip", self.tr("Skip"), ["Right", "PgDown"], True)
        self.rep_done = a("repDone", self.tr("Rep done"), ["Return", "Enter"], True)
        self.extend = a("extend", self.tr("+10 s"), ["+", "="], True)
        self.repeat = a("repeatSet", self.tr("Repeat this set"), ["R"], True)
        self.hurt = a("hurt", self.tr("It hurts"), ["H"], True)
        self.stop = a("stop", self.tr("Stop"), ["Esc"], True)
        self.mute = a("mute", self.tr("Mute"), ["M"], True)
        self.mute.setCheckable(True)
        # F11 first, then the platform's own full-screen keys: on Linux desktops without
        # a platform theme, Qt's standard full-screen key is empty.
        full_screen = ["F11", *(k.toString() for k in QKeySequence.keyBindings(
            QKeySequence.StandardKey.FullScreen) if k.toString() != "F11")]
        self.fullscreen = a("fullScreen", self.tr("Presenter mode (full screen)"),
                            full_screen, True)
        self.reload = a("reload", self.tr("&Reload routines"), QKeySequence.StandardKey.Refresh)
        self.open_folder = a("openFolder", self.tr("Open my routines folder"), None)
        self.settings = a("settings", self.tr("&Settings…"), ["Ctrl+,"])
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = a("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.checkin = a("checkin", self.tr("&Check-in…"), ["Ctrl+K"])
        self.history = a("history", self.tr("&History"), ["Ctrl+H"])
        self.care_menu = a("careMenu", self.tr("&Care menu"), ["Ctrl+1"])
        self.people = a("people", self.tr("&Manage people…"), None)
        self.demo = a("demo", self.tr("&Demonstration mode (records nothing)"), None)
        self.demo.setCheckable(True)
        self.export_program = a("exportProgram", self.tr("&Export this person's program…"),
                                None)
        self.import_program = a("importProgram",
                                self.tr("&Import a program from the clinic…"), None)
        self.edit_routine = a("editRoutine", self.tr("&New routine from the selected one…"),
                              None)
        self.edit_program = a("editProgram", self.tr("New pro&gram…"), None)
        self.handout = a("handout", self.tr("Print a &home-care handout (PDF)…"),
                         QKeySequence.StandardKey.Print)
        self.report = a("report", self.tr("Report for the c&linic…"), None)
        self.keys = a("keys", self.tr("&Keyboard shortcuts"),
                      QKeySequence.StandardKey.HelpContents)
        self.about = a("about", self.tr("&About KneeCare"), None)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = a("aboutQt", self.tr("About &Qt"), None)
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.session = [self.back, self.pause, self.skip, self.rep_done, self.extend,
                        self.repeat, self.hurt, self.stop, self.mute]
        # The actions that need the routines or the history: off until they are loaded.
        self.content = [self.reload, self.people, self.demo, self.export_program,
                        self.import_program, self.edit_routine, self.edit_program,
                        self.handout, self.report, self.fullscreen]

    def _action(self, name: str, text: str, keys: list[str] | QKeySequence.StandardKey | None,
                app_wide: bool = False) -> QAction:
        """``keys``: a standard key, or key sequences in Qt's portable text ("Ctrl+K")."""
        action = QAction(text, self._window)
        action.setObjectName(name)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        elif keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if app_wide:
            self.app_wide.append(action)
        self.label_with_key(action, text)
        self._window.addAction(action)
        return action

    def label_with_key(self, action: QAction, text: str) -> None:
        """The tooltip, and a button's label (its icon text: the player's buttons), say
        the key too: "Pause (Space)", "Skip (→)". Menus show the key on their own."""
        tip = text.replace("&", "")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        shown = {"Right": "→", "Left": "←", "Up": "↑", "Down": "↓"}.get(keys, keys)
        action.setToolTip(arg(self.tr("%1 (%2)"), tip, keys) if keys else tip)
        action.setIconText(arg(self.tr("%1 (%2)"), tip, shown) if shown else tip)

    def make_app_wide(self) -> None:
        """Application-wide, so the presenter window and any focus get them too. Called
        after the first paint, not with the actions: Qt's enum namespace costs 10 ms to
        create, and the frame paints without it (these actions are off until then)."""
        from PySide6.QtCore import Qt

        for action in self.app_wide:
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

    def fill_menus(self, bar: QMenuBar) -> None:
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.reload, self.open_folder])
        file_menu.addSeparator()
        file_menu.addActions([self.edit_routine, self.edit_program])
        file_menu.addSeparator()
        file_menu.addActions([self.export_program, self.import_program])
        file_menu.addSeparator()
        file_menu.addActions([self.handout, self.report])
        file_menu.addSeparator()
        file_menu.addAction(self.settings)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        session_menu = bar.addMenu(self.tr("S&ession"))
        session_menu.addAction(self.start)
        session_menu.addAction(self.checkin)
        session_menu.addSeparator()
        session_menu.addActions(self.session)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.care_menu, self.history])
        view_menu.addSeparator()
        view_menu.addAction(self.fullscreen)
        people_menu = bar.addMenu(self.tr("&People"))
        people_menu.addAction(self.people)
        people_menu.addAction(self.demo)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.keys, self.about, self.about_qt])

    def update(self, state: ActionState) -> None:
        for action in self.content:
            action.setEnabled(state.loaded)
        if not state.loaded:
            for action in [self.start, self.history, self.checkin, self.care_menu,
                           *self.session]:
                action.setEnabled(False)
            return
        active = state.session_active
        self.start.setEnabled(state.on_care_menu and state.item_selected)
        self.history.setEnabled(not active)
        self.checkin.setEnabled(not active and state.has_checkin)
        self.care_menu.setEnabled(not active)
        rep_done = active and not state.timed_segment
        for action in self.session:
            # Each set once, to what it is to be: Rep done turned on here and off again
            # further down made its button lay the player out twice at every step of the
            # countdown (a few ms before the countdown could paint).
            action.setEnabled(rep_done if action is self.rep_done else active)
        # Esc also leaves full screen and the summary, so it stays on outside a session.
        self.stop.setEnabled(True)
        if active:
            label = self.tr("Resume") if state.paused else self.tr("Pause")
            if label != self.pause.text():
                self.pause.setText(label)
                self.label_with_key(self.pause, label)

    def shortcuts_table(self) -> str:
        """The session's keys, as the Keyboard shortcuts box shows them."""
        rows = []
        for action in [self.start, *self.session, self.fullscreen]:
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            rows.append(f"<tr><td><b>{keys}</b></td><td>{action.text().replace('&', '')}"
                        f"</td></tr>")
        return f"<table cellpadding='4'>{''.join(rows)}</table>"
