"""The CSV export made in Python is, byte for byte, the one SQLite made cell by cell.

``history.export.block_csv_text`` reads the blocks as stored and writes the text itself
(the fast way); ``HistoryStore.export_blocks`` is the earlier way, each cell (the local end
time included) made by SQLite, kept as the reference. Both must give the same bytes for
what the app writes and for what it never writes but a file may hold (a hand-edited or
recovered database): quoted and neutralised cells, numbers stored as text, times in
other forms, dates SQLite accepts and Python does not.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from kneecare_desktop.history import export as history_export
from kneecare_desktop.history.store import HistoryStore
from tests.unit.history_helpers import block, start

ODD_ROUTINES = ["=cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab", "a,b", 'say "hi"',
                "line\nbreak", "cr\rhere", "ストレッチ（膝）", "", " spaced ", "+", "'quoted"]
ODD_ENDS = [
    "2026-03-29 01:30:00",                 # a space, no offset (SQLite: UTC)
    "2026-03-29T01:30:00Z",
    "2026-03-29T01:30:00.123456+00:00",    # microseconds
    "2026-03-29T01:30:00.000+02:00",       # another offset
    "2026-02-30T10:00:00.000+00:00",       # no such day: SQLite rolls it over
    "2026-01-01T24:00:00.000+00:00",       # hour 24
    "2026-01-01T23:59:60.000+00:00",       # second 60
    "2026-13-01T10:00:00.000+00:00",       # no such month
    "0000-01-01T00:10:00.000+00:00",       # year 0, before Python's dates
    "9999-12-31T23:59:00.000+00:00",       # after them, once moved east
    "not a time",
    "",
    "２０２６-01-01T10:00:00.000+00:00",    # other digits
]
ODD_FLOATS = [0.1 + 0.2, 1e-05, 1e16, 1e15, 0.0, -0.0, 19.987, 1 / 3, 123456789.123, 2.5e-320,
              -7.25, float("inf")]
OFFSETS = [540, -210, 345, 0, -720, 840, 60, 120, -1439, 1439]


def reference(store: HistoryStore, session_ids: list[int]) -> str:
    """The blocks' CSV as the earlier export made it: every cell from SQLite."""
    return history_export._csv_text(history_export.BLOCK_COLUMNS,
                                    store.export_blocks(session_ids))


def add_session(store: HistoryStore, when: datetime, routines: list[str],
                attempts: list[Any] | None = None) -> int:
    begun = start(store.default_person().id, when)
    session_id = store.begin_session(begun)
    for seq, routine in enumerate(routines, start=1):
        entry = block(begun.uid, seq, when)
        store.add_block(entry._replace(
            routine_id=routine, attempt=(attempts or [1] * len(routines))[seq - 1],
            actual_seconds=round(19.987 * seq, 3),
            ended=when + timedelta(seconds=37 * seq, milliseconds=seq * 333)))
    return session_id


def raw(store: HistoryStore, session_id: int, column: str, value: Any, seq: int = 1) -> None:
    """A block's column set to what the app would never write (SQLite keeps it)."""
    with store.transaction():
        store.con.execute(f"UPDATE blocks SET {column} = ? WHERE session_id = ? AND seq = ?",
                          (value, session_id, seq))


@pytest.fixture
def store(history_store: HistoryStore) -> HistoryStore:
    """What the app writes: checked against both backends, a file and a clinic's server
    (whose reference cells PostgreSQL makes)."""
    return history_store


@pytest.fixture
def sqlite_store(tmp_path: Path) -> HistoryStore:
    """What the app never writes but a file may hold (a server's typed columns refuse it)."""
    opened, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    return opened


