"""Starting KneeCare at login, so that reminders come without opening it by hand.

- Linux (any XDG desktop): ``$XDG_CONFIG_HOME/autostart/kneecare.desktop``, the launcher
  with ``--minimized``; written and removed, and tested so here.
- Windows: a value ``KneeCare`` under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``
  holding the command line. Only its content is tested here (no Windows machine).
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/app.kneecare.plist``, with
  ``RunAtLoad``. Only its content is tested here (no macOS machine).

Whether autostart is on is read from the system each time (the file or the value is the
setting), so turning it off elsewhere is seen.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kneecare_desktop import safe_files
from kneecare_desktop.integration.launcher import (
    APP_ID,
    Entry,
    desktop_entry,
    exec_words,
    launch_command,
    with_home,
)
from kneecare_desktop.paths import HOME_VARIABLE, DesktopPaths

ARGUMENTS = ("--minimized",)  # at login the window waits on the taskbar, not in the way
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "KneeCare"
AGENT_LABEL = "app.kneecare"


def linux_entry(command: Sequence[str]) -> str:
    return desktop_entry(command, Entry(ARGUMENTS, autostart=True))


@dataclass(frozen=True, slots=True)
class RunEntry:
    """A value of the Windows Run key: what Windows starts at login."""

    key: str
    name: str
    command_line: str


def windows_entry(command: Sequence[str], environ: Mapping[str, str] | None = None) -> RunEntry:
    """The Run value; a portable copy's ``KNEECARE_HOME`` goes through ``cmd /c set``."""
    words = [*command, *ARGUMENTS]
    line = subprocess.list2cmdline(words)
    home = (os.environ if environ is None else environ).get(HOME_VARIABLE, "").strip()
    if home:
        line = f'cmd /c "set "{HOME_VARIABLE}={home}" && {line}"'
    return RunEntry(RUN_KEY, RUN_VALUE, line)


def macos_agent(command: Sequence[str], environ: Mapping[str, str] | None = None) -> bytes:
    """The LaunchAgent property list (XML)."""
    agent: dict[str, object] = {
        "Label": AGENT_LABEL,
        "ProgramArguments": [*command, *ARGUMENTS],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    home = (os.environ if environ is None else environ).get(HOME_VARIABLE, "").strip()
    if home:
        agent["EnvironmentVariables"] = {HOME_VARIABLE: home}
    return plistlib.dumps(agent, sort_keys=True)


class Registry(Protocol):
    """The few calls of ``winreg`` that autostart makes, on HKEY_CURRENT_USER."""

    def get(self, key: str, name: str) -> str | None: ...

    def set(self, key: str, name: str, value: str) -> None: ...

    def delete(self, key: str, name: str) -> None: ...


class WindowsRegistry:
    """HKEY_CURRENT_USER through ``winreg`` (Windows only; mypy checks it for Windows)."""

    def get(self, key: str, name: str) -> str | None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                    value, _kind = winreg.QueryValueEx(handle, name)
            except OSError:
                return None
            return str(value)
        raise OSError("the registry is on Windows only")

    def set(self, key: str, name: str, value: str) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:
                winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)
            return
        raise OSError("the registry is on Windows only")

    def delete(self, key: str, name: str) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0,
                                    winreg.KEY_SET_VALUE) as handle:
                    winreg.DeleteValue(handle, name)
            except FileNotFoundError:
                pass
            return
        raise OSError("the registry is on Windows only")


class Autostart:
    """Autostart at login for this copy of the app, on this computer."""

    def __init__(self, paths: DesktopPaths, command: Sequence[str] | None = None,
                 environ: Mapping[str, str] | None = None,
                 registry: Registry | None = None) -> None:
        self.paths = paths
        self.environ = dict(os.environ if environ is None else environ)
        self.command = list(command or launch_command(self.environ))
        self._registry = registry

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = WindowsRegistry()
        return self._registry

    @property
    def location(self) -> Path | str:
        """Where the entry is: a file, or (Windows) the registry value's name."""
        if self.paths.platform == "win32":
            return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"
        if self.paths.platform == "darwin":
            return self.paths.autostart_dir / f"{AGENT_LABEL}.plist"
        return self.paths.autostart_dir / f"{APP_ID}.desktop"

    def content(self) -> str | bytes:
        if self.paths.platform == "win32":
            return windows_entry(self.command, self.environ).command_line
        if self.paths.platform == "darwin":
            return macos_agent(self.command, self.environ)
        return linux_entry(with_home(self.command, self.environ))

    def enabled(self) -> bool:
        if self.paths.platform == "win32":
            return self.registry.get(RUN_KEY, RUN_VALUE) is not None
        location = self.location
        assert isinstance(location, Path)
        if not location.is_file():
            return False
        if self.paths.platform == "linux":
            # An entry that says Hidden=true (a desktop's way to turn it off) is off.
            text = location.read_text(encoding="utf-8", errors="replace")
            return "\nHidden=true" not in text and bool(exec_words(text))
        return True

    def enable(self) -> None:
        """Write the entry (again: it then points at this copy). Raises OSError."""
        if self.paths.platform == "win32":
            self.registry.set(RUN_KEY, RUN_VALUE, windows_entry(self.command,
                                                                self.environ).command_line)
            return
        location = self.location
        assert isinstance(location, Path)
        location.parent.mkdir(parents=True, exist_ok=True)
        content = self.content()
        if isinstance(content, bytes):
            safe_files.write_bytes(location, content)
        else:
            safe_files.write_text(location, content)

    def disable(self) -> None:
        if self.paths.platform == "win32":
            self.registry.delete(RUN_KEY, RUN_VALUE)
            return
        location = self.location
        assert isinstance(location, Path)
        location.unlink(missing_ok=True)

    def set(self, on: bool) -> None:
        if on:
            self.enable()
        else:
            self.disable()
