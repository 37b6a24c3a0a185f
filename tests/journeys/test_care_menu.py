"""The care menu: scrolling never changes a dose; a changed dose says so and resets in
one click."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QComboBox, QLabel, QListWidget, QSpinBox

from tests.conftest import DATA
from tests.journeys.user import User


def test_scrolling_the_care_page_never_changes_a_dose(launch: Callable[..., User]) -> None:
    user = launch()
    user.click_item("Hamstring stretch with a towel")
    details = user.widget("Details", QAbstractScrollArea)
    hold = user.widget("Hold", QSpinBox)
    legs = user.widget("Legs", QComboBox)
    bar = details.verticalScrollBar()
    user.wait_until(lambda: bar.maximum() > 0)  # the page is long enough to scroll
    # The pointer rests where the Hold box will pass under it as the page scrolls down.
    at_top = hold.mapTo(details, hold.rect().center())
    pointer = QPoint(at_top.x(), max(10, min(details.height() - 10,
                                             at_top.y() - bar.maximum() // 2)))
    for _ in range(30):
        user.wheel(details, 1, at=pointer)
    assert hold.value() == 20
    assert bar.value() == bar.maximum()
    for _ in range(30):
        user.wheel(details, -1, at=pointer)
    assert hold.value() == 20
    assert legs.currentText() == "Both legs"
    assert user.sees("20 s hold × 2 on each side")
    assert bar.value() == 0  # the wheel scrolled the page, down and back up


def test_a_changed_dose_is_marked_and_reset_in_one_click(launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    user.click_item("Hamstring stretch with a towel")
    hold = user.widget("Hold", QSpinBox)
    assert not user.sees("Hold (changed)")
    user.click_on(hold)
    user.press("Up", times=5)  # the focused box takes keys (and the wheel)
    user.wheel(hold, -1)
    assert hold.value() == 26
    user.wait_to_see("26 s hold × 2 on each side")
    assert user.sees("Hold (changed)")
    user.click("Reset to 20 s")
    assert hold.value() == 20
    assert user.sees("20 s hold × 2 on each side")
    assert not user.sees("Hold (changed)")
    assert not user.has_button("Reset to 20 s")


def _care_list(user: User) -> dict[str, str]:
    """The care menu's entries as shown: title → the lines under it."""
    shown = [view for view in user.main_window.findChildren(QListWidget)
             if view.isVisible() and view.count()]
    assert shown, "no care menu on screen"
    entries = [shown[0].item(row).text().split("\n", 1) for row in range(shown[0].count())]
    return {title: rest for title, rest in entries}


def test_a_new_get_ready_time_shows_in_every_duration_of_the_care_menu(
        launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    before = _care_list(user)
    user.menu("File", "Settings…")
    dialog = user.wait_for_dialog()
    user.tab_to("Each routine's own")  # the get-ready time
    user.press("Ctrl+A")
    user.type("30")
    user.click("OK", dialog)
    user.wait_until(user.no_dialog)
    after = _care_list(user)
    # Every entry, not only the one chosen, shows the time a Start would now take.
    assert after.keys() == before.keys()
    changed = [title for title in after if after[title] != before[title]]
    assert sorted(changed) == sorted(before), (before, after)


EVIL = '<a href="http://x.example/">click</a><img src="http://x.example/i.png">'


def test_routine_text_is_shown_as_written_never_as_markup(
        launch: Callable[..., User], kneecare_home: Path) -> None:
    """A routine file from anywhere (a hand-off, a download) carries HTML and a link: the
    care menu, the player and the summary show the characters, not a link."""
    user_folder = kneecare_home / "routines"
    user_folder.mkdir(exist_ok=True)
    shutil.copy(DATA / "hostile" / "hinge-markup.yaml", user_folder)
    user = launch(ask_pain=False)
    user.click_item("Hinge <a href")
    user.wait_to_see(f"Purpose {EVIL}")
    assert user.sees(f"Stand {EVIL}")
    assert user.sees(f"Hinge {EVIL}")
    assert not any(label.openExternalLinks() or ("<a href" in label.text() and
                   label.textFormat() is not Qt.TextFormat.PlainText and
                   "&lt;a href" not in label.text())
                   for label in user.main_window.findChildren(QLabel))
    user.click("Start")
    user.press("Space")  # paused while getting ready: the setup steps are on screen
    user.wait_to_see("Paused. Press Space to resume.")
    assert user.sees(f"Hinge {EVIL}")
    assert user.sees(f"1. Stand {EVIL}")
    user.press("Space")
    user.press("Right", times=2)
    user.wait_to_see("Back to the care menu")
    assert user.sees("Hinge <b>bold</b>") or user.sees(f"Hinge {EVIL}")
