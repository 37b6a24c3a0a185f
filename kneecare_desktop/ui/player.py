"""The guided session: countdown ring, side badge, counters, instruction, illustration,
what comes next and the progress of the whole session.

The view holds no logic of its own: on every ``refreshed`` signal it reads the
session's state and draws it (on ``ticked``, just before, the countdown alone). The same
widget serves the main window and, with ``presenter=True``, the full-screen clinic view.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QResizeEvent
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

from kneecare_desktop.model import Lang, Routine, Side, Text
from kneecare_desktop.plan.texts import next_step, next_work, up_next
from kneecare_desktop.plan.timeline import SegmentKind
from kneecare_desktop.session.events import Event, Interrupted, PauseReason, SessionState
from kneecare_desktop.text import phrases as P
from kneecare_desktop.ui.buttons import ActionButton
from kneecare_desktop.ui.countdown_ring import CountdownRing
from kneecare_desktop.ui.driver import SessionDriver
from kneecare_desktop.ui.flow_layout import FlowLayout
from kneecare_desktop.ui.illustration import IllustrationView
from kneecare_desktop.ui.screen_sync import settle
from kneecare_desktop.ui.text import arg, format_clock
from kneecare_desktop.ui.theme import Theme, text_on

CONTROL_STYLE = (
    "QToolButton { border: 1px solid palette(mid); border-radius: 4px; "
    "background: palette(button); padding: 4px 8px; }"
    "QToolButton:focus { border: 3px solid palette(highlight); padding: 2px 6px; }"
    "QToolButton:pressed { background: palette(mid); }")
ANNOUNCE_LAST_SECONDS = 3  # a screen reader hears the countdown's last seconds
SAFE_AREA = 0.05  # presenter mode: the share of each screen edge kept free (overscan)
BADGE_PADDING_X = 16


class PlayerView(QWidget):
    def __init__(self, driver: SessionDriver, routines: Mapping[str, Routine], lang: Lang,
                 theme: Theme, presenter: bool = False,
                 actions: Sequence[QAction] = (), controls: Sequence[QWidget] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.driver = driver
        self.routines = routines
        self.lang = lang
        self.theme = theme
        self.presenter = presenter
        self._titles = {rid: r.short_title for rid, r in routines.items()}
        self._gap: float | None = None
        self._badge_size = 24
        self._announced_segment = -1
        self._ring_step: tuple[int, SessionState] | None = None  # see show_countdown
        self._time_shown = False  # show_countdown showed this update's time: see refresh
        self._refreshed_step: tuple[int, SessionState] | None = None  # see refresh
        self._steady: dict[QLabel, tuple[str, str, int]] = {}  # see _set_steady
        self._instruction_size = 24
        self._preview_size = 16
        self.setObjectName("presenterView" if presenter else "playerView")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # holds the focus, not in the Tab chain

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
        # During a pause, the next exercise in full beside its picture.
        self.preview = QLabel()
        self.preview.setObjectName("upNext")
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.hide()
        self.next_up = QLabel()
        self.next_up.setObjectName("nextUp")
        self.next_up.setWordWrap(True)
        self.next_up.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner = QLabel()
        self.banner.setObjectName("pausedBanner")
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        # What will not be heard (no sound output, no voice for this language), and why.
        self.sound_notice = QLabel()
        self.sound_notice.setObjectName("soundNotice")
        self.sound_notice.setWordWrap(True)
        self.sound_notice.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.remaining = QLabel()
        self.remaining.setObjectName("remaining")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.buttons: dict[str, QToolButton] = {}
        # Text follows the window's size, never the other way round: no label may hold
        # the window wider than the screen it is on.
        for label in (self.title, self.badge, self.next_up, self.instruction, self.banner,
                      self.setup_steps, self.preview, self.sound_notice):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, label.sizePolicy().verticalPolicy())
            label.setMinimumWidth(1)
        # The one-line "next" gives way to the preview during pauses without moving the rest.
        policy = self.next_up.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.next_up.setSizePolicy(policy)
        # Routine files' words are shown as written, never read as markup.
        for label in (self.title, self.counters, self.badge, self.next_up, self.instruction,
                      self.banner, self.setup_steps, self.remaining, self.preview):
            label.setTextFormat(Qt.TextFormat.PlainText)

        self._build_layout(actions, controls)
        self.badge.installEventFilter(self)  # refit its words when its box changes size
        self._apply_theme()
        self._follow(driver, True)
        self.refresh()

    def _follow(self, driver: SessionDriver, follow: bool) -> None:
        """Connect this view to ``driver``'s signals, or (``follow`` False) disconnect it."""
        for signal, slot in ((driver.ticked, self.show_countdown),
                             (driver.refreshed, self.refresh),
                             (driver.event_occurred, self._on_event),
                             (driver.handled, self._after_update)):
            if follow:
                signal.connect(slot)
            else:
                signal.disconnect(slot)

    def attach(self, driver: SessionDriver, routines: Mapping[str, Routine] | None = None,
               theme: Theme | None = None) -> None:
        """Follow a new session in this same view.

        A view made for each session would leave behind, in Qt's pixmap cache, the style's
        pictures of its buttons, keyed by the view's own palette: about 50 KB a session,
        up to the cache's 10 MB."""
        old = self.driver
        if old is not driver and shiboken6.isValid(old):
            self._follow(old, False)
        self.driver = driver
        self._gap = None
        self._ring_step = None
        self._refreshed_step = None
        if routines is not None:
            self.routines = routines
            self._titles = {rid: r.short_title for rid, r in routines.items()}
        if old is not driver:
            self._follow(driver, True)
        if theme is not None and theme != self.theme:
            self.set_theme(theme)
        else:
            self.refresh()

    # -- layout -------------------------------------------------------------------------
    def _build_layout(self, actions: Sequence[QAction], controls: Sequence[QWidget]) -> None:
        self._controls = list(controls)
        outer = self._outer = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.counters)
        outer.addLayout(header)
        outer.addWidget(self.sound_notice)
        middle = QGridLayout()
        side = QVBoxLayout()
        side.addWidget(self.badge)
        side.addWidget(self.preview)
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
        if actions or controls:
            # The buttons wrap to a second row rather than widen the window past its screen.
            flow = FlowLayout()
            for action in actions:
                button = ActionButton()  # not QToolButton: see ui/buttons.py
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                # In the Tab order, with a focus ring; the session's keys stay
                # application-wide shortcuts, so they work whichever button has focus.
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                button.setStyleSheet(CONTROL_STYLE)
                button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
                self.buttons[action.objectName()] = button
                flow.addWidget(button)
            for widget in controls:  # the volume: styled and sized like the buttons
                widget.setStyleSheet(CONTROL_STYLE)
                flow.addWidget(widget)
            outer.addLayout(flow)

    def show_notices(self, notices: Sequence[str]) -> None:
        """What will not be heard in this session, with what to do about it."""
        self.sound_notice.setText("\n".join(notices))
        self.sound_notice.setVisible(bool(notices))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.ring.set_theme(theme)
        self.illustration.set_theme(theme)
        self._apply_theme()

    def _apply_theme(self) -> None:
        t = self.theme
        self._refreshed_step = None  # the badge's colours again
        palette = self.palette()
        palette.setColor(self.backgroundRole(), t.background)
        palette.setColor(self.foregroundRole(), t.text)
        self.setPalette(palette)
        self.banner.setStyleSheet(
            f"background: {t.paused.name()}; color: #000000; border-radius: 6px; padding: 6px;")
        self.sound_notice.setStyleSheet(
            f"border: 2px solid {t.paused.name()}; border-radius: 6px; padding: 4px 8px;")
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.badge and event.type() == QEvent.Type.Resize:
            self._fit_badge()
            self._fit_preview()
        return super().eventFilter(watched, event)

    def _scale_fonts(self) -> None:
        """Text grows with the window, from 800x600 to 4K."""
        h = max(300, self.height())
        w = max(400, self.width())
        unit = min(h / 30.0, w / 45.0)
        if self.presenter:
            unit *= 1.5
            # A television may overscan: everything stays inside a 5 % safe area.
            margin_x, margin_y = int(self.width() * SAFE_AREA), int(self.height() * SAFE_AREA)
            self._outer.setContentsMargins(margin_x, margin_y, margin_x, margin_y)
        sizes = {self.title: 1.1, self.counters: 1.1, self.badge: 2.4, self.instruction: 1.45,
                 self.next_up: 0.95, self.banner: 0.9, self.remaining: 0.9,
                 self.setup_steps: 0.9, self.preview: 1.0, self.sound_notice: 0.75}
        if self.presenter:  # the countdown gets the height: the small lines give some
            sizes.update({self.next_up: 0.8, self.remaining: 0.7, self.title: 1.0,
                          self.counters: 1.0})
        for label, factor in sizes.items():
            font = QFont(self.font())
            font.setPixelSize(max(12, int(unit * factor)))
            font.setBold(label in (self.badge, self.title, self.instruction, self.preview))
            label.setFont(font)
        self.progress.setFixedHeight(max(6, int(unit * (0.3 if self.presenter else 0.6))))
        children = [c for control in self._controls for c in control.findChildren(QWidget)]
        for button in [*self.buttons.values(), *self._controls, *children]:
            font = QFont(self.font())
            font.setPixelSize(max(12, int(unit * 0.7)))
            button.setFont(font)
        # The labels kept at a fixed size (``_set_steady``) take their new font's size now,
        # not at their next change: the set counter changes only with the set.
        for label, (widest, _font, _width) in list(self._steady.items()):
            del self._steady[label]
            self._set_steady(label, label.text(), widest)
        self._badge_size = max(12, int(unit * 2.4))
        self._instruction_size = max(12, int(unit * 1.45))
        self._preview_size = max(12, int(unit * (0.8 if self.presenter else 1.0)))
        self._fit_badge()
        self._fit_instruction()
        self._fit_preview()

    def _fit_instruction(self) -> None:
        """The instruction, as big as its size allows but in at most two lines (one on a
        clinic screen, where the countdown needs the room), so a long one never pushes the
        rest off the screen."""
        margins = self._outer.contentsMargins()
        self._fit_lines(self.instruction, self._instruction_size, 1 if self.presenter else 2,
                        self.width() - margins.left() - margins.right())

    def _fit_preview(self) -> None:
        """The preview's two lines (what, then side, set and dose) never wrap further."""
        self._fit_lines(self.preview, self._preview_size, 2, self.badge.width())

    @staticmethod
    def _fit_lines(label: QLabel, size: int, max_lines: int, width: int) -> None:
        """Shrink ``label``'s font from ``size`` until its text takes ``max_lines`` lines."""
        font = QFont(label.font())
        font.setPixelSize(size)
        text = label.text()
        while text and width > 0 and font.pixelSize() > 12:
            metrics = QFontMetrics(font)
            wrapped = metrics.boundingRect(0, 0, width, 100_000,
                                           int(Qt.TextFlag.TextWordWrap), text).height()
            # One line's height as drawn: Japanese comes from a fallback font whose lines
            # are taller than the base font's.
            one_line = max(metrics.boundingRect(0, 0, 1_000_000, 100_000, 0, line).height()
                           for line in text.splitlines())
            if wrapped <= one_line * max_lines + 2:
                break
            font.setPixelSize(int(font.pixelSize() * 0.9))
        label.setFont(font)

    def _fit_badge(self) -> None:
        """The side badge's text shrinks until it fits its box ("Next: RIGHT")."""
        font = QFont(self.badge.font())
        font.setPixelSize(self._badge_size)
        room = self.badge.width() - 2 * BADGE_PADDING_X - 8
        text = self.badge.text()
        if text and room > 0:
            wide = QFontMetrics(font).horizontalAdvance(text)
            if wide > room:
                font.setPixelSize(max(10, int(self._badge_size * room / wide)))
        self.badge.setFont(font)

    # -- rendering ------------------------------------------------------------------------
    def set_language(self, lang: Lang) -> None:
        self.lang = lang
        self._refreshed_step = None  # every text again
        self.refresh()

    def _text(self, text: Text) -> str:
        return text.get(self.lang)

    def show_countdown(self) -> None:
        """The countdown, shown before anything else of the moment (its sounds, its
        records, ``refresh``): the driver calls this first. When a step starts (or the
        session pauses, resumes or ends) the rest is much work (new texts laid out, a new
        picture), so the countdown is painted now, alone, and the rest follows in
        ``refresh``; with presenter mode on, in both views before either does the rest.
        Within a step the rest is the time left and the bar: they are painted now with
        the countdown, in one paint (one flush to the screen, one wake-up of its
        connection)."""
        session = self.driver.session
        step = (session.segment.index, session.state)
        if step != self._ring_step:
            if self._show_ring():
                self.ring.repaint()
        else:
            self._show_time()
            # ``refresh`` follows at once: shown again there, the ring's arc would have
            # moved by the microseconds in between, and be painted a second time.
            self._time_shown = True
        self._ring_step = step

    def refresh(self) -> None:
        session = self.driver.session
        step = (session.segment.index, session.state)
        time_shown, self._time_shown = self._time_shown, False
        if step != self._refreshed_step:  # within a step, only the time left changes
            self._refreshed_step = step
            self._show_step()
        elif time_shown:
            return
        self._show_time()

    def _after_update(self) -> None:
        """Every view has painted its countdown: on X11, wait now for the X server to have
        read it, rather than at the start of the next second's paint (``screen_sync``)."""
        if not self.ring.paint_pending:
            settle(self.ring)

    def _show_time(self) -> None:
        """The countdown, the time left and the bar, painted now, together."""
        session = self.driver.session
        self._show_ring()
        left = self.tr("%1 left")
        self._set_steady(self.remaining, arg(left, format_clock(session.remaining_total())),
                         arg(left, format_clock(session.plan.total_seconds)))
        # QProgressBar repaints at once whenever its bar grows by a pixel, and a repaint
        # paints everything changed in the window so far: here the countdown and the
        # label too. When the bar has not moved, the countdown's repaint does the same.
        self.progress.setValue(int(session.progress() * 1000))
        if self.ring.paint_pending:
            self.ring.repaint()

    def _show_step(self) -> None:
        """What changes only when the step (or the session's state) does: 0.7 ms of the
        countdown's every second, before it could paint, when done every time."""
        session = self.driver.session
        segment = session.segment
        routine = self.routines.get(segment.routine_id)
        if routine is not None:
            self.title.setText(self._text(routine.title))
        # During a pause the picture and the badge are already those of what comes next.
        work = segment if segment.kind.is_work else next_work(session.plan, segment.index)
        pictured = self.routines.get(work.routine_id) if work is not None else routine
        if pictured is not None:
            self.illustration.show_illustration(
                pictured.illustration, work.side if work is not None else segment.side)
        self._show_badge(work.side if work is not None else segment.side, segment.kind)
        self._show_preview()
        self._show_counters()
        instruction = self._text(segment.instruction)
        if instruction != self.instruction.text():
            self.instruction.setText(instruction)
            self._fit_instruction()
        self._show_setup(routine, segment.kind)
        self.next_up.setText(self._text(next_step(session.plan, segment.index, self._titles)))
        self._show_banner()
        self.setAccessibleDescription(self.instruction.text())

    def _set_steady(self, label: QLabel, text: str, widest: str) -> None:
        """Show ``text`` in a label kept at the size of ``widest`` with every digit an 8.

        A label whose text changes every second (or every rep) would otherwise ask the
        whole window to lay itself out again each time (every word-wrapped label measured
        anew, the buttons' flow re-arranged): several ms before the countdown can paint.
        A label of fixed size does not: Qt skips the layout when minimum == maximum."""
        widest = re.sub(r"\d", "8", widest)
        font = label.font().key()
        known = self._steady.get(label)
        if known is None or known[:2] != (widest, font) or \
                label.fontMetrics().horizontalAdvance(text) > known[2]:
            # Measured from the font itself: the label's own size hint can still be the one
            # for its last font while the window is being resized.
            needed = QFontMetrics(label.font()).boundingRect(
                QRect(0, 0, 100_000, 100_000), int(label.alignment()), widest)
            margins = label.contentsMargins()
            extra = 2 * label.margin()
            width = max(needed.width() + margins.left() + margins.right() + extra,
                        known[2] if known is not None and known[:2] == (widest, font) else 0)
            self._steady[label] = (widest, font, width)
            label.setFixedSize(width + 2,
                               needed.height() + margins.top() + margins.bottom() + extra)
        label.setText(text)

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
        if not kind.is_work:
            label = arg(self.tr("Next: %1"), label)
        colour = self.theme.side_colour(side)
        # Dark text on a light badge, light on a dark one: readable from across a room.
        text = text_on(colour).name()
        style = (f"background: {colour.name()}; color: {text}; border-radius: 12px; "
                 f"padding: 4px {BADGE_PADDING_X}px;")
        self.badge.show()
        if (label, style) == (self.badge.text(), self.badge.styleSheet()):
            return  # every second: a style sheet set again re-polishes and lays out
        self.badge.setText(label)
        self.badge.setStyleSheet(style)
        self._fit_badge()

    def _show_preview(self) -> None:
        """During a pause, the next exercise in full ("Up next: Hamstrings / left leg ·
        set 2 of 2 · 20 s hold") in place of the one-line "next" below."""
        session = self.driver.session
        said = None
        if session.state is not SessionState.FINISHED:
            said = up_next(session.plan, session.segment.index, self._titles)
        self.preview.setVisible(said is not None)
        self.next_up.setVisible(said is None)
        if said is not None and self._text(said) != self.preview.text():
            self.preview.setText(self._text(said))
            self._fit_preview()

    def _show_counters(self) -> None:
        segment = self.driver.session.segment
        parts, widest = [], []
        if segment.sets > 1 and segment.kind.is_work:
            parts.append(arg(self.tr("Set %1 of %2"), segment.set, segment.sets))
            widest.append(arg(self.tr("Set %1 of %2"), segment.sets, segment.sets))
        if segment.reps:
            parts.append(arg(self.tr("Rep %1 of %2"), segment.rep, segment.reps))
            widest.append(arg(self.tr("Rep %1 of %2"), segment.reps, segment.reps))
        self._set_steady(self.counters, "   ".join(parts), "   ".join(widest))

    def _show_ring(self) -> bool:
        """Bring the countdown up to date; True if it changed (it paints at the next
        paint)."""
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
        changed = self.ring.show_state(fraction, big, small, colour, paused)
        # Told to a screen reader when a step starts and in its last seconds only.
        last_seconds = remaining is not None and remaining <= ANNOUNCE_LAST_SECONDS
        if segment.index != self._announced_segment or last_seconds or \
                session.state is SessionState.FINISHED:
            self._announced_segment = segment.index
            self.ring.announce(f"{small} {big}".strip() if big.isdigit() else
                               f"{big} {small}".strip())
        return changed

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
