"""A large countdown ring: the arc shrinks as the hold runs, the seconds in the middle."""

from __future__ import annotations

import math

from PySide6.QtCore import Property, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kneecare_desktop.ui.theme import Theme

DIGITS = "0123456789"
_DIGITS_AS_ZERO = str.maketrans(DIGITS, "0" * len(DIGITS))


class CountdownRing(QWidget):
    """Shows ``fraction`` (1.0 = full) as an arc and ``big_text`` (seconds or a rep count)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None,
                 digit_scale: float = 0.5) -> None:
        super().__init__(parent)
        self._theme = theme
        self._digit_scale = digit_scale
        self._fraction = 1.0
        self._big = ""
        self._small = ""
        self._colour = theme.both
        self._paused = False
        self._paint_pending = False
        # The whole circle, drawn once per size and colour: stroking a wide antialiased
        # circle is the dearest part of a paint (0.5 ms of about 1.1 at 700 px).
        self._circles: dict[tuple[int, int, float, int], QPixmap] = {}
        self._shape_inks: dict[tuple[str, str], QRectF] = {}  # (font, shape): its ink
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(96, 96)
        self.setAccessibleName(self.tr("Countdown"))

    # What a test or an accessibility tool can read.
    @property
    def big_text(self) -> str:
        return self._big

    @property
    def small_text(self) -> str:
        return self._small

    @property
    def fraction(self) -> float:
        return self._fraction

    def _shown_text(self) -> str:
        return self._big

    # The number in the ring as drawn, readable through Qt's property system.
    shownText = Property(str, _shown_text)  # noqa: N815 - a Qt property name

    @property
    def paint_pending(self) -> bool:
        """A change shown since the last paint has not been painted yet."""
        return self._paint_pending

    def digit_pixel_size(self) -> int:
        """The height of the big digits, in pixels."""
        scale = self._digit_scale if len(self._big) <= 2 else self._digit_scale * 0.76
        return int(self._diameter() * scale)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def show_state(self, fraction: float, big: str, small: str, colour: QColor,
                   paused: bool) -> bool:
        """Show this state (painted at the next paint); False if it is already shown."""
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, big, small, colour, paused) == (self._fraction, self._big, self._small,
                                                      self._colour, self._paused):
            return False
        self._fraction, self._big, self._small = fraction, big, small
        self._colour, self._paused = colour, paused
        self._paint_pending = True
        self.update()
        return True

    def announce(self, text: str) -> None:
        """What a screen reader says of the countdown: set at the start of a step and in
        its last seconds only, never every second (each change is read aloud)."""
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, 320)

    def _diameter(self) -> float:
        return float(min(self.width(), self.height())) * 0.94

    def _thickness(self) -> float:
        return max(6.0, self._diameter() * (0.07 if self._digit_scale <= 0.5 else 0.04))

    def _ring_rect(self) -> QRectF:
        diameter, thickness = self._diameter(), self._thickness()
        return QRectF((self.width() - diameter) / 2 + thickness / 2,
                      (self.height() - diameter) / 2 + thickness / 2,
                      diameter - thickness, diameter - thickness)

    def inner_radius(self) -> float:
        """The radius of the free circle inside the ring's stroke."""
        return (self._diameter() - 2 * self._thickness()) / 2

    def _fitted(self, text: str, pixel_size: int, bold: bool, width: float,
                height: float) -> QFont:
        """A font of at most ``pixel_size`` in which ``text`` fits ``width`` × ``height``."""
        font = QFont(self.font())
        font.setBold(bold)
        font.setPixelSize(max(8, pixel_size))
        if not text:
            return font
        bounds = QFontMetricsF(font).tightBoundingRect(text)
        if bounds.width() <= 0 or bounds.height() <= 0:
            return font
        shrink = min(1.0, width / bounds.width(), height / bounds.height())
        font.setPixelSize(max(8, int(pixel_size * shrink)))
        return font

    def _text_layout(self) -> tuple[QFont, QRectF, QFont, QRectF]:
        """The big digits as large as the inner circle holds them (every corner of their
        ink inside it), raised to leave room for the small label below them."""
        inner = self.inner_radius()
        centre = QPointF(self.width() / 2, self.height() / 2)
        raised = inner * 0.1 if self._small else 0.0
        big_font = self._digits_font(inner * 0.97, raised)
        big_box = QRectF(centre.x() - inner, centre.y() - raised - inner * 0.5,
                         2 * inner, inner)  # the digits' ink is centred in it
        small_height = inner * 0.24 if self._small else 0.0
        small_font = self._fitted(self._small, int(self._diameter() * 0.08), False,
                                  inner * 1.4, small_height)
        small_box = QRectF(centre.x() - inner * 0.7, centre.y() + inner * 0.5,
                           inner * 1.4, small_height + inner * 0.08)
        return big_font, big_box, small_font, small_box

    def _digits_font(self, radius: float, raised: float) -> QFont:
        """The largest bold font whose ink of ``self._big``, centred ``raised`` above the
        middle, fits a circle of ``radius`` and stays above the small label.

        Measured for the widest digits of the text's shape (``20`` as ``00`` in a font
        whose widest digit is 0), so that the digits keep one size through a hold rather
        than changing by a few per cent every second (``11`` is narrower than ``20``), and
        so that Qt makes one font, and keeps its glyphs, per shape rather than per number."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(100)
        if not self._big:
            return font
        ink = self._shape_ink(font, self._big)
        if ink.height() <= 0:
            return font
        ratio = ink.width() / ink.height()
        # (ratio·h/2)² + (h/2 + raised)² = radius², solved for the ink's height h.
        a = (ratio * ratio + 1) / 4
        b = raised
        c = raised * raised - radius * radius
        height = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
        if raised:
            height = min(height, 2 * (raised + radius * 0.38))  # clear of the label
        font.setPixelSize(max(8, int(100 * height / ink.height())))
        return font

    def _shape_ink(self, font: QFont, text: str) -> QRectF:
        """The ink of ``text`` with each digit the font's widest, as tall as its tallest
        (every number of that shape fits inside it, centred)."""
        key = (font.key(), text.translate(_DIGITS_AS_ZERO))
        ink = self._shape_inks.get(key)
        if ink is None:
            metrics = QFontMetricsF(font)
            widest = max(DIGITS, key=lambda digit: metrics.tightBoundingRect(digit).width())
            template = text.translate(str.maketrans(DIGITS, widest * len(DIGITS)))
            ink = metrics.tightBoundingRect(template)
            tallest = metrics.tightBoundingRect(DIGITS)
            ink = ink.united(QRectF(ink.left(), tallest.top(), ink.width(), tallest.height()))
            self._shape_inks[key] = ink
        return ink

    def _big_baseline(self, font: QFont, box: QRectF) -> QPointF:
        """Where to draw the digits so that their ink (not their line) is centred."""
        bounds = QFontMetricsF(font).tightBoundingRect(self._big)
        return QPointF(box.center().x() - bounds.left() - bounds.width() / 2,
                       box.center().y() - bounds.top() - bounds.height() / 2)

    def digits_font(self) -> QFont:
        """The font the digits are drawn in."""
        return self._text_layout()[0]

    def big_text_rect(self) -> QRectF:
        """Where the digits' ink lies, in this widget (for tests and layout checks)."""
        font, box, _small_font, _small_box = self._text_layout()
        bounds = QFontMetricsF(font).tightBoundingRect(self._big)
        return bounds.translated(self._big_baseline(font, box))

    def _circle(self, colour: QColor) -> QPixmap:
        """The ring's whole circle in ``colour``, at this size and the screen's pixel
        ratio (drawn once, then kept while the size stays)."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, colour.rgba())
        circle = self._circles.get(key)
        if circle is None:
            if self._circles and next(iter(self._circles))[:3] != key[:3]:
                self._circles.clear()  # another size: the old ones are no use
            circle = QPixmap(max(1, round(self.width() * ratio)),
                             max(1, round(self.height() * ratio)))
            circle.setDevicePixelRatio(ratio)
            circle.fill(Qt.GlobalColor.transparent)
            painter = QPainter(circle)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(colour, self._thickness()))
            painter.drawEllipse(self._ring_rect())
            painter.end()
            self._circles[key] = circle
        return circle

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self._paint_pending = False
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Paused: a neutral ring; the side colours keep their meaning.
        colour = self._theme.prop if self._paused else self._colour
        if self._fraction >= 0.999:
            painter.drawPixmap(0, 0, self._circle(colour))
        else:
            painter.drawPixmap(0, 0, self._circle(self._theme.track))
            if self._fraction > 0:
                pen = QPen(colour, self._thickness())
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawArc(self._ring_rect(), 90 * 16, int(self._fraction * 360 * 16))
        big_font, big_box, small_font, small_box = self._text_layout()
        painter.setPen(self._theme.text)
        painter.setFont(big_font)
        painter.drawText(self._big_baseline(big_font, big_box), self._big)
        if self._small:
            painter.setFont(small_font)
            painter.setPen(self._theme.muted_text)
            painter.drawText(small_box, Qt.AlignmentFlag.AlignCenter, self._small)
        painter.end()
