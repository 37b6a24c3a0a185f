"""The history store: schema, round trips, damage, concurrency, refused writes."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kneecare_desktop.history.records import HistoryError, Outcome
from kneecare_desktop.history.schema import SCHEMA_VERSION, Dialect, connect
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.history.writer import HistoryWriter, WriterStatus
from tests.unit.history_helpers import T0, block, start


@pytest.fixture
def store(history_store: HistoryStore) -> HistoryStore:
    """Each test runs against both backends: a file, and a clinic's server."""
    return history_store


def test_a_new_database_has_the_schema_pragmas_and_a_default_person(
        store: HistoryStore) -> None:
    assert store.schema_version == SCHEMA_VERSION
    if store.dialect is Dialect.SQLITE:
        assert store.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    person = store.default_person()
    assert person.is_default
    assert store.people() == [person]


def test_session_round_trip_with_local_offset_kept(store: HistoryStore) -> None:
    tokyo = timezone(timedelta(hours=9))
    person = store.default_person().id
    begun = start(person, when=T0.astimezone(tokyo))
    store.begin_session(begun)
    for seq in (1, 2):
        store.add_block(block(begun.uid, seq))
    store.add_block(block(begun.uid, 3, outcome="skipped", side="right"))
    store.set_pain(begun.uid, before=5)
    store.finish_session(begun.uid, Outcome.COMPLETED, T0 + timedelta(minutes=5), 47.5)
    store.set_pain(begun.uid, after=3, note="少し楽になった")
    (row,) = store.sessions()
    assert row.uid == begun.uid
    assert row.started == T0
    assert row.started.utcoffset() == timedelta(hours=9)  # shown in the local time then
    assert row.started.hour == 16
    assert store.con.execute("SELECT started_utc FROM sessions").fetchone()[0] == \
        "2026-11-02T07:30:00.000+00:00"
    assert (row.outcome, row.pain_before, row.pain_after, row.note) == (
        Outcome.COMPLETED, 5, 3, "少し楽になった")
    assert row.overrides == {"hamstring-towel": {"hold_seconds": 30}}
    assert row.duration_seconds == 47.5
    blocks = store.blocks([row.id])
    assert [(b.seq, b.outcome, b.side) for b in blocks] == [
        (1, "completed", "left"), (2, "completed", "left"), (3, "skipped", "right")]


def test_a_block_written_twice_is_kept_once(store: HistoryStore) -> None:
    begun = start(store.default_person().id)
    store.begin_session(begun)
    store.add_block(block(begun.uid, 1))
    store.add_block(block(begun.uid, 1))
    assert len(store.blocks()) == 1


def test_pain_outside_0_to_10_is_refused(store: HistoryStore) -> None:
    begun = start(store.default_person().id)
    store.begin_session(begun)
    with pytest.raises(ValueError, match="0 to 10"):
        store.set_pain(begun.uid, before=11)


def test_a_running_session_left_behind_becomes_interrupted(store: HistoryStore) -> None:
    begun = start(store.default_person().id)
    store.begin_session(begun)
    store.add_block(block(begun.uid, 1))
    store.add_block(block(begun.uid, 2))
    (row,) = store.recover_interrupted()
    assert row.outcome is Outcome.INTERRUPTED
    assert row.ended == T0 + timedelta(seconds=60)  # the last block's end
    assert row.active_seconds == 40.0
    assert store.last_completed_block(begun.uid) == 1
    assert store.recover_interrupted() == []


def test_delete_and_undo(store: HistoryStore) -> None:
    begun = start(store.default_person().id)
    store.begin_session(begun)
    store.add_block(block(begun.uid, 1))
    store.delete_session(begun.uid, T0)
    assert store.sessions() == []
    assert store.blocks() == []
    store.undo_delete(begun.uid)
    assert len(store.sessions()) == 1
    store.delete_session(begun.uid, T0)
    if store.dialect is Dialect.POSTGRESQL:
        # A server keeps the tombstone: a PC whose queue still changes the session, and
        # every other PC, sees it deleted (never brought back by a late upload).
        assert store.purge_deleted() == 0
        assert store.sessions() == []
        return
    assert store.purge_deleted() == 1
    assert store.con.execute("SELECT count(*) FROM blocks").fetchone()[0] == 0  # cascade


def test_filters_by_local_date_and_routine(store: HistoryStore) -> None:
    person = store.default_person().id
    for day in range(10):
        store.begin_session(start(person, when=T0 + timedelta(days=day),
                                  item="calf-wall" if day % 2 else "knee-care"))
    since, until = date(2026, 11, 4), date(2026, 11, 7)
    rows = store.sessions(person, since=since, until=until)
    assert [r.started.date() for r in rows] == [date(2026, 11, d) for d in (4, 5, 6, 7)]
    assert {r.item_id for r in store.sessions(person, item_id="calf-wall")} == {"calf-wall"}


