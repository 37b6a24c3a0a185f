"""The history on a clinic's PostgreSQL server, through psycopg 3 (the ``clinic`` extra).

The same :class:`HistoryStore` and the same SQL as the file on a PC: a thin connection
turns SQLite's ``?`` into psycopg's ``%s`` and the server's errors into the history's
(:class:`ServerUnreachableError` for a server that is down or too slow to answer,
:class:`ConstraintError` for a rule of the schema). psycopg is imported here only, when
a server is configured: a home PC never loads it (about 110 ms, 265 modules).

The schema's version is a one-row table, ``kneecare_schema``. The app never changes a
server's schema by itself: ``kneecare database init`` makes it, ``migrate`` moves it on,
each in one transaction under an advisory lock, so two PCs cannot migrate at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from kneecare_desktop.history.records import (
    ConstraintError,
    HistoryError,
    ServerUnreachableError,
)
from kneecare_desktop.history.schema import MIGRATIONS, SCHEMA_VERSION, Dialect, run_step
from kneecare_desktop.history.store import HistoryStore

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 5
STATEMENT_TIMEOUT_MS = 30_000
_MIGRATION_LOCK = 0x4B6E6543  # pg_advisory_xact_lock's key: "KneC"


class SchemaState(StrEnum):
    EMPTY = "empty"  # no KneeCare tables yet: ``kneecare database init``
    OLDER = "older"  # ``kneecare database migrate``
    CURRENT = "current"
    NEWER = "newer"  # written by a newer KneeCare: update this PC


class SchemaMismatchError(HistoryError):
    """The server's schema is not the one this version of KneeCare writes."""

    def __init__(self, state: SchemaState, found: int) -> None:
        super().__init__(f"the server's history schema is {state.value} "
                         f"(version {found}; this KneeCare writes {SCHEMA_VERSION})")
        self.state = state
        self.found = found


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """SQLite's placeholders in psycopg's spelling (the shared SQL has no ``?`` in text)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _translate(error: Exception) -> HistoryError:
    import psycopg

    if isinstance(error, psycopg.errors.IntegrityError):
        return ConstraintError(str(error).strip())
    if isinstance(error, psycopg.OperationalError | psycopg.errors.QueryCanceled):
        return ServerUnreachableError(str(error).strip() or type(error).__name__)
    return HistoryError(str(error).strip())


class PgConnection:
    """The part of ``sqlite3.Connection`` the store uses, on a psycopg connection."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        import psycopg

        try:
            if parameters:
                return self.raw.execute(_pg_sql(sql), list(parameters))
            return self.raw.execute(sql.replace("%", "%%") if "%" in sql else sql)
        except psycopg.Error as error:
            raise _translate(error) from error

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        import psycopg

        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(_pg_sql(sql), [list(row) for row in rows])
        except psycopg.Error as error:
            raise _translate(error) from error

    def close(self) -> None:
        self.raw.close()

    @property
    def broken(self) -> bool:
        return bool(self.raw.closed or self.raw.broken)


@dataclass(frozen=True, slots=True)
class ServerCheck:
    """What ``kneecare database check`` found."""

    server_version: str
    user: str
    database: str
    state: SchemaState
    found: int
    tls: bool


def connect(url: str, timeout: float = CONNECT_TIMEOUT_SECONDS) -> PgConnection:
    """A connection to ``url`` (a libpq URL or ``key=value`` string; the password comes
    from libpq's password file or service file, never from the app's settings)."""
    try:
        import psycopg
    except ImportError as error:
        raise HistoryError("a clinic server needs psycopg: pip install "
                           "'kneecare-desktop[clinic]'") from error
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=max(1, round(timeout)),
                              application_name="kneecare",
                              options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}")
    except psycopg.Error as error:
        raise _translate(error) from error
    return PgConnection(raw)


def _read_version(con: PgConnection) -> int:
    row = con.execute("SELECT to_regclass('kneecare_schema') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    found = con.execute("SELECT version FROM kneecare_schema").fetchone()
    return 0 if found is None else int(found[0])


def _state(version: int) -> SchemaState:
    if version == 0:
        return SchemaState.EMPTY
    if version < SCHEMA_VERSION:
        return SchemaState.OLDER
    if version > SCHEMA_VERSION:
        return SchemaState.NEWER
    return SchemaState.CURRENT


class PostgresHistoryStore(HistoryStore):
    """The history on a server; one connection, used by one thread (the writer's)."""

    dialect = Dialect.POSTGRESQL

    def __init__(self, con: PgConnection, url: str, device_id: str | None = None) -> None:
        super().__init__(con, Path(), device_id)
        self.url = url

    @classmethod
    def open_server(cls, url: str, device_id: str | None = None,
                    timeout: float = CONNECT_TIMEOUT_SECONDS) -> PostgresHistoryStore:
        """Connect and check the schema: :class:`SchemaMismatchError` unless it is the
        one this version writes, :class:`ServerUnreachableError` if the server is down."""
        con = connect(url, timeout)
        store = cls(con, url, device_id)
        try:
            version = _read_version(con)
            if version != SCHEMA_VERSION:
                raise SchemaMismatchError(_state(version), version)
            store._ensure_default_person()
        except BaseException:
            con.close()
            raise
        return store

    @property
    def schema_version(self) -> int:
        return _read_version(self.con)

    def quick_check(self) -> str | None:
        return None  # the server keeps its own files whole

    def integrity_ok(self) -> bool:
        return True

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        self.con.execute("BEGIN")
        try:
            yield self.con
        except BaseException:
            if not self.con.broken:
                self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def purge_deleted(self) -> int:
        """Never on a server: a deleted session stays as a tombstone, so that every PC
        (and one whose queue still holds changes to it) sees it deleted."""
        return 0

    def close(self) -> None:
        self.con.close()

    @property
    def broken(self) -> bool:
        con: PgConnection = self.con
        return con.broken


def check(url: str, timeout: float = CONNECT_TIMEOUT_SECONDS) -> ServerCheck:
    con = connect(url, timeout)
    try:
        row = con.execute("SELECT current_setting('server_version'), current_user, "
                          "current_database(), coalesce((SELECT ssl FROM pg_stat_ssl "
                          "WHERE pid = pg_backend_pid()), false)").fetchone()
        version = _read_version(con)
    finally:
        con.close()
    return ServerCheck(row[0], row[1], row[2], _state(version), version, bool(row[3]))


def migrate(url: str, create: bool, timeout: float = CONNECT_TIMEOUT_SECONDS) -> tuple[int, int]:
    """Bring the server's schema to this version's, in one transaction: from nothing with
    ``create`` (``init``), else only from an older one (``migrate``). Returns the versions
    before and after."""
    con = connect(url, timeout)
    store = PostgresHistoryStore(con, url)
    try:
        with store.transaction():
            con.execute(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            before = _read_version(con)
            if before > SCHEMA_VERSION:
                raise SchemaMismatchError(SchemaState.NEWER, before)
            if before == 0 and not create:
                raise SchemaMismatchError(SchemaState.EMPTY, 0)
            if before == 0:
                con.execute("CREATE TABLE kneecare_schema (version INTEGER NOT NULL, "
                            "one_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (one_row))")
                con.execute("INSERT INTO kneecare_schema (version) VALUES (0)")
            for version in range(before, SCHEMA_VERSION):
                run_step(con, MIGRATIONS[version], Dialect.POSTGRESQL)
            con.execute("UPDATE kneecare_schema SET version = ?", (SCHEMA_VERSION,))
        store._ensure_default_person()
    finally:
        con.close()
    return before, SCHEMA_VERSION
