"""The user's preferences, kept by QSettings in an INI file where paths.py says."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from kneecare_desktop.model import DEFAULT_INTERRUPTION_THRESHOLD, Lang
from kneecare_desktop.paths import AppPaths

if TYPE_CHECKING:
    from kneecare_desktop.library.overrides import Overrides

log = logging.getLogger(__name__)


class AppSettings(QObject):
    """Typed access to preferences; emits ``changed`` with the key that changed."""

    changed = Signal(str)
    save_failed = Signal(str)  # the settings file that could not be written

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        paths.ensure()
        self._qs = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self._failed = False

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> bool:
        """Write the settings file now (QSettings writes it whole, through QSaveFile);
        False, and ``save_failed``, when it could not be written."""
        self._qs.sync()
        if self._qs.status() is QSettings.Status.NoError:
            self._failed = False
            return True
        if not self._failed:  # said once, not at every change
            self._failed = True
            log.warning("settings could not be saved to %s: %s", self.file_name,
                        self._qs.status())
            self.save_failed.emit(self.file_name)
        return False

    # -- language --------------------------------------------------------------------
    def language(self) -> Lang | None:
        """The chosen language, or None to follow the system."""
        value = str(self._qs.value("ui/language", "") or "")
        try:
            return Lang(value) if value else None
        except ValueError:
            return None

    def set_language(self, lang: Lang | None) -> None:
        self._set("ui/language", lang.value if lang else "")

    # -- sound and voice ---------------------------------------------------------------
    def sound_enabled(self) -> bool:
        return self._bool("cues/sound", True)

    def set_sound_enabled(self, on: bool) -> None:
        self._set("cues/sound", on)

    def voice_enabled(self) -> bool:
        return self._bool("cues/voice", True)

    def set_voice_enabled(self, on: bool) -> None:
        self._set("cues/voice", on)

    def volume(self) -> int:
        """The volume of beeps and voice, 0–100 (per computer, like every setting here)."""
        value = self._qs.value("cues/volume", 80)
        try:
            return max(0, min(100, int(str(value))))
        except ValueError:
            return 80

    def set_volume(self, volume: int) -> None:
        self._set("cues/volume", max(0, min(100, int(volume))))

    def muted(self) -> bool:
        return self._bool("cues/muted", False)

    def set_muted(self, muted: bool) -> None:
        self._set("cues/muted", muted)

    # -- session ----------------------------------------------------------------------
    def lead_in_seconds(self) -> int | None:
        """A lead-in for every routine, or None to use each routine's own."""
        value = self._qs.value("session/lead_in", "")
        try:
            return int(str(value)) if value not in ("", None) else None
        except (TypeError, ValueError):
            return None

    def set_lead_in_seconds(self, seconds: int | None) -> None:
        self._set("session/lead_in", "" if seconds is None else int(seconds))

    def interruption_threshold(self) -> float:
        value = self._qs.value("session/interruption_threshold", DEFAULT_INTERRUPTION_THRESHOLD)
        try:
            threshold = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_INTERRUPTION_THRESHOLD
        return min(120.0, max(2.0, threshold))

    def set_interruption_threshold(self, seconds: float) -> None:
        self._set("session/interruption_threshold", float(seconds))

    def ask_pain(self) -> bool:
        return self._bool("session/ask_pain", True)

    def set_ask_pain(self, on: bool) -> None:
        self._set("session/ask_pain", on)

    # -- the check-in's suggestion ----------------------------------------------------------
    def first_routine(self) -> str | None:
        """The routine the program starts with, chosen after a check-in (None: as usual)."""
        value = str(self._qs.value("checkin/first_routine", "") or "")
        return value or None

    def set_first_routine(self, routine_id: str | None) -> None:
        self._set("checkin/first_routine", routine_id or "")

    # -- reminders (this computer's) -------------------------------------------------------
    def keep_running(self) -> bool:
        """Closing the window keeps the reminders running (the window hides; Quit quits)."""
        return self._bool("reminders/keep_running", False)

    def set_keep_running(self, on: bool) -> None:
        self._set("reminders/keep_running", on)

    # -- people -----------------------------------------------------------------------------
    def current_person_id(self) -> int | None:
        value = self._qs.value("people/current", "")
        try:
            return int(str(value)) if value not in ("", None) else None
        except (TypeError, ValueError):
            return None

    def set_current_person_id(self, person_id: int) -> None:
        self._qs.setValue("people/current", person_id)

    def take_legacy_adjustments(self) -> dict[str, Overrides]:
        """Adjustments that earlier versions kept here, removed once read: they now live
        in the history database, per person."""
        import json

        from kneecare_desktop.library.overrides import Overrides

        found: dict[str, Overrides] = {}
        self._qs.beginGroup("adjustments")
        for routine_id in self._qs.childKeys():
            raw = self._qs.value(routine_id, "")
            try:
                data = json.loads(str(raw))
            except json.JSONDecodeError:
                log.warning("ignoring unreadable adjustments for %s", routine_id)
                continue
            if isinstance(data, dict):
                found[routine_id] = Overrides.from_dict(data)
        self._qs.endGroup()
        self._qs.remove("adjustments")
        return found

    # -- window geometry --------------------------------------------------------------------
    def value(self, key: str) -> object:
        return self._qs.value(key)

    def set_value(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)

    # -- helpers --------------------------------------------------------------------------
    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)
        self.sync()
        self.changed.emit(key)
