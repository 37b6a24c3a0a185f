"""Small QPainter charts for the history: minutes per period, pain over time, a calendar.

Hand-drawn rather than QtCharts (deprecated since Qt 6.10) or QtGraphs (a QML scene
graph): three simple pictures cost a few hundred lines, start instantly and follow the
palette. Each stays readable from one session to ten years by aggregating: weeks
become months, days become weekly means.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kneecare_desktop.history.stats import PainPoint, PeriodTotal

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 40, 12, 26, 30


def _nice_step(maximum: float) -> float:
    for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200):
        if maximum / step <= 5:
            return float(step)
    return maximum / 5


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 190)

    def _plot_rect(self) -> QRectF:
        """The plotting area: the margins grow with the font (a report draws bigger)."""
        line = self.fontMetrics().height()
        top = max(_MARGIN_TOP, int(line * 2.2))
        left = max(_MARGIN_LEFT, self.fontMetrics().horizontalAdvance("100") + 10)
        bottom = max(_MARGIN_BOTTOM, int(line * 1.8))
        return QRectF(left, top, max(10, self.width() - left - _MARGIN_RIGHT),
                      max(10, self.height() - top - bottom))

    def _begin(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(QRectF(0, 0, self.width(), self.fontMetrics().height() + 4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.title)
        painter.setFont(self.font())

    def _axis_label_rect(self, plot_left: float, y: float) -> QRectF:
        """Where a value on the vertical axis is written, beside its line at ``y``."""
        height = self.fontMetrics().height()
        return QRectF(0, y - height / 2, plot_left - 6, height)

    def _draw_empty(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self._plot_rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)

    def _axis_pen(self) -> QPen:
        colour = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        colour.setAlpha(90)
        return QPen(colour, 1)

    def _label_pen(self) -> QPen:
        return QPen(self.palette().color(QPalette.ColorRole.WindowText))


class TotalsChart(_Chart):
    """Bars of active minutes per week (or month) on a minutes axis (the title names the
    unit); the number of sessions sits in its own row under the dates, never on that
    axis."""

    COUNT_ROW = 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.totals: Sequence[PeriodTotal] = ()
        self.label_for: Callable[[date], str] = str
        self.bar_colour = QColor("#1c7ed6")
        self.count_label = "sessions"  # the name of the row of session counts

    def set_totals(self, totals: Sequence[PeriodTotal],
                   label_for: Callable[[date], str]) -> None:
        self.totals = totals
        self.label_for = label_for
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 190 + self.COUNT_ROW)

    def _left_margin(self) -> float:
        """Room on the left for the axis numbers and the count row's name."""
        return float(max(_MARGIN_LEFT, self.fontMetrics().horizontalAdvance(self.count_label)
                         + 10))

    def plot_rect(self) -> QRectF:
        plot = self._plot_rect()
        plot.setLeft(self._left_margin())
        plot.setBottom(plot.bottom() - self.fontMetrics().height() - 4)
        return plot

    def count_row(self) -> QRectF:
        """Where the session counts are written: below the date labels."""
        plot = self.plot_rect()
        line = self.fontMetrics().height()
        return QRectF(0, plot.bottom() + line + 6, self.width(), line + 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        self._begin(painter)
        if not any(t.sessions for t in self.totals):
            self._draw_empty(painter)
            return
        plot = self.plot_rect()
        top = max(t.minutes for t in self.totals)
        step = _nice_step(max(top, 1.0))
        ceiling = step * (int(top // step) + 1)
        metrics = painter.fontMetrics()
        painter.setPen(self._label_pen())
        margin = plot.left()
        value = 0.0
        while value <= ceiling + 1e-9:
            y = plot.bottom() - plot.height() * value / ceiling
            painter.setPen(self._axis_pen())
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self._label_pen())
            painter.drawText(self._axis_label_rect(margin, y),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:g}")
            value += step
        count = len(self.totals)
        slot = plot.width() / count
        width = max(1.0, slot * 0.7)
        label_every = max(1, int((metrics.horizontalAdvance("00/00") + 12) // max(slot, 1)) + 1)
        row = self.count_row()
        painter.setPen(self._label_pen())
        painter.drawText(QRectF(0, row.top(), margin - 6, row.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self.count_label)
        for index, total in enumerate(self.totals):
            x = plot.left() + index * slot + (slot - width) / 2
            height = plot.height() * total.minutes / ceiling
            painter.fillRect(QRectF(x, plot.bottom() - height, width, height), self.bar_colour)
            painter.setPen(self._label_pen())
            if total.sessions and slot >= metrics.horizontalAdvance("00") + 2:
                painter.drawText(QRectF(x - 10, row.top(), width + 20, row.height()),
                                 Qt.AlignmentFlag.AlignCenter, str(total.sessions))
            if index % label_every == 0:
                painter.drawText(QRectF(x - 30, plot.bottom() + 4, width + 60,
                                        metrics.height() + 2),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 self.label_for(total.start))
        painter.end()


class PainChart(_Chart):
    """Pain before (filled circles) and after (hollow squares) sessions, 0 to 10.

    Neither colour says better or worse (no green, no red): the after mark is told
    apart by its shape and a neutral colour, whichever way the pain went."""

    MAX_POINTS = 120

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: Sequence[PainPoint] = ()
        self.before_colour = QColor("#1c7ed6")  # blue
        self.after_colour = QColor("#7048e8")  # violet
        self.legend = ("", "")
        self.label_for: Callable[[date], str] = str

    def set_points(self, points: Sequence[PainPoint],
                   label_for: Callable[[date], str]) -> None:
        self.points = weekly_means(points) if len(points) > self.MAX_POINTS else points
        self.label_for = label_for
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        self._begin(painter)
        if not self.points:
            self._draw_empty(painter)
            return
        plot = self._plot_rect()
        for value in (0, 5, 10):
            y = plot.bottom() - plot.height() * value / 10
            painter.setPen(self._axis_pen())
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self._label_pen())
            painter.drawText(self._axis_label_rect(plot.left(), y),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(value))
        first, last = self.points[0].day, self.points[-1].day
        span = max(1, (last - first).days)

        def x_of(day: date) -> float:
            if first == last:
                return plot.center().x()
            return plot.left() + plot.width() * (day - first).days / span

        for attribute, colour, filled in (("before", self.before_colour, True),
                                          ("after", self.after_colour, False)):
            path = QPainterPath()
            started = False
            radius = 4.0 if len(self.points) < 60 else 2.5
            for point in self.points:
                value = getattr(point, attribute)
                if value is None:
                    continue
                position = QPointF(x_of(point.day), plot.bottom() - plot.height() * value / 10)
                if started:
                    path.lineTo(position)
                else:
                    path.moveTo(position)
                    started = True
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            for point in self.points:
                value = getattr(point, attribute)
                if value is None:
                    continue
                position = QPointF(x_of(point.day), plot.bottom() - plot.height() * value / 10)
                painter.setBrush(colour if filled else self.palette().color(
                    QPalette.ColorRole.Base))
                if filled:
                    painter.drawEllipse(position, radius, radius)
                else:
                    painter.drawRect(QRectF(position.x() - radius, position.y() - radius,
                                            2 * radius, 2 * radius))
        painter.setPen(self._label_pen())
        painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width() / 2, 20),
                         Qt.AlignmentFlag.AlignLeft, self.label_for(first))
        painter.drawText(QRectF(plot.center().x(), plot.bottom() + 4, plot.width() / 2, 20),
                         Qt.AlignmentFlag.AlignRight, self.label_for(last))
        self._draw_legend(painter)
        painter.end()

    def _draw_legend(self, painter: QPainter) -> None:
        metrics = painter.fontMetrics()
        x = float(self.width() - _MARGIN_RIGHT)
        for text, colour, filled in ((self.legend[1], self.after_colour, False),
                                     (self.legend[0], self.before_colour, True)):
            width = metrics.horizontalAdvance(text)
            x -= width
            painter.setPen(self._label_pen())
            painter.drawText(QPointF(x, 16), text)
            x -= 14
            painter.setPen(QPen(colour, 2))
            painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
            if filled:
                painter.drawEllipse(QPointF(x + 5, 11), 4, 4)
            else:
                painter.drawRect(QRectF(x + 1, 7, 8, 8))
            x -= 16


class CalendarChart(_Chart):
    """The last year, one square per day, filled on days with care (like a streak grid)."""

    WEEKS = 53

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: set[date] = set()
        self.today = date.today()
        self.done_colour = QColor("#2f9e44")

    def set_days(self, days: set[date], today: date) -> None:
        self.days = days
        self.today = today
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        self._begin(painter)
        plot = self._plot_rect()
        cell = min(plot.width() / self.WEEKS, plot.height() / 7)
        gap = max(1.0, cell * 0.15)
        last_monday = self.today - timedelta(days=self.today.weekday())
        first = last_monday - timedelta(weeks=self.WEEKS - 1)
        empty = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        empty.setAlpha(28)
        left = plot.left() + (plot.width() - cell * self.WEEKS) / 2
        for week in range(self.WEEKS):
            for weekday in range(7):
                day = first + timedelta(weeks=week, days=weekday)
                if day > self.today:
                    continue
                rect = QRectF(left + week * cell, plot.top() + weekday * cell, cell - gap,
                              cell - gap)
                painter.fillRect(rect, self.done_colour if day in self.days else empty)
        painter.end()


def weekly_means(points: Sequence[PainPoint]) -> list[PainPoint]:
    """Many daily points become one per week (its Monday), so ten years stay legible."""
    weeks: dict[date, tuple[list[float], list[float]]] = {}
    for point in points:
        key = point.day - timedelta(days=point.day.weekday())
        before, after = weeks.setdefault(key, ([], []))
        if point.before is not None:
            before.append(point.before)
        if point.after is not None:
            after.append(point.after)
    return [PainPoint(day, sum(b) / len(b) if b else None, sum(a) / len(a) if a else None)
            for day, (b, a) in sorted(weeks.items())]
