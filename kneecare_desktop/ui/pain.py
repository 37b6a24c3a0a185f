"""The 0-10 pain rating: a row of buttons, a digit key or a click.

Before a session it sits above the Start button (optional: Start without choosing skips
it, so starting still takes two clicks); after a session the same scale sits on the
summary page with a note.

For the keyboard the scale is one stop in the Tab order, like a group of radio buttons:
the arrow keys, Home and End move the choice, a digit chooses it ("1" then "0" is 10),
Delete clears it. The chosen number stands out (white on blue, bold), and a focus ring
shows when the scale has the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

TEN_WITHIN_MS = 1200  # "1" then "0" within this time means 10
CHOSEN_BACKGROUND = "#1864ab"  # white on it: 6.9:1
FOCUS_RING = 3


class PainScale(QWidget):
    """Eleven buttons, 0 to 10, with the scale's anchors under the ends."""

    chosen = Signal(int)  # by a click or a key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("painScale")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Pain from 0 (none) to 10 (worst imaginable)"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QGridLayout(self)
        margin = FOCUS_RING + 2
        layout.setContentsMargins(margin, margin, margin, margin)
        for value in range(11):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setMinimumWidth(28)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scale has the keyboard
            button.setAccessibleName(str(value))
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {CHOSEN_BACKGROUND}; color: #ffffff; "
                f"font-weight: bold; border: 2px solid #0b3d6e; border-radius: 4px; }}")
            self.group.addButton(button, value)
            layout.addWidget(button, 0, value)
        self.none_label = QLabel(self.tr("0 = no pain"))
        self.worst_label = QLabel(self.tr("10 = worst pain imaginable"))
        self.worst_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.none_label, 1, 0, 1, 5)
        layout.addWidget(self.worst_label, 1, 6, 1, 5)
        self.group.idClicked.connect(self._clicked)
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
        else:
            self.group.button(value).setChecked(True)
        self.setAccessibleDescription(self.tr("Not chosen") if value is None
                                      else self.tr("%1 chosen").replace("%1", str(value)))

    def _clicked(self, value: int) -> None:
        self.set_value(value)
        self.chosen.emit(value)

    def _choose(self, value: int) -> None:
        self.set_value(value)
        self.chosen.emit(value)

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
        self._choose(digit)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.handle_key(event):
            return
        current = self.value()
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self._choose(0 if current is None else min(10, current + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self._choose(0 if current is None else max(0, current - 1))
        elif key == Qt.Key.Key_Home:
            self._choose(0)
        elif key == Qt.Key.Key_End:
            self._choose(10)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setPen(QPen(colour, FOCUS_RING))
        inset = FOCUS_RING / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset),
                                6, 6)
        painter.end()
