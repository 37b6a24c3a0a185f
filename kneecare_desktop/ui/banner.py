"""A message strip above the pages, with optional buttons: for things the user should
know about but that must not interrupt them (a damaged file moved aside, a session to
resume, records that cannot be saved yet)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

WARNING_STYLE = ("background: #fff3bf; border: 1px solid #f59f00;", "")
INFO_STYLE = ("background: #d0ebff; border: 2px solid #1c7ed6;", "font-weight: bold;")


class Banner(QFrame):
    def __init__(self, name: str, style: tuple[str, str] = WARNING_STYLE,
                 parent: QWidget | None = None) -> None:
        """``style``: CSS for the strip and for its text (black on a light colour)."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        frame, text = style
        self._style_sheet = (f"QFrame#{name} {{ {frame} border-radius: 6px; }}"
                             f" QLabel {{ color: #000000; {text} }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        self._callbacks: dict[str, Callable[[], object]] = {}
        self.hide()

    def show_message(self, text: str,
                     actions: Sequence[tuple[str, str, Callable[[], object]]] = ()) -> None:
        """``actions``: (object name, button text, callback) for each button. The same
        buttons as shown (a message that only changes its figures) are kept, with the new
        callbacks: a button under the pointer never disappears as it is clicked."""
        if self.buttons and [(name, label) for name, label, _call in actions] == [
                (name, button.text()) for name, button in self.buttons.items()]:
            self._callbacks = {name: call for name, _label, call in actions}
            self.label.setText(text)
            self.show()
            return
        self._callbacks = {name: call for name, _label, call in actions}
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.hide()  # at once: until deleted, a click would still reach its action
            button.deleteLater()
        self.buttons = {}
        if not self.styleSheet():
            # Styled when first shown, not when made: banners are made before the first
            # paint, which needs neither a style sheet nor Qt's (slow to create) enums.
            from PySide6.QtCore import Qt

            self.setStyleSheet(self._style_sheet)
            self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.label.setTextFormat(Qt.TextFormat.PlainText)  # titles and paths as written
        self.label.setText(text)
        for name, label, _callback in actions:
            button = QPushButton(label)
            button.setObjectName(name)
            # Called with no arguments: never with the button's ``checked`` flag.
            button.clicked.connect(lambda *_signal, key=name: self._callbacks[key]())
            self._layout.addWidget(button)
            self.buttons[name] = button
        self.show()
