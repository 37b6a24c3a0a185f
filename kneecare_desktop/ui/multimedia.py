"""QtMultimedia for the app's sounds, made without a media backend plugin.

The app plays its beeps and recordings with ``QSoundEffect`` and follows the output
device with ``QMediaDevices``. In Qt 6.11 both live in QtMultimedia itself (the
PulseAudio, PipeWire, WASAPI or Core Audio sink); with no media backend Qt says so
("No QtMultimedia backends found. Only QMediaDevices, QAudioDevice, QSoundEffect,
QAudioSink, and QAudioSource are available.") and they work as before.

PySide6's wheel ships one backend, FFmpeg's, for ``QMediaPlayer``, cameras and video,
none of which the app uses. Qt loads it at QtMultimedia's first use wherever it is found,
and ``QT_MEDIA_BACKEND`` cannot say "none" (a name it does not know falls back to it).
Loaded, it maps FFmpeg, Qt Quick, Qml and OpenGL: about 22 MB of the app's memory and
20 ms of the GUI thread, for nothing the app plays. The packaged app leaves the plugin
out (``packaging/bundle_rules.py``); run from source or from a wheel, the media
integration is made here with no plugin folder to search, and the folders are given back
at once (Qt keeps the integration it made first for the process's life).
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)

log = logging.getLogger(__name__)

MODULE = "PySide6.QtMultimedia"
# What Qt says when it makes its media integration without a backend: expected here.
NO_BACKEND = "No QtMultimedia backends found"

# Qt's warnings here are about the sound server (none running: "PulseAudioService:
# pa_context_connect() failed"); the cue player's own status says what that means for
# the person (no sound output), so they are kept in the log as information.
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.INFO,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def load_multimedia() -> ModuleType | None:
    """``PySide6.QtMultimedia`` with Qt's media integration made without a backend, or
    None (logged) when the module cannot load at all (e.g. libpulse missing)."""
    try:
        module = importlib.import_module(MODULE)
    except ImportError as error:
        log.warning("%s is not available (%s); continuing without it", MODULE, error)
        return None
    _make_integration(module)
    return module


def _make_integration(module: ModuleType) -> None:
    """Ask for the default output once, which makes Qt's media integration, while Qt has
    no plugin folder to look in. Qt's messages meanwhile go to the log: the expected
    "no backend" line at debug level, warnings as information, errors as errors."""
    application = QCoreApplication.instance()
    if application is None:  # Qt Multimedia requires an application object
        return

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        level = logging.DEBUG if message.startswith(NO_BACKEND) else _LEVELS.get(
            kind, logging.WARNING)
        log.log(level, "Qt: %s", message)

    folders = QCoreApplication.libraryPaths()
    previous = qInstallMessageHandler(handler)
    QCoreApplication.setLibraryPaths([])
    try:
        module.QMediaDevices.defaultAudioOutput()
    finally:
        QCoreApplication.setLibraryPaths(folders)
        qInstallMessageHandler(previous)
