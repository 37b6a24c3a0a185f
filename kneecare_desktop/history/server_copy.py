"""A clinic PC's read-only copy of the server's people and their adjustments.

Each time the PC reads the people from the clinic's server, it keeps what it read in its
own SQLite file (the one that holds its queue, ``outbox.py``), one row per server. When
the server cannot be reached, the person bar and the people list show this copy, so the
therapist can still pick the patient; what is recorded for them is queued as always.
The copy is never edited: people and adjustments change only on the server.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kneecare_desktop.history.records import Person, from_utc_text, to_utc_text
from kneecare_desktop.history.schema import SERVER_COPY_TABLE
from kneecare_desktop.history.store import HistoryStore


@dataclass(frozen=True, slots=True)
class ServerCopy:
    """The people (archived ones too) and each one's adjustments, as read at ``copied``."""

    copied: datetime
    people: tuple[Person, ...]
    adjustments: Mapping[int, Mapping[str, dict[str, Any]]] = field(default_factory=dict)

    def listed(self, include_archived: bool = False) -> list[Person]:
        """In the order the store lists them: the default person first, then by name."""
        shown = [p for p in self.people if include_archived or not p.archived]
        return sorted(shown, key=lambda p: (not p.is_default, p.name.lower(), p.id))

    def default_person(self) -> Person | None:
        return next((p for p in self.people if p.is_default), None)

    def adjustments_of(self, person_id: int) -> dict[str, dict[str, Any]]:
        return dict(self.adjustments.get(person_id, {}))


def read_from_server(server: HistoryStore, now: datetime) -> ServerCopy:
    """What the copy keeps: two reads on the server."""
    return ServerCopy(now, tuple(server.people(include_archived=True)),
                      server.all_adjustments())


def keep(local: HistoryStore, server_key: str, copy: ServerCopy) -> None:
    """Replace this server's copy in the PC's file (one transaction)."""
    data = {
        "copied": to_utc_text(copy.copied),
        "people": [[p.id, p.name, p.archived, p.is_default] for p in copy.people],
        "adjustments": {str(pid): routines for pid, routines in copy.adjustments.items()},
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    with local.transaction():
        local.con.execute(SERVER_COPY_TABLE)
        local.con.execute("INSERT OR REPLACE INTO server_copy (server, copy_json) VALUES (?, ?)",
                          (server_key, text))


def read(local: HistoryStore, server_key: str) -> ServerCopy | None:
    """This server's copy, or None if the PC has never read its people."""
    try:
        row = local.con.execute("SELECT copy_json FROM server_copy WHERE server = ?",
                                (server_key,)).fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    if row is None:
        return None
    try:
        data = json.loads(row[0])
        people = tuple(Person(int(pid), str(name), bool(archived), bool(is_default))
                       for pid, name, archived, is_default in data["people"])
        adjustments = {int(pid): dict(routines)
                       for pid, routines in data["adjustments"].items()}
        return ServerCopy(from_utc_text(data["copied"]), people, adjustments)
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable copy is no copy: the next server read makes a new one
