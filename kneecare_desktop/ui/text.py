"""Filling Qt-style ``%1`` placeholders; PySide6's ``tr`` returns a plain str."""

from __future__ import annotations

import math
import re

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


def format_duration(seconds: float) -> str:
    """A length of time, to the nearest second: ``m:ss``, or ``h:mm:ss`` from an hour.

    Every duration the app shows (the summary, the history, the week) uses it, so one
    session reads the same everywhere."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
