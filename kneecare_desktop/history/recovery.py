"""Recovering what can still be read from a damaged history file.

The damaged file has already been moved aside (never deleted). Two passes:

1. Through SQLite: each table is read, row by row by rowid where a scan fails, so a
   damaged page loses only the rows on it.
2. Through the file format itself, for tables whose root or inner pages are damaged
   (SQLite can then reach none of their rows): every page that is a table leaf is
   decoded, and each record goes to the table whose column count it has. Pages on the
   free list are skipped, so deleted rows do not come back.

Every row found is copied into the fresh file, parents before children (people,
sessions, then their blocks, check-ins and adjustments, then reminders and
their schedules and outcomes, then the queue of changes for a clinic server); a row
whose parent was lost is skipped, and counted as lost.
"""

from __future__ import annotations

import logging
import sqlite3
import struct
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

# Parents first: a block needs its session, a schedule its reminder, everything its person.
TABLES = ("people", "sessions", "blocks", "checkins", "adjustments", "reminders",
          "reminder_schedules", "reminder_outcomes", "outbox")
_MAX_PROBES = 2_000_000  # rowids probed one by one when a table cannot be scanned


@dataclass(frozen=True, slots=True)
class Recovered:
    """How many rows of each table were copied, and how many were found but could not be
    copied (their session or person was lost)."""

    copied: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.copied.values())


