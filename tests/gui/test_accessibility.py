"""Every control a keyboard can reach has a name a screen reader can say, in both
languages, in every window and dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang
from kneecare_desktop.session.clock import FakeClock
from tests.gui.helpers import advance


def unnamed(root: QWidget) -> list[str]:
    """The focusable, visible widgets in ``root`` whose accessible name is empty."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # a spin box's own line edit: the spin box is what is named
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__}#{widget.objectName()} in "
                           f"{type(root).__name__}")
    return missing


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def open_dialog(window: QWidget, opener: object, qtbot: QtBot) -> QDialog:
    opener()  # type: ignore[operator]
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog)
                    or any(isinstance(w, QDialog) and w.isVisible()
                           for w in window.findChildren(QDialog)), timeout=5000)
    dialog = next(w for w in window.findChildren(QDialog) if w.isVisible())
    settle()
    return dialog


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_every_window_and_dialog_names_every_control(
        make_app: object, clock: FakeClock, qtbot: QtBot, lang: Lang) -> None:
    window = make_app(lang, ask_pain=True).window  # type: ignore[operator]
    missing: list[str] = []
    for item in ("knee-care", "hamstring-towel", "hip-hinge"):
        window.library_view.select(item)
        settle()
        missing += unnamed(window)
    for opener in (window.checkins.open, window.manage_people, window._open_settings,
                   window.files.open_routine_editor, window.files.open_program_editor):
        dialog = open_dialog(window, opener, qtbot)
        missing += unnamed(dialog)
        dialog.reject()
        settle()
    window.show_history()
    qtbot.waitUntil(lambda: window.history_view.isVisible(), timeout=5000)
    settle()
    missing += unnamed(window)
    window.show_library()
    window.sessions.start("hamstring-towel")
    advance(window, clock, 12)
    settle()
    missing += unnamed(window)
    window.toggle_presenter()
    settle()
    assert window.presenter is not None
    missing += unnamed(window.presenter)
    window.presenter.close()
    window.sessions.driver.stop()  # type: ignore[union-attr]
    settle()
    missing += unnamed(window)  # the summary
    assert sorted(set(missing)) == [], "\n".join(sorted(set(missing)))
