"""Run by test_small_screen.py in a process whose only screen is 1024×700 (the offscreen
platform takes a screen size from a configuration file); not collected on its own."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from kneecare_desktop.model import Lang
from tests.journeys.user import User
from tests.journeys.words import w

SIZE = os.environ.get("KNEECARE_TEST_SCREEN", "")


def screen_area() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def fits(widget: QWidget) -> bool:
    window = widget.window()
    return screen_area().contains(window.frameGeometry())


def on_screen(widget: QWidget) -> bool:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    bottom_right = widget.mapToGlobal(widget.rect().bottomRight())
    return widget.isVisible() and screen_area().contains(QRect(top_left, bottom_right))


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_everything_fits_a_small_screen(launch: Callable[..., User], lang: Lang) -> None:
    assert SIZE, "run by test_small_screen.py"
    width, height = (int(v) for v in SIZE.split("x"))
    assert (screen_area().width(), screen_area().height()) == (width, height)
    user = launch(lang)
    window = user.main_window
    assert fits(window), f"{window.frameGeometry()} on {screen_area()}"
    for item in ("program", "hamstring", "calf"):
        user.click_item(w(item, lang))
        start = user.button(w("start", lang))
        assert on_screen(start), f"Start is off-screen with {item} selected"
    # Every dialog the menus open fits too.
    for keys in ("Ctrl+K", "Ctrl+,"):
        user.press(keys)
        dialog = user.wait_for_dialog()
        assert fits(dialog), f"{keys}: {dialog.frameGeometry()}"
        user.press("Escape")
        user.wait_until(user.no_dialog)
    for path in (("File", "New routine from the selected one…"), ("File", "New program…"),
                 ("People", "Manage people…")):
        if lang is Lang.EN:
            user.menu(*path)
            dialog = user.wait_for_dialog()
            assert fits(dialog), f"{path}: {dialog.frameGeometry()}"
            dialog.close()
            user.wait_until(user.no_dialog)
    assert not [t for t in QApplication.topLevelWidgets() if t.isVisible() and not fits(t)]
    # A session: the window keeps to its screen and every control button is on it (they
    # once held the window 1400 px wide, past the screen's edge).
    user.click_item(w("program", lang))
    user.click(w("start", lang))
    user.wait_to_see(w("get ready", lang))
    assert fits(window), f"{window.frameGeometry()} on {screen_area()}"
    buttons = [b for b in window.findChildren(QToolButton) if b.isVisible()
               and b.defaultAction() is not None]
    assert len(buttons) >= 8
    # Once laid out (fonts follow the window's size), each shows its whole text.
    user.wait_until(lambda: all(b.width() >= b.sizeHint().width() for b in buttons))
    for button in buttons:
        assert on_screen(button), f"{button.text()} is off-screen"
