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
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kneecare_desktop.history.records import (
    AdjustmentChangedError,
    CheckinRecord,
    ConstraintError,
    HistoryError,
    OpenReport,
    Outcome,
    Person,
    PersonNameError,
    RecordedBlock,
    SessionRow,
    SessionStart,
    from_utc_text,
    offset_minutes,
    session_row,
    to_utc_text,
)
from kneecare_desktop.history.recovery import copy_readable
from kneecare_desktop.history.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    DamagedError,
    Dialect,
    connect,
    is_corruption,
    move_aside,
    not_sqlite,
    read_only_connection,
    run_step,
)
from kneecare_desktop.model import Advice, Side
from kneecare_desktop.plan.timeline import BlockKind
from kneecare_desktop.session.block_outcome import BlockOutcome
from kneecare_desktop.text import people_names

log = logging.getLogger(__name__)



# --- schema ----------------------------------------------------------------------------------

# A name that was taken, a uid already there: either database's way of saying so.
_DUPLICATE = (sqlite3.IntegrityError, ConstraintError)


class HistoryStore:
    """Reads and writes the history. One instance per thread (SQLite connections).

    The SQL is the one both dialects share; ``dialect`` picks the few spellings that
    differ. ``history/postgres.py`` opens a clinic's server into the same class."""

    dialect = Dialect.SQLITE

    def __init__(self, con: Any, path: Path, device_id: str | None = None) -> None:
        self.con = con
        self.path = path
        self.device_id = device_id  # this PC's, on its sessions (None: a file of its own)

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
        if not_sqlite(path):
            # Moved aside before SQLite opens it, so the files stay exactly as they were.
            moved = move_aside(path, now)
            log.error("history file %s is not an SQLite database; moved to %s", path, moved)
            store = cls._open_checked(path, check=False)
            return store, OpenReport(path, moved, "not an SQLite database")
        try:
            return cls._open_checked(path, check), OpenReport(path)
        except DamagedError as damage:
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
                    raise DamagedError(problem)
            return store
        except sqlite3.DatabaseError as error:
            if con is not None:
                con.close()
            if is_corruption(error) and path.exists():
                raise DamagedError(str(error)) from error
            raise HistoryError(f"cannot open {path}: {error}") from error
        except DamagedError:
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
        if not_sqlite(path):
            return cls.open(path)
        for immutable in (False, True):  # immutable: not even the -shm file can be made
            try:
                con = read_only_connection(path, immutable)
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
                run_step(self.con, MIGRATIONS[version], self.dialect)
                version += 1
                self.con.execute(f"PRAGMA user_version = {version}")
        self._ensure_default_person()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
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
        query += " ORDER BY is_default DESC, lower(name), id"
        return [Person(r[0], r[1], bool(r[2]), bool(r[3])) for r in self.con.execute(query)]

    def add_person(self, name: str) -> Person:
        """A new person; raises :class:`PersonNameError` if the name breaks a rule or is
        someone else's (``people_names``)."""
        name = self._checked_name(name)
        try:
            with self.transaction():
                row = self.con.execute(
                    "INSERT INTO people (name, created_utc) VALUES (?, ?) RETURNING id",
                    (name, to_utc_text(datetime.now(UTC)))).fetchone()
        except _DUPLICATE as error:
            raise PersonNameError(people_names.TAKEN.format(name=name)) from error
        return Person(int(row[0]), name, False, False)

    def rename_person(self, person_id: int, name: str) -> None:
        name = self._checked_name(name, person_id)
        try:
            with self.transaction():
                self.con.execute("UPDATE people SET name = ? WHERE id = ?", (name, person_id))
        except _DUPLICATE as error:
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

    def all_adjustments(self) -> dict[int, dict[str, dict[str, Any]]]:
        """Everyone's adjustments, by person and routine (one read)."""
        found: dict[int, dict[str, dict[str, Any]]] = {}
        for person_id, routine_id, data in self.con.execute(
                "SELECT person_id, routine_id, overrides_json FROM adjustments"):
            found.setdefault(int(person_id), {})[routine_id] = json.loads(data)
        return found

    def adjustment_versions(self, person_id: int) -> dict[str, int]:
        """Each adjusted routine's version (a routine with none is version 0): what a save
        that must not overwrite a change made meanwhile passes as ``expected``."""
        rows = self.con.execute(
            "SELECT routine_id, version FROM adjustments WHERE person_id = ?", (person_id,))
        return {routine_id: int(version) for routine_id, version in rows}

    def set_adjustments(self, person_id: int, routine_id: str, overrides: dict[str, Any],
                        expected: int | None = None) -> int:
        """Store a person's adjustments to one routine; empty means "as in the file".
        Returns the new version.

        With ``expected`` (the version the editor started from: 0 for none), a value
        changed meanwhile, by another PC, is never overwritten: nothing is written and
        :class:`AdjustmentChangedError` says what is stored now, beside this save's."""
        with self.transaction():
            if expected is not None:
                row = self.con.execute(
                    "SELECT overrides_json, version FROM adjustments WHERE person_id = ? "
                    f"AND routine_id = ?{self._for_update}", (person_id, routine_id)).fetchone()
                current = 0 if row is None else int(row[1])
                if current != expected:
                    theirs = {} if row is None else json.loads(row[0])
                    raise AdjustmentChangedError(person_id, routine_id, theirs, current,
                                                 dict(overrides))
            return self._write_adjustments(person_id, routine_id, overrides)

    @property
    def _for_update(self) -> str:
        """Row locks for a read-then-write (SQLite's BEGIN IMMEDIATE locks the file)."""
        return "" if self.dialect is Dialect.SQLITE else " FOR UPDATE"

    def _write_adjustments(self, person_id: int, routine_id: str,
                           overrides: Mapping[str, Any]) -> int:
        if overrides:
            row = self.con.execute(
                "INSERT INTO adjustments (person_id, routine_id, overrides_json, updated_utc,"
                " device_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id, routine_id) DO "
                "UPDATE SET overrides_json = excluded.overrides_json, updated_utc = "
                "excluded.updated_utc, device_id = excluded.device_id, "
                "version = adjustments.version + 1 RETURNING version",
                (person_id, routine_id, json.dumps(dict(overrides), sort_keys=True),
                 to_utc_text(datetime.now(UTC)), self.device_id)).fetchone()
            return int(row[0])
        else:
            self.con.execute("DELETE FROM adjustments WHERE person_id = ? AND routine_id = ?",
                             (person_id, routine_id))
            return 0

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
                    row = self.con.execute(
                        "INSERT INTO people (name, created_utc) VALUES (?, ?) RETURNING id",
                        (name, to_utc_text(datetime.now(UTC)))).fetchone()
                    person = Person(int(row[0]), name, False, False)
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
        """Record a session's start; a uid already recorded is kept as it is (an upload
        from a PC's queue may come twice), and its id returned."""
        with self.transaction():
            self.con.execute(
                """INSERT INTO sessions (uid, person_id, item_id, item_kind, title_ja, title_en,
                   overrides_json, planned_seconds, started_utc, utc_offset_minutes, outcome,
                   resumed_from, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)
                   ON CONFLICT (uid) DO NOTHING""",
                (start.uid, start.person_id, start.item_id, str(start.item_kind),
                 start.title_ja, start.title_en, json.dumps(start.overrides, sort_keys=True),
                 start.planned_seconds, to_utc_text(start.started),
                 offset_minutes(start.started), start.resumed_from,
                 start.device_id or self.device_id))
            return self._session_id(start.uid)

    def add_block(self, entry: RecordedBlock) -> None:
        with self.transaction():
            session_id = self._session_id(entry.session_uid)
            self.con.execute(
                """INSERT INTO blocks (session_id, seq, block_index, routine_id,
                   kind, side, set_no, reps_planned, reps_done, planned_seconds,
                   actual_seconds, outcome, attempt, ended_utc)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (session_id, seq) DO NOTHING""",
                (session_id, entry.seq, entry.block_index, entry.routine_id, str(entry.kind),
                 str(entry.side), entry.set_no, entry.reps_planned, entry.reps_done,
                 entry.planned_seconds, entry.actual_seconds, str(entry.outcome),
                 entry.attempt, to_utc_text(entry.ended)))

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

    def recover_interrupted(self, keep: Collection[str] = ()) -> list[SessionRow]:
        """Sessions left 'running' by a crash or a kill become 'interrupted': only this
        PC's (``device_id``; with none, every session in the file). On a clinic's server
        another PC's running session is live, and is left alone."""
        rows = self.sessions(outcome=Outcome.RUNNING, include_all_people=True)
        if self.device_id is not None:
            mine = {r[0] for r in self.con.execute(
                "SELECT uid FROM sessions WHERE outcome = 'running' AND device_id = ?",
                (self.device_id,))}
            rows = [row for row in rows if row.uid in mine]
        rows = [row for row in rows if row.uid not in keep]
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
            return int(cursor.rowcount)

    def add_checkin(self, record: CheckinRecord) -> None:
        with self.transaction():
            self.con.execute(
                """INSERT INTO checkins (uid, person_id, taken_utc,
                   utc_offset_minutes, checkin_id, ticked_json, cause, routine_id, advice,
                   follow_up_of, worse_next_day, answers_json, form)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (uid) DO NOTHING""",
                (record.uid, record.person_id, to_utc_text(record.taken),
                 offset_minutes(record.taken), record.checkin_id, json.dumps(record.ticked),
                 record.cause, record.routine_id,
                 None if record.advice is None else str(record.advice), record.follow_up_of,
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
                                 tuple(json.loads(r[5])), r[6], r[7],
                                 None if r[8] is None else Advice(r[8]), r[9],
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
        rows = [session_row(r) for r in self.con.execute(query, args)]
        # The SQL bounds are a day wide on each side (time zones); trim to local dates.
        return [r for r in rows
                if (since is None or r.started.date() >= since)
                and (until is None or r.started.date() <= until)]

    def session(self, uid: str) -> SessionRow | None:
        row = self.con.execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE uid = ?",
                               (uid,)).fetchone()
        return None if row is None else session_row(row)

    def blocks(self, session_ids: Sequence[int] | None = None) -> list[RecordedBlock]:
        query = ("SELECT s.uid, b.seq, b.block_index, b.routine_id, b.kind, b.side, "
                 "b.set_no, b.reps_planned, b.reps_done, b.planned_seconds, b.actual_seconds, "
                 "b.outcome, b.attempt, b.ended_utc, s.utc_offset_minutes FROM blocks b "
                 "JOIN sessions s ON s.id = b.session_id WHERE s.deleted_utc IS NULL")
        args: list[Any] = []
        if session_ids is not None:
            if not session_ids:
                return []
            query += f" AND b.session_id {self._among(session_ids)}"
            args.extend(self._among_args(session_ids))
        query += " ORDER BY b.session_id, b.seq"
        # The columns above are RecordedBlock's fields, in order, then the offset for
        # ``ended``; the enums by lookup (an Enum call per cell costs ten times more).
        kinds = {k.value: k for k in BlockKind}
        sides = {s.value: s for s in Side}
        outcomes = {o.value: o for o in BlockOutcome}
        return [RecordedBlock(r[0], r[1], r[2], r[3], kinds[r[4]], sides[r[5]], r[6], r[7],
                              r[8], r[9], r[10], outcomes[r[11]], r[12],
                              from_utc_text(r[13], r[14]))
                for r in self.con.execute(query, args)]

    _REPEATED = "CASE WHEN {attempt} > 1 THEN 'True' ELSE 'False' END"
    _FROM_BLOCKS = ("FROM blocks b JOIN sessions s ON s.id = b.session_id "
                    "WHERE s.deleted_utc IS NULL AND b.session_id {among} "
                    "ORDER BY b.session_id, b.seq")

    def export_blocks(self, session_ids: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        """The blocks of ``session_ids`` as an export's cells, made by SQLite as it reads:
        the session's uid, seq, routine, kind, side, set, reps planned and done, planned
        and actual seconds, outcome, attempt, repeated (``'True'``/``'False'``) and the
        local end time (ISO 8601 to the second, with its offset, as ``datetime.isoformat``
        writes it). The export itself reads :meth:`export_block_rows` and makes the same
        text in Python (``history.export``); this is the reference it is tested against."""
        if not session_ids:
            return iter(())
        local = _local_time_sql(self.dialect, "b.ended_utc", "s.utc_offset_minutes")
        columns = ["s.uid", "b.seq", "b.routine_id", "b.kind", "b.side", "b.set_no",
                   "b.reps_planned", "b.reps_done", "b.planned_seconds", "b.actual_seconds",
                   "b.outcome", "b.attempt", self._REPEATED.format(attempt="b.attempt"), local]
        query = (f"SELECT {', '.join(columns)} "
                 + self._FROM_BLOCKS.format(among=self._among(session_ids)))
        cursor = self.con.execute(query, self._among_args(session_ids))
        if self.dialect is Dialect.SQLITE:
            return iter(cursor)
        return iter(cursor.fetchall())  # psycopg: rows made in bulk, a third of the time

    # What export_block_rows yields, by position.
    EXPORT_ROW = ("uid", "seq", "ended_utc", "utc_offset_minutes", "actual_seconds",
                  "routine_id", "kind", "side", "set_no", "reps_planned", "reps_done",
                  "planned_seconds", "outcome", "attempt")

    def export_block_rows(self, session_ids: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        """The blocks of ``session_ids``, in :meth:`export_blocks`' order, as the columns
        stored (``EXPORT_ROW``): nothing made per row by the database. Ten years are 40,000
        blocks; SQLite's per-row ``strftime`` alone took a sixth of an export's time."""
        if not session_ids:
            return iter(())
        query = ("SELECT s.uid, b.seq, b.ended_utc, s.utc_offset_minutes, b.actual_seconds, "
                 "b.routine_id, b.kind, b.side, b.set_no, b.reps_planned, b.reps_done, "
                 "b.planned_seconds, b.outcome, b.attempt "
                 + self._FROM_BLOCKS.format(among=self._among(session_ids)))
        cursor = self.con.execute(query, self._among_args(session_ids))
        if self.dialect is Dialect.SQLITE:
            return iter(cursor)
        return iter(cursor.fetchall())

    def export_repeated_and_local(self, attempt: Any, ended: Any,
                                  offset: Any) -> tuple[Any, Any]:
        """For one block, the last two cells of :meth:`export_blocks` (repeated, local end
        time) made by the database itself: what the export asks for the rare values its
        own arithmetic does not cover (a time not written by this app, a date out of
        Python's range), so the cells stay the database's."""
        local = _local_time_sql(self.dialect, "?", "?")
        query = f"SELECT {self._REPEATED.format(attempt='?')}, " + local
        # Positional parameters: the offset appears four times in the expression.
        row = self.con.execute(query, [attempt, ended, offset, offset, offset, offset]).fetchone()
        return row[0], row[1]

    def _among_args(self, ids: Sequence[int]) -> list[Any]:
        return list(ids) if self.dialect is Dialect.SQLITE else [list(ids)]

    def _among(self, ids: Sequence[int]) -> str:
        """``IN (?, ?, …)`` for SQLite; one array parameter for PostgreSQL (3,650 sessions
        are 3,650 parameters to parse and plan otherwise). Pass ``[list(ids)]`` there."""
        if self.dialect is Dialect.SQLITE:
            return f"IN ({','.join('?' * len(ids))})"
        return "= ANY(?)"

    def count_blocks(self, session_ids: Sequence[int]) -> int:
        """How many blocks ``session_ids`` have (what :meth:`export_blocks` yields)."""
        if not session_ids:
            return 0
        row = self.con.execute(
            "SELECT count(*) FROM blocks b JOIN sessions s ON s.id = b.session_id "
            f"WHERE s.deleted_utc IS NULL AND b.session_id {self._among(session_ids)}",
            self._among_args(session_ids)).fetchone()
        return int(row[0])

    def last_completed_block(self, uid: str) -> int | None:
        row = self.con.execute(
            "SELECT max(b.block_index) FROM blocks b JOIN sessions s ON s.id = b.session_id "
            "WHERE s.uid = ? AND b.outcome IN ('completed', 'skipped')", (uid,)).fetchone()
        return None if row[0] is None else int(row[0])


def _local_time_sql(dialect: Dialect, ended: str, offset: str) -> str:
    """The local end time as the database writes it: ISO 8601 to the second with the
    offset, as ``datetime.isoformat`` does (``ended`` and ``offset``: a column or ``?``)."""
    if dialect is Dialect.SQLITE:
        return (f"strftime('%Y-%m-%dT%H:%M:%S', {ended}, {offset} || ' minutes') || "
                f"CASE WHEN {offset} < 0 THEN '-' ELSE '+' END || "
                f"printf('%02d:%02d', abs({offset}) / 60, abs({offset}) % 60)")
    return (f"to_char({ended}::timestamptz AT TIME ZONE 'UTC' + {offset} * "
            "interval '1 minute', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
            f"CASE WHEN {offset} < 0 THEN '-' ELSE '+' END || "
            f"lpad((abs({offset}) / 60)::text, 2, '0') || ':' || "
            f"lpad((abs({offset}) % 60)::text, 2, '0')")
