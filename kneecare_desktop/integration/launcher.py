"""The launcher (a freedesktop ``.desktop`` entry) and the icon set, defined once.

``kneecare desktop-entry install`` puts them where the user's desktop finds them (a wheel
cannot install files outside the package); a frozen build calls :func:`desktop_entry`
with its own binary as ``command``. The autostart entry is the same launcher with the
options for starting at login.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kneecare_desktop import safe_files
from kneecare_desktop.paths import HOME_VARIABLE, DesktopPaths, resources_dir

log = logging.getLogger(__name__)

APP_ID = "kneecare"  # the launcher's file name and the icon's name in the theme
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
NAME = {"en": "KneeCare", "ja": "KneeCare 膝裏ケア"}
GENERIC_NAME = {"en": "Knee care routines", "ja": "膝裏のセルフケア"}
COMMENT = {"en": "Guided stretching routines for runners with pain behind the knee",
           "ja": "走ると膝の裏が痛くなるランナーのためのストレッチを案内します"}
KEYWORDS = "knee;stretch;running;hamstring;calf;膝;ストレッチ;ランニング;"


def icons_source() -> Path:
    """The shipped icon set: ``kneecare.svg`` and ``hicolor/NxN/apps/kneecare.png``
    (rendered from the SVG by ``tools/render_icons.py``)."""
    return resources_dir() / "icons"


def icon_files() -> list[tuple[Path, Path]]:
    """(shipped file, its place under the hicolor theme folder) for every size."""
    source = icons_source()
    files = [(source / "kneecare.svg", Path("scalable") / "apps" / f"{APP_ID}.svg")]
    for size in ICON_SIZES:
        relative = Path(f"{size}x{size}") / "apps" / f"{APP_ID}.png"
        files.append((source / "hicolor" / relative, relative))
    return files


def launch_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The command that starts this copy of the app: a frozen build's own binary, else
    the installed ``kneecare`` script beside this Python, else ``python -m``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).with_name("kneecare")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("kneecare", path=(environ or os.environ).get("PATH"))
    if found:
        return [found]
    return [sys.executable, "-m", "kneecare_desktop"]


def with_home(command: Sequence[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """``command``, started with this copy's ``KNEECARE_HOME`` when it has one (a portable
    copy keeps its data folder when the desktop starts it)."""
    home = (os.environ if environ is None else environ).get(HOME_VARIABLE, "").strip()
    if not home:
        return list(command)
    return ["env", f"{HOME_VARIABLE}={Path(home).expanduser().resolve()}", *command]


def _exec_quote(word: str) -> str:
    """A word of a ``.desktop`` file's ``Exec=``: quoted as the specification asks (and
    ``%`` doubled, since the desktop expands field codes)."""
    word = word.replace("%", "%%")
    if word and not any(c in word for c in " \t\n\"'\\><~|&;$*?#()`"):
        return word
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in word)
    return f'"{escaped}"'


def _value(text: str) -> str:
    """A ``.desktop`` string value: backslashes and line breaks escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


@dataclass(frozen=True, slots=True)
class Entry:
    """What differs between the launcher and the autostart entry."""

    arguments: tuple[str, ...] = ()
    autostart: bool = False


def desktop_entry(command: Sequence[str], entry: Entry = Entry()) -> str:
    """The ``.desktop`` file, in English with Japanese beside it."""
    words = [*command, *entry.arguments]
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",  # the newest that Debian 12's desktop-file-validate knows
        f"Name={_value(NAME['en'])}",
        f"Name[ja]={_value(NAME['ja'])}",
        f"GenericName={_value(GENERIC_NAME['en'])}",
        f"GenericName[ja]={_value(GENERIC_NAME['ja'])}",
        f"Comment={_value(COMMENT['en'])}",
        f"Comment[ja]={_value(COMMENT['ja'])}",
        f"Exec={_value(' '.join(_exec_quote(w) for w in words))}",
        f"TryExec={_exec_quote(command[0])}" if command and command[0] != "env" else "",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Utility;",
        f"Keywords={KEYWORDS}",
        "StartupNotify=true",
        "StartupWMClass=kneecare",
    ]
    if entry.autostart:
        lines += ["X-GNOME-Autostart-enabled=true", "NoDisplay=true"]
    return "\n".join(line for line in lines if line) + "\n"


def exec_words(text: str) -> list[str]:
    """The ``Exec=`` line of a ``.desktop`` text, split as a desktop splits it (for tests
    and for the check that an entry still points at this copy)."""
    for line in text.splitlines():
        if line.startswith("Exec="):
            value = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1),
                                                                          m.group(1)),
                           line[len("Exec="):])
            return [w.replace("%%", "%") for w in _split_exec(value)]
    return []


def _split_exec(value: str) -> list[str]:
    """The specification's quoting: words apart by spaces; a quoted word in double quotes,
    in which a backslash escapes ``"``, `````, ``$`` and ``\\``."""
    words: list[str] = []
    current: list[str] | None = None
    quoted = False
    index = 0
    while index < len(value):
        char = value[index]
        if quoted:
            if char == "\\" and index + 1 < len(value) and value[index + 1] in '"`$\\':
                index += 1
                assert current is not None
                current.append(value[index])
            elif char == '"':
                quoted = False
            else:
                assert current is not None
                current.append(char)
        elif char == " ":
            if current is not None:
                words.append("".join(current))
                current = None
        elif char == '"':
            quoted = True
            current = current if current is not None else []
        else:
            if current is None:
                current = []
            current.append(char)
        index += 1
    if current is not None:
        words.append("".join(current))
    return words


def install(paths: DesktopPaths, command: Sequence[str] | None = None) -> list[Path]:
    """Write the launcher and copy the icons for the user; returns the files written.
    The icon theme's cache, where the desktop keeps one, is refreshed."""
    written: list[Path] = []
    for source, relative in icon_files():
        target = paths.icons_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        safe_files.write_bytes(target, source.read_bytes())
        written.append(target)
    launcher = paths.applications_dir / f"{APP_ID}.desktop"
    launcher.parent.mkdir(parents=True, exist_ok=True)
    safe_files.write_text(launcher, desktop_entry(with_home(command or launch_command())))
    written.append(launcher)
    _refresh_caches(paths)
    return written


def remove(paths: DesktopPaths) -> list[Path]:
    """Remove what :func:`install` wrote; returns the files removed."""
    removed: list[Path] = []
    targets = [paths.applications_dir / f"{APP_ID}.desktop",
               *(paths.icons_dir / relative for _source, relative in icon_files())]
    for target in targets:
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(target)
    _refresh_caches(paths)
    return removed


def _refresh_caches(paths: DesktopPaths) -> None:
    """Best-effort: tell the desktop that its launchers and icons changed."""
    import subprocess

    for tool, folder in (("update-desktop-database", paths.applications_dir),
                         ("gtk-update-icon-cache", paths.icons_dir)):
        program = shutil.which(tool)
        if program is None or not folder.is_dir():
            continue
        arguments = [program, "-q", str(folder)]
        if tool == "gtk-update-icon-cache":
            arguments[2:2] = ["-f", "-t"]
        try:
            subprocess.run(arguments, check=False, capture_output=True, timeout=20)
        except (OSError, subprocess.SubprocessError) as error:
            log.info("%s did not run: %s", tool, error)
