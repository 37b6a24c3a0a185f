"""What the frozen app leaves out, and why: shared by ``kneecare.spec`` (the build) and
``smoke.py`` (the check of the built folder).

PyInstaller's PySide6 hooks collect every plugin of each Qt module the app imports, and
every library those plugins need, including the build machine's own system libraries.
The rules below keep what the app uses; the spec prints how many files they left out.
Needs nothing but the standard library (it runs inside PyInstaller and in CI).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYSTEM_LIBRARIES_FILE = HERE / "system-libraries.txt"

# Qt plugins left out: "type" (the whole folder) or "type/file-stem".
EXCLUDED_PLUGINS: Mapping[str, str] = {
    # Platforms: the app runs on a desktop (xcb, wayland) or headless (offscreen).
    "platforms/libqeglfs": "EGL full-screen platform for embedded devices without a desktop",
    "platforms/libqlinuxfb": "Linux framebuffer platform (embedded devices)",
    "platforms/libqminimal": "a test platform that draws nothing",
    "platforms/libqminimalegl": "a test platform that draws nothing",
    "platforms/libqvkkhrdisplay": "Vulkan display platform (embedded devices)",
    "platforms/libqvnc": "a VNC server platform",
    "egldeviceintegrations": "only for the eglfs platform, left out",
    "generic": "evdev and TUIO input, only for the embedded platforms (TUIO needs QtNetwork)",
    # Input methods: compose and IBus stay (typing Japanese names needs an input method).
    "platforminputcontexts/libqtvirtualkeyboardplugin":
        "Qt's on-screen keyboard: needs QtQuick and QtQml (~17 MB); the desktop has its own",
    # Themes: the app draws with Fusion and its own palette.
    "platformthemes/libqgtk3": "GTK 3 theme: would need GTK, Pango and Cairo from the system "
                               "for native colours the app does not use",
    # Images: the app reads SVG (its icon and illustrations) and PNG (built into QtGui).
    "imageformats/libqgif": "the app has no GIF",
    "imageformats/libqicns": "the app has no ICNS",
    "imageformats/libqico": "the app has no ICO",
    "imageformats/libqjpeg": "the app has no JPEG",
    "imageformats/libqpdf": "reads PDF as images: needs QtPdf (~4 MB); the app writes PDF with "
                            "QPdfWriter (QtGui) and reads none",
    "imageformats/libqtga": "the app has no TGA",
    "imageformats/libqtiff": "the app has no TIFF",
    "imageformats/libqwbmp": "the app has no WBMP",
    "imageformats/libqwebp": "the app has no WebP",
    # Sound: QSoundEffect and QMediaDevices work without a backend in Qt 6.11 ("Only
    # QMediaDevices, QAudioDevice, QSoundEffect, QAudioSink, and QAudioSource are
    # available"); the self-test checks every cue file with QSoundEffect in the bundle.
    "multimedia": "the FFmpeg backend is for QMediaPlayer and video, which the app does not "
                  "use; it needs FFmpeg, QtQuick, QtQml and QtOpenGL (~45 MB)",
    # Network: the app never opens a connection (one instance per data folder is a lock
    # file, ui/single_instance.py). libQt6Network itself stays: QtMultimedia links it.
    "tls": "TLS backends (OpenSSL): the app makes no network connection",
    "networkinformation": "network reachability: the app makes no network connection",
    # Wayland: the client platform with the xdg-shell and its decorations stays.
    "wayland-graphics-integration-client": "OpenGL/Vulkan buffer sharing; the app's widgets "
                                           "paint in shared memory",
    "wayland-shell-integration/libfullscreen-shell-v1": "embedded compositors only",
    "wayland-shell-integration/libivi-shell": "in-vehicle compositors only",
    "wayland-shell-integration/libqt-shell": "Qt's own compositors only",
    "wayland-shell-integration/libwl-shell-plugin": "obsolete wl_shell compositors",
    # Databases: the history is Python's sqlite3; QtSql is never imported.
    "sqldrivers": "QtSql is not used (the history is Python's sqlite3)",
    # Kept, on purpose: texttospeech/libqtexttospeech_speechd (the system voice) and
    # texttospeech/libqtexttospeech_mock (Qt's test engine, 30 KB: used only when asked
    # for by name, KNEECARE_TTS_ENGINE=mock, which the self-test does).
}

# Qt libraries left out if PyInstaller collects them for a left-out plugin; any library no
# kept file needs is dropped as well (see ``needed_closure``), so this list is the why.
EXCLUDED_QT_LIBRARIES: Mapping[str, str] = {
    "libQt6Pdf": "QtPdf: the app writes PDF with QPdfWriter (QtGui), never reads one",
    "libQt6Quick": "QtQuick: the app is QtWidgets only",
    "libQt6Qml": "QtQml: the app is QtWidgets only",
    "libQt6VirtualKeyboard": "the on-screen keyboard, left out",
    "libQt6EglFS": "the eglfs platform, left out",
    "libQt6MultimediaWidgets": "video widgets: the app plays no video",
    "libQt6OpenGL": "the app's widgets paint without OpenGL",
    "libav": "FFmpeg: only the left-out multimedia backend uses it",
    "libsw": "FFmpeg: only the left-out multimedia backend uses it",
    "libQt6FFmpegStub": "FFmpeg: only the left-out multimedia backend uses it",
}

# Qt's own translations: the app installs qtbase_<lang> only (ui/app.py, Translations).
KEPT_QT_TRANSLATIONS = frozenset({"qtbase_ja.qm"})

# Python modules the app never imports, in case a dependency's hook pulls them in.
EXCLUDED_PYTHON_MODULES = ["tkinter", "idlelib", "lib2to3", "pydoc_data", "test",
                           "PySide6.QtNetworkAuth", "PySide6.QtQml", "PySide6.QtQuick",
                           "PySide6.QtPdf", "PySide6.QtOpenGL", "PySide6.QtMultimediaWidgets",
                           # psycopg's optional NumPy adapters pulled in 40 MB; the app never
                           # sends NumPy values (NumPy is the voice-prompt tool's, not the app's)
                           "numpy"]


@dataclass(frozen=True, slots=True)
class SystemLibrary:
    soname: str
    package: str  # the Debian package that has it
    optional: bool  # needed by one plugin only, which Qt skips without it
    why: str


def system_libraries(path: Path = SYSTEM_LIBRARIES_FILE) -> dict[str, SystemLibrary]:
    """``system-libraries.txt``: soname, Debian package, required|optional, why."""
    found: dict[str, SystemLibrary] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        soname, package, need, why = line.split(maxsplit=3)
        if need not in ("required", "optional"):
            raise ValueError(f"{path}: {soname}: 'required' or 'optional', not {need!r}")
        found[soname] = SystemLibrary(soname, package, need == "optional", why)
    return found


def is_system_library(name: str, source: str | None = None) -> bool:
    """Whether ``name`` (a library's file name) is one the app takes from the system.
    Qt's own libraries (from the PySide6 wheel) never are."""
    if source is not None and "PySide6" in Path(source).parts:
        return False
    return name in _SYSTEM


_SYSTEM = system_libraries()

# --- reading ELF files (no binutils needed) -------------------------------------------------
_PT_LOAD, _PT_DYNAMIC = 1, 2
_DT_NULL, _DT_NEEDED, _DT_STRTAB = 0, 1, 5


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(path: Path) -> list[str]:
    """The libraries an ELF file (64-bit, little-endian) names as ``DT_NEEDED``: its own
    direct needs, where ``ldd`` lists the whole tree."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads: list[tuple[int, int, int]] = []
    dynamic: tuple[int, int] | None = None
    for index in range(phnum):
        kind, _flags, offset, vaddr, _paddr, filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + index * phentsize)
        if kind == _PT_LOAD:
            loads.append((vaddr, offset, filesz))
        elif kind == _PT_DYNAMIC:
            dynamic = (offset, filesz)
    if dynamic is None:
        return []
    entries: list[tuple[int, int]] = []
    for at in range(dynamic[0], dynamic[0] + dynamic[1], 16):
        tag, value = struct.unpack_from("<qQ", data, at)
        if tag == _DT_NULL:
            break
        entries.append((tag, value))
    strtab = next((value for tag, value in entries if tag == _DT_STRTAB), None)
    if strtab is None:
        return []
    base = next((offset + strtab - vaddr for vaddr, offset, size in loads
                 if vaddr <= strtab < vaddr + size), strtab)
    names = []
    for tag, value in entries:
        if tag == _DT_NEEDED:
            end = data.index(b"\0", base + value)
            names.append(data[base + value:end].decode())
    return names