@pytest.mark.parametrize("offset", OFFSETS)
def test_what_the_app_writes_exports_as_sqlite_made_it(store: HistoryStore, offset: int) -> None:
    zone = timezone(timedelta(minutes=offset))
    ids = []
    # Around midnight, a year's end, a leap day and a summer-time change in Europe.
    for moment in ("2026-03-28T23:59:10", "2026-12-31T23:58:59", "2028-02-28T23:59:30",
                   "2026-03-29T00:59:59", "2026-10-25T00:30:00", "2026-06-15T12:00:00"):
        when = datetime.fromisoformat(moment).replace(tzinfo=zone)
        ids.append(add_session(store, when, ["hamstring-towel", "calf-wall", "hip-hinge"],
                               attempts=[1, 2, 3]))
    made = history_export.block_csv_text(store, ids)
    assert made == reference(store, ids)
    assert made.count("\r\n") == 1 + 18
    assert history_export.block_csv_text(store, ids[1::2]) == reference(store, ids[1::2])
    assert history_export.block_csv_text(store, []) == reference(store, [])


def test_cells_to_quote_or_neutralise_export_as_sqlite_made_them(store: HistoryStore) -> None:
    when = datetime(2026, 5, 1, 6, 45, 30, tzinfo=timezone(timedelta(hours=9)))
    ids = [add_session(store, when + timedelta(days=n), [routine, routine, "calf-wall"])
           for n, routine in enumerate(ODD_ROUTINES)]
    with store.transaction():  # session uids a spreadsheet would run, or that need quotes
        uids = ["=evil()", "a,b", '"q"', "-1", "ユーザー", "new\nline", "cr\r"]
        for session_id, uid in zip(ids, uids, strict=False):
            store.con.execute("UPDATE sessions SET uid = ? WHERE id = ?", (uid, session_id))
    made = history_export.block_csv_text(store, ids)
    assert made == reference(store, ids)
    for expected in ("'=cmd|", '"a,b"', '"say ""hi"""', "'=evil()", "ストレッチ（膝）"):
        assert expected in made


@pytest.mark.parametrize("ended", ODD_ENDS)
def test_end_times_in_other_forms_export_as_sqlite_made_them(sqlite_store: HistoryStore,
                                                             ended: str) -> None:
    ids = [add_session(sqlite_store,
                       datetime(2026, 1, 1, 9, tzinfo=timezone(timedelta(minutes=m))),
                       ["hamstring-towel", "calf-wall"]) for m in (540, -300, 0)]
    for session_id in ids:
        raw(sqlite_store, session_id, "ended_utc", ended)
    assert history_export.block_csv_text(sqlite_store, ids) == reference(sqlite_store, ids)


@pytest.mark.parametrize(("column", "value"), [
    ("seq", "=x"), ("seq", "a,b"), ("set_no", 2.5), ("reps_done", "many"), ("reps_planned", "=1+1"),
    ("attempt", "again"), ("attempt", 2.5), ("attempt", b"2"), ("attempt", 0),
    ("routine_id", 12), ("routine_id", b"\x00bytes"), ("kind", "reps"),
    ("planned_seconds", "twenty"), ("actual_seconds", "-1+1"), ("actual_seconds", 7),
    *[("actual_seconds", v) for v in ODD_FLOATS], *[("planned_seconds", v) for v in ODD_FLOATS]])
def test_values_the_app_never_writes_export_as_sqlite_made_them(
        sqlite_store: HistoryStore, column: str, value: Any) -> None:
    ids = [add_session(sqlite_store,
                       datetime(2026, 7, 1, 22, 30, tzinfo=timezone(timedelta(hours=h))),
                       ["hamstring-towel", "hamstring-towel"]) for h in (9, -5)]
    raw(sqlite_store, ids[0], column, value)
    if isinstance(value, float) and value == 0.0:  # 0.0 and -0.0 side by side
        raw(sqlite_store, ids[1], column, -value)
    assert history_export.block_csv_text(sqlite_store, ids) == reference(sqlite_store, ids)


