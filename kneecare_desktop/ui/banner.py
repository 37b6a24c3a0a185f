"""A message strip above the pages, with optional buttons: for things the user should
know about but that must not interrupt them (a damaged file moved aside, a session to
resume, records that cannot be saved yet)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._style = (f"QFrame#{name} {{ background: #fff3bf; border: 1px solid #f59f00; "
                       "border-radius: 6px; } QLabel { color: #000000; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.hide()

    def show_message(self, text: str,
                     actions: list[tuple[str, str, Callable[[], None]]] = ()) -> None:  # type: ignore[assignment]
        """``actions``: (object name, button text, callback) for each button."""
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        # Styled here rather than at creation: banners are made before the first paint,
        # which needs neither a style sheet nor Qt's (slow to create) enum namespace.
        from PySide6.QtCore import Qt

        if not self.styleSheet():
            self.setStyleSheet(self._style)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setText(text)
        for name, label, callback in actions:
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(callback)
            self._layout.addWidget(button)
            self.buttons[name] = button
        self.show()
