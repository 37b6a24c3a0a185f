"""Reminders on a real X display: Xvfb, openbox and a system tray started here, the app in
its own process (``desktop_case.py``) on the xcb platform.

Needs Xvfb, openbox, wmctrl and stalonetray (or trayer, where Debian has no stalonetray):
without them the tests skip, or fail under ``KNEECARE_REQUIRE_DESKTOP=1`` (as .ci/run
sets), so CI never skips them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

CASE = Path(__file__).with_name("desktop_case.py")


def require(*programs: str) -> str:
    """The first of ``programs`` that is installed."""
    for program in programs:
        found = shutil.which(program)
        if found is not None:
            return found
    message = f"none of {', '.join(programs)} is installed"
    if os.environ.get("KNEECARE_REQUIRE_DESKTOP") == "1":
        pytest.fail(message)
    pytest.skip(message)


def wait_for(check: Callable[[], bool], what: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {seconds} s")
        time.sleep(0.05)  # waiting for another process, not for the app's time


class Display:
    """An X server with a window manager, and optionally a tray."""

    def __init__(self, tmp_path: Path) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        self.tmp_path = tmp_path
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    def _open(self) -> None:
        tmp_path = self.tmp_path
        xvfb = require("Xvfb")
        # Xvfb picks a free display itself and writes its number to a pipe: no race with
        # other X servers on this machine.
        read_end, write_end = os.pipe()
        with self.log.open("ab") as log:
            self.processes.append(subprocess.Popen(
                [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                 "-nolisten", "tcp"], pass_fds=(write_end,), stdout=log, stderr=log))
        os.close(write_end)
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        assert number.isdigit(), f"Xvfb did not start: {self.log.read_text(errors='replace')}"
        self.name = f":{number}"
        self.env = {**os.environ, "DISPLAY": self.name, "QT_QPA_PLATFORM": "xcb",
                    "HOME": str(tmp_path / "home")}
        self.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        (tmp_path / "home").mkdir(exist_ok=True)
        require("wmctrl")
        self._start([require("openbox"), "--sm-disable"])
        wait_for(lambda: subprocess.run(["wmctrl", "-m"], env=self.env, capture_output=True,
                                        check=False).returncode == 0,
                 f"openbox (its log: {self.log.read_text(errors='replace')[-500:]!r})", 60)

    @property
    def log(self) -> Path:
        return self.tmp_path / "desktop.log"

    def _start(self, command: list[str]) -> None:
        env = getattr(self, "env", {**os.environ, "DISPLAY": getattr(self, "name", "")})
        with self.log.open("ab") as log:
            self.processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=log))

    def start_tray(self) -> str:
        tray = require("stalonetray", "trayer")
        if tray.endswith("stalonetray"):
            self._start([tray, "--geometry", "6x1-0+0", "--icon-size", "24",
                         "--background", "#343a40", "--kludges", "force_icons_size"])
        else:
            self._start([tray, "--edge", "top", "--align", "right", "--widthtype", "request",
                         "--height", "24", "--SetDockType", "true", "--transparent", "false",
                         "--tint", "0x343a40"])
        name = Path(tray).name
        wait_for(lambda: name in subprocess.run(["wmctrl", "-l"], env=self.env,
                                                capture_output=True, text=True,
                                                check=False).stdout
                 or self._tray_owned(), f"{name} on the display", 60)
        return name

    def _tray_owned(self) -> bool:
        probe = ("from PySide6.QtWidgets import QApplication, QSystemTrayIcon\n"
                 "app = QApplication([])\n"
                 "print(QSystemTrayIcon.isSystemTrayAvailable())\n")
        result = subprocess.run([sys.executable, "-c", probe], env=self.env,
                                capture_output=True, text=True, timeout=30, check=False)
        return result.stdout.strip().endswith("True")

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


@pytest.fixture
def display(tmp_path: Path) -> Iterator[Display]:
    shown = Display(tmp_path)
    yield shown
    shown.close()


def run_case(display: Display, case: str, tmp_path: Path) -> str:
    env = {**display.env, "KNEECARE_DESKTOP_CASE": case,
           "KNEECARE_HOME": str(tmp_path / "kneecare-home")}
    shots = os.environ.get("KNEECARE_SCREENSHOTS")
    if shots:
        env["KNEECARE_SCREENSHOTS"] = shots
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CASE)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return result.stdout


def test_the_tray_shows_the_reminder_and_its_menu_works(display: Display,
                                                          tmp_path: Path) -> None:
    display.start_tray()
    out = run_case(display, "tray", tmp_path)
    assert "2 passed" in out


def test_without_a_tray_or_notifications_the_window_comes_forward(display: Display,
                                                                   tmp_path: Path) -> None:
    out = run_case(display, "window", tmp_path)
    assert "2 passed" in out


def test_the_countdown_on_the_x_server_is_what_the_app_painted(display: Display,
                                                                tmp_path: Path) -> None:
    out = run_case(display, "countdown", tmp_path)
    assert "1 passed" in out
