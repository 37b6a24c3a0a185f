"""Every colour pair the app draws text in has a contrast of at least 4.5:1 (WCAG AA):
the palette, the light, dark and presenter themes, the fixed colours in the code, and
every style sheet set on a widget, read off the running app in each of its states."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QProgressBar, QWidget
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Side
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui import banner, care_detail, checkin_dialog, pain
from kneecare_desktop.ui.theme import (
    MIN_TEXT_CONTRAST,
    Theme,
    contrast,
    presenter_theme,
    text_on,
    theme_for,
)
from tests.gui.helpers import advance

R = QPalette.ColorRole


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((R.Window, "#202124"), (R.WindowText, "#e8eaed"),
                         (R.Base, "#2a2b2e"), (R.Text, "#e8eaed"), (R.Button, "#303134"),
                         (R.ButtonText, "#e8eaed")):
        palette.setColor(role, QColor(colour))
    return palette


def theme_pairs(name: str, theme: Theme) -> list[tuple[str, QColor, QColor]]:
    pairs = [(f"{name}: text", theme.text, theme.background),
             (f"{name}: muted text", theme.muted_text, theme.background),
             (f"{name}: paused banner", QColor("#000000"), theme.paused)]
    for side in Side:
        colour = theme.side_colour(side)
        pairs.append((f"{name}: {side.value} badge", text_on(colour), colour))
    return pairs


def test_the_palette_and_every_theme(window: object, qapp: QApplication) -> None:
    palette = qapp.palette()  # as the app has set it up
    pairs = [("palette: window", palette.color(R.WindowText), palette.color(R.Window)),
             ("palette: base", palette.color(R.Text), palette.color(R.Base)),
             ("palette: button", palette.color(R.ButtonText), palette.color(R.Button)),
             ("palette: selection", palette.color(R.HighlightedText),
              palette.color(R.Highlight)),
             ("palette: tooltip", palette.color(R.ToolTipText), palette.color(R.ToolTipBase))]
    pairs += theme_pairs("light theme", theme_for(palette))
    pairs += theme_pairs("dark theme", theme_for(dark_palette()))
    pairs += theme_pairs("presenter", presenter_theme())
    low = [(what, round(contrast(a, b), 2)) for what, a, b in pairs
           if contrast(a, b) < MIN_TEXT_CONTRAST]
    assert low == [], low


def test_the_fixed_colours_in_the_code() -> None:
    pairs = [(f"check-in {advice.value}", QColor(text), QColor(background))
             for advice, (background, text) in checkin_dialog.ADVICE_COLOURS.items()]
    pairs.append(("check-in, no verdict", QColor(checkin_dialog.NEUTRAL[1]),
                  QColor(checkin_dialog.NEUTRAL[0])))
    pairs.append(("chosen pain", QColor("#ffffff"), QColor(pain.CHOSEN_BACKGROUND)))
    for style in (banner.WARNING_STYLE, banner.INFO_STYLE):
        background = re.search(r"background:\s*(#[0-9a-fA-F]{6})", style[0])
        assert background is not None
        pairs.append((f"banner {style[0][:24]}", QColor("#000000"), QColor(background[1])))
    box = care_detail.REST_SIGNS_COLOURS
    pairs += [("rest signs, heading", QColor(box[1]), QColor(box[0])),
              ("rest signs, text", QColor(box[2]), QColor(box[0]))]
    low = [(what, round(contrast(a, b), 2)) for what, a, b in pairs
           if contrast(a, b) < MIN_TEXT_CONTRAST]
    assert low == [], low


_RULE = re.compile(r"(?:([^{}]*)\{([^}]*)\})|([^{}]+)")
_COLOUR = re.compile(r"(?<![-\w])(color|background(?:-color)?)\s*:\s*([^;]+)")


def _colour(value: str, widget: QWidget) -> QColor | None:
    value = value.strip()
    named = re.fullmatch(r"palette\(([\w-]+)\)", value)
    if named:
        role = {"button": R.Button, "button-text": R.ButtonText, "window": R.Window,
                "window-text": R.WindowText, "base": R.Base, "text": R.Text,
                "highlight": R.Highlight, "mid": R.Mid}[named[1]]
        return widget.palette().color(role)
    colour = QColor(value.split()[0])
    return colour if colour.isValid() else None


def _painted_behind(widget: QWidget) -> QColor:
    """The colour behind a widget that paints no background of its own: the nearest
    ancestor that fills its background (the presenter's black), else the window's."""
    current: QWidget | None = widget
    while current is not None:
        if current.autoFillBackground():
            return current.palette().color(current.backgroundRole())
        current = current.parentWidget()
    return widget.window().palette().color(R.Window)


def sheet_pairs(widget: QWidget) -> list[tuple[str, QColor, QColor]]:
    """The text and background colours each rule of the widget's style sheet sets,
    filled in from its palette where a rule sets only one (not for focus and press
    states, whose text is the normal one)."""
    pairs: list[tuple[str, QColor, QColor]] = []
    if isinstance(widget, QProgressBar) and not widget.isTextVisible():
        return pairs  # a bar with no words on it
    if not widget.isEnabled():
        return pairs  # greyed out on purpose: WCAG 1.4.3 exempts inactive controls
    for selector, body, bare in _RULE.findall(widget.styleSheet()):
        declarations = body if body else bare
        if ":pressed" in selector or ":disabled" in selector:
            continue
        found = dict(_COLOUR.findall(declarations))
        text = found.get("color")
        back = found.get("background") or found.get("background-color")
        if text is None and back is None:
            continue
        fore = _colour(text, widget) if text else widget.palette().color(
            widget.foregroundRole())  # a button draws its text in ButtonText
        ground = _colour(back, widget) if back else _painted_behind(widget)
        if fore is not None and ground is not None:
            name = f"{type(widget).__name__}#{widget.objectName()} {selector.strip()}"
            pairs.append((name, fore, ground))
    return pairs


def all_sheet_pairs() -> list[tuple[str, QColor, QColor]]:
    found = []
    for top in QApplication.topLevelWidgets():
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                found += sheet_pairs(widget)
    return found


@pytest.mark.parametrize("presenting", [False, True])
def test_every_style_sheet_in_every_state(window: object, clock: FakeClock, qtbot: QtBot,
                                          presenting: bool) -> None:
    from kneecare_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    pairs = all_sheet_pairs()  # the care menu
    window.sessions.start("calf-wall")
    if presenting:
        window.toggle_presenter()
    advance(window, clock, 12)
    pairs += all_sheet_pairs()  # a hold
    assert window.sessions.driver is not None
    window.sessions.driver.pause()
    pairs += all_sheet_pairs()  # paused, with its banner
    window.sessions.driver.stop()
    pairs += all_sheet_pairs()  # the summary
    window.demo_banner.show_message("demo")
    window.storage_banner.show_message("storage")
    pairs += all_sheet_pairs()
    low = sorted({(what, round(contrast(a, b), 2)) for what, a, b in pairs
                  if contrast(a, b) < MIN_TEXT_CONTRAST})
    assert low == [], low
    assert len(pairs) > 5  # the scan really read the style sheets
