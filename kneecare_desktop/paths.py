"""Every location KneeCare reads or writes, decided in one place.

The app and the command line both call :func:`app_paths`, so they always agree.
``KNEECARE_HOME`` moves every location (data, user routines, settings, logs) under one
folder: tests use it, and so can a portable install on a USB stick.

The read-only files that ship with the app (routines, sounds, prompts, translations) are
found beside the package: in a clone, in an installed wheel, or in a frozen app
(PyInstaller), whose spec puts them at the same places under its bundle folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "KneeCare"
HOME_VARIABLE = "KNEECARE_HOME"
PACKAGE_NAME = "kneecare_desktop"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    user_routines_dir: Path
    history_db: Path
    settings_file: Path
    log_dir: Path
    instance_lock: Path  # held by the running app: one app per data folder
    wake_request: Path  # a second start writes it; the running app comes to the front
    device_id_file: Path  # this PC's id on a clinic server (history/clinic.py)

    def ensure(self) -> list[Path]:
        """Create the folders the app writes into; returns those it could not create (a
        read-only data folder is still used: to read the history, to run sessions)."""
        missing = []
        for folder in (self.data_dir, self.user_routines_dir, self.settings_file.parent,
                       self.log_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                missing.append(folder)
        return missing


def app_paths(environ: Mapping[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    home = env.get(HOME_VARIABLE, "").strip()
    if home:
        root = Path(home).expanduser().resolve()
        data = root
        config = root
        logs = root / "logs"
    else:
        data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        logs = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    return AppPaths(
        data_dir=data,
        user_routines_dir=data / "routines",
        history_db=data / "history.sqlite3",
        settings_file=config / "settings.ini",
        log_dir=logs,
        instance_lock=data / "kneecare.lock",
        wake_request=data / "kneecare.wake",
        device_id_file=data / "device-id",
    )


def bundle_dir() -> Path | None:
    """A frozen app's bundle folder (PyInstaller's ``sys._MEIPASS``); None otherwise."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and isinstance(bundle, str) and bundle:
        return Path(bundle)
    return None


def package_dir() -> Path:
    """The package's folder of read-only files: beside this module, or in a frozen app
    the bundle's ``kneecare_desktop`` folder (``packaging/kneecare.spec`` puts them
    there, at the wheel's places)."""
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / PACKAGE_NAME
    return Path(__file__).resolve().parent


def shipped_routines_dir() -> Path:
    """The routines that ship with the app: inside the wheel or the frozen app, or
    ``routines/`` in a clone."""
    package = package_dir()
    installed = package / "shipped_routines"
    if installed.is_dir():
        return installed
    return package.parent / "routines"


def resources_dir() -> Path:
    """Illustrations, sounds and translations (read-only, inside the package)."""
    return package_dir() / "ui" / "resources"


@dataclass(frozen=True, slots=True)
class DesktopPaths:
    """Where the desktop looks for what KneeCare installs into it: the autostart entry,
    the launcher and its icons (Linux, by the XDG variables, which tests redirect), the
    Startup folder (Windows), the LaunchAgents folder (macOS).

    ``KNEECARE_HOME`` does not move these (the desktop reads them only from its own
    places); an autostart entry written by a portable copy starts it with its folder."""

    platform: str  # "linux" (any XDG desktop), "win32" or "darwin"
    autostart_dir: Path
    applications_dir: Path
    icons_dir: Path  # the hicolor theme: icons_dir / "48x48" / "apps" / "kneecare.png"


def desktop_paths(environ: Mapping[str, str] | None = None,
                  platform: str | None = None, home: Path | None = None) -> DesktopPaths:
    import sys

    env = os.environ if environ is None else environ
    system = platform or sys.platform
    user_home = home or Path(env.get("HOME") or Path.home())
    if system == "win32":
        roaming = Path(env.get("APPDATA") or user_home / "AppData" / "Roaming")
        programs = roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        return DesktopPaths(system, programs / "Startup", programs, roaming / "KneeCare")
    if system == "darwin":
        library = user_home / "Library"
        return DesktopPaths(system, library / "LaunchAgents", user_home / "Applications",
                            library / "Application Support" / "KneeCare")

    def xdg(variable: str, default: Path) -> Path:
        value = env.get(variable, "").strip()
        return Path(value) if value and Path(value).is_absolute() else default

    config = xdg("XDG_CONFIG_HOME", user_home / ".config")
    data = xdg("XDG_DATA_HOME", user_home / ".local" / "share")
    return DesktopPaths("linux", config / "autostart", data / "applications",
                        data / "icons" / "hicolor")
