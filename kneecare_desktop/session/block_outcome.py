"""How a block of a session ended: what the history records of each block.

Its own module (``session.events`` gives it too) so that the history, opened as the app
starts, does not load the session's events: 19 frozen dataclasses, about 15 ms, which the
care menu waited for and which the first session loads anyway.
"""

from __future__ import annotations

from enum import StrEnum


class BlockOutcome(StrEnum):
    COMPLETED = "completed"
    SKIPPED = "skipped"
    RESTARTED = "restarted"
    STOPPED = "stopped"
