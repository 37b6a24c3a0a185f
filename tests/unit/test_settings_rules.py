"""What a settings file may hold: a value that does not fit gives the default and is said."""

from __future__ import annotations

import pytest

from kneecare_desktop import settings_rules
from kneecare_desktop.model import DEFAULT_INTERRUPTION_THRESHOLD, Lang


@pytest.mark.parametrize(("key", "raw", "value"), [
    ("cues/volume", "35", 35),
    ("cues/sound", "false", False),
    ("cues/sound", True, True),
    ("ui/language", "ja", Lang.JA),
    ("ui/language", "", None),
    ("session/lead_in", "", None),
    ("session/lead_in", "15", 15),
    ("session/interruption_threshold", "45.5", 45.5),
    ("people/current", "3", 3),
    ("checkin/first_routine", "calf-wall", "calf-wall"),
])
def test_values_that_fit_are_read_as_their_type(key: str, raw: object, value: object) -> None:
    assert settings_rules.read(key, raw) == (value, None)


def test_a_missing_value_is_the_default_and_not_a_problem() -> None:
    assert settings_rules.read("cues/volume", None) == (80, None)


@pytest.mark.parametrize(("key", "raw", "expected"), [
    ("cues/volume", "loud", "a whole number from 0 to 100"),
    ("cues/volume", "250", "a whole number from 0 to 100"),
    ("cues/muted", "maybe", "true or false"),
    ("ui/language", "fr", "ja, en, or empty to follow the system"),
    ("session/lead_in", "-3", "a whole number from 0 to 60"),
    ("session/interruption_threshold", "1", "2 to 120 seconds"),
])
def test_a_value_that_does_not_fit_gives_the_default_and_says_what_fits(
        key: str, raw: str, expected: str) -> None:
    value, bad = settings_rules.read(key, raw)
    assert value == settings_rules.RULES[key].default
    assert bad is not None
    assert bad.message(Lang.EN) == f"{key} = {raw} ({expected}; the default is used)"
    assert bad.message(Lang.JA).startswith(f"{key} = {raw}（")


def test_the_interruption_threshold_keeps_its_default() -> None:
    assert settings_rules.read("session/interruption_threshold", "x")[0] \
        == DEFAULT_INTERRUPTION_THRESHOLD


def test_a_file_from_a_newer_app_is_recognised() -> None:
    assert settings_rules.check_version(None) is None
    assert settings_rules.check_version(str(settings_rules.SETTINGS_VERSION)) is None
    newer = settings_rules.check_version(str(settings_rules.SETTINGS_VERSION + 1))
    assert newer is not None
    assert "newer version" in newer.message(Lang.EN)
    assert settings_rules.check_version("two") is not None
