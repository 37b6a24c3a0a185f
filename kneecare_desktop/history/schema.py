"""The history database's schema, its migrations, and opening, checking or moving aside the file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

SCHEMA_VERSION = 5
BUSY_TIMEOUT_MS = 5000
CHECKIN_FORM = 2  # 1: tick boxes (an unticked box said nothing); 2: yes / no / not answered


def _run_script(con: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def _migrate_0_to_1(con: sqlite3.Connection) -> None:
    _run_script(con, """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            is_default INTEGER NOT NULL DEFAULT 0,
            archived INTEGER NOT NULL DEFAULT 0,
            created_utc TEXT NOT NULL
        );
        CREATE UNIQUE INDEX people_name ON people(name) WHERE is_default = 0;
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            item_id TEXT NOT NULL,
            item_kind TEXT NOT NULL CHECK (item_kind IN ('routine', 'program')),
            title_ja TEXT NOT NULL,
            title_en TEXT NOT NULL,
            overrides_json TEXT NOT NULL DEFAULT '{}',
            planned_seconds REAL NOT NULL,
            started_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            ended_utc TEXT,
            outcome TEXT NOT NULL CHECK (outcome IN
                ('running', 'completed', 'stopped', 'hurt', 'interrupted')),
            active_seconds REAL,
            pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '',
            resumed_from TEXT,
            deleted_utc TEXT
        );
        CREATE INDEX sessions_person_started ON sessions(person_id, started_utc);
        CREATE TABLE blocks (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            block_index INTEGER NOT NULL,
            routine_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('hold', 'reps')),
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'none')),
            set_no INTEGER NOT NULL,
            reps_planned INTEGER NOT NULL,
            reps_done INTEGER NOT NULL,
            planned_seconds REAL NOT NULL,
            actual_seconds REAL NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN
                ('completed', 'skipped', 'restarted', 'stopped')),
            attempt INTEGER NOT NULL,
            ended_utc TEXT NOT NULL,
            UNIQUE (session_id, seq)
        );
        CREATE INDEX blocks_session ON blocks(session_id);
    """)


def _migrate_1_to_2(con: sqlite3.Connection) -> None:
    """Check-ins: the cause self-check and the running criteria, with their follow-ups."""
    _run_script(con, """
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            taken_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            checkin_id TEXT NOT NULL,
            ticked_json TEXT NOT NULL DEFAULT '[]',
            cause TEXT,
            routine_id TEXT,
            advice TEXT NOT NULL CHECK (advice IN ('run_ok', 'run_shorter', 'rest')),
            follow_up_of TEXT,
            worse_next_day INTEGER,
            deleted_utc TEXT
        );
        CREATE INDEX checkins_person_taken ON checkins(person_id, taken_utc)
    """)


def _migrate_2_to_3(con: sqlite3.Connection) -> None:
    """Adjustments (hold, sets, reps, sides, order) per person and routine."""
    _run_script(con, """
        CREATE TABLE adjustments (
            person_id INTEGER NOT NULL REFERENCES people(id),
            routine_id TEXT NOT NULL,
            overrides_json TEXT NOT NULL,
            updated_utc TEXT NOT NULL,
            PRIMARY KEY (person_id, routine_id)
        )
    """)


def _migrate_3_to_4(con: sqlite3.Connection) -> None:
    """Check-ins: the running questions answered yes, no or not at all (``answers_json``),
    so a verdict may be missing (``advice`` NULL); rows from the tick-box form are kept
    with their verdict and marked ``form = 1``."""
    _run_script(con, """
        CREATE TABLE checkins_4 (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            taken_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            checkin_id TEXT NOT NULL,
            ticked_json TEXT NOT NULL DEFAULT '[]',
            cause TEXT,
            routine_id TEXT,
            advice TEXT CHECK (advice IS NULL OR advice IN ('run_ok', 'run_shorter', 'rest')),
            follow_up_of TEXT,
            worse_next_day INTEGER,
            deleted_utc TEXT,
            answers_json TEXT NOT NULL DEFAULT '{}',
            form INTEGER NOT NULL DEFAULT 1
        );
        INSERT INTO checkins_4 (id, uid, person_id, taken_utc, utc_offset_minutes, checkin_id,
            ticked_json, cause, routine_id, advice, follow_up_of, worse_next_day, deleted_utc)
            SELECT id, uid, person_id, taken_utc, utc_offset_minutes, checkin_id, ticked_json,
            cause, routine_id, advice, follow_up_of, worse_next_day, deleted_utc FROM checkins;
        DROP TABLE checkins;
        ALTER TABLE checkins_4 RENAME TO checkins;
        CREATE INDEX checkins_person_taken ON checkins(person_id, taken_utc)
    """)


def _migrate_4_to_5(con: sqlite3.Connection) -> None:
    """Reminders per person: each change of a schedule kept with the local date it applies
    from (``item_id`` NULL: cleared from then on), so adherence counts against the plan in
    force each week; and what became of each reminder (done, snoozed, skipped, missed).

    Days are ``mon,wed,fri``, times ``07:30,19:00``, local dates ``YYYY-MM-DD``. The
    three tables have 3, 8 and 7 columns, a count no other table has: recovery tells a
    damaged page's rows apart by it (``recovery.py``)."""
    _run_script(con, """
        CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            created_utc TEXT NOT NULL
        );
        CREATE INDEX reminders_person ON reminders(person_id);
        CREATE TABLE reminder_schedules (
            id INTEGER PRIMARY KEY,
            reminder_id INTEGER NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
            effective_from TEXT NOT NULL,
            item_id TEXT,
            days TEXT NOT NULL DEFAULT '',
            times TEXT NOT NULL DEFAULT '',
            changed_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            CHECK ((item_id IS NULL) = (times = ''))
        );
        CREATE INDEX reminder_schedules_reminder
            ON reminder_schedules(reminder_id, effective_from);
        CREATE TABLE reminder_outcomes (
            id INTEGER PRIMARY KEY,
            reminder_id INTEGER NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            slot TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('done', 'snoozed', 'skipped', 'missed')),
            at_utc TEXT NOT NULL,
            snoozed_until_utc TEXT
        );
        CREATE INDEX reminder_outcomes_reminder ON reminder_outcomes(reminder_id, day)
    """)


