"""The history's charts: one quantity per axis, and no colour that judges the pain."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kneecare_desktop.history.stats import PainPoint, PeriodTotal
from kneecare_desktop.ui.charts import PainChart, TotalsChart


def test_session_counts_have_their_own_row_off_the_minutes_axis(qtbot: QtBot) -> None:
    chart = TotalsChart()
    qtbot.addWidget(chart)
    chart.resize(480, 220)
    monday = date(2026, 11, 2)
    chart.set_totals([PeriodTotal(monday + timedelta(weeks=i), 12.0 * i, 3) for i in range(4)],
                     str)
    chart.count_label = "sessions"
    plot, row = chart.plot_rect(), chart.count_row()
    assert row.top() >= plot.bottom()  # counts are below the plot, not on its axis
    assert plot.left() >= chart.fontMetrics().horizontalAdvance("sessions")
    image = chart.grab().toImage()
    assert not image.isNull()


def _judges(colour: QColor) -> bool:
    """Green reads as "better", red as "worse"."""
    hue = colour.hslHue()
    return 80 <= hue <= 160 or hue <= 20 or hue >= 340


def test_pain_after_is_not_coloured_as_better_or_worse(qtbot: QtBot) -> None:
    chart = PainChart()
    qtbot.addWidget(chart)
    chart.set_points([PainPoint(date(2026, 11, 2), 2, 6)], str)  # worse after
    assert not _judges(chart.after_colour)
    assert not _judges(chart.before_colour)
    assert chart.after_colour != chart.before_colour
