"""A large countdown ring: the arc shrinks as the hold runs, the seconds in the middle."""

from __future__ import annotations

from PySide6.QtCore import Property, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kneecare_desktop.ui.theme import Theme


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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
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

    def digit_pixel_size(self) -> int:
        """The height of the big digits, in pixels."""
        scale = self._digit_scale if len(self._big) <= 2 else self._digit_scale * 0.76
        return int(self._diameter() * scale)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def show_state(self, fraction: float, big: str, small: str, colour: QColor,
                   paused: bool) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, big, small, colour, paused) == (self._fraction, self._big, self._small,
                                                      self._colour, self._paused):
            return
        self._fraction, self._big, self._small = fraction, big, small
        self._colour, self._paused = colour, paused
        self.setAccessibleDescription(f"{big} {small}".strip())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, 320)

    def _diameter(self) -> float:
        return float(min(self.width(), self.height())) * 0.94

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        diameter = self._diameter()
        thickness = max(6.0, diameter * (0.07 if self._digit_scale <= 0.5 else 0.05))
        rect = QRectF((self.width() - diameter) / 2 + thickness / 2,
                      (self.height() - diameter) / 2 + thickness / 2,
                      diameter - thickness, diameter - thickness)
        pen = QPen(self._theme.track, thickness)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        # Paused: a neutral ring; the side colours keep their meaning.
        colour = self._theme.prop if self._paused else self._colour
        pen = QPen(colour, thickness)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        if self._fraction >= 0.999:
            painter.drawEllipse(rect)
        elif self._fraction > 0:
            painter.drawArc(rect, 90 * 16, int(self._fraction * 360 * 16))
        painter.setPen(self._theme.text)
        big = QFont(self.font())
        big.setPixelSize(max(12, self.digit_pixel_size()))
        big.setBold(True)
        painter.setFont(big)
        text_rect = QRectF(rect)
        if self._small:
            text_rect.adjust(0, -diameter * 0.07, 0, -diameter * 0.07)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self._big)
        if self._small:
            small = QFont(self.font())
            small.setPixelSize(max(10, int(diameter * 0.08)))
            painter.setFont(small)
            painter.setPen(self._theme.muted_text)
            below = QRectF(rect.left() + diameter * 0.1, rect.center().y() + diameter * 0.19,
                           rect.width() - diameter * 0.2, diameter * 0.12)
            painter.drawText(below, Qt.AlignmentFlag.AlignCenter, self._small)
        painter.end()
