"""The small things a finished app gets right: unique menu letters, a title that names
the app once, plain stop buttons, a confirmation that is not a greyed-out button."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.main_window import MainWindow
from tests.gui.helpers import advance


def mnemonic(text: str) -> str | None:
    found = re.search(r"&(?!&)(\w)", text)
    return found[1].upper() if found else None


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_every_menu_letter_is_used_once_per_menu(make_app: object, lang: Lang) -> None:
    window = make_app(lang).window  # type: ignore[operator]
    bar = window.menuBar()
    letters = [mnemonic(a.text()) for a in bar.actions()]
    assert len(letters) == len(set(letters))
    for action in bar.actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        used = [m for m in (mnemonic(a.text()) for a in menu.actions()) if m]
        duplicates = {m for m in used if used.count(m) > 1}
        assert not duplicates, (action.text(), duplicates)


def test_the_title_names_the_app_once(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.people.current is not None, timeout=5000)
    from kneecare_desktop.ui.people import PeopleDialog

    dialog = PeopleDialog(window.people, window)
    dialog.add_person("Sato")
    qtbot.waitUntil(lambda: "Sato" in window.windowTitle(), timeout=5000)
    # The platform (xcb, Windows, macOS) adds " — KneeCare" to every window's title from
    # the application's display name: the window's own title must not say it again.
    assert QApplication.applicationDisplayName() == "KneeCare"
    assert window.windowTitle() == "Sato"
    dialog.close()


def test_stop_asks_with_plain_buttons(window: MainWindow, clock: FakeClock) -> None:
    window.sessions.start("hip-hinge")
    advance(window, clock, 3)
    window.sessions.confirm_stop()
    box = window.findChild(QMessageBox, "stopConfirmation")
    assert box is not None
    names = {b.text(): b for b in box.buttons()}
    assert set(names) == {"Stop", "Keep going"}
    assert all(b.icon().isNull() for b in names.values())  # no green "yes", red "no"
    assert box.defaultButton() is names["Keep going"]
    box.reject()


def test_choosing_the_first_routine_confirms_in_words(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    from tests.gui.test_checkin_ui import answer_all, open_checkin, tick

    dialog = open_checkin(qtbot, window)
    tick(qtbot, dialog, "downhill", "knee-caves-in")
    answer_all(qtbot, dialog, "no")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.first_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not dialog.first_button.isVisible()  # not left as a greyed-out button
    assert dialog.first_done.isVisible()
    assert dialog.first_done.text() == "Done: the program starts with it."
    dialog.reject()