def test_damaged_file_is_moved_aside_with_its_wal_and_shm(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    Path(str(path) + "-wal").write_bytes(b"wal")
    Path(str(path) + "-shm").write_bytes(b"shm")
    store, report = HistoryStore.open(path, now=datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    assert report.moved_aside == tmp_path / "history.sqlite3.corrupt-20261125T080000"
    assert report.moved_aside.read_bytes().startswith(b"this is not a database")
    assert Path(str(report.moved_aside) + "-wal").read_bytes() == b"wal"
    assert Path(str(report.moved_aside) + "-shm").read_bytes() == b"shm"
    assert store.schema_version == SCHEMA_VERSION  # a fresh one took its place
    assert store.sessions() == []


def test_a_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store, _ = HistoryStore.open(path)
    store.begin_session(start(store.default_person().id))
    store.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00" * 500)  # the header survives, the pages do not
    fresh, report = HistoryStore.open(path)
    assert report.moved_aside is not None
    assert fresh.sessions() == []


def test_a_newer_schema_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(HistoryError, match="newer KneeCare"):
        HistoryStore.open(path)
    assert path.exists()


def test_migration_from_an_empty_version_0_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    sqlite3.connect(path).close()  # an empty database: version 0
    store, report = HistoryStore.open(path)
    assert report.moved_aside is None
    assert store.schema_version == SCHEMA_VERSION


def test_a_folder_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(HistoryError, match="cannot create"):
        HistoryStore.open(blocker / "history.sqlite3")


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path)[0].close()
    uids: list[str] = []

    def write(count: int) -> None:
        store, _ = HistoryStore.open(path)
        person = store.default_person().id
        for _ in range(count):
            begun = start(person)
            store.begin_session(begun)
            uids.append(begun.uid)
            for seq in range(1, 4):
                store.add_block(block(begun.uid, seq))
        store.close()

    threads = [threading.Thread(target=write, args=(25,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store, _ = HistoryStore.open(path)
    assert len(store.sessions()) == 75
    assert len(store.blocks()) == 225
    assert store.integrity_ok()


def test_writer_keeps_refused_writes_in_memory_and_retries(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    statuses: list[WriterStatus] = []
    writer = HistoryWriter(path, on_status=statuses.append)
    person = 1
    begun = start(person)
    writer.begin(begun)
    writer.block(block(begun.uid, 1))
    assert writer.flush()
    # The disk refuses: the database turns read-only under the writer.
    writer.call(lambda store: store.con.execute("PRAGMA query_only = ON"))
    writer.block(block(begun.uid, 2))
    writer.block(block(begun.uid, 3))
    writer.finish(begun.uid, Outcome.COMPLETED, T0 + timedelta(minutes=3), 60.0)
    assert writer.flush()
    assert writer.status.healthy is False
    assert writer.status.unsaved == 3
    assert "readonly" in writer.status.error
    unsaved = writer.unsaved()
    assert [u["operation"] for u in unsaved] == ["block", "block", "finish"]
    assert unsaved[0]["seq"] == 2
    # The disk accepts writes again (the writer is idle after flush, so the test may
    # reach its connection): the next retry writes everything, in order.
    assert writer._store is not None
    writer._store.con.execute("PRAGMA query_only = OFF")
    writer.retry()
    assert writer.flush()
    assert writer.status == WriterStatus(True, 0, "")
    writer.close()
    store, _ = HistoryStore.open(path)
    (row,) = store.sessions()
    assert row.outcome is Outcome.COMPLETED
    assert [b.seq for b in store.blocks()] == [1, 2, 3]
    assert statuses[0] == WriterStatus(False, 1, "attempt to write a readonly database")
    assert [s.unsaved for s in statuses if not s.healthy] == [1, 2, 3]
    assert statuses[-1].healthy


def test_writer_without_a_usable_folder_keeps_everything(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    writer = HistoryWriter(blocker / "history.sqlite3")
    begun = start(1)
    writer.begin(begun)
    writer.block(block(begun.uid, 1))
    assert writer.flush()
    assert writer.status.unsaved == 2
    assert "cannot create" in writer.status.error
    writer.close()


def test_connect_sets_full_sync_on_every_connection(tmp_path: Path) -> None:
    con = connect(tmp_path / "x.sqlite3")
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 2


def make_database_at(path: Path, version: int) -> None:
    """A database as an older KneeCare left it: the first ``version`` migrations."""
    from kneecare_desktop.history.schema import MIGRATIONS, run_step

    con = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:version]:
        con.execute("BEGIN")
        run_step(con, step, Dialect.SQLITE)
        con.execute("COMMIT")
    con.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        con.execute("INSERT INTO people (name, is_default, created_utc) "
                    "VALUES ('', 1, '2020-01-01T00:00:00.000+00:00')")
        con.execute("""INSERT INTO sessions (uid, person_id, item_id, item_kind, title_ja,
                       title_en, planned_seconds, started_utc, utc_offset_minutes, outcome)
                       VALUES ('old', 1, 'calf-wall', 'routine', 'ふくらはぎ', 'Calf', 110,
                       '2020-01-01T07:00:00.000+00:00', 540, 'completed')""")
    con.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migration_from_every_earlier_version_keeps_the_data(tmp_path: Path,
                                                             version: int) -> None:
    path = tmp_path / "history.sqlite3"
    make_database_at(path, version)
    store, report = HistoryStore.open(path)
    assert report.moved_aside is None
    assert store.schema_version == SCHEMA_VERSION
    if version >= 1:
        (row,) = store.sessions()
        assert (row.uid, row.item_id, row.title_ja) == ("old", "calf-wall", "ふくらはぎ")
    assert store.checkins() == []  # the newest tables exist
    assert store.integrity_ok()


def test_check_ins_round_trip_and_follow_ups(store: HistoryStore) -> None:
    from kneecare_desktop.history.records import CheckinRecord

    person = store.default_person().id
    first = CheckinRecord("c1", person, T0, "knee-checkin", ("calves-pumped", "swollen"),
                          "calves", "calf-wall", "rest")
    follow = CheckinRecord("c2", person, T0 + timedelta(days=1), "knee-checkin", (), None,
                           None, "run_shorter", follow_up_of="c1", worse_next_day=True)
    store.add_checkin(first)
    store.add_checkin(follow)
    assert store.checkins() == [first, follow]
    assert store.checkins(since=date(2026, 11, 3)) == [follow]


def test_export_includes_check_ins(store: HistoryStore, tmp_path: Path) -> None:
    from kneecare_desktop.history import export as history_export
    from kneecare_desktop.history.records import CheckinRecord

    person = store.default_person().id
    begun = start(person)
    store.begin_session(begun)
    store.add_block(block(begun.uid, 1))
    store.add_checkin(CheckinRecord("c1", person, T0, "knee-checkin", ("hills-speed",),
                                    "hamstrings", "hamstring-towel", "run_ok"))
    sessions = store.sessions()
    paths = history_export.write_csv(sessions, store.blocks(), tmp_path / "out.csv",
                                     store.checkins())
    assert [p.name for p in paths] == ["out.csv", "out-blocks.csv", "out-checkins.csv"]
    checkins_csv = paths[2].read_text(encoding="utf-8-sig").splitlines()
    assert checkins_csv[0].startswith("checkin_id,date,taken_local,ticked,cause")
    assert "hamstrings,hamstring-towel,run_ok" in checkins_csv[1]
    data = history_export.to_json(sessions, store.blocks(), store.checkins())
    assert '"advice": "run_ok"' in data


def test_a_second_save_of_changed_adjustments_is_told_and_given_both(
        store: HistoryStore) -> None:
    from kneecare_desktop.history.records import AdjustmentChangedError

    person = store.default_person().id
    seen_by_a = store.adjustment_versions(person).get("calf-wall", 0)  # both PCs open it
    seen_by_b = store.adjustment_versions(person).get("calf-wall", 0)
    assert store.set_adjustments(person, "calf-wall", {"hold_seconds": 40},
                                 expected=seen_by_b) == 1
    with pytest.raises(AdjustmentChangedError) as told:
        store.set_adjustments(person, "calf-wall", {"hold_seconds": 25}, expected=seen_by_a)
    assert told.value.theirs == {"hold_seconds": 40}
    assert told.value.yours == {"hold_seconds": 25}
    assert told.value.version == 1
    assert store.adjustments(person) == {"calf-wall": {"hold_seconds": 40}}  # not overwritten
    # Saved again on purpose, from what is there now: it is kept.
    assert store.set_adjustments(person, "calf-wall", {"hold_seconds": 25},
                                 expected=told.value.version) == 2
    assert store.adjustments(person) == {"calf-wall": {"hold_seconds": 25}}


@pytest.mark.parametrize("offset", [540, -210, 0, 345])
def test_an_exported_block_ends_at_its_local_time_as_isoformat_writes_it(
        store: HistoryStore, offset: int) -> None:
    zone = timezone(timedelta(minutes=offset))
    begun = start(store.default_person().id, T0.astimezone(zone))
    session_id = store.begin_session(begun)
    store.add_block(block(begun.uid, 1, T0.astimezone(zone)))
    (cells,) = list(store.export_blocks([session_id]))
    (recorded,) = store.blocks([session_id])
    assert cells[-1] == recorded.ended.isoformat(timespec="seconds")
    assert cells[0] == begun.uid
    assert store.count_blocks([session_id]) == 1
