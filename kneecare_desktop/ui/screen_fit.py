"""Windows and dialogs open at a size that fits the screen they are on.

A 1024×700 laptop screen once hid the Start button below its edge: every window asks
for its preferred size, and gets at most what the screen has free (its available
geometry, less a margin for the window frame and title bar), centred on it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = QSize(16, 48)  # a window manager's border and title bar, at most


def available_area(widget: QWidget) -> QRect | None:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fitted_size(widget: QWidget, preferred: QSize) -> QSize:
    """``preferred``, shrunk to what the widget's screen has room for."""
    area = available_area(widget)
    if area is None:
        return preferred
    room = area.size() - FRAME_ALLOWANCE
    return preferred.boundedTo(room).expandedTo(QSize(320, 240))


def fit_to_screen(widget: QWidget, preferred: QSize, centre: bool = False) -> None:
    """Resize ``widget`` to ``preferred`` or less; with ``centre``, in the screen's middle."""
    size = fitted_size(widget, preferred)
    widget.resize(size)
    area = available_area(widget)
    if centre and area is not None:
        frame = QRect(0, 0, size.width() + FRAME_ALLOWANCE.width(),
                      size.height() + FRAME_ALLOWANCE.height())
        frame.moveCenter(area.center())
        widget.move(frame.topLeft())


def keep_on_screen(widget: QWidget) -> None:
    """A window restored from an earlier session (a bigger monitor, say) is shrunk and
    moved until it fits the screen it is on now."""
    area = available_area(widget)
    if area is None:
        return
    geometry = widget.frameGeometry()
    if area.contains(geometry):
        return
    fit_to_screen(widget, widget.size(), centre=True)
