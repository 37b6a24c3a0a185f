"""The action button: it shows its action as Qt's own does, and stays as cheap."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from kneecare_desktop.ui.buttons import ActionButton


def test_it_follows_its_action_and_triggers_it(qtbot: QtBot) -> None:
    action = QAction("Pause")
    action.setToolTip("Pause (Space)")
    button = ActionButton()
    qtbot.addWidget(button)
    button.setDefaultAction(action)
    triggered: list[bool] = []
    action.triggered.connect(lambda: triggered.append(True))
    action.setText("Resume && go")
    action.setToolTip("Resume (Space)")
    action.setEnabled(False)
    assert button.text() == action.iconText().replace("&", "&&")
    assert button.toolTip() == "Resume (Space)"
    assert not button.isEnabled()
    action.setEnabled(True)
    assert button.isEnabled()
    button.click()
    assert triggered == [True]


def test_changes_of_the_action_leave_no_connections_behind(qtbot: QtBot) -> None:
    action = QAction("Rep done")
    button = ActionButton()
    qtbot.addWidget(button)
    button.setDefaultAction(action)
    connected = action.receivers(SIGNAL("changed()"))
    for turn in range(50):
        action.setEnabled(turn % 2 == 0)
    # Qt 6.11's own QToolButton connects once more at every change.
    assert action.receivers(SIGNAL("changed()")) == connected
