"""Presenter mode: the session, full screen, high contrast, for a clinic screen.

With two screens the presenter window goes to the one the main window is not on, so
the therapist keeps the controls in front of them. Keys work in either window, since
the session's shortcuts are application-wide.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QLayout, QStackedLayout, QVBoxLayout, QWidget

from kneecare_desktop.model import Lang, Routine
from kneecare_desktop.ui.driver import SessionDriver
from kneecare_desktop.ui.player import PlayerView
from kneecare_desktop.ui.theme import presenter_theme


class PresenterWindow(QWidget):
    closed = Signal()

    def __init__(self, routines: Mapping[str, Routine], lang: Lang) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presenterWindow")
        self.setWindowTitle(self.tr("Presenter"))  # Qt adds " — KneeCare"
        self.routines = routines
        self.lang = lang
        self.theme = presenter_theme()
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), self.theme.background)
        palette.setColor(self.foregroundRole(), self.theme.text)
        self.setPalette(palette)
        self.card = QWidget()
        card_layout = QVBoxLayout(self.card)
        self.card_title = QLabel()
        self.card_title.setObjectName("presenterCardTitle")
        self.card_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_title.setWordWrap(True)
        self.card_hint = QLabel()
        self.card_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_hint.setWordWrap(True)
        for label in (self.card_title, self.card_hint):
            label.setStyleSheet(f"color: {self.theme.text.name()};")
            label.setTextFormat(Qt.TextFormat.PlainText)
        card_layout.addStretch(1)
        card_layout.addWidget(self.card_title)
        card_layout.addWidget(self.card_hint)
        card_layout.addStretch(1)
        self.stack = QStackedLayout(self)
        # The window takes its screen's size and the text scales to it: the fonts of one
        # size must not set the smallest size of the next (a move to a smaller screen).
        self.stack.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.stack.addWidget(self.card)
        self.player: PlayerView | None = None
        self.show_card("", "")

    def show_card(self, title: str, hint: str) -> None:
        self.card_title.setText(title)
        self.card_hint.setText(hint)
        self.stack.setCurrentWidget(self.card)
        self._scale_card()

    def attach(self, driver: SessionDriver) -> None:
        """Follow a new session (in the same view: see ``PlayerView.attach``)."""
        if self.player is None:
            self.player = PlayerView(driver, self.routines, self.lang, self.theme,
                                     presenter=True)
            self.stack.addWidget(self.player)
        else:
            self.player.attach(driver, self.routines)
        self.stack.setCurrentWidget(self.player)

    def show_on_presenter_screen(self, main_window: QWidget) -> None:
        """Full screen on another screen if there is one, else over the main window."""
        screens = QGuiApplication.screens()
        here = main_window.screen()
        others = [s for s in screens if s is not here]
        target = others[0] if others else here
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._scale_card()

    def _scale_card(self) -> None:
        height = max(300, self.height())
        for label, factor in ((self.card_title, 0.09), (self.card_hint, 0.04)):
            font = QFont(self.font())
            font.setPixelSize(int(height * factor))
            font.setBold(label is self.card_title)
            label.setFont(font)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.closed.emit()
        super().closeEvent(event)
