"""The countdown's digits as a person watching from across the room sees them: one size
through a hold, every number inside the ring."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kneecare_desktop.ui.countdown_ring import CountdownRing
from kneecare_desktop.ui.theme import presenter_theme


@pytest.mark.parametrize("size", [300, 900])
def test_the_digits_keep_one_size_through_a_hold(qtbot: QtBot, size: int) -> None:
    ring = CountdownRing(presenter_theme(), digit_scale=0.62)
    qtbot.addWidget(ring)
    ring.resize(size, size)
    sizes: dict[str, int] = {}
    centre = ring.rect().center()
    for second in range(20, 0, -1):
        text = str(second)
        ring.show_state(second / 20, text, "Hold", QColor("#3366cc"), False)
        ink = ring.big_text_rect()
        sizes[text] = ring.digits_font().pixelSize()
        for corner in (ink.topLeft(), ink.topRight(), ink.bottomLeft(), ink.bottomRight()):
            assert math.dist((corner.x(), corner.y()), (centre.x(), centre.y())) \
                <= ring.inner_radius(), text
    # The same number of digits, the same size (before, "17" was drawn 6 % larger than
    # "20", "1" 5 % larger than "9": each second the digits jumped).
    assert len({sizes[str(n)] for n in range(20, 9, -1)}) == 1, sizes
    assert len({sizes[str(n)] for n in range(9, 0, -1)}) == 1, sizes
