"""Keyboard only: Tab reaches everything a mouse can, and what has focus shows it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QPushButton, QToolButton, QWidget

from tests.journeys.user import User


def test_tab_reaches_the_pain_scale_and_dont_ask_and_digits_choose(
        launch: Callable[..., User]) -> None:
    user = launch()
    scale = user.tab_to("Pain from 0 (none) to 10 (worst imaginable)")
    user.press("Right", times=3)  # from no choice: 0, 1, 2
    assert user.widget("2", QPushButton).isChecked()
    user.press("End")
    assert user.widget("10", QPushButton).isChecked()
    user.type("4")
    assert user.widget("4", QPushButton).isChecked()
    assert "4" in scale.accessibleDescription()
    user.tab_to("Don't ask")
    assert isinstance(QApplication.focusWidget(), QWidget)


def _image_of(widget: QWidget) -> bytes:
    image = widget.grab().toImage()
    return bytes(image.constBits())


def test_focus_shows_on_start(launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False)
    start = user.button("Start")
    user.click_item("Knee care program")
    unfocused = _image_of(start)
    user.tab_to("Start")
    assert start.hasFocus()
    assert _image_of(start) != unfocused  # a visible focus ring


def test_tab_reaches_the_session_buttons_and_space_still_pauses(
        launch: Callable[..., User]) -> None:
    user = launch(ask_pain=False, rate=1.0)
    user.click_item("Calf and Achilles stretch at a wall")
    user.click("Start")
    user.wait_to_see("get ready")
    focused = user.tab_to("Skip (→)")
    assert isinstance(focused, QToolButton)
    labels = {plain for plain in user.texts() if "(" in plain}
    for label in ("Pause (Space)", "Skip (→)", "Back (←)", "It hurts (H)", "Stop (Esc)",
                  "+10 s (+)"):
        assert label in labels, label
    user.press("Space")  # the session's key, whichever button has the focus
    user.wait_to_see("Paused. Press Space to resume.")
    assert user.sees("get ready")  # not skipped


def test_a_session_started_from_the_keyboard_has_no_button_focused(
        launch: Callable[..., User]) -> None:
    """Start goes away when the session starts: the focus must not fall on whatever
    button comes next (it fell on Stop, ringed as if about to be pressed)."""
    user = launch(ask_pain=False)
    user.click_item("Hip hinge drill")
    user.tab_to("Start")
    user.press("Return")
    user.wait_to_see("get ready")
    focused = QApplication.focusWidget()
    assert not isinstance(focused, (QToolButton, QPushButton)), focused.text()
    # The first Tab then goes to the first control, Back.
    user.press("Tab")
    focused = QApplication.focusWidget()
    assert isinstance(focused, QToolButton)
    assert focused.text() == "Back (←)"
