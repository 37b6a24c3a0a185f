"""The routine editor: a copy, an invalid edit that says what is wrong, and its fix."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit

from kneecare_desktop.paths import app_paths
from tests.journeys.user import User


def test_routine_editor_invalid_edit_then_fix(launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    user.click_item("Hamstring stretch with a towel")
    user.menu("File", "New routine from the selected one…")
    editor = user.wait_for_dialog()
    assert user.sees("A copy of: Hamstring stretch with a towel", editor)
    title = user.widget("Title, English", QLineEdit)
    user.click_on(title)
    user.press("Ctrl+A")
    user.press("Delete")
    user.wait_until(lambda: not user.button("Save", editor).isEnabled())
    assert user.sees("Fix the problems below to save.", editor)
    user.type("Towel stretch, long hold")
    user.wait_until(lambda: user.button("Save", editor).isEnabled())
    user.click("Save", editor)
    user.wait_until(lambda: not editor.isVisible())
    saved = app_paths().user_routines_dir / "hamstring-towel-copy.yaml"
    assert saved.exists()
    assert "Towel stretch, long hold" in saved.read_text(encoding="utf-8")
    user.click_item("Towel stretch, long hold")  # in the care menu, ready to start
    assert user.has_button("Start")


def test_an_editor_problem_is_shown_at_its_field_in_the_forms_words(
        launch: Callable[..., User]) -> None:
    from PySide6.QtWidgets import QListWidget

    user = launch(ask_pain=False)
    user.click_item("Hip hinge drill")
    user.menu("File", "New routine from the selected one…")
    editor = user.wait_for_dialog()
    assert user.sees("日本語", editor)  # the two language columns say which is which
    assert user.sees("English", editor)
    purpose = user.widget("Purpose, English", QLineEdit)
    user.click_on(purpose)
    user.press("Ctrl+A")
    user.press("Delete")
    user.wait_until(lambda: not user.button("Save", editor).isEnabled())
    problems = user.widget("Problems", QListWidget)
    said = [problems.item(i).text() for i in range(problems.count())]
    assert said == ["Purpose, English: write the English text (it is empty)"]
    assert "'en:'" not in said[0]  # the form's words, not the file's
    assert purpose.toolTip() == said[0]  # and on the field itself
    assert "c92a2a" in purpose.styleSheet()
    user.type("Standing drill")
    user.wait_until(lambda: user.button("Save", editor).isEnabled())
    assert purpose.toolTip() == ""
