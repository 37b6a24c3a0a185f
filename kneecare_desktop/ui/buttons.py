"""A tool button that shows one action, and keeps up with it without piling up work.

Qt 6.11's ``QToolButton`` answers every change of its default action (enabled, text, tool
tip…) by calling ``setDefaultAction`` again, and each call connects to the action's
``changed`` signal once more. Nothing removes those connections while the button lives:
each change of the action leaves one more behind (about 150 bytes), and every later
change runs all of them. A session changes the player's actions a few dozen times, and
the actions live as long as the window. ``ActionButton`` copies the action's state on a
change itself, as ``setDefaultAction`` would, so the one connection made at the start
is all there is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QActionEvent
from PySide6.QtWidgets import QToolButton


class ActionButton(QToolButton):
    """Use as a ``QToolButton``: ``setDefaultAction(action)`` once, then change the
    action, never the button."""

    def actionEvent(self, event: QActionEvent) -> None:  # noqa: N802 - Qt's name
        action = event.action()
        if event.type() == QEvent.Type.ActionChanged and action is self.defaultAction():
            self._follow(action)
            return
        super().actionEvent(event)

    def _follow(self, action: QAction) -> None:
        """What ``setDefaultAction`` copies from the action (none of this app's actions
        has a menu or a font of its own, or an icon text set apart from its text, which
        Qt then shows with its ``&`` doubled)."""
        self.setText(action.iconText().replace("&", "&&"))
        self.setIcon(action.icon())
        self.setToolTip(action.toolTip())
        self.setStatusTip(action.statusTip())
        self.setWhatsThis(action.whatsThis())
        self.setCheckable(action.isCheckable())
        self.setChecked(action.isChecked())
        self.setEnabled(action.isEnabled())
