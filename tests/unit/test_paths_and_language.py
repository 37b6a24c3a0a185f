"""One paths module decides every location; KNEECARE_HOME overrides them all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kneecare_desktop.model import Lang
from kneecare_desktop.paths import (
    app_paths,
    bundle_dir,
    package_dir,
    resources_dir,
    shipped_routines_dir,
)
from kneecare_desktop.text.language import system_language


def test_kneecare_home_moves_every_location(tmp_path: Path) -> None:
    paths = app_paths({"KNEECARE_HOME": str(tmp_path)})
    for location in (paths.data_dir, paths.user_routines_dir, paths.history_db,
                     paths.settings_file, paths.log_dir):
        assert location.is_relative_to(tmp_path)
    paths.ensure()
    assert paths.user_routines_dir.is_dir()


def test_without_kneecare_home_the_platform_decides(tmp_path: Path) -> None:
    paths = app_paths({"XDG_DATA_HOME": str(tmp_path)})
    assert "KneeCare" in str(paths.data_dir)
    assert paths.settings_file.name == "settings.ini"


def test_shipped_routines_are_found() -> None:
    assert (shipped_routines_dir() / "knee-care.yaml").is_file()


def test_a_frozen_app_finds_its_files_in_its_bundle(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # What packaging/kneecare.spec lays out: the wheel's places, under the bundle folder.
    assert bundle_dir() is None
    shipped = tmp_path / "kneecare_desktop" / "shipped_routines"
    shipped.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert bundle_dir() == tmp_path
    assert package_dir() == tmp_path / "kneecare_desktop"
    assert shipped_routines_dir() == shipped
    assert resources_dir() == tmp_path / "kneecare_desktop" / "ui" / "resources"


def test_language_follows_the_locale() -> None:
    assert system_language({"LANG": "ja_JP.UTF-8"}) is Lang.JA
    assert system_language({"LC_ALL": "en_GB.UTF-8", "LANG": "ja_JP.UTF-8"}) is Lang.EN
    assert system_language({"LANGUAGE": "ja:en", "LANG": "en_US.UTF-8"}) is Lang.JA
    assert system_language({"LANG": "fr_FR.UTF-8"}) is Lang.EN
    assert system_language({"LANG": "C"}) is Lang.EN