def _open_damaged(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    con = sqlite3.connect(uri, uri=True, isolation_level=None)
    con.execute("PRAGMA query_only = 1")
    return con


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def _read_rows(con: sqlite3.Connection, table: str,
               columns: list[str]) -> tuple[list[tuple[object, ...]], bool]:
    """The rows SQLite can read, and whether that was all of them."""
    names = ", ".join(columns)
    try:
        return list(con.execute(f"SELECT {names} FROM {table}")), True
    except sqlite3.DatabaseError:
        pass
    # A damaged page stops the scan: probe the rowids one by one instead.
    try:
        top = int(con.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0)
    except sqlite3.DatabaseError:
        return [], False  # its root page is gone: only the pages themselves can tell
    rows = []
    for rowid in range(1, min(top, _MAX_PROBES) + 1):
        try:
            row = con.execute(f"SELECT {names} FROM {table} WHERE rowid = ?",
                              (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None:
            rows.append(row)
    return rows, False


# --- the file format, for pages SQLite cannot reach -------------------------------------------
def _varint(data: bytes, at: int) -> tuple[int, int]:
    """An SQLite varint at ``at``: (value, the offset after it)."""
    value = 0
    for index in range(9):
        byte = data[at + index]
        if index == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + index + 1
    raise ValueError("bad varint")  # pragma: no cover - the loop always returns


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _record(payload: bytes) -> tuple[object, ...]:
    """Decode an SQLite record (its header of serial types, then the values)."""
    header_size, at = _varint(payload, 0)
    types = []
    while at < header_size:
        serial, at = _varint(payload, at)
        types.append(serial)
    values: list[object] = []
    at = header_size
    for serial in types:
        if serial == 0:
            values.append(None)
        elif serial in _INT_SIZES:
            size = _INT_SIZES[serial]
            values.append(int.from_bytes(payload[at:at + size], "big", signed=True))
            at += size
        elif serial == 7:
            values.append(struct.unpack(">d", payload[at:at + 8])[0])
            at += 8
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial >= 12:
            size = (serial - 12) // 2
            chunk = payload[at:at + size]
            if len(chunk) != size:
                raise ValueError("truncated record")
            values.append(chunk.decode("utf-8") if serial % 2 else bytes(chunk))
            at += size
        else:
            raise ValueError("reserved serial type")
    return tuple(values)


def _free_pages(data: bytes, page_size: int) -> set[int]:
    """The free list's pages (trunks and leaves), as far as it can be read."""
    free: set[int] = set()
    trunk = int.from_bytes(data[32:36], "big")
    pages = len(data) // page_size
    while 0 < trunk <= pages and trunk not in free:
        free.add(trunk)
        base = (trunk - 1) * page_size
        count = int.from_bytes(data[base + 4:base + 8], "big")
        for index in range(min(count, (page_size - 8) // 4)):
            at = base + 8 + 4 * index
            free.add(int.from_bytes(data[at:at + 4], "big"))
        trunk = int.from_bytes(data[base:base + 4], "big")
    return free


def scan_table_leaves(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    """Every (rowid, record) on a table-leaf page of ``path``, overflow chains followed;
    cells that cannot be decoded are skipped."""
    data = path.read_bytes()
    if len(data) < 100:
        return []
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or len(data) < page_size:
        return []
    usable = page_size - data[20]
    pages = len(data) // page_size
    skip = _free_pages(data, page_size)
    found: list[tuple[int, tuple[object, ...]]] = []
    for number in range(1, pages + 1):
        if number in skip:
            continue
        base = (number - 1) * page_size
        head = base + (100 if number == 1 else 0)
        if data[head] != 0x0D:  # a table b-tree leaf
            continue
        cells = int.from_bytes(data[head + 3:head + 5], "big")
        for index in range(min(cells, page_size // 4)):
            try:
                pointer = int.from_bytes(data[head + 8 + 2 * index:head + 10 + 2 * index],
                                         "big")
                found.append(_cell(data, base + pointer, page_size, usable, pages))
            except (ValueError, IndexError, UnicodeDecodeError, struct.error):
                continue
    return found


def _cell(data: bytes, at: int, page_size: int, usable: int,
          pages: int) -> tuple[int, tuple[object, ...]]:
    size, at = _varint(data, at)
    rowid, at = _varint(data, at)
    limit = usable - 35
    if size <= limit:
        return rowid, _record(data[at:at + size])
    smallest = ((usable - 12) * 32 // 255) - 23
    local = smallest + (size - smallest) % (usable - 4)
    if local > limit:
        local = smallest
    payload = bytearray(data[at:at + local])
    following = int.from_bytes(data[at + local:at + local + 4], "big")
    seen: set[int] = set()
    while len(payload) < size:
        if not 0 < following <= pages or following in seen:
            raise ValueError("broken overflow chain")
        seen.add(following)
        base = (following - 1) * page_size
        following = int.from_bytes(data[base:base + 4], "big")
        payload += data[base + 4:base + 4 + min(usable - 4, size - len(payload))]
    return rowid, _record(bytes(payload))


def _rows_of(scanned: list[tuple[int, tuple[object, ...]]], table_columns: list[str],
             wanted: list[str]) -> list[tuple[object, ...]]:
    """The scanned records that have this table's shape, as rows of ``wanted``; the
    rowid goes into the first column when the record stores it as NULL (its alias)."""
    count = len(table_columns)
    positions = [table_columns.index(c) for c in wanted]
    rows = []
    for rowid, record in scanned:
        if len(record) != count:
            continue
        values = list(record)
        if values[0] is None and table_columns[0] == "id":
            values[0] = rowid
        rows.append(tuple(values[p] for p in positions))
    return rows


def _merge(read: list[tuple[object, ...]],
           scanned: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """What SQLite read, then scanned rows whose key it did not have."""
    keys = {row[0] for row in read}
    return read + [row for row in scanned if row[0] not in keys]


def copy_readable(damaged: Path, fresh: sqlite3.Connection) -> Recovered:
    """Copy what can be read from ``damaged`` into the (empty, current-schema) ``fresh``."""
    copied: dict[str, int] = {}
    lost: dict[str, int] = {}
    try:
        source = _open_damaged(damaged)
    except sqlite3.DatabaseError as error:
        log.error("cannot read anything from %s: %s", damaged, error)
        return Recovered()
    try:
        scanned: list[tuple[int, tuple[object, ...]]] | None = None
        for table in TABLES:
            wanted = _columns(fresh, table)
            have = _columns(source, table) or wanted  # the schema page itself may be lost
            columns = [c for c in wanted if c in have]
            if not columns:
                continue
            rows, complete = _read_rows(source, table, columns)
            unreadable = 0
            if not complete or not rows:
                # SQLite could not reach some of it: look at the pages themselves.
                if scanned is None:
                    scanned = scan_table_leaves(damaged)
                rows = _merge(rows, _rows_of(scanned, have, columns))
            names = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            verb = "INSERT OR REPLACE" if table == "people" else "INSERT OR IGNORE"
            count = 0
            fresh.execute("BEGIN IMMEDIATE")
            for row in rows:
                try:
                    cursor = fresh.execute(f"{verb} INTO {table} ({names}) VALUES ({marks})",
                                           row)
                except sqlite3.IntegrityError:  # its session or person was lost
                    unreadable += 1
                    continue
                count += max(0, cursor.rowcount)
            fresh.execute("COMMIT")
            copied[table] = count
            lost[table] = unreadable
    finally:
        source.close()
    log.warning("recovered from %s: %s (unreadable: %s)", damaged, copied, lost)
    return Recovered(copied, lost)
