"""The session history: a crash-safe SQLite store, through the standard library.

- WAL journal, ``synchronous=FULL``, foreign keys on; every completed hold or set of
  reps is its own committed transaction, so a kill -9 loses at most the block that was
  under way.
- A schema version (``PRAGMA user_version``) with forward migrations, one function per
  step, run in a transaction.
- Timestamps are UTC ISO 8601; the local offset at the time is kept for display.
- Every session belongs to a person; one default person always exists.
- A corrupt or unreadable file is never deleted: it is moved aside with its -wal and
  -shm files under a timestamped name, a fresh database takes its place, and every row
  that can still be read is copied into it. Detection: reading the schema, then
  ``PRAGMA quick_check`` on open (on the writer thread, after the first paint).
- Commands that only read open the file read-only (``mode=ro``, or ``immutable=1``
  when not even the -shm file can be made), so a read-only or full folder still shows
  and exports the history.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from kneecare_desktop import people_names
from kneecare_desktop.history_recovery import Recovered, copy_readable
from kneecare_desktop.model import Text

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 5000
CHECKIN_FORM = 2  # 1: tick boxes (an unticked box said nothing); 2: yes / no / not answered


class Outcome(StrEnum):
    RUNNING = "running"  # only while it runs; a leftover one was interrupted
    COMPLETED = "completed"
    STOPPED = "stopped"
    HURT = "hurt"
    INTERRUPTED = "interrupted"


class HistoryError(Exception):
    """The history could not be read or written (read-only, full disk, locked...)."""


class PersonNameError(HistoryError):
    """A person's name breaks a rule of ``people_names``; ``message`` says which."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    archived: bool
    is_default: bool


@dataclass(frozen=True, slots=True)
class SessionStart:
    """What is known when a session begins."""

    uid: str
    person_id: int
    item_id: str
    item_kind: str
    title_ja: str
    title_en: str
    overrides: dict[str, Any]
    planned_seconds: float
    started: datetime
    resumed_from: str | None = None


@dataclass(frozen=True, slots=True)
class BlockEntry:
    """One hold or set of reps as it ended: done, skipped, restarted or stopped."""

    session_uid: str
    seq: int
    block_index: int
    routine_id: str
    kind: str
    side: str
    set_no: int
    reps_planned: int
    reps_done: int
    planned_seconds: float
    actual_seconds: float
    outcome: str
    attempt: int
    ended: datetime


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    uid: str
    person_id: int
    item_id: str
    item_kind: str
    title_ja: str
    title_en: str
    overrides: dict[str, Any]
    planned_seconds: float
    started: datetime  # timezone-aware, in the offset it was recorded in
    ended: datetime | None
    outcome: Outcome
    active_seconds: float | None
    pain_before: int | None
    pain_after: int | None
    note: str
    resumed_from: str | None

    @property
    def duration_seconds(self) -> float:
        if self.active_seconds is not None:
            return self.active_seconds
        if self.ended is not None:
            return (self.ended - self.started).total_seconds()
        return 0.0


class BlockRow(NamedTuple):
    """One block as recorded (a tuple, not a frozen dataclass: ten years are 40,000 of
    them, and a tuple is made four times faster)."""

    session_id: int
    seq: int
    block_index: int
    routine_id: str
    kind: str
    side: str
    set_no: int
    reps_planned: int
    reps_done: int
    planned_seconds: float
    actual_seconds: float
    outcome: str
    attempt: int
    ended: datetime


