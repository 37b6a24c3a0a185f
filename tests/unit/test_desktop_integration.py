"""The launcher, its icons and autostart: written and removed on Linux (in the XDG folders
the tests redirect); the Windows Run value and the macOS LaunchAgent by their content."""

from __future__ import annotations

import plistlib
import struct
from pathlib import Path

import pytest

from kneecare_desktop.cli.main import main
from kneecare_desktop.integration import launcher
from kneecare_desktop.integration.autostart import (
    AGENT_LABEL,
    RUN_KEY,
    Autostart,
    macos_agent,
    windows_entry,
)
from kneecare_desktop.paths import desktop_paths

COMMAND = ["/opt/KneeCare/kneecare"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_paths_follow_the_xdg_variables(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c"),
           "XDG_DATA_HOME": str(tmp_path / "d")}
    paths = desktop_paths(env, "linux")
    assert paths.autostart_dir == tmp_path / "c" / "autostart"
    assert paths.applications_dir == tmp_path / "d" / "applications"
    assert paths.icons_dir == tmp_path / "d" / "icons" / "hicolor"
    # Unset or relative (the specification says to ignore them): the defaults.
    default = desktop_paths({"HOME": str(tmp_path), "XDG_DATA_HOME": "relative"}, "linux")
    assert default.autostart_dir == tmp_path / ".config" / "autostart"
    assert default.applications_dir == tmp_path / ".local" / "share" / "applications"
    windows = desktop_paths({"APPDATA": "C:/Users/a/AppData/Roaming"}, "win32")
    assert windows.autostart_dir.as_posix().endswith("Start Menu/Programs/Startup")
    mac = desktop_paths({}, "darwin", home=tmp_path)
    assert mac.autostart_dir == tmp_path / "Library" / "LaunchAgents"


def test_the_shipped_icons_are_every_hicolor_size() -> None:
    files = launcher.icon_files()
    assert files[0][0].name == "kneecare.svg"
    for source, relative in files[1:]:
        size = int(relative.parts[0].split("x")[0])
        assert png_size(source) == (size, size), source


def test_the_launcher_in_english_and_japanese() -> None:
    text = launcher.desktop_entry(COMMAND)
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert "Name=KneeCare" in lines
    assert "Name[ja]=KneeCare 膝裏ケア" in lines
    assert "Exec=/opt/KneeCare/kneecare" in lines
    assert "TryExec=/opt/KneeCare/kneecare" in lines
    assert "Icon=kneecare" in lines
    assert "Type=Application" in lines
    assert not any(line.startswith("Hidden") or line.startswith("NoDisplay") for line in lines)


@pytest.mark.parametrize("word", ["/home/a b/kneecare", "/x/50%/kneecare", 'a"b', "$HOME",
                                  "back\\slash"])
def test_exec_quotes_what_the_desktop_would_split(word: str) -> None:
    text = launcher.desktop_entry([word, "--minimized"])
    assert launcher.exec_words(text) == [word, "--minimized"]


def test_a_portable_copy_starts_with_its_own_data_folder(tmp_path: Path) -> None:
    command = launcher.with_home(COMMAND, {"KNEECARE_HOME": str(tmp_path / "stick")})
    text = launcher.desktop_entry(command)
    assert launcher.exec_words(text) == ["env", f"KNEECARE_HOME={tmp_path / 'stick'}",
                                         *COMMAND]
    assert "TryExec" not in text
    assert launcher.with_home(COMMAND, {}) == COMMAND


def test_desktop_entry_install_and_remove_through_the_command_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paths = desktop_paths()
    assert str(paths.applications_dir).startswith(str(tmp_path))  # redirected by conftest
    assert main(["--lang", "en", "desktop-entry", "install"]) == 0
    out = capsys.readouterr().out
    entry = paths.applications_dir / "kneecare.desktop"
    assert f"KneeCare is in the desktop's applications (9 files): {entry}" in out
    words = launcher.exec_words(entry.read_text(encoding="utf-8"))
    assert words[:2] == ["env", f"KNEECARE_HOME={Path.cwd() and tmp_path / 'kneecare-home'}"]
    assert "kneecare" in Path(words[-1]).name or words[-2:] == ["-m", "kneecare_desktop"]
    for size in launcher.ICON_SIZES:
        icon = paths.icons_dir / f"{size}x{size}" / "apps" / "kneecare.png"
        assert png_size(icon) == (size, size)
    assert (paths.icons_dir / "scalable" / "apps" / "kneecare.svg").is_file()
    assert main(["--lang", "ja", "desktop-entry", "remove"]) == 0
    assert "アプリ一覧から KneeCare を削除しました（9 個のファイル）" in capsys.readouterr().out
    assert not entry.exists()
    assert not list(paths.icons_dir.rglob("kneecare.*"))
    assert main(["--lang", "en", "desktop-entry", "remove"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_linux_autostart_is_written_and_removed(tmp_path: Path) -> None:
    paths = desktop_paths()
    autostart = Autostart(paths, COMMAND, environ={})
    assert not autostart.enabled()
    autostart.enable()
    entry = paths.autostart_dir / "kneecare.desktop"
    assert autostart.location == entry
    text = entry.read_text(encoding="utf-8")
    assert launcher.exec_words(text) == [*COMMAND, "--minimized"]
    assert "X-GNOME-Autostart-enabled=true" in text
    assert autostart.enabled()
    # A desktop's own switch turns it off by adding Hidden=true.
    entry.write_text(text + "Hidden=true\n", encoding="utf-8")
    assert not autostart.enabled()
    autostart.disable()
    assert not entry.exists()
    assert not autostart.enabled()
    autostart.disable()  # already off: nothing to do


def test_autostart_through_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "autostart", "status"]) == 0
    assert capsys.readouterr().out == "KneeCare does not start at login.\n"
    assert main(["--lang", "en", "autostart", "on"]) == 0
    entry = desktop_paths().autostart_dir / "kneecare.desktop"
    assert capsys.readouterr().out == f"KneeCare starts at login: {entry}\n"
    assert main(["--lang", "ja", "autostart", "off"]) == 0
    assert capsys.readouterr().out == "ログイン時に KneeCare は起動しません。\n"
    assert not entry.exists()


class FakeRegistry:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def get(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))

    def set(self, key: str, name: str, value: str) -> None:
        self.values[(key, name)] = value

    def delete(self, key: str, name: str) -> None:
        self.values.pop((key, name), None)


