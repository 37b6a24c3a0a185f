"""The user's preferences, kept by QSettings in an INI file where paths.py says."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal

from kneecare_desktop import settings_rules
from kneecare_desktop.basics import Lang
from kneecare_desktop.paths import AppPaths
from kneecare_desktop.settings_rules import BadSetting

if TYPE_CHECKING:
    from kneecare_desktop.history.clinic import ServerSettings
    from kneecare_desktop.library.overrides import Overrides

log = logging.getLogger(__name__)


class AppSettings(QObject):
    """Typed access to preferences; emits ``changed`` with the key that changed.

    What each key may hold is in the Qt-free ``settings_rules``; a value that does not fit
    gives the default and is listed by :meth:`problems` (and logged once)."""

    changed = Signal(str)
    save_failed = Signal(str)  # the settings file that could not be written

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        paths.ensure()
        self._qs = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self._failed = False
        self._logged: set[str] = set()

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
        value = self._read("ui/language")
        return value if isinstance(value, Lang) else None

    def set_language(self, lang: Lang | None) -> None:
        self._set("ui/language", lang.value if lang else "")

    # -- sound and voice ---------------------------------------------------------------
    def sound_enabled(self) -> bool:
        return bool(self._read("cues/sound"))

    def set_sound_enabled(self, on: bool) -> None:
        self._set("cues/sound", on)

    def voice_enabled(self) -> bool:
        return bool(self._read("cues/voice"))

    def set_voice_enabled(self, on: bool) -> None:
        self._set("cues/voice", on)

    def volume(self) -> int:
        """The volume of beeps and voice, 0–100 (per computer, like every setting here)."""
        return int(self._read("cues/volume"))

    def set_volume(self, volume: int) -> None:
        self._set("cues/volume", max(0, min(100, int(volume))))

    def muted(self) -> bool:
        return bool(self._read("cues/muted"))

    def set_muted(self, muted: bool) -> None:
        self._set("cues/muted", muted)

    # -- session ----------------------------------------------------------------------
    def lead_in_seconds(self) -> int | None:
        """A lead-in for every routine, or None to use each routine's own."""
        value = self._read("session/lead_in")
        return value if isinstance(value, int) else None

    def set_lead_in_seconds(self, seconds: int | None) -> None:
        self._set("session/lead_in", "" if seconds is None else int(seconds))

    def interruption_threshold(self) -> float:
        return float(self._read("session/interruption_threshold"))

    def set_interruption_threshold(self, seconds: float) -> None:
        self._set("session/interruption_threshold", float(seconds))

    def ask_pain(self) -> bool:
        return bool(self._read("session/ask_pain"))

    def set_ask_pain(self, on: bool) -> None:
        self._set("session/ask_pain", on)

    # -- the check-in's suggestion ----------------------------------------------------------
    def first_routine(self) -> str | None:
        """The routine the program starts with, chosen after a check-in (None: as usual)."""
        value = self._read("checkin/first_routine")
        return value if isinstance(value, str) and value else None

    def set_first_routine(self, routine_id: str | None) -> None:
        self._set("checkin/first_routine", routine_id or "")

    # -- reminders (this computer's) -------------------------------------------------------
    def keep_running(self) -> bool:
        """Closing the window keeps the reminders running (the window hides; Quit quits)."""
        return bool(self._read("reminders/keep_running"))

    def set_keep_running(self, on: bool) -> None:
        self._set("reminders/keep_running", on)

    def reminder_offered(self) -> bool:
        """A reminder was offered once after a first session (never again)."""
        return bool(self._read("reminders/offered"))

    def set_reminder_offered(self) -> None:
        self._set("reminders/offered", True)

    # -- people -----------------------------------------------------------------------------
    def current_person_id(self) -> int | None:
        value = self._read("people/current")
        return value if isinstance(value, int) else None

    def set_current_person_id(self, person_id: int) -> None:
        self._qs.setValue("people/current", person_id)

    def server(self) -> ServerSettings:
        """The clinic server of the Settings page (no password: libpq's files hold it)."""
        from kneecare_desktop.history.clinic import ServerSettings

        return ServerSettings(host=str(self._read("database/host")),
                              port=int(self._read("database/port")),
                              database=str(self._read("database/name")),
                              user=str(self._read("database/user")),
                              sslmode=str(self._read("database/sslmode")),
                              sslrootcert=str(self._read("database/sslrootcert")))

    def set_server(self, server: ServerSettings) -> None:
        self._set("database/host", server.host.strip())
        self._set("database/port", server.port)
        self._set("database/name", server.database.strip())
        self._set("database/user", server.user.strip())
        self._set("database/sslmode", server.sslmode)
        self._set("database/sslrootcert", server.sslrootcert.strip())

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

    # -- what does not fit ----------------------------------------------------------------
    def problems(self) -> list[BadSetting]:
        """Every value in the file that could not be used, and a version from a newer app."""
        found = [settings_rules.read(key, self._raw(key))[1] for key in settings_rules.RULES]
        found.insert(0, settings_rules.check_version(self._raw(settings_rules.VERSION_KEY)))
        return [bad for bad in found if bad is not None]

    # -- helpers --------------------------------------------------------------------------
    def _raw(self, key: str) -> object | None:
        return self._qs.value(key) if self._qs.contains(key) else None

    def _read(self, key: str) -> Any:  # the rule's type (settings_rules.RULES)
        value, bad = settings_rules.read(key, self._raw(key))
        if bad is not None and key not in self._logged:
            self._logged.add(key)  # once, not at every read
            log.warning("settings file %s: %s", self.file_name, bad.message(Lang.EN))
        return value

    def _set(self, key: str, value: object) -> None:
        self._logged.discard(key)
        if not self._qs.contains(settings_rules.VERSION_KEY):
            self._qs.setValue(settings_rules.VERSION_KEY, settings_rules.SETTINGS_VERSION)
        self._qs.setValue(key, value)
        self.sync()
        self.changed.emit(key)
