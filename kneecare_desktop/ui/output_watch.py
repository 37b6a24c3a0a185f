"""Notice a sound output that stopped taking sound, and when it takes sound again.

Qt 6.11 on PulseAudio never reports a sound output that goes away while the app runs
(USB or Bluetooth headphones unplugged with nothing to fall back on, the sound server
restarted): ``QMediaDevices`` still names it, and the next ``QSoundEffect.play()`` stays
"playing" for good, silent (seen with a removed PulseAudio sink in tests/audio). The one
sign is that: a sound still playing well after its end. Once seen, the output counts as
gone; then a fresh effect plays a short silence every few seconds, and the output counts
as back when one of them ends as it should.

An effect's first play is given longer. Played just after it is made (a session's
opening prompt, loaded as the session starts; the beeps loaded again once the output is
back), a sound starts late on a working PulseAudio output, by 0.3-1.5 s measured, while
it already says it is playing. Judged by the later plays' second, the opening prompt
counted a working output as gone in most sessions (and turned the sounds off for 4 s).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from kneecare_desktop.paths import resources_dir

log = logging.getLogger(__name__)

STUCK_AFTER_S = 1.0  # a sound still playing this long after its end took no sound
FIRST_STUCK_AFTER_S = 3.0  # the same, for an effect's first play (it may start late)
RECHECK_EVERY_MS = 3000  # while the output is gone: how often a silence is tried
_PLAYS = "kneecare_plays"  # an effect's property: how many times it was played


class OutputWatch(QObject):
    """Watches the sounds played; says when the output stalls and when it is back."""

    stalled = Signal()
    back = Signal()

    def __init__(self, multimedia: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._multimedia = multimedia
        self.gone = False
        self._probe: Any | None = None
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_EVERY_MS)
        self._recheck.timeout.connect(self._try_silence)

    def played(self, effect: Any, seconds: float) -> None:
        """``effect`` (``seconds`` long) was just played: check that it ends. The count of
        its plays rides on the effect, so a check for an earlier play is told apart."""
        count = int(effect.property(_PLAYS) or 0) + 1
        effect.setProperty(_PLAYS, count)
        allowed = FIRST_STUCK_AFTER_S if count == 1 else STUCK_AFTER_S
        QTimer.singleShot(round((seconds + allowed) * 1000), effect,
                          lambda: self._check(effect, count, allowed))

    def _check(self, effect: Any, count: int, allowed: float) -> None:
        if self.gone or effect.property(_PLAYS) != count or not effect.isPlaying():
            return  # played again since, or ended as it should
        log.warning("the sound output stopped taking sound (%s still playing %.1f s after "
                    "its end): beeps and recordings are off until it answers again",
                    effect.source().fileName(), allowed)
        self.gone = True
        self.stalled.emit()
        self._recheck.start()

    def _try_silence(self) -> None:
        """Play a short silence on a fresh effect; the output is back if it ends."""
        if self._probe is not None:
            self._probe.blockSignals(True)
            self._probe.deleteLater()  # the last try never ended: the output is still gone
        probe: Any = self._multimedia.QSoundEffect(self)
        probe.setSource(QUrl.fromLocalFile(str(resources_dir() / "sounds" / "silence.wav")))
        self._probe = probe

        def status_changed() -> None:
            if probe.status() == self._multimedia.QSoundEffect.Status.Ready:
                probe.play()

        def playing_changed() -> None:
            if probe.isPlaying() or not self.gone or self._probe is not probe:
                return  # playing, or an older try
            self._probe = None
            self._ended(probe)

        probe.statusChanged.connect(status_changed)
        probe.playingChanged.connect(playing_changed)
        if probe.status() == self._multimedia.QSoundEffect.Status.Ready:
            probe.play()
        self._recheck.start()

    def _ended(self, probe: Any) -> None:
        """A silence played and ended: the output takes sound again."""
        probe.deleteLater()
        self.gone = False
        self._recheck.stop()
        log.info("the sound output takes sound again")
        self.back.emit()