def test_windows_run_value_content() -> None:
    """Untested on Windows itself: the value as written, quoted for CreateProcess."""
    entry = windows_entry([r"C:\Program Files\KneeCare\kneecare.exe"], {})
    assert entry.key == r"Software\Microsoft\Windows\CurrentVersion\Run"
    assert entry.name == "KneeCare"
    assert entry.command_line == r'"C:\Program Files\KneeCare\kneecare.exe" --minimized'
    portable = windows_entry([r"E:\KneeCare\kneecare.exe"], {"KNEECARE_HOME": r"E:\data"})
    assert portable.command_line == \
        r'cmd /c "set "KNEECARE_HOME=E:\data" && E:\KneeCare\kneecare.exe --minimized"'
    registry = FakeRegistry()
    autostart = Autostart(desktop_paths({"APPDATA": "C:/x"}, "win32"),
                          [r"C:\KneeCare\kneecare.exe"], environ={}, registry=registry)
    assert not autostart.enabled()
    autostart.enable()
    assert registry.values == {(RUN_KEY, "KneeCare"): r"C:\KneeCare\kneecare.exe --minimized"}
    assert autostart.enabled()
    autostart.disable()
    assert registry.values == {}


def test_macos_launch_agent_content(tmp_path: Path) -> None:
    """Untested on macOS itself: the property list as written."""
    agent = plistlib.loads(macos_agent(["/Applications/KneeCare.app/Contents/MacOS/kneecare"],
                                       {}))
    assert agent == {
        "Label": AGENT_LABEL,
        "ProgramArguments": ["/Applications/KneeCare.app/Contents/MacOS/kneecare",
                             "--minimized"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    portable = plistlib.loads(macos_agent(["/k"], {"KNEECARE_HOME": "/Volumes/stick"}))
    assert portable["EnvironmentVariables"] == {"KNEECARE_HOME": "/Volumes/stick"}
    autostart = Autostart(desktop_paths({}, "darwin", home=tmp_path), ["/k"], environ={})
    autostart.enable()
    written = tmp_path / "Library" / "LaunchAgents" / "app.kneecare.plist"
    assert plistlib.loads(written.read_bytes())["ProgramArguments"] == ["/k", "--minimized"]
    assert autostart.enabled()
    autostart.disable()
    assert not written.exists()


def test_the_launcher_and_the_autostart_entry_pass_desktop_file_validate(
        tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    from kneecare_desktop.integration.autostart import linux_entry

    validate = shutil.which("desktop-file-validate")
    if validate is None:
        if os.environ.get("KNEECARE_REQUIRE_DESKTOP") == "1":
            pytest.fail("desktop-file-validate is not installed (Debian: desktop-file-utils)")
        pytest.skip("desktop-file-validate is not installed")
    for name, text in (("kneecare.desktop", launcher.desktop_entry(["/opt/a b/kneecare"])),
                       ("autostart.desktop", linux_entry(COMMAND))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = subprocess.run([validate, str(path)], capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.strip() == "", result.stdout  # no warnings either
