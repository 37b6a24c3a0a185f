"""Colours for the player, the illustrations and presenter mode.

The side colours are a blue/orange pair that colour-blind users can tell apart; the
side is also always written out, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from kneecare_desktop.model import Side


@dataclass(frozen=True, slots=True)
class Theme:
    background: QColor
    text: QColor
    muted_text: QColor
    ink: QColor  # the figure
    far_limb: QColor  # the limb behind, drawn lighter
    prop: QColor  # floor, wall, towel, arrows
    track: QColor  # the countdown ring's empty part
    left: QColor
    right: QColor
    both: QColor
    paused: QColor
    high_contrast: bool = False

    def side_colour(self, side: Side) -> QColor:
        if side is Side.LEFT:
            return self.left
        if side is Side.RIGHT:
            return self.right
        return self.both


MIN_TEXT_CONTRAST = 4.5  # WCAG 2 AA, for text of any size


def luminance(colour: QColor) -> float:
    """WCAG relative luminance (alpha ignored: the colour as if opaque)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``colour`` (WCAG relative luminance)."""
    return QColor("#000000") if luminance(colour) > 0.179 else QColor("#ffffff")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(palette: QPalette) -> Theme:
    if is_dark(palette):
        return Theme(
            background=palette.color(QPalette.ColorRole.Window),
            text=palette.color(QPalette.ColorRole.WindowText),
            muted_text=QColor("#a6a6a6"),
            ink=QColor("#e8e8e8"), far_limb=QColor("#6e6e6e"), prop=QColor("#8f8f8f"),
            track=QColor("#3a3a3a"), left=QColor("#4dabf7"), right=QColor("#ff922b"),
            both=QColor("#ff922b"), paused=QColor("#ffd43b"))
    return Theme(
        background=palette.color(QPalette.ColorRole.Window),
        text=palette.color(QPalette.ColorRole.WindowText),
        muted_text=QColor("#5f5f5f"),
        ink=QColor("#2b2b2b"), far_limb=QColor("#b8b8b8"), prop=QColor("#9a9a9a"),
        track=QColor("#dedede"), left=QColor("#1864ab"), right=QColor("#d9480f"),
        both=QColor("#d9480f"), paused=QColor("#ffd43b"))


def presenter_theme() -> Theme:
    """High contrast for a clinic screen seen from across the room."""
    return Theme(
        background=QColor("#000000"), text=QColor("#ffffff"), muted_text=QColor("#d0d0d0"),
        ink=QColor("#ffffff"), far_limb=QColor("#7a7a7a"), prop=QColor("#b0b0b0"),
        track=QColor("#333333"), left=QColor("#4dabf7"), right=QColor("#ffa94d"),
        both=QColor("#ffa94d"), paused=QColor("#ffd43b"), high_contrast=True)
