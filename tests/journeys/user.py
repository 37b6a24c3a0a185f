"""A person at the keyboard and mouse: what journey tests drive the app with.

Everything here goes through what a person can do: open a menu and choose an item,
press keys where the focus is, click or scroll over visible widgets found by their text
or accessible name, and answer the dialog in front of them. Nothing here calls a
window's methods or reads its private attributes; what is checked is what is on screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QFontMetrics,
    QKeySequence,
    Qt as QtGuiQt,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kneecare_desktop.session.clock import ScaledClock

WAIT_MS = 10_000


def plain(text: str, rich: bool | None = None) -> str:
    """A label's text as a person reads it: mnemonics removed, and rich text rendered
    (``rich``: whether the widget shows it as rich text; None: as Qt guesses)."""
    if rich is None:
        rich = bool(QtGuiQt.mightBeRichText(text))
    if rich:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    text = re.sub(r"\(&\w\)", "", text)  # a Japanese-style mnemonic: 「ファイル(&F)」
    return re.sub(r"&(?!&)", "", text).replace("&&", "&")


# What the system's own libraries write into a home folder, not the app: PulseAudio's
# client library links its runtime folder there when QtMultimedia first looks for sound.
SYSTEM_FILES = re.compile(r"^\.config(/pulse(/[0-9a-f]+-runtime)?)?$")


def stray_files(places: dict[str, Path], allowed: tuple[Path, ...] = ()) -> list[Path]:
    """Files in the home, working and answers folders that nobody asked for."""
    found = []
    for name, folder in places.items():
        for path in folder.rglob("*"):
            relative = path.relative_to(folder).as_posix()
            if name == "home" and SYSTEM_FILES.match(relative):
                continue
            if path in allowed:
                continue
            found.append(path)
    return found


def _shows_rich_text(label: QLabel) -> bool:
    form = label.textFormat()
    if form is Qt.TextFormat.PlainText:
        return False
    if form is Qt.TextFormat.AutoText:
        return bool(QtGuiQt.mightBeRichText(label.text()))
    return True


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.window().isVisible()


class User:
    """One person using the app that ``clock`` times."""

    def __init__(self, qtbot: QtBot, clock: ScaledClock, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot = qtbot
        self.clock = clock
        self.monkeypatch = monkeypatch
        self.file_dialogs: list[str] = []  # the titles of the file dialogs that were asked
        self._timers: list[QTimer] = []

    # -- where things are --
    @property
    def main_window(self) -> QMainWindow:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMainWindow) and w.isVisible()]
        assert windows, "no main window on screen"
        return windows[-1]

    def windows(self) -> list[QWidget]:
        """Every visible top-level window, the modal one (if any) last."""
        found = [w for w in QApplication.topLevelWidgets()
                 if w.isVisible() and not isinstance(w, QMenu) and w.isWindow()]
        modal = QApplication.activeModalWidget()
        if modal is not None and modal in found:
            found.remove(modal)
            found.append(modal)
        return found

    def front(self) -> QWidget:
        """The window a person is looking at: the modal dialog, else the active window."""
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return modal
        active = QApplication.activeWindow()
        return active if active is not None else self.main_window

    # -- reading the screen --
    def texts(self, window: QWidget | None = None) -> list[str]:
        """All text visible in ``window`` (or every window): labels, buttons, titles."""
        roots = [window] if window is not None else self.windows()
        found: list[str] = []
        for root in roots:
            found.append(root.windowTitle())
            for widget in [root, *root.findChildren(QWidget)]:
                if not _visible(widget):
                    continue
                if isinstance(widget, QLabel):
                    found.append(plain(widget.text(), _shows_rich_text(widget)))
                elif isinstance(widget, QAbstractButton):
                    found.append(plain(widget.text()))
                elif isinstance(widget, QGroupBox):
                    found.append(plain(widget.title()))
                elif isinstance(widget, QLineEdit):
                    found.append(widget.text())
                if widget.accessibleName():
                    found.append(widget.accessibleName())
                if widget.accessibleDescription():  # what a custom-drawn widget shows
                    found.append(widget.accessibleDescription())
        return [t for t in found if t]

    def cut_off(self, window: QWidget) -> list[str]:
        """The texts in ``window`` that do not fit their place (clipped on screen): every
        visible one-line label whose words need more room than it has."""
        found: list[str] = []
        for label in window.findChildren(QLabel):
            text = label.text()
            if not _visible(label) or not text or label.wordWrap() or \
                    _shows_rich_text(label) or not label.pixmap().isNull():
                continue
            room = label.contentsRect()
            needed = QFontMetrics(label.font()).boundingRect(room, int(label.alignment()), text)
            if needed.width() > room.width() + 1 or needed.height() > room.height() + 1:
                found.append(f"{text!r}: needs {needed.width()}x{needed.height()}, "
                             f"has {room.width()}x{room.height()}")
        return found

    def screen_text(self, window: QWidget | None = None) -> str:
        return "\n".join(self.texts(window))

    def sees(self, text: str, window: QWidget | None = None) -> bool:
        return text in self.screen_text(window)

    def wait_to_see(self, text: str, window: QWidget | None = None,
                    timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(lambda: self.sees(text, window), timeout=timeout)

    def label(self, accessible_or_object_name: str) -> QLabel:
        """The visible label with this accessible name (or, for plain labels, its name)."""
        for widget in self._all_widgets(QLabel):
            if accessible_or_object_name in (widget.accessibleName(), widget.objectName()):
                return widget
        raise AssertionError(f"no visible label {accessible_or_object_name!r}")

    def table_rows(self, accessible_name: str) -> list[list[str]]:
        """The rows of the visible table with this accessible name, as shown."""
        view = self.widget(accessible_name, QAbstractItemView)
        model = view.model()
        return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())]
                for r in range(model.rowCount())]

    def table_headers(self, accessible_name: str) -> list[str]:
        view = self.widget(accessible_name, QAbstractItemView)
        model = view.model()
        return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in
                range(model.columnCount())]

    # -- finding widgets --
    def _all_widgets(self, kind: type[QWidget] = QWidget) -> Iterator[QWidget]:
        for root in reversed(self.windows()):
            for widget in root.findChildren(kind):
                if _visible(widget):
                    yield widget

    def widget(self, accessible_name: str, kind: type[QWidget] = QWidget) -> QWidget:
        for widget in self._all_widgets(kind):
            if widget.accessibleName() == accessible_name:
                return widget
        raise AssertionError(f"nothing visible is called {accessible_name!r}")

    def button(self, text: str, window: QWidget | None = None) -> QAbstractButton:
        """The visible button whose text (or accessible name) is ``text``."""
        roots = [window] if window is not None else list(reversed(self.windows()))
        for root in roots:
            for button in root.findChildren(QAbstractButton):
                if not _visible(button):
                    continue
                if text in (plain(button.text()), button.accessibleName()):
                    return button
        shown = [plain(b.text()) for r in roots for b in r.findChildren(QAbstractButton)
                 if _visible(b)]
        raise AssertionError(f"no visible button {text!r}; on screen: {shown}")

    def has_button(self, text: str) -> bool:
        try:
            self.button(text)
        except AssertionError:
            return False
        return True

    # -- doing things --
    def _bring_forward(self, widget: QWidget) -> None:
        """A click on a window that is not active activates it, as a window manager does
        (the offscreen platform has none; modal dialogs keep the activation)."""
        window = widget.window()
        if QApplication.activeModalWidget() is None and QApplication.activeWindow() is not window:
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)

    def click(self, text: str, window: QWidget | None = None) -> None:
        button = self.button(text, window)
        assert button.isEnabled(), f"{text!r} is greyed out"
        self._bring_forward(button)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def click_on(self, widget: QWidget) -> None:
        """Click in the middle of ``widget`` (found by its accessible name)."""
        assert widget.isVisible()
        assert widget.isEnabled()
        self._bring_forward(widget)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def click_tab(self, text: str) -> None:
        """Click the visible tab whose label starts with ``text``."""
        for bar in self._all_widgets(QTabBar):
            assert isinstance(bar, QTabBar)
            for index in range(bar.count()):
                if plain(bar.tabText(index)).startswith(text):
                    self._bring_forward(bar)
                    self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                                          pos=bar.tabRect(index).center())
                    return
        raise AssertionError(f"no visible tab starting with {text!r}")

    def click_item(self, text: str, double: bool = False) -> None:
        """Click the visible list or table entry whose text starts with ``text``."""
        for view in self._all_widgets(QAbstractItemView):
            assert isinstance(view, QAbstractItemView)
            model = view.model()
            if model is None:
                continue
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                if str(index.data() or "").startswith(text):
                    self._bring_forward(view)
                    view.scrollTo(index)
                    centre = view.visualRect(index).center()
                    button = Qt.MouseButton.LeftButton
                    if double:
                        self.qtbot.mouseDClick(view.viewport(), button, pos=centre)
                    else:
                        self.qtbot.mouseClick(view.viewport(), button, pos=centre)
                    return
        raise AssertionError(f"no visible entry starting with {text!r}")

    def menu(self, *path: str) -> None:
        """Open the menu bar's menu ``path[0]`` and choose ``path[-1]`` from it."""
        action = self.menu_action(*path)
        assert action.isEnabled(), f"{' → '.join(path)} is greyed out"
        action.trigger()

    def menu_action(self, *path: str, window: QMainWindow | None = None) -> QAction:
        window = window or self.main_window
        actions = window.menuBar().actions()
        for step in path:
            match = next((a for a in actions if plain(a.text()) == step and a.isVisible()),
                         None)
            shown = [plain(a.text()) for a in actions]
            assert match is not None, f"no menu item {step!r} in {shown}"
            if match.menu() is not None:
                menu = match.menu()
                menu.aboutToShow.emit()  # menus fill themselves as they open
                actions = menu.actions()
            else:
                return match
        raise AssertionError(f"{path!r} is a menu, not an item")

    def press(self, keys: str, times: int = 1) -> None:
        """Press a key combination ("Ctrl+Return", "Space", "F11") where the focus is."""
        sequence = QKeySequence(keys)
        assert sequence.count() == 1, keys
        combination = sequence[0]
        if QApplication.activeWindow() is None:
            # A window manager gives the keyboard back to the main window when a dialog
            # closes; the offscreen platform leaves no window active.
            self._activate(QApplication.activeModalWidget() or self.main_window)
        for _ in range(times):
            target = QApplication.focusWidget() or self.front()
            self.qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())

    def tab_to(self, text: str, limit: int = 80) -> QWidget:
        """Press Tab until the control showing ``text`` has the keyboard focus."""
        for _ in range(limit):
            focus = QApplication.focusWidget()
            if focus is not None and text in (plain(getattr(focus, "text", str)() or ""),
                                              focus.accessibleName()):
                return focus
            self.press("Tab")
        raise AssertionError(f"Tab never reaches {text!r}")

    def type(self, text: str) -> None:
        target = QApplication.focusWidget() or self.front()
        self.qtbot.keyClicks(target, text)

    def wheel(self, over: QWidget, notches: int, at: QPoint | None = None) -> None:
        """Turn the mouse wheel over ``over`` (at its centre, or ``at``).

        As for a real wheel, the event goes to the widget under the pointer and up to
        its parents until one takes it (Qt propagates only the platform's own wheel
        events, so this does what it would do for them)."""
        point = at if at is not None else over.rect().center()
        for _ in range(abs(notches)):
            delta = -120 if notches > 0 else 120  # a positive count scrolls down
            widget: QWidget | None = over.childAt(point) or over
            global_point = over.mapToGlobal(point)
            while widget is not None:
                local = widget.mapFromGlobal(global_point)
                event = QWheelEvent(QPointF(local), QPointF(global_point), QPoint(0, 0),
                                    QPoint(0, delta), Qt.MouseButton.NoButton,
                                    Qt.KeyboardModifier.NoModifier,
                                    Qt.ScrollPhase.NoScrollPhase, False)
                QApplication.sendEvent(widget, event)
                if event.isAccepted() or widget.isWindow():
                    break
                widget = widget.parentWidget()

    # -- dialogs --
    def wait_for_dialog(self, timeout: int = WAIT_MS, over: QWidget | None = None) -> QWidget:
        """The dialog in front once one is (``over``: a new one, in front of that one)."""
        self.qtbot.waitUntil(lambda: QApplication.activeModalWidget() not in (None, over),
                             timeout=timeout)
        modal = QApplication.activeModalWidget()
        assert modal is not None
        self._activate(modal)
        return modal

    def _activate(self, window: QWidget) -> None:
        """A new window gets the keyboard, as a window manager gives it (offscreen has
        none)."""
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window,
                                 timeout=WAIT_MS)

    def answer(self, button_text: str) -> str:
        """Press ``button_text`` in the dialog in front; returns the dialog's text."""
        dialog = self.wait_for_dialog()
        shown = self.screen_text(dialog)
        self.click(button_text, dialog)
        self.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        return shown

    def on_next_dialog(self, answer: Callable[[QWidget], None]) -> None:
        """Answer the next dialog that opens with ``answer(dialog)``, also one that blocks
        the click that opened it (``exec``), as a person answers it while it waits."""
        before = QApplication.activeModalWidget()
        timer = QTimer()
        timer.setInterval(20)

        def check() -> None:
            modal = QApplication.activeModalWidget()
            if modal is not None and modal is not before and modal.isVisible():
                timer.stop()
                self._activate(modal)
                answer(modal)

        timer.timeout.connect(check)
        timer.start()
        self._timers.append(timer)

    def type_into(self, dialog: QWidget, text: str, then: str = "Return") -> None:
        """Type where the dialog's focus is, then press ``then``."""
        target = dialog.focusWidget() or dialog
        self.qtbot.keyClicks(target, text)
        combination = QKeySequence(then)[0]
        self.qtbot.keyClick(dialog.focusWidget() or dialog, combination.key(),
                            combination.keyboardModifiers())

    def no_dialog(self) -> bool:
        return QApplication.activeModalWidget() is None

    def will_answer_file_dialogs_with(self, path: Path | None) -> None:
        """The next file dialogs are answered with ``path`` (None: cancelled)."""

        def answer(_parent: object = None, caption: str = "", *_args: object,
                   **_kwargs: object) -> tuple[str, str]:
            self.file_dialogs.append(caption)
            return ("", "") if path is None else (str(path), "")

        self.monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
        self.monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)

    # -- time --
    def wait(self, seconds: float) -> None:
        """Let ``seconds`` pass on the session's clock (in short steps, as time does)."""
        left = seconds
        while left > 1e-9:
            step = min(2.0, left)
            self.clock.jump(step)
            left -= step
            self.qtbot.wait(int(1000 / self.clock.rate) + 5)

    def wait_until(self, check: Callable[[], bool], timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(check, timeout=timeout)

    def settle(self) -> None:
        """Let what the last input queued run (posted events, zero timers) before looking
        for something that must NOT have happened; waits for the event loop, not for time."""
        done: list[bool] = []
        QTimer.singleShot(0, lambda: done.append(True))
        self.qtbot.waitUntil(lambda: bool(done))

    def offers(self, choice: str, window: QWidget | None = None) -> bool:
        """A visible drop-down list in ``window`` (default: the main window) has ``choice``."""
        root = window or self.main_window
        return any(choice in [box.itemText(i) for i in range(box.count())]
                   for box in root.findChildren(QComboBox) if _visible(box))

    def wait_for_the_app_to_end(self) -> None:
        """What ``kneecare`` does after its last window: the history's last writes end
        (``wait_for_writers``), as a process would before it exits."""
        from kneecare_desktop.ui.history_service import wait_for_writers

        assert wait_for_writers(10.0)