@pytest.mark.parametrize("offset", [90.5, 100_000, -100_000, "+09:00", b"\x01"])
def test_offsets_the_app_never_writes_export_as_sqlite_made_them(
        sqlite_store: HistoryStore, offset: Any) -> None:
    ids = [add_session(sqlite_store, datetime(2026, 7, 1, 22, 30, tzinfo=UTC),
                       ["hamstring-towel", "calf-wall"]) for _ in range(2)]
    with sqlite_store.transaction():
        sqlite_store.con.execute("UPDATE sessions SET utc_offset_minutes = ? WHERE id = ?",
                          (offset, ids[0]))
    assert history_export.block_csv_text(sqlite_store, ids) == reference(sqlite_store, ids)


def test_many_random_blocks_export_as_sqlite_made_them(store: HistoryStore) -> None:
    rng = random.Random(15)
    ids = []
    for _ in range(60):
        offset = rng.choice([*OFFSETS, rng.randrange(-720, 841, 15)])
        when = (datetime(2020, 1, 1, tzinfo=timezone(timedelta(minutes=offset)))
                + timedelta(seconds=rng.randrange(0, 10 * 365 * 86400),
                            milliseconds=rng.randrange(1000)))
        routines = [rng.choice(["hamstring-towel", "calf-wall", "hip-hinge"])
                    for _ in range(rng.randrange(1, 12))]
        session_id = add_session(store, when, routines,
                                 attempts=[rng.choice([1, 1, 2, 3]) for _ in routines])
        for seq in range(1, len(routines) + 1):
            raw(store, session_id, "actual_seconds",
                round(rng.uniform(0, 90), rng.randrange(0, 4)), seq)
        ids.append(session_id)
    assert history_export.block_csv_text(store, ids) == reference(store, ids)


def test_the_written_files_are_the_python_ones_byte_for_byte(store: HistoryStore,
                                                             tmp_path: Path) -> None:
    """The whole export (sessions, blocks, check-ins; BOM, CRLF) against the one made from
    the records in Python, and standard output's sections likewise."""
    zone = timezone(timedelta(minutes=-210))
    for n, routine in enumerate(ODD_ROUTINES[:6]):
        add_session(store, datetime(2026, 3, 28, 23, 59, 59, tzinfo=zone) + timedelta(days=n),
                    [routine, "calf-wall"], attempts=[1, 2])
    person = store.default_person().id
    sessions = store.sessions(person)
    store.set_pain(sessions[0].uid, before=3, after=2, note="=1+1 ひざ, \"ok\"")
    sessions = store.sessions(person)
    blocks = store.blocks([s.id for s in sessions])
    made_here = history_export.write_csv(sessions, blocks, tmp_path / "python.csv")
    made_there = history_export.write_csv_from(store, sessions, tmp_path / "store.csv")
    assert [p.read_bytes() for p in made_here] == [p.read_bytes() for p in made_there]
    assert made_there[1].read_bytes().startswith(b"\xef\xbb\xbfsession_id,seq,")
    assert (history_export.csv_sections(sessions, blocks)
            == history_export.csv_sections_from(store, sessions))


class RowsOnly:
    """A store that yields the given rows, as a server may hold them (PostgreSQL keeps
    -0.0, which SQLite stores as 0.0)."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    def export_block_rows(self, session_ids: list[int]) -> Any:
        return iter(self.rows)


def test_zero_and_minus_zero_seconds_keep_their_own_text() -> None:
    rows = [("u1", seq, "2026-01-01T10:00:00.000+00:00", 540, actual, "calf-wall", "hold",
             "left", 1, 0, 0, planned, "completed", 1)
            for seq, (planned, actual) in enumerate([(0.0, 0.0), (-0.0, -0.0), (0.0, -0.0),
                                                     (-0.0, 0.0)], start=1)]
    cells = [(r[0], r[1], *r[5:12], r[4], r[12], r[13], "False", "2026-01-01T19:00:00+09:00")
             for r in rows]
    made = history_export.block_csv_text(RowsOnly(rows), [1])  # type: ignore[arg-type]
    assert made == history_export._csv_text(history_export.BLOCK_COLUMNS, cells)
    assert ",-0.0,-0.0," in made
    assert ",0.0,-0.0," in made
