"""A settings file edited by hand: what the app cannot use is said, never silently replaced."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings

from kneecare_desktop.paths import app_paths
from tests.journeys.user import User


def test_values_the_app_cannot_use_are_named_with_the_file_and_the_defaults_apply(
        launch: Callable[..., User]) -> None:
    paths = app_paths()
    paths.ensure()
    edited = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    edited.setValue("cues/volume", "loud")
    edited.setValue("session/ask_pain", "maybe")
    edited.setValue("session/interruption_threshold", 120.0)
    edited.sync()
    del edited
    user = launch(preferences=False)
    user.wait_until(lambda: "cannot be used" in user.screen_text(user.main_window))
    said = user.screen_text(user.main_window)
    assert str(paths.settings_file) in said
    assert "cues/volume = loud (a whole number from 0 to 100; the default is used)" in said
    assert "session/ask_pain = maybe (true or false; the default is used)" in said
    assert "interruption_threshold" not in said  # a value that fits is not a problem
    # The default applies: the pain question is asked before a session.
    assert user.sees("How much does the back of your knee hurt right now?")
    user.click("OK")
    user.wait_until(lambda: "cannot be used" not in user.screen_text(user.main_window))
