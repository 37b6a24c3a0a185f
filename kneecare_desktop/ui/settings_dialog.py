"""Settings: language, sound, voice, lead-in and the interruption threshold."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.model import LEAD_IN_SECONDS, Lang
from kneecare_desktop.ui.cues import CuePlayer
from kneecare_desktop.ui.inputs import ComboBox, SpinBox
from kneecare_desktop.ui.settings import AppSettings

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
        self.language = ComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Same as the system"), None)
        self.language.addItem("日本語", Lang.JA)
        self.language.addItem("English", Lang.EN)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language())))
        self.sound = QCheckBox(self.tr("Beeps for the countdown, holds and reps"))
        self.sound.setObjectName("sound")
        self.sound.setChecked(settings.sound_enabled())
        self.voice = QCheckBox(self.tr("Spoken prompts"))
        self.voice.setObjectName("voice")
        self.voice.setChecked(settings.voice_enabled())
        self.voice_status = QLabel()
        self.voice_status.setObjectName("voiceStatus")
        self.voice_status.setWordWrap(True)
        if cues.voice_available is False:
            self.voice_status.setText(self.tr(
                "No voice for this language is installed on this computer, so the app uses "
                "beeps and the text on screen instead."))
        self.voice_status.setVisible(bool(self.voice_status.text()))
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
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Sound"), self.sound)
        form.addRow(self.tr("Voice"), self.voice)
        form.addRow("", self.voice_status)
        form.addRow(self.tr("Get-ready time"), self.lead_in)
        form.addRow(self.tr("Pause after a gap of"), self.threshold)
        form.addRow(self.tr("Pain rating"), self.ask_pain)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

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
        data = self.language.currentData()  # Qt hands enum data back as plain str
        language = Lang(data) if data else None
        changed = language != s.language()
        s.set_language(language)
        s.sync()
        super().accept()
        if changed:
            self.language_chosen.emit(language)