# One function per schema step; index i migrates from version i to i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_0_to_1, _migrate_1_to_2, _migrate_2_to_3, _migrate_3_to_4, _migrate_4_to_5]


def _moved_aside_name(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    return candidate


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database and its -wal/-shm files; nothing is ever deleted."""
    target = _moved_aside_name(path, now or datetime.now(UTC))
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            source.rename(Path(str(target) + suffix))
    return target


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the project's settings (autocommit; explicit transactions)."""
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                          check_same_thread=False)
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    return con


_SQLITE_HEADER = b"SQLite format 3\x00"


def not_sqlite(path: Path) -> bool:
    """Cheap: the first 16 bytes of a non-empty SQLite file are always the same."""
    try:
        with path.open("rb") as stream:
            head = stream.read(len(_SQLITE_HEADER))
    except OSError:
        return False
    return bool(head) and head != _SQLITE_HEADER


def is_corruption(error: sqlite3.DatabaseError) -> bool:
    """Damage, as opposed to a lock, a read-only file or a full disk."""
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return False
    if isinstance(error, sqlite3.OperationalError):
        text = str(error).lower()
        return "malformed" in text or "not a database" in text
    return True


class DamagedError(Exception):
    """The file is an SQLite database, but damaged (found on open or by quick_check)."""


def read_only_connection(path: Path, immutable: bool) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    con = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True,
                          timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                          check_same_thread=False)
    con.execute("PRAGMA query_only = 1")
    return con
