"""Presenter mode on a clinic screen: nothing clipped, the digits inside the ring, and a
5 % safe area kept free at every edge (a television may overscan)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.player import BADGE_PADDING_X, SAFE_AREA
from tests.gui.helpers import advance

SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]


def _within(inner: QRect, widget: QWidget, top: QWidget) -> bool:
    corner = widget.mapTo(top, QPoint(0, 0))
    return inner.contains(QRect(corner, widget.size()))


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_presenter_fits_its_screen(make_app: object, clock: FakeClock, qtbot: QtBot,
                                   lang: Lang, width: int, height: int) -> None:
    window = make_app(lang).window  # type: ignore[operator]
    window.library_view.select("calf-wall")
    window.sessions.start("calf-wall")
    advance(window, clock, 10 + 20 + 1)  # switching sides: the badge says "Next: RIGHT"
    window.toggle_presenter()
    presenter = window.presenter
    assert presenter is not None
    presenter.showNormal()
    presenter.resize(width, height)
    for _ in range(3):
        QApplication.processEvents()
    player = presenter.player
    assert player is not None
    # Nothing makes the window taller or wider than its screen.
    assert presenter.minimumSizeHint().height() <= height
    assert (presenter.width(), presenter.height()) == (width, height)
    badge = player.badge
    assert badge.isVisible()
    assert badge.text() in ("Next: RIGHT", "次は 右")
    # The badge's words fit its box.
    room = badge.width() - 2 * BADGE_PADDING_X
    assert QFontMetrics(badge.font()).horizontalAdvance(badge.text()) <= room
    # The next exercise in full, in its two lines, never wrapped further.
    preview = player.preview
    assert preview.isVisible()
    assert preview.text().startswith(("Up next: Calf stretch\nright leg",
                                      "次は ふくらはぎストレッチ\n右脚"))
    metrics = QFontMetrics(preview.font())
    drawn = metrics.boundingRect(0, 0, preview.width(), 100_000,
                                 int(Qt.TextFlag.TextWordWrap), preview.text()).height()
    line = max(metrics.boundingRect(line).height() for line in preview.text().splitlines())
    assert drawn <= 2 * line + 2, preview.font().pixelSize()
    assert preview.font().pixelSize() >= min(16, height // 45)  # still readable
    # The digits lie inside the ring's inner circle, every corner of their ink.
    ring = player.ring
    ink = ring.big_text_rect()
    centre = ring.rect().center()
    for corner in (ink.topLeft(), ink.topRight(), ink.bottomLeft(), ink.bottomRight()):
        assert math.dist((corner.x(), corner.y()), (centre.x(), centre.y())) \
            <= ring.inner_radius(), ring.big_text
    # Title, set counter, time left and progress: inside the safe area.
    safe = QRect(int(width * SAFE_AREA) - 1, int(height * SAFE_AREA) - 1,
                 int(width * (1 - 2 * SAFE_AREA)) + 2, int(height * (1 - 2 * SAFE_AREA)) + 2)
    for widget in (player.title, player.counters, player.remaining, player.progress,
                   player.badge, player.ring, player.preview):
        assert _within(safe, widget, presenter), widget.objectName()
    # Each line's words fit its place (the set counter was once sized for the window's
    # first, smaller font, and clipped at the top and the right until the next set).
    for label in (player.title, player.counters, player.remaining):
        if not label.text():
            continue  # (between the sides: no set counter)
        room = label.contentsRect()
        needed = QFontMetrics(label.font()).boundingRect(room, int(label.alignment()),
                                                         label.text())
        assert needed.width() <= room.width() + 1, label.text()
        assert needed.height() <= room.height() + 1, label.text()
    # In the hold that follows, with its long instruction, the window keeps its size.
    advance(window, clock, 6)
    for _ in range(3):
        QApplication.processEvents()
    assert player.instruction.text().startswith(("Keep your weight", "体重を前に"))
    assert presenter.minimumSizeHint().height() <= height
    assert presenter.height() == height
    presenter.close()


@pytest.mark.parametrize("lang", [Lang.EN, Lang.JA])
def test_the_instruction_stays_large_on_the_clinic_screen(
        make_app: object, clock: FakeClock, lang: Lang) -> None:
    window = make_app(lang).window  # type: ignore[operator]
    window.library_view.select("calf-wall")
    window.sessions.start("calf-wall")
    advance(window, clock, 14)  # holding: "Keep your weight slightly forward and hold"
    window.toggle_presenter()
    presenter = window.presenter
    assert presenter is not None
    presenter.showNormal()
    presenter.resize(1920, 1080)
    for _ in range(3):
        QApplication.processEvents()
    player = presenter.player
    assert player is not None
    # Readable from across the room: not shrunk below half its full size to fit.
    assert player.instruction.font().pixelSize() >= player.title.font().pixelSize()
    presenter.close()
