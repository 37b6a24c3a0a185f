"""The guided session: countdown ring, side badge, counters, instruction, illustration,
what comes next and the progress of the whole session.

The view holds no logic of its own: on every ``refreshed`` signal it reads the
session's state and draws it. The same widget serves the main window and, with
``presenter=True``, the full-screen clinic view.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop import phrases as P
from kneecare_desktop.model import Lang, Routine, Side, Text
from kneecare_desktop.plan import SegmentKind, next_step
from kneecare_desktop.session import Event, Interrupted, PauseReason, SessionState
from kneecare_desktop.ui.buttons import ActionButton
from kneecare_desktop.ui.countdown_ring import CountdownRing
from kneecare_desktop.ui.driver import SessionDriver
from kneecare_desktop.ui.illustration import IllustrationView
from kneecare_desktop.ui.text import arg, format_clock
from kneecare_desktop.ui.theme import Theme, text_on


class PlayerView(QWidget):
    def __init__(self, driver: SessionDriver, routines: Mapping[str, Routine], lang: Lang,
                 theme: Theme, presenter: bool = False,
                 actions: Sequence[QAction] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.driver = driver
        self.routines = routines
        self.lang = lang
        self.theme = theme
        self.presenter = presenter
        self._titles = {rid: r.short_title for rid, r in routines.items()}
        self._gap: float | None = None
        self.setObjectName("presenterView" if presenter else "playerView")
        self.setAutoFillBackground(True)

        self.title = QLabel()
        self.title.setObjectName("playerTitle")
        self.counters = QLabel()
        self.counters.setObjectName("counters")
        self.counters.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # On a clinic screen the digits fill the ring: at least a quarter of its height.
        self.ring = CountdownRing(theme, digit_scale=0.6 if presenter else 0.5)
        self.badge = QLabel()
        self.badge.setObjectName("sideBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.illustration = IllustrationView(theme)
        self.instruction = QLabel()
        self.instruction.setObjectName("instruction")
        self.instruction.setWordWrap(True)
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setup_steps = QLabel()
        self.setup_steps.setObjectName("setupSteps")
        self.setup_steps.setWordWrap(True)
        self.setup_steps.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_up = QLabel()
        self.next_up.setObjectName("nextUp")
        self.next_up.setWordWrap(True)
        self.next_up.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner = QLabel()
        self.banner.setObjectName("pausedBanner")
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.remaining = QLabel()
        self.remaining.setObjectName("remaining")
        self.buttons: dict[str, QToolButton] = {}
        # Text follows the window's size, never the other way round: no label may hold
        # the window wider than the screen it is on.
        for label in (self.title, self.badge, self.next_up, self.instruction, self.banner,
                      self.setup_steps):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, label.sizePolicy().verticalPolicy())
            label.setMinimumWidth(1)
        # Routine files' words are shown as written, never read as markup.
        for label in (self.title, self.counters, self.badge, self.next_up, self.instruction,
                      self.banner, self.setup_steps, self.remaining):
            label.setTextFormat(Qt.TextFormat.PlainText)

        self._build_layout(actions)
        self._apply_theme()
        driver.refreshed.connect(self.refresh)
        driver.event_occurred.connect(self._on_event)
        self.refresh()

    def attach(self, driver: SessionDriver, routines: Mapping[str, Routine] | None = None,
               theme: Theme | None = None) -> None:
        """Follow a new session in this same view.

        A view made for each session would leave behind, in Qt's pixmap cache, the style's
        pictures of its buttons, keyed by the view's own palette: about 50 KB a session,
        up to the cache's 10 MB."""
        old = self.driver
        if old is not driver and shiboken6.isValid(old):
            old.refreshed.disconnect(self.refresh)
            old.event_occurred.disconnect(self._on_event)
        self.driver = driver
        self._gap = None
        if routines is not None:
            self.routines = routines
            self._titles = {rid: r.short_title for rid, r in routines.items()}
        if old is not driver:
            driver.refreshed.connect(self.refresh)
            driver.event_occurred.connect(self._on_event)
        if theme is not None and theme != self.theme:
            self.set_theme(theme)
        else:
            self.refresh()

    # -- layout -------------------------------------------------------------------------
    def _build_layout(self, actions: Sequence[QAction]) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.counters)
        outer.addLayout(header)
        middle = QGridLayout()
        side = QVBoxLayout()
        side.addWidget(self.badge)
        side.addWidget(self.illustration, 1)
        if self.presenter:
            middle.addWidget(self.ring, 0, 0)
            middle.addLayout(side, 0, 1)
            middle.setColumnStretch(0, 3)
            middle.setColumnStretch(1, 2)
        else:
            middle.addWidget(self.ring, 0, 0)
            middle.addLayout(side, 0, 1)
            middle.setColumnStretch(0, 1)
            middle.setColumnStretch(1, 1)
        outer.addLayout(middle, 7 if self.presenter else 5)
        outer.addWidget(self.instruction, 1)
        outer.addWidget(self.setup_steps)
        outer.addWidget(self.next_up)
        outer.addWidget(self.banner)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.remaining)
        outer.addLayout(bottom)
        if actions:
            controls = QHBoxLayout()
            controls.addStretch(1)
            for action in actions:
                button = ActionButton()  # not QToolButton: see ui/buttons.py
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                # Buttons never take the focus, so the keys always reach the shortcuts.
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
                self.buttons[action.objectName()] = button
                controls.addWidget(button)
            controls.addStretch(1)
            outer.addLayout(controls)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.ring.set_theme(theme)
        self.illustration.set_theme(theme)
        self._apply_theme()

    def _apply_theme(self) -> None:
        t = self.theme
        palette = self.palette()
        palette.setColor(self.backgroundRole(), t.background)
        palette.setColor(self.foregroundRole(), t.text)
        self.setPalette(palette)
        self.banner.setStyleSheet(
            f"background: {t.paused.name()}; color: #000000; border-radius: 6px; padding: 6px;")
        if t.high_contrast:
            self.progress.setStyleSheet(
                f"QProgressBar {{ background: {t.track.name()}; border: none; }}"
                f"QProgressBar::chunk {{ background: {t.muted_text.name()}; }}")
        self.next_up.setStyleSheet(f"color: {t.muted_text.name()};")
        self.remaining.setStyleSheet(f"color: {t.muted_text.name()};")
        self._scale_fonts()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._scale_fonts()

    def _scale_fonts(self) -> None:
        """Text grows with the window, from 800x600 to 4K."""
        h = max(300, self.height())
        w = max(400, self.width())
        unit = min(h / 30.0, w / 45.0)
        if self.presenter:
            unit *= 1.5
        sizes = {self.title: 1.1, self.counters: 1.1, self.badge: 2.4, self.instruction: 1.45,
                 self.next_up: 0.95, self.banner: 0.9, self.remaining: 0.9,
                 self.setup_steps: 0.9}
        for label, factor in sizes.items():
            font = QFont(self.font())
            font.setPixelSize(max(12, int(unit * factor)))
            font.setBold(label in (self.badge, self.title, self.instruction))
            label.setFont(font)
        self.progress.setFixedHeight(max(6, int(unit * (0.3 if self.presenter else 0.6))))
        for button in self.buttons.values():
            font = QFont(self.font())
            font.setPixelSize(max(12, int(unit * 0.7)))
            button.setFont(font)

    # -- rendering ------------------------------------------------------------------------
    def set_language(self, lang: Lang) -> None:
        self.lang = lang
        self.refresh()

    def _text(self, text: Text) -> str:
        return text.get(self.lang)

    def refresh(self) -> None:
        session = self.driver.session
        segment = session.segment
        routine = self.routines.get(segment.routine_id)
        if routine is not None:
            self.title.setText(self._text(routine.title))
            self.illustration.show_illustration(routine.illustration, segment.side)
        self._show_badge(segment.side, segment.kind)
        self._show_counters()
        self._show_ring()
        self.instruction.setText(self._text(segment.instruction))
        self._show_setup(routine, segment.kind)
        self.next_up.setText(self._text(next_step(session.plan, segment.index, self._titles)))
        self.progress.setValue(int(session.progress() * 1000))
        self.remaining.setText(arg(self.tr("%1 left"), format_clock(session.remaining_total())))
        self._show_banner()
        self.setAccessibleDescription(self.instruction.text())

    def _show_setup(self, routine: Routine | None, kind: SegmentKind) -> None:
        """While getting into position, the routine's setup steps, in order."""
        if routine is None or not routine.setup or kind not in (
                SegmentKind.GET_READY, SegmentKind.CHANGE_POSITION):
            self.setup_steps.hide()
            return
        steps = "   ".join(f"{i}. {self._text(s.text)}"
                           for i, s in enumerate(routine.setup, start=1))
        self.setup_steps.setText(steps)
        self.setup_steps.show()

    def _show_badge(self, side: Side, kind: SegmentKind) -> None:
        if side is Side.NONE:
            self.badge.hide()
            return
        words = P.SIDE_BADGES[side]
        label = self._text(words)
        if kind is SegmentKind.SWITCH_SIDE or kind is SegmentKind.GET_READY:
            label = arg(self.tr("Next: %1"), label)
        self.badge.setText(label)
        colour = self.theme.side_colour(side)
        # Dark text on a light badge, light on a dark one: readable from across a room.
        text = text_on(colour).name()
        self.badge.setStyleSheet(
            f"background: {colour.name()}; color: {text}; border-radius: 12px; "
            f"padding: 4px 16px;")
        self.badge.show()

    def _show_counters(self) -> None:
        segment = self.driver.session.segment
        parts = []
        if segment.sets > 1 and segment.kind.is_work:
            parts.append(arg(self.tr("Set %1 of %2"), segment.set, segment.sets))
        if segment.reps:
            parts.append(arg(self.tr("Rep %1 of %2"), segment.rep, segment.reps))
        self.counters.setText("   ".join(parts))

    def _show_ring(self) -> None:
        session = self.driver.session
        segment = session.segment
        paused = session.state is SessionState.PAUSED
        colour = self.theme.side_colour(segment.side)
        if not segment.kind.is_work:
            colour = self.theme.prop
        remaining = session.segment_remaining()
        if segment.kind in (SegmentKind.REP_PHASE, SegmentKind.SELF_PACED_REP):
            big = str(segment.rep)
            small = arg(self.tr("of %1"), segment.reps)
            if segment.kind is SegmentKind.SELF_PACED_REP:
                small = self.tr("press Enter")
                fraction = 1.0
            else:
                length = session.segment_length()
                fraction = (remaining or 0.0) / length if length else 0.0
        else:
            length = session.segment_length()
            seconds = remaining if remaining is not None else 0.0
            big = str(max(0, math.ceil(seconds - 1e-9)))
            fraction = seconds / length if length else 0.0
            small = self._kind_label(segment.kind)
        if session.state is SessionState.FINISHED:
            big, small, fraction = "✓", "", 1.0
        self.ring.show_state(fraction, big, small, colour, paused)

    def _kind_label(self, kind: SegmentKind) -> str:
        labels = {
            SegmentKind.GET_READY: self.tr("get ready"),
            SegmentKind.HOLD: self.tr("hold"),
            SegmentKind.SWITCH_SIDE: self.tr("switch sides"),
            SegmentKind.REST: self.tr("rest"),
            SegmentKind.CHANGE_POSITION: self.tr("change position"),
        }
        return labels.get(kind, "")

    def _on_event(self, event: Event) -> None:
        if isinstance(event, Interrupted):
            self._gap = event.gap_seconds

    def _show_banner(self) -> None:
        session = self.driver.session
        if session.state is not SessionState.PAUSED:
            self._gap = None
            self.banner.hide()
            return
        if session.pause_reason is PauseReason.INTERRUPTED and self._gap is not None:
            text = arg(self.tr("Paused because nothing happened for %1 s (the computer may "
                               "have slept or frozen). Press Space to resume."),
                       round(self._gap))
        else:
            text = self.tr("Paused. Press Space to resume.")
        self.banner.setText(text)
        self.banner.show()
