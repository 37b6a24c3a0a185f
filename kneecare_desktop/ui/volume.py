"""Volume and mute: one control for the player and Settings, kept in step through the
settings (remembered per computer) and applied to the beeps and the voice at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from kneecare_desktop.ui.buttons import ActionButton
from kneecare_desktop.ui.cues import CuePlayer
from kneecare_desktop.ui.settings import AppSettings
from kneecare_desktop.ui.text import arg


class VolumeControl(QWidget):
    def __init__(self, settings: AppSettings, cues: CuePlayer, mute: QAction | None = None,
                 labelled: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("volumeControl")
        self.settings = settings
        self.cues = cues
        # Not a plain QToolButton: its default action (Mute) changes at every session's
        # start and end, and each change left one more connection (see ui/buttons.py).
        self.mute_button = ActionButton()
        self.mute_button.setObjectName("mute")
        if mute is not None:
            self.mute_button.setDefaultAction(mute)
        else:
            self.mute_button.setCheckable(True)
            self.mute_button.setText(self.tr("Mute"))
            self.mute_button.toggled.connect(self._set_muted)
        self.mute_button.setAccessibleName(self.tr("Mute sound and voice"))
        self.label = QLabel(self.tr("Volume"), self)
        if not labelled:
            self.label.hide()  # in a form, the form's label says it
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("volume")
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setMinimumWidth(120)
        self.slider.setAccessibleName(self.tr("Volume"))
        self.label.setBuddy(self.slider)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mute_button)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        self._show_settings()
        self.slider.valueChanged.connect(self._set_volume)
        settings.changed.connect(self._on_setting)

    def _show_settings(self) -> None:
        volume, muted = self.settings.volume(), self.settings.muted()
        self.slider.blockSignals(True)
        self.slider.setValue(volume)
        self.slider.blockSignals(False)
        self.slider.setAccessibleDescription(arg(self.tr("%1 %"), volume))
        self.slider.setToolTip(self.slider.accessibleDescription())
        if self.mute_button.defaultAction() is None:
            self.mute_button.blockSignals(True)
            self.mute_button.setChecked(muted)
            self.mute_button.blockSignals(False)
        self.slider.setEnabled(not muted)

    def _on_setting(self, key: str) -> None:
        if key in ("cues/volume", "cues/muted"):
            self._show_settings()

    def _set_volume(self, volume: int) -> None:
        self.cues.set_volume(volume / 100)
        self.settings.set_volume(volume)

    def _set_muted(self, muted: bool) -> None:
        self.cues.set_muted(muted)
        self.settings.set_muted(muted)