@dataclass(frozen=True, slots=True)
class CheckinRecord:
    """A check-in as taken (or a next-day follow-up, with ``follow_up_of`` set)."""

    uid: str
    person_id: int
    taken: datetime
    checkin_id: str
    ticked: tuple[str, ...]  # the tick boxes: symptoms and the signs of each cause
    cause: str | None
    routine_id: str | None
    advice: str | None  # None: the running questions were not all answered
    follow_up_of: str | None = None
    worse_next_day: bool | None = None
    # The running questions, each "yes", "no" or "open" (not answered). Empty for a
    # check-in from the old tick-box form (``form`` 1), whose verdict is kept as it was.
    answers: dict[str, str] = field(default_factory=dict)
    form: int = CHECKIN_FORM


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What happened when the database was opened, for the user to be told."""

    path: Path
    moved_aside: Path | None = None
    reason: str = ""
    recovered: Recovered | None = None  # what was copied out of the damaged file
    read_only: bool = False  # opened only to read: the folder cannot be written


# --- time ------------------------------------------------------------------------------------
def to_utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("history timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


def from_utc_text(text: str, offset: int = 0) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone(offset))


@cache
def _zone(offset: int) -> timezone:
    """The fixed zone ``offset`` minutes east of UTC (one object per offset: ten years of
    blocks would otherwise make 40,000 of them)."""
    return timezone(timedelta(minutes=offset))


# --- schema ----------------------------------------------------------------------------------
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


# One function per schema step; index i migrates from version i to i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_0_to_1, _migrate_1_to_2, _migrate_2_to_3, _migrate_3_to_4]


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


def _not_sqlite(path: Path) -> bool:
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


class _DamagedError(Exception):
    """The file is an SQLite database, but damaged (found on open or by quick_check)."""


def _read_only_connection(path: Path, immutable: bool) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    con = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True,
                          timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                          check_same_thread=False)
    con.execute("PRAGMA query_only = 1")
    return con


class HistoryStore:
    """Reads and writes the history. One instance per thread (SQLite connections)."""

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        self.con = con
        self.path = path

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, now: datetime | None = None,
             check: bool = True) -> tuple[HistoryStore, OpenReport]:
        """Open (creating or migrating) the database to read and write.

        With ``check``, ``PRAGMA quick_check`` runs first. A damaged file is moved aside
        (with its -wal and -shm, never deleted), a fresh one takes its place, and every
        row that can still be read is copied into it (``OpenReport.recovered``).

        Raises :class:`HistoryError` if the folder cannot be written at all (read-only,
        full): the caller may :meth:`open_to_read` instead.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(f"cannot create {path.parent}: {error.strerror}") from error
        if _not_sqlite(path):
            # Moved aside before SQLite opens it, so the files stay exactly as they were.
            moved = move_aside(path, now)
            log.error("history file %s is not an SQLite database; moved to %s", path, moved)
            store = cls._open_checked(path, check=False)
            return store, OpenReport(path, moved, "not an SQLite database")
        try:
            return cls._open_checked(path, check), OpenReport(path)
        except _DamagedError as damage:
            reason = str(damage)
        moved = move_aside(path, now)
        log.error("history database %s is damaged (%s); moved to %s", path, reason, moved)
        store = cls._open_checked(path, check=False)
        recovered = copy_readable(moved, store.con)
        store._ensure_default_person()
        return store, OpenReport(path, moved, reason, recovered)

    @classmethod
    def _open_checked(cls, path: Path, check: bool) -> HistoryStore:
        con: sqlite3.Connection | None = None
        try:
            con = connect(path)
            store = cls(con, path)
            store._check_and_migrate()
            if check:
                problem = store.quick_check()
                if problem is not None:
                    raise _DamagedError(problem)
            return store
        except sqlite3.DatabaseError as error:
            if con is not None:
                con.close()
            if is_corruption(error) and path.exists():
                raise _DamagedError(str(error)) from error
            raise HistoryError(f"cannot open {path}: {error}") from error
        except _DamagedError:
            if con is not None:
                con.close()
            raise

    @classmethod
    def open_to_read(cls, path: Path) -> tuple[HistoryStore, OpenReport]:
        """Open only to read: needs neither write access nor free space in the folder.

        A missing file reads as an empty history (nothing is created). A file that is
        damaged or has an older schema needs writing (recovery, migration): then this
        is :meth:`open`, whose :class:`HistoryError` says why it cannot be done.
        """
        if not path.exists():
            con = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            store = cls(con, path)
            store._check_and_migrate()
            con.execute("PRAGMA query_only = 1")  # an empty history, never a place to write
            return store, OpenReport(path, read_only=True)
        if _not_sqlite(path):
            return cls.open(path)
        for immutable in (False, True):  # immutable: not even the -shm file can be made
            try:
                con = _read_only_connection(path, immutable)
            except sqlite3.OperationalError:
                continue
            store = cls(con, path)
            try:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
                version = store.schema_version
                healthy = store.quick_check() is None
            except sqlite3.OperationalError as error:
                con.close()
                if is_corruption(error):
                    return cls.open(path)
                if not immutable:
                    # No -shm can be made (a read-only or full folder): read the file as
                    # it is, without its write-ahead log's newest pages.
                    log.warning("reading %s as immutable: %s", path, error)
                    continue
                raise HistoryError(f"cannot read {path}: {error}") from error
            except sqlite3.DatabaseError:
                con.close()
                return cls.open(path)
            if version > SCHEMA_VERSION:
                con.close()
                raise HistoryError(f"{path} was written by a newer KneeCare (schema {version};"
                                   f" this version knows {SCHEMA_VERSION})")
            if not healthy or version < SCHEMA_VERSION:
                con.close()
                return cls.open(path)
            return store, OpenReport(path, read_only=True)
        raise HistoryError(f"cannot read {path}")

    def quick_check(self) -> str | None:
        """SQLite's quick_check (every page and index, not their content): None if fine,
        else what it found first."""
        found = [str(row[0]) for row in self.con.execute("PRAGMA quick_check(5)")]
        return None if found == ["ok"] else "; ".join(found)

    def _check_and_migrate(self) -> None:
        # Reading the schema touches the header and the first page: a cheap check
        # that the file is an SQLite database at all, done before anything else.
        self.con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        version = int(self.con.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryError(f"{self.path} was written by a newer KneeCare "
                               f"(schema {version}; this version knows {SCHEMA_VERSION})")
        while version < SCHEMA_VERSION:
            with self.transaction():
                MIGRATIONS[version](self.con)
                version += 1
                self.con.execute(f"PRAGMA user_version = {version}")
        self._ensure_default_person()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return int(self.con.execute("PRAGMA user_version").fetchone()[0])

    def integrity_ok(self) -> bool:
        """The full check (slow on a big file): for tests and the fault run only."""
        return bool(self.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    # -- people --------------------------------------------------------------------------------
    def _ensure_default_person(self) -> None:
        row = self.con.execute("SELECT id FROM people WHERE is_default = 1").fetchone()
        if row is None:
            with self.transaction():
                self.con.execute(
                    "INSERT INTO people (name, is_default, created_utc) VALUES ('', 1, ?)",
                    (to_utc_text(datetime.now(UTC)),))

    def default_person(self) -> Person:
        row = self.con.execute(
            "SELECT id, name, archived, is_default FROM people WHERE is_default = 1").fetchone()
        return Person(row[0], row[1], bool(row[2]), True)

    def people(self, include_archived: bool = False) -> list[Person]:
        query = "SELECT id, name, archived, is_default FROM people"
        if not include_archived:
            query += " WHERE archived = 0"
        query += " ORDER BY is_default DESC, name COLLATE NOCASE"
        return [Person(r[0], r[1], bool(r[2]), bool(r[3])) for r in self.con.execute(query)]

    def add_person(self, name: str) -> Person:
        """A new person; raises :class:`PersonNameError` if the name breaks a rule or is
        someone else's (``people_names``)."""
        name = self._checked_name(name)
        try:
            with self.transaction():
                cursor = self.con.execute(
                    "INSERT INTO people (name, created_utc) VALUES (?, ?)",
                    (name, to_utc_text(datetime.now(UTC))))
        except sqlite3.IntegrityError as error:
            raise PersonNameError(people_names.TAKEN.format(name=name)) from error
        assert cursor.lastrowid is not None
        return Person(cursor.lastrowid, name, False, False)

    def rename_person(self, person_id: int, name: str) -> None:
        name = self._checked_name(name, person_id)
        try:
            with self.transaction():
                self.con.execute("UPDATE people SET name = ? WHERE id = ?", (name, person_id))
        except sqlite3.IntegrityError as error:
            raise PersonNameError(people_names.TAKEN.format(name=name)) from error

    def _checked_name(self, raw: str, renaming: int | None = None) -> str:
        try:
            name = people_names.clean_name(raw)
        except people_names.BadNameError as error:
            raise PersonNameError(error.message) from error
        key = people_names.name_key(name)
        for person in self.people(include_archived=True):
            if person.id != renaming and not person.is_default \
                    and people_names.name_key(person.name) == key:
                raise PersonNameError(people_names.TAKEN.format(name=person.name))
        return name

    def name_clashes(self) -> list[list[str]]:
        """Names kept from before the rules that now count as the same person (they are
        never merged): each group has two or more."""
        groups: dict[str, list[str]] = {}
        for person in self.people(include_archived=True):
            if not person.is_default:
                groups.setdefault(people_names.name_key(person.name), []).append(person.name)
        return [names for names in groups.values() if len(names) > 1]

    def archive_person(self, person_id: int, archived: bool = True) -> None:
        """Hide a person from the list; their history stays. The default person stays."""
        with self.transaction():
            self.con.execute("UPDATE people SET archived = ? WHERE id = ? AND is_default = 0",
                             (int(archived), person_id))

    def person_named(self, name: str) -> Person | None:
        """The person with exactly this name, else the one whose name matches ignoring
        case and surrounding spaces (None if none, or if several do)."""
        people = self.people(include_archived=True)
        exact = [p for p in people if p.name == name and not p.is_default]
        if exact:
            return exact[0]
        key = people_names.name_key(name)
        alike = [p for p in people if not p.is_default and people_names.name_key(p.name) == key]
        return alike[0] if len(alike) == 1 else None

    # -- adjustments, per person ---------------------------------------------------------------
    def adjustments(self, person_id: int) -> dict[str, dict[str, Any]]:
        rows = self.con.execute(
            "SELECT routine_id, overrides_json FROM adjustments WHERE person_id = ?",
            (person_id,))
        return {routine_id: json.loads(data) for routine_id, data in rows}

    def set_adjustments(self, person_id: int, routine_id: str, overrides: dict[str, Any]) -> None:
        """Store a person's adjustments to one routine; empty means "as in the file"."""
        with self.transaction():
            self._write_adjustments(person_id, routine_id, overrides)

    def _write_adjustments(self, person_id: int, routine_id: str,
                           overrides: Mapping[str, Any]) -> None:
        if overrides:
            self.con.execute(
                "INSERT INTO adjustments (person_id, routine_id, overrides_json, updated_utc)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (person_id, routine_id) DO UPDATE SET "
                "overrides_json = excluded.overrides_json, updated_utc = excluded.updated_utc",
                (person_id, routine_id, json.dumps(dict(overrides), sort_keys=True),
                 to_utc_text(datetime.now(UTC))))
        else:
            self.con.execute("DELETE FROM adjustments WHERE person_id = ? AND routine_id = ?",
                             (person_id, routine_id))

    def save_import(self, adjustments: Mapping[str, Mapping[str, Any]],
                    person_id: int | None = None, new_person: str | None = None,
                    inside: Callable[[], None] | None = None) -> Person:
        """A hand-off's adjustments for one person (an existing one, or ``new_person``,
        added), in one transaction; ``inside`` runs within it (the importer stages its
        files there), and if anything fails, nothing is kept. A locked database raises
        :class:`HistoryError` after the busy timeout, before anything was changed."""
        try:
            with self.transaction():
                if new_person is not None:
                    name = self._checked_name(new_person)
                    cursor = self.con.execute(
                        "INSERT INTO people (name, created_utc) VALUES (?, ?)",
                        (name, to_utc_text(datetime.now(UTC))))
                    assert cursor.lastrowid is not None
                    person = Person(cursor.lastrowid, name, False, False)
                else:
                    wanted = self.default_person().id if person_id is None else person_id
                    found = [p for p in self.people(include_archived=True) if p.id == wanted]
                    if not found:
                        raise HistoryError(f"no person {wanted}")
                    person = found[0]
                for routine_id, overrides in adjustments.items():
                    self._write_adjustments(person.id, routine_id, overrides)
                if inside is not None:
                    inside()
        except sqlite3.OperationalError as error:
            raise HistoryError(str(error)) from error
        return person

    # -- writing -------------------------------------------------------------------------------
    def begin_session(self, start: SessionStart) -> int:
        with self.transaction():
            cursor = self.con.execute(
                """INSERT INTO sessions (uid, person_id, item_id, item_kind, title_ja, title_en,
                   overrides_json, planned_seconds, started_utc, utc_offset_minutes, outcome,
                   resumed_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)""",
                (start.uid, start.person_id, start.item_id, start.item_kind, start.title_ja,
                 start.title_en, json.dumps(start.overrides, sort_keys=True),
                 start.planned_seconds, to_utc_text(start.started),
                 offset_minutes(start.started), start.resumed_from))
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def add_block(self, entry: BlockEntry) -> None:
        with self.transaction():
            session_id = self._session_id(entry.session_uid)
            self.con.execute(
                """INSERT OR IGNORE INTO blocks (session_id, seq, block_index, routine_id,
                   kind, side, set_no, reps_planned, reps_done, planned_seconds,
                   actual_seconds, outcome, attempt, ended_utc)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (session_id, entry.seq, entry.block_index, entry.routine_id, entry.kind,
                 entry.side, entry.set_no, entry.reps_planned, entry.reps_done,
                 entry.planned_seconds, entry.actual_seconds, entry.outcome, entry.attempt,
                 to_utc_text(entry.ended)))

    def finish_session(self, uid: str, outcome: Outcome, ended: datetime,
                       active_seconds: float) -> None:
        with self.transaction():
            self.con.execute(
                "UPDATE sessions SET outcome = ?, ended_utc = ?, active_seconds = ? "
                "WHERE uid = ?", (outcome.value, to_utc_text(ended), active_seconds, uid))

    def set_pain(self, uid: str, before: int | None = None, after: int | None = None,
                 note: str | None = None) -> None:
        for value in (before, after):
            if value is not None and not 0 <= value <= 10:
                raise ValueError("pain is rated from 0 to 10")
        with self.transaction():
            if before is not None:
                self.con.execute("UPDATE sessions SET pain_before = ? WHERE uid = ?",
                                 (before, uid))
            if after is not None:
                self.con.execute("UPDATE sessions SET pain_after = ? WHERE uid = ?",
                                 (after, uid))
            if note is not None:
                self.con.execute("UPDATE sessions SET note = ? WHERE uid = ?", (note, uid))

    def recover_interrupted(self) -> list[SessionRow]:
        """Sessions left 'running' by a crash or a kill become 'interrupted'."""
        rows = self.sessions(outcome=Outcome.RUNNING, include_all_people=True)
        if not rows:
            return []
        with self.transaction():
            for row in rows:
                last = self.con.execute(
                    "SELECT max(ended_utc), coalesce(sum(actual_seconds), 0) FROM blocks "
                    "WHERE session_id = ?", (row.id,)).fetchone()
                self.con.execute(
                    "UPDATE sessions SET outcome = 'interrupted', ended_utc = ?, "
                    "active_seconds = ? WHERE id = ?",
                    (last[0] or to_utc_text(row.started), last[1], row.id))
        return [self.session(row.uid) for row in rows]  # type: ignore[misc]

    def delete_session(self, uid: str, now: datetime) -> None:
        """Hide a session (undoable until :meth:`purge_deleted`)."""
        with self.transaction():
            self.con.execute("UPDATE sessions SET deleted_utc = ? WHERE uid = ?",
                             (to_utc_text(now), uid))

    def undo_delete(self, uid: str) -> None:
        with self.transaction():
            self.con.execute("UPDATE sessions SET deleted_utc = NULL WHERE uid = ?", (uid,))

    def purge_deleted(self) -> int:
        with self.transaction():
            cursor = self.con.execute("DELETE FROM sessions WHERE deleted_utc IS NOT NULL")
            return cursor.rowcount

    def add_checkin(self, record: CheckinRecord) -> None:
        with self.transaction():
            self.con.execute(
                """INSERT OR IGNORE INTO checkins (uid, person_id, taken_utc,
                   utc_offset_minutes, checkin_id, ticked_json, cause, routine_id, advice,
                   follow_up_of, worse_next_day, answers_json, form)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (record.uid, record.person_id, to_utc_text(record.taken),
                 offset_minutes(record.taken), record.checkin_id, json.dumps(record.ticked),
                 record.cause, record.routine_id, record.advice, record.follow_up_of,
                 None if record.worse_next_day is None else int(record.worse_next_day),
                 json.dumps(record.answers, sort_keys=True), record.form))

    def checkins(self, person_id: int | None = None,
                 since: date | None = None) -> list[CheckinRecord]:
        person = self.default_person().id if person_id is None else person_id
        rows = self.con.execute(
            "SELECT uid, person_id, taken_utc, utc_offset_minutes, checkin_id, ticked_json, "
            "cause, routine_id, advice, follow_up_of, worse_next_day, answers_json, form "
            "FROM checkins WHERE person_id = ? AND deleted_utc IS NULL ORDER BY taken_utc",
            (person,))
        records = [CheckinRecord(r[0], r[1], from_utc_text(r[2], r[3]), r[4],
                                 tuple(json.loads(r[5])), r[6], r[7], r[8], r[9],
                                 None if r[10] is None else bool(r[10]),
                                 json.loads(r[11] or "{}"), int(r[12])) for r in rows]
        return [r for r in records if since is None or r.taken.date() >= since]

    def _session_id(self, uid: str) -> int:
        row = self.con.execute("SELECT id FROM sessions WHERE uid = ?", (uid,)).fetchone()
        if row is None:
            raise HistoryError(f"no session {uid}")
        return int(row[0])

    # -- reading -------------------------------------------------------------------------------
    _SESSION_COLUMNS = ("id, uid, person_id, item_id, item_kind, title_ja, title_en, "
                        "overrides_json, planned_seconds, started_utc, utc_offset_minutes, "
                        "ended_utc, outcome, active_seconds, pain_before, pain_after, note, "
                        "resumed_from")

    def sessions(self, person_id: int | None = None, since: date | None = None,
                 until: date | None = None, item_id: str | None = None,
                 outcome: Outcome | None = None,
                 include_all_people: bool = False) -> list[SessionRow]:
        """Sessions, oldest first; ``since``/``until`` are inclusive local dates."""
        where = ["deleted_utc IS NULL"]
        args: list[Any] = []
        if person_id is not None:
            where.append("person_id = ?")
            args.append(person_id)
        elif not include_all_people:
            where.append("person_id = ?")
            args.append(self.default_person().id)
        if since is not None:
            where.append("started_utc >= ?")
            args.append(to_utc_text(datetime.combine(since, datetime.min.time())
                                    .astimezone() - timedelta(days=1)))
        if until is not None:
            where.append("started_utc < ?")
            args.append(to_utc_text(datetime.combine(until, datetime.min.time()).astimezone()
                                    + timedelta(days=2)))
        if item_id is not None:
            where.append("item_id = ?")
            args.append(item_id)
        if outcome is not None:
            where.append("outcome = ?")
            args.append(outcome.value)
        query = (f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE {' AND '.join(where)} "
                 "ORDER BY started_utc")
        rows = [_session_row(r) for r in self.con.execute(query, args)]
        # The SQL bounds are a day wide on each side (time zones); trim to local dates.
        return [r for r in rows
                if (since is None or r.started.date() >= since)
                and (until is None or r.started.date() <= until)]

    def session(self, uid: str) -> SessionRow | None:
        row = self.con.execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE uid = ?",
                               (uid,)).fetchone()
        return None if row is None else _session_row(row)

    def blocks(self, session_ids: Sequence[int] | None = None) -> list[BlockRow]:
        query = ("SELECT b.session_id, b.seq, b.block_index, b.routine_id, b.kind, b.side, "
                 "b.set_no, b.reps_planned, b.reps_done, b.planned_seconds, b.actual_seconds, "
                 "b.outcome, b.attempt, b.ended_utc, s.utc_offset_minutes FROM blocks b "
                 "JOIN sessions s ON s.id = b.session_id WHERE s.deleted_utc IS NULL")
        args: list[Any] = []
        if session_ids is not None:
            if not session_ids:
                return []
            query += f" AND b.session_id IN ({','.join('?' * len(session_ids))})"
            args.extend(session_ids)
        query += " ORDER BY b.session_id, b.seq"
        # The columns above are BlockRow's fields, in order, then the offset for ``ended``.
        make = BlockRow._make
        return [make((*r[:13], from_utc_text(r[13], r[14])))
                for r in self.con.execute(query, args)]

    def export_blocks(self, session_ids: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        """The blocks of ``session_ids`` as an export's cells, made by SQLite as it reads:
        the session's uid, seq, routine, kind, side, set, reps planned and done, planned
        and actual seconds, outcome, attempt, repeated (``'True'``/``'False'``) and the
        local end time (ISO 8601 to the second, with its offset, as ``datetime.isoformat``
        writes it). Ten years are 40,000 blocks: made into ``BlockRow`` objects and back
        into cells, they took most of an export's time."""
        if not session_ids:
            return iter(())
        offset = "s.utc_offset_minutes"
        local = (f"strftime('%Y-%m-%dT%H:%M:%S', b.ended_utc, {offset} || ' minutes') || "
                 f"CASE WHEN {offset} < 0 THEN '-' ELSE '+' END || "
                 f"printf('%02d:%02d', abs({offset}) / 60, abs({offset}) % 60)")
        columns = ["s.uid", "b.seq", "b.routine_id", "b.kind", "b.side", "b.set_no",
                   "b.reps_planned", "b.reps_done", "b.planned_seconds", "b.actual_seconds",
                   "b.outcome", "b.attempt",
                   "CASE WHEN b.attempt > 1 THEN 'True' ELSE 'False' END", local]
        query = (f"SELECT {', '.join(columns)} FROM blocks b "
                 "JOIN sessions s ON s.id = b.session_id WHERE s.deleted_utc IS NULL "
                 f"AND b.session_id IN ({','.join('?' * len(session_ids))}) "
                 "ORDER BY b.session_id, b.seq")
        return iter(self.con.execute(query, list(session_ids)))

    def count_blocks(self, session_ids: Sequence[int]) -> int:
        """How many blocks ``session_ids`` have (what :meth:`export_blocks` yields)."""
        if not session_ids:
            return 0
        row = self.con.execute(
            "SELECT count(*) FROM blocks b JOIN sessions s ON s.id = b.session_id "
            "WHERE s.deleted_utc IS NULL "
            f"AND b.session_id IN ({','.join('?' * len(session_ids))})",
            list(session_ids)).fetchone()
        return int(row[0])

    def last_completed_block(self, uid: str) -> int | None:
        row = self.con.execute(
            "SELECT max(b.block_index) FROM blocks b JOIN sessions s ON s.id = b.session_id "
            "WHERE s.uid = ? AND b.outcome IN ('completed', 'skipped')", (uid,)).fetchone()
        return None if row[0] is None else int(row[0])


def _session_row(r: Sequence[Any]) -> SessionRow:
    offset = int(r[10])
    return SessionRow(
        id=r[0], uid=r[1], person_id=r[2], item_id=r[3], item_kind=r[4], title_ja=r[5],
        title_en=r[6], overrides=json.loads(r[7]) if r[7] and r[7] != "{}" else {},
        planned_seconds=r[8],
        started=from_utc_text(r[9], offset),
        ended=from_utc_text(r[11], offset) if r[11] else None,
        outcome=Outcome(r[12]), active_seconds=r[13], pain_before=r[14], pain_after=r[15],
        note=r[16] or "", resumed_from=r[17])


def new_uid() -> str:
    import uuid  # with platform, which it imports: not needed before the first session

    return uuid.uuid4().hex
