"""Text helpers for the Qt side: Qt-style ``%1`` placeholders (PySide6's ``tr`` returns
a plain str), and the one way routine-file text goes into rich text."""

from __future__ import annotations

import math
import re
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from kneecare_desktop.text.durations import format_duration

__all__ = ["arg", "format_clock", "format_duration", "rich"]

_PLACEHOLDER = re.compile(r"%(\d+)")


def arg(template: str, *values: object) -> str:
    """``arg("%1 of %2", 3, 12)`` -> ``"3 of 12"``, as ``QString.arg`` would."""

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(replace, template)


def format_clock(seconds: float) -> str:
    """``m:ss``, rounding up, as a countdown shows it."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"



def rich(text: str) -> str:
    """``text`` (from a routine file, a hand-off, a person's name) made safe to put into a
    rich-text label: markup and links in it are shown as the characters they are."""
    # html.escape(text, quote=False), without loading the html module (and its table of
    # entities) before the first paint
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_date_time(moment: datetime) -> str:
    """A moment as this computer's locale writes it briefly, in the moment's own time."""
    return QLocale().toString(
        QDateTime(QDate(moment.year, moment.month, moment.day),
                  QTime(moment.hour, moment.minute, moment.second)),
        QLocale.FormatType.ShortFormat)
