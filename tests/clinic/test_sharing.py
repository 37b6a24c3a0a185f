"""Several PCs on one server: each PC's queue reaches the server exactly once, offline or
not, and start-up recovery ends only this PC's sessions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kneecare_desktop.history import outbox, postgres
from kneecare_desktop.history.records import CheckinRecord, Outcome
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.history.writer import HistoryWriter, ServerTarget, WriterStatus
from kneecare_desktop.model import Advice
from tests.postgres_cluster import Cluster
from tests.unit.history_helpers import T0, block, start

Opener = Callable[..., postgres.PostgresHistoryStore]
PC_A = "a" * 32
PC_B = "b" * 32


@pytest.fixture
def server_url(postgres_cluster: Cluster) -> str:
    url = postgres_cluster.url(postgres_cluster.create_database())
    postgres.migrate(url, create=True)
    return url


@pytest.fixture
def opened() -> Iterator[list[HistoryStore]]:
    """Stores a test opens, closed after it."""
    stores: list[HistoryStore] = []
    yield stores
    for store in stores:
        store.close()


@pytest.fixture
def on_server(opened: list[HistoryStore]) -> Opener:
    def open_one(url: str, device: str | None = None) -> postgres.PostgresHistoryStore:
        store = postgres.PostgresHistoryStore.open_server(url, device)
        opened.append(store)
        return store
    return open_one


def counts(store: HistoryStore) -> tuple[int, int, int]:
    return tuple(int(store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                 for table in ("sessions", "blocks", "checkins"))  # type: ignore[return-value]


def test_recovery_at_start_ends_only_this_pcs_running_sessions(
        server_url: str, on_server: Opener) -> None:
    pc_a = on_server(server_url, PC_A)
    pc_b = on_server(server_url, PC_B)
    person = pc_a.default_person().id
    mine, theirs = start(person, T0), start(person, T0 + timedelta(minutes=1))
    pc_a.begin_session(mine)
    pc_b.begin_session(theirs)  # live on the treatment-room PC
    (recovered,) = pc_a.recover_interrupted()  # the reception PC restarts after a crash
    assert recovered.uid == mine.uid
    assert recovered.outcome is Outcome.INTERRUPTED
    still = pc_b.session(theirs.uid)
    assert still is not None
    assert still.outcome is Outcome.RUNNING


def test_a_session_reaches_the_server_through_the_queue(
        tmp_path: Path, server_url: str, on_server: Opener) -> None:
    statuses: list[WriterStatus] = []
    writer = HistoryWriter(tmp_path / "history.sqlite3", on_status=statuses.append,
                           server=ServerTarget(server_url, PC_A))
    person = on_server(server_url).default_person().id
    begun = start(person, T0)
    writer.begin(begun)
    for seq in (1, 2, 3):
        writer.block(block(begun.uid, seq))
    writer.finish(begun.uid, Outcome.COMPLETED, T0 + timedelta(minutes=5), 300.0)
    writer.pain(begun.uid, after=2, note="better")
    writer.checkin(CheckinRecord("c1", person, T0, "knee", (), None, None, Advice.RUN_OK))
    assert writer.flush()
    server = on_server(server_url)
    row = server.session(begun.uid)
    assert row is not None
    assert (row.outcome, row.pain_after, row.note) == (Outcome.COMPLETED, 2, "better")
    assert counts(server) == (1, 3, 1)
    assert writer.status.queued == 0
    assert not writer.status.offline
    writer.delete(begun.uid, T0 + timedelta(days=1))  # a tombstone every PC sees
    assert writer.flush()
    assert server.sessions() == []
    assert counts(server) == (1, 3, 1)
    writer.close()


def test_a_server_that_stops_mid_session_gets_the_queue_once_it_is_back(
        tmp_path: Path, server_url: str,
        on_server: Opener, postgres_cluster: Cluster) -> None:
    statuses: list[WriterStatus] = []
    writer = HistoryWriter(tmp_path / "history.sqlite3", on_status=statuses.append,
                           server=ServerTarget(server_url, PC_A, connect_timeout=2))
    person = on_server(server_url).default_person().id
    begun = start(person, T0)
    writer.begin(begun)
    writer.block(block(begun.uid, 1))
    assert writer.flush()
    assert writer.status.queued == 0
    postgres_cluster.stop()
    try:
        for seq in (2, 3, 4):
            writer.block(block(begun.uid, seq))
        writer.finish(begun.uid, Outcome.COMPLETED, T0 + timedelta(minutes=5), 300.0)
        assert writer.flush()
        status = writer.status
        assert status.offline
        assert status.queued == 4
        assert status.healthy  # nothing is lost: it is all in this PC's file
        assert any(s.offline for s in statuses)
        writer.retry()  # still down: stays queued
        assert writer.flush()
        assert writer.status.queued == 4
    finally:
        postgres_cluster.start()
    writer.retry()
    assert writer.flush()
    assert not writer.status.offline
    assert writer.status.queued == 0
    server = on_server(server_url)
    assert counts(server)[:2] == (1, 4)
    row = server.session(begun.uid)
    assert row is not None
    assert row.outcome is Outcome.COMPLETED
    writer.close()


def test_a_queue_sent_but_not_cleared_is_not_duplicated(
        tmp_path: Path, server_url: str, on_server: Opener) -> None:
    """A kill -9 between the server's commit and the row's removal: sent again, the same
    session, blocks and check-in are there once."""
    local, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    server = on_server(server_url)
    person = server.default_person().id
    begun = start(person, T0)
    outbox.enqueue(local, outbox.BEGIN, begun)
    for seq in (1, 2):
        outbox.enqueue(local, outbox.BLOCK, block(begun.uid, seq))
    outbox.enqueue(local, outbox.FINISH, (begun.uid, Outcome.STOPPED,
                                          T0 + timedelta(minutes=1), 40.0))
    outbox.enqueue(local, outbox.CHECKIN, CheckinRecord("c1", person, T0, "knee", (),
                                                        None, None, None))
    for row in outbox.pending(local):  # sent, then "killed" before any row was cleared
        outbox.apply(server, row.kind, row.payload)
    local.close()
    writer = HistoryWriter(tmp_path / "history.sqlite3", server=ServerTarget(server_url, PC_A))
    assert writer.flush()
    assert writer.status.queued == 0
    assert counts(server) == (1, 2, 1)
    row = server.session(begun.uid)
    assert row is not None
    assert row.outcome is Outcome.STOPPED
    writer.close()


def test_an_unreachable_server_at_start_records_into_the_queue(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://kneecare_app:secret@127.0.0.1:{port}/kneecare"
    writer = HistoryWriter(tmp_path / "history.sqlite3", server=ServerTarget(url, PC_A))
    begun = start(1, T0)
    writer.begin(begun)
    writer.block(block(begun.uid, 1))
    answers: list[object] = []
    writer.call(lambda store: store.people(), answers.append)
    assert writer.flush()
    status = writer.status
    assert status.offline
    assert status.queued == 2
    assert "secret" not in status.server_error
    assert answers == [None]  # offline, a read is answered at once, with nothing
    writer.close()
    local, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    assert [row.kind for row in outbox.pending(local)] == ["begin", "block"]
    local.close()


def test_two_pcs_saving_one_persons_adjustments_the_second_is_told(
        server_url: str, on_server: Opener) -> None:
    from kneecare_desktop.history.records import AdjustmentChangedError

    room, reception = on_server(server_url, PC_A), on_server(server_url, PC_B)
    ana = room.add_person("Ana")
    room_saw = room.adjustment_versions(ana.id).get("hamstring-towel", 0)
    reception_saw = reception.adjustment_versions(ana.id).get("hamstring-towel", 0)
    reception.set_adjustments(ana.id, "hamstring-towel", {"sets": 3}, expected=reception_saw)
    with pytest.raises(AdjustmentChangedError) as told:
        room.set_adjustments(ana.id, "hamstring-towel", {"sets": 1}, expected=room_saw)
    assert (told.value.theirs, told.value.yours) == ({"sets": 3}, {"sets": 1})
    assert room.adjustments(ana.id) == {"hamstring-towel": {"sets": 3}}


def test_a_change_the_server_refuses_stays_first_in_the_queue_and_is_said(
        tmp_path: Path, server_url: str) -> None:
    local, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    outbox.enqueue(local, outbox.BLOCK, block("no-such-session", 1))  # its start was lost
    outbox.enqueue(local, outbox.CHECKIN, CheckinRecord("c9", 1, T0, "knee", (), None,
                                                        None, None))
    local.close()
    writer = HistoryWriter(tmp_path / "history.sqlite3", server=ServerTarget(server_url, PC_A))
    assert writer.flush()
    status = writer.status
    assert (status.offline, status.queued) == (False, 2)  # kept, in order, not skipped
    assert "no session no-such-session" in status.server_error
    writer.close()


def test_a_long_queue_goes_up_in_parts_with_new_changes_between_them(
        tmp_path: Path, server_url: str, on_server: Opener) -> None:
    local, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    person = on_server(server_url).default_person().id
    begun = start(person, T0)
    outbox.enqueue(local, outbox.BEGIN, begun)
    for seq in range(1, 350):
        outbox.enqueue(local, outbox.BLOCK, block(begun.uid, seq))
    local.close()
    waiting_when_kept: list[int] = []
    writer = HistoryWriter(tmp_path / "history.sqlite3", server=ServerTarget(server_url, PC_A),
                           on_written=lambda _kind, _payload: waiting_when_kept.append(
                               outbox_count(tmp_path)))
    later = start(person, T0 + timedelta(hours=1))
    writer.begin(later)  # made while the old queue is going up: not kept waiting for it
    while writer.flush() and writer.status.queued:
        pass
    server = on_server(server_url)
    assert counts(server)[:2] == (2, 349)
    (waiting,) = waiting_when_kept
    assert waiting > 100  # the new session was in this PC's file before the old queue was up
    writer.close()


def outbox_count(home: Path) -> int:
    import sqlite3

    con = sqlite3.connect(home / "history.sqlite3")
    try:
        return int(con.execute("SELECT count(*) FROM outbox").fetchone()[0])
    finally:
        con.close()


def test_a_pc_keeps_a_copy_of_the_people_and_reads_it_while_the_server_is_down(
        tmp_path: Path, server_url: str, on_server: Opener,
        postgres_cluster: Cluster) -> None:
    reception = on_server(server_url)
    ana = reception.add_person("Ana Silva")
    reception.set_adjustments(ana.id, "hamstring-towel", {"hold_seconds": 40}, expected=0)
    reception.archive_person(reception.add_person("Old Patient").id)
    file = tmp_path / "history.sqlite3"
    answers: list[object] = []

    def read_people(writer: HistoryWriter) -> object:
        writer.call(lambda store: store.people(), answers.append,
                    offline=lambda copy: (copy.listed(), copy.adjustments_of(ana.id)))
        assert writer.flush()
        return answers.pop()

    def writer_on(url: str) -> HistoryWriter:
        return HistoryWriter(file, server=ServerTarget(url, PC_A, connect_timeout=2))

    before = writer_on(server_url)
    on_line = read_people(before)
    before.close()
    assert [p.name for p in on_line] == ["", "Ana Silva"]  # type: ignore[attr-defined]
    postgres_cluster.stop()
    try:
        offline = writer_on(server_url)
        people, adjustments = read_people(offline)  # type: ignore[misc]
        assert offline.status.offline
        assert people == on_line  # the archived one not listed, as on the server
        assert adjustments == {"hamstring-towel": {"hold_seconds": 40}}
        # Nothing without an offline answer, and no copy of another server.
        offline.call(lambda store: store.people(), answers.append)
        assert offline.flush()
        assert answers.pop() is None
        offline.close()
        other = writer_on(postgres_cluster.url("another_clinic"))
        assert read_people(other) is None
        other.close()
    finally:
        postgres_cluster.start()
