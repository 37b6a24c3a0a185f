"""The project's SVG line drawings, recoloured for the palette and the working leg.

Each drawing shows the figure from its left; for the right leg it is mirrored, so the
near, highlighted leg is always the one being stretched.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kneecare_desktop.model import Side
from kneecare_desktop.paths import resources_dir
from kneecare_desktop.ui.theme import Theme

# The colours the SVG files are drawn with, and the theme role that replaces each.
_INK, _WORK, _PROP, _FAR = "#2b2b2b", "#e4572e", "#9a9a9a", "#b8b8b8"


@cache
def svg_source(name: str) -> bytes | None:
    path = resources_dir() / "illustrations" / f"{name}.svg"
    try:
        return path.read_bytes()
    except OSError:
        return None


def recoloured(source: bytes, theme: Theme, side: Side) -> bytes:
    text = source.decode("utf-8")
    for original, colour in ((_INK, theme.ink), (_WORK, theme.side_colour(side)),
                             (_PROP, theme.prop), (_FAR, theme.far_limb)):
        text = text.replace(original, colour.name())
    return text.encode("utf-8")


class IllustrationView(QWidget):
    """Paints one illustration, keeping its aspect ratio, at any size."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._name: str | None = None
        self._side = Side.NONE
        self._renderer = QSvgRenderer(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(96, 64)

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def side(self) -> Side:
        return self._side

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._reload()

    def show_illustration(self, name: str | None, side: Side = Side.NONE) -> None:
        if (name, side) == (self._name, self._side):
            return
        self._name, self._side = name, side
        self._reload()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(360, 240)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return int(width * 2 / 3)

    def _reload(self) -> None:
        source = svg_source(self._name) if self._name else None
        if source is None:
            self._renderer.load(QByteArray())
        else:
            self._renderer.load(QByteArray(recoloured(source, self._theme, self._side)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self._renderer.isValid():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = self._renderer.defaultSize().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        if self._side is Side.RIGHT:
            painter.translate(self.width(), 0)
            painter.scale(-1, 1)
        self._renderer.render(painter, QRectF(x, y, size.width(), size.height()))
        painter.end()
