"""Settings: language and the session's timing on one page; sound and voice on another,
with what this computer can play and say, a volume, mute and a test."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.model import LEAD_IN_SECONDS, Lang
from kneecare_desktop.session.events import CueKind
from kneecare_desktop.sound.status import Engine, Output
from kneecare_desktop.text import phrases as P
from kneecare_desktop.ui.cues import CuePlayer
from kneecare_desktop.ui.inputs import ComboBox, SpinBox
from kneecare_desktop.ui.settings import AppSettings
from kneecare_desktop.ui.text import arg
from kneecare_desktop.ui.volume import VolumeControl

_FOLLOW_ROUTINE = -1


class SettingsDialog(QDialog):
    language_chosen = Signal(object)  # Lang | None

    def __init__(self, settings: AppSettings, cues: CuePlayer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.cues = cues
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsPages")
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        self.tabs.addTab(self._general_page(), self.tr("General"))
        self.tabs.addTab(self._sound_page(), self.tr("Sound and voice"))
        self.tabs.addTab(self._server_page(), self.tr("Clinic server"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        cues.status_changed.connect(self._show_status)
        cues.start_probes()
        self._show_status()

    def _general_page(self) -> QWidget:
        settings = self.settings
        self.language = ComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Same as the system"), None)
        self.language.addItem("日本語", Lang.JA)
        self.language.addItem("English", Lang.EN)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language())))
        self.lead_in = SpinBox()
        self.lead_in.setObjectName("leadIn")
        self.lead_in.setRange(_FOLLOW_ROUTINE, int(LEAD_IN_SECONDS.high))
        self.lead_in.setSpecialValueText(self.tr("Each routine's own"))
        self.lead_in.setSuffix(self.tr(" s"))
        lead_in = settings.lead_in_seconds()
        self.lead_in.setValue(_FOLLOW_ROUTINE if lead_in is None else lead_in)
        self.threshold = SpinBox()
        self.threshold.setObjectName("interruptionThreshold")
        self.threshold.setRange(2, 120)
        self.threshold.setSuffix(self.tr(" s"))
        self.threshold.setValue(round(settings.interruption_threshold()))
        self.threshold.setToolTip(self.tr(
            "If the computer sleeps or freezes for longer than this, the session pauses "
            "instead of running on unseen."))
        self.ask_pain = QCheckBox(self.tr("Ask how much it hurts before and after a session"))
        self.ask_pain.setObjectName("askPain")
        self.ask_pain.setChecked(settings.ask_pain())
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Get-ready time"), self.lead_in)
        form.addRow(self.tr("Pause after a gap of"), self.threshold)
        form.addRow(self.tr("Pain rating"), self.ask_pain)
        form.addRow(self._reminders_group())
        return page

    def _reminders_group(self) -> QGroupBox:
        """This computer's part of the reminders: whether closing the window keeps them
        running, and whether KneeCare starts at login (the entry itself is the setting)."""
        from kneecare_desktop.integration.autostart import Autostart
        from kneecare_desktop.paths import desktop_paths

        self.autostart = Autostart(desktop_paths())
        self.keep_running = QCheckBox(self.tr(
            "Keep reminders running when the window is closed (Quit still quits)"))
        self.keep_running.setObjectName("keepRunning")
        self.keep_running.setChecked(self.settings.keep_running())
        self.start_at_login = QCheckBox(self.tr("Start KneeCare when I log in"))
        self.start_at_login.setObjectName("startAtLogin")
        try:
            self._autostart_was = self.autostart.enabled()
        except OSError:
            self._autostart_was = False
        self.start_at_login.setChecked(self._autostart_was)
        group = QGroupBox(self.tr("Reminders on this computer"))
        column = QVBoxLayout(group)
        column.addWidget(self.keep_running)
        column.addWidget(self.start_at_login)
        return group

    def _sound_page(self) -> QWidget:
        settings = self.settings
        self.sound = QCheckBox(self.tr("Beeps for the countdown, holds and reps"))
        self.sound.setObjectName("sound")
        self.sound.setChecked(settings.sound_enabled())
        self.voice = QCheckBox(self.tr("Spoken prompts"))
        self.voice.setObjectName("voice")
        self.voice.setChecked(settings.voice_enabled())
        self.volume = VolumeControl(settings, self.cues, labelled=False)
        self.test_button = QPushButton(self.tr("Play a test sound"))
        self.test_button.setObjectName("testSound")
        self.test_button.clicked.connect(self._test)
        self.output_status = QLabel()
        self.output_status.setObjectName("outputStatus")
        self.voice_status = QLabel()
        self.voice_status.setObjectName("voiceStatus")
        self.engine_status = QLabel()
        self.engine_status.setObjectName("engineStatus")
        for label in (self.output_status, self.voice_status, self.engine_status):
            label.setWordWrap(True)
        status = QGroupBox(self.tr("On this computer"))
        status_form = QFormLayout(status)
        status_form.addRow(self.tr("Sound output"), self.output_status)
        status_form.addRow(self.tr("Voice"), self.voice_status)
        status_form.addRow(self.tr("Speech engine"), self.engine_status)
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.tr("Sound"), self.sound)
        form.addRow(self.tr("Voice"), self.voice)
        form.addRow(self.tr("Volume"), self.volume)
        form.addRow("", self.test_button)
        form.addRow(status)
        return page

    def _server_page(self) -> QWidget:
        """A clinic's PostgreSQL server for the history (docs/clinic-server.md). No
        password field, on purpose: libpq's password file or service file holds it."""
        import os

        from kneecare_desktop.history.clinic import SSL_MODES, URL_VARIABLE, redact

        server = self.settings.server()
        self.server_host = QLineEdit(server.host)
        self.server_host.setObjectName("serverHost")
        self.server_host.setPlaceholderText(self.tr("empty: the history stays on this "
                                                    "computer"))
        self.server_port = SpinBox()
        self.server_port.setObjectName("serverPort")
        self.server_port.setRange(1, 65535)
        self.server_port.setValue(server.port)
        self.server_database = QLineEdit(server.database)
        self.server_database.setObjectName("serverDatabase")
        self.server_user = QLineEdit(server.user)
        self.server_user.setObjectName("serverUser")
        self.server_tls = ComboBox()
        self.server_tls.setObjectName("serverTls")
        names = {"verify-full": self.tr("Verify the certificate and the host name "
                                        "(verify-full)"),
                 "verify-ca": self.tr("Verify the certificate (verify-ca)"),
                 "require": self.tr("Encrypt, without verifying (require)"),
                 "prefer": self.tr("Encrypt if the server can (prefer)"),
                 "allow": self.tr("Encrypt only if the server asks (allow)"),
                 "disable": self.tr("Never encrypt (disable)")}
        for mode in reversed(SSL_MODES):
            self.server_tls.addItem(names[mode], mode)
        self.server_tls.setCurrentIndex(max(0, self.server_tls.findData(server.sslmode)))
        self.server_ca = QLineEdit(server.sslrootcert)
        self.server_ca.setObjectName("serverCa")
        self.server_ca.setPlaceholderText(self.tr("the clinic's CA certificate (.pem)"))
        note = QLabel(self.tr(
            "Every computer of the clinic that uses the same server sees the same people "
            "and history. The password is never kept in the settings: put it in the "
            "password file (~/.pgpass on Linux and macOS, %APPDATA%\\postgresql\\pgpass.conf "
            "on Windows). If the server cannot be reached, this computer keeps recording "
            "and sends its records later. A change takes effect when KneeCare starts "
            "again; 'kneecare database check' tests the connection."))
        note.setWordWrap(True)
        note.setObjectName("serverNote")
        page = QWidget()
        form = QFormLayout(page)
        url = os.environ.get(URL_VARIABLE, "").strip()
        if url:
            overridden = QLabel(arg(self.tr(
                "In use now, from the command line or KNEECARE_DATABASE_URL: %1"), redact(url)))
            overridden.setWordWrap(True)
            overridden.setObjectName("serverFromEnvironment")
            form.addRow(overridden)
        for field, name in ((self.server_host, self.tr("Host")),
                            (self.server_port, self.tr("Port")),
                            (self.server_database, self.tr("Database")),
                            (self.server_user, self.tr("User")),
                            (self.server_tls, self.tr("TLS")),
                            (self.server_ca, self.tr("CA certificate"))):
            field.setAccessibleName(name)
        form.addRow(self.tr("Host"), self.server_host)
        form.addRow(self.tr("Port"), self.server_port)
        form.addRow(self.tr("Database"), self.server_database)
        form.addRow(self.tr("User"), self.server_user)
        form.addRow(self.tr("TLS"), self.server_tls)
        form.addRow(self.tr("CA certificate"), self.server_ca)
        form.addRow(note)
        return page

    def _show_status(self) -> None:
        status = self.cues.status
        lang = self.cues.lang
        if status.output is Output.READY:
            self.output_status.setText(arg(self.tr("Working: %1"), status.output_name))
        elif status.output is Output.UNKNOWN:
            self.output_status.setText(self.tr("Checking…"))
        else:
            self.output_status.setText(self.tr(
                "None found: no beeps and no voice will be heard. Check that the computer's "
                "sound is on and a speaker or headphones are connected."))
        language = self.tr("Japanese") if lang is Lang.JA else self.tr("English")
        recorded = self.cues.has_prompt(P.DONE.get(lang))
        system = status.engine is Engine.READY and lang in status.speaks
        if recorded and system:
            voice = self.tr("%1: recorded prompts for the shipped routines; your own "
                            "routines are read by the system's voice.")
        elif recorded:
            voice = self.tr("%1: recorded prompts for the shipped routines. The system has "
                            "no voice that speaks it, so your own routines' prompts are shown "
                            "on screen only.")
        elif system:
            voice = self.tr("%1: the system's voice.")
        else:
            voice = self.tr("%1: no voice on this computer; the prompts are shown on screen, "
                            "with beeps.")
        self.voice_status.setText(arg(voice, language))
        if status.engine is Engine.UNKNOWN:
            self.engine_status.setText(self.tr("Starting…"))
        elif status.engine is Engine.READY:
            self.engine_status.setText(arg(self.tr("%1, ready"), status.engine_name))
        elif status.engine is Engine.FAILED:
            self.engine_status.setText(arg(self.tr("%1 did not start: %2"),
                                           status.engine_name, status.engine_error))
        else:
            self.engine_status.setText(self.tr(
                "None installed. On Linux, install speech-dispatcher (and a voice for your "
                "language) to hear your own routines' prompts."))
        self.test_button.setEnabled(status.output is Output.READY)

    def _test(self) -> None:
        """A hold's beep, then the last words of a session, at the chosen volume."""
        self.cues.test(CueKind.HOLD_START, P.DONE.get(self.cues.lang))

    def accept(self) -> None:
        s = self.settings
        s.set_sound_enabled(self.sound.isChecked())
        s.set_voice_enabled(self.voice.isChecked())
        self.cues.set_sound(self.sound.isChecked())
        self.cues.set_voice(self.voice.isChecked())
        lead_in = self.lead_in.value()
        s.set_lead_in_seconds(None if lead_in == _FOLLOW_ROUTINE else lead_in)
        s.set_interruption_threshold(float(self.threshold.value()))
        s.set_ask_pain(self.ask_pain.isChecked())
        s.set_keep_running(self.keep_running.isChecked())
        from kneecare_desktop.history.clinic import ServerSettings

        s.set_server(ServerSettings(
            host=self.server_host.text(), port=self.server_port.value(),
            database=self.server_database.text() or "kneecare", user=self.server_user.text(),
            sslmode=str(self.server_tls.currentData()), sslrootcert=self.server_ca.text()))
        if self.start_at_login.isChecked() != self._autostart_was:
            try:
                self.autostart.set(self.start_at_login.isChecked())
            except OSError as error:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self, self.tr("Start when I log in"), arg(self.tr(
                    "The login entry could not be changed: %1"), str(error)))
        data = self.language.currentData()  # Qt hands enum data back as plain str
        language = Lang(data) if data else None
        changed = language != s.language()
        s.set_language(language)
        s.sync()
        super().accept()
        if changed:
            self.language_chosen.emit(language)
