"""Spin and combo boxes that take the mouse wheel only when they have the focus.

A page that scrolls with the wheel must not change a value because the pointer passed
over a box on the way down (a saved dose once went from 20 s to 12 s that way). The box
takes the focus by a click or Tab, not by the wheel; until then the wheel scrolls the
page, as in most desktop apps.
"""

from __future__ import annotations

from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox, QWidget


def _take_focus_by_click_or_tab(widget: QWidget) -> None:
    """``setFocusPolicy(Qt.FocusPolicy.StrongFocus)``, through Qt's property system: the
    person bar's box is made before the first paint, and ``Qt``'s enum namespace costs
    15 ms to create (the frame paints without it; see docs/architecture.md)."""
    widget.setProperty("focusPolicy", "StrongFocus")


class SpinBox(QSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _take_focus_by_click_or_tab(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the page under it scrolls instead


class DoubleSpinBox(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _take_focus_by_click_or_tab(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _take_focus_by_click_or_tab(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()
