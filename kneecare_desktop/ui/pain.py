"""The 0-10 pain rating: a row of buttons, a digit key or a click.

Before a session it is a quick dialog that can be skipped; after a session the same
scale sits on the summary page with a note.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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
            button.setMinimumWidth(34)
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


class PainDialog(QDialog):
    """Before a session: how much does it hurt now? Skippable; can be turned off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("painBefore")
        self.setWindowTitle(self.tr("Pain before the session"))
        question = QLabel(self.tr("How much does the back of your knee hurt right now? "
                                  "Press a number, or click one."))
        question.setWordWrap(True)
        self.scale = PainScale()
        self.dont_ask = QCheckBox(self.tr("Don't ask before sessions"))
        self.dont_ask.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("Start"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton(self.tr("Skip"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.start_button.setEnabled(False)
        self.scale.chosen.connect(lambda _value: self.start_button.setEnabled(True))
        self.scale.group.idClicked.connect(lambda _value: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.scale)
        layout.addWidget(self.dont_ask)
        layout.addWidget(self.buttons)

    def value(self) -> int | None:
        return self.scale.value() if self.result() == QDialog.DialogCode.Accepted else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.scale.handle_key(event):
            return
        super().keyPressEvent(event)
