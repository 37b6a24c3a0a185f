"""How the app writes a length of time, the same way in the window and the command line."""

from __future__ import annotations


def format_duration(seconds: float) -> str:
    """To the nearest second: ``m:ss``, or ``h:mm:ss`` from an hour.

    Every duration the app shows (a session's active time in the summary, the history,
    the week's total, a plan's length) uses it, so one session reads the same everywhere.
    """
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
