"""The 0-10 pain rating: a row of buttons, a digit key or a click.

Before a session it sits above the Start button (optional: Start without choosing skips
it, so starting still takes two clicks); after a session the same scale sits on the
summary page with a note.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

TEN_WITHIN_MS = 1200  # "1" then "0" within this time means 10


class PainScale(QWidget):
    """Eleven buttons, 0 to 10, with the scale's anchors under the ends."""

    chosen = Signal(int)  # by a click or a key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("painScale")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for value in range(11):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setMinimumWidth(28)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.group.addButton(button, value)
            layout.addWidget(button, 0, value)
        self.none_label = QLabel(self.tr("0 = no pain"))
        self.worst_label = QLabel(self.tr("10 = worst pain imaginable"))
        self.worst_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.none_label, 1, 0, 1, 5)
        layout.addWidget(self.worst_label, 1, 6, 1, 5)
        self.group.idClicked.connect(self.chosen)
        self._last_one = QElapsedTimer()

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def set_value(self, value: int | None) -> None:
        if value is None:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
            return
        self.group.button(value).setChecked(True)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Digits choose a value; "1" then "0" in quick succession is 10."""
        text = event.text()
        if not text.isdigit() or len(text) != 1:
            return False
        digit = int(text)
        if digit == 0 and self.value() == 1 and self._last_one.isValid() \
                and self._last_one.elapsed() < TEN_WITHIN_MS:
            digit = 10
        if digit == 1:
            self._last_one.start()
        self.set_value(digit)
        self.chosen.emit(digit)
        return True
