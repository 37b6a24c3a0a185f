"""Two PCs, as two processes with two data folders, record 500 sessions each at the same
time to one server: every session is there once, with its block, from the PC that
recorded it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kneecare_desktop.history import postgres
from tests.conftest import REPO
from tests.postgres_cluster import Cluster

SESSIONS = 500


@pytest.mark.timeout(600)
def test_two_pcs_write_500_sessions_each_none_lost_none_duplicated(
        tmp_path: Path, postgres_cluster: Cluster) -> None:
    url = postgres_cluster.url(postgres_cluster.create_database())
    postgres.migrate(url, create=True)
    setup = postgres.PostgresHistoryStore.open_server(url)
    ana = setup.add_person("Ana")
    setup.close()
    children = []
    for name in ("reception", "treatment-room"):
        home = tmp_path / name
        env = {**os.environ, "KNEECARE_HOME": str(home), "PYTHONPATH": str(REPO)}
        children.append(subprocess.Popen(
            [sys.executable, "-m", "tests.clinic.pc_child", url, str(ana.id), str(SESSIONS)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    recorded: dict[str, set[str]] = {}
    for name, child in zip(("reception", "treatment-room"), children, strict=True):
        out, err = child.communicate(timeout=540)
        assert child.returncode == 0, err[-2000:]
        device = (tmp_path / name / "device-id").read_text(encoding="ascii").strip()
        recorded[device] = set(out.split())
        assert len(recorded[device]) == SESSIONS
    assert len(recorded) == 2  # two PCs, two device ids
    server = postgres.PostgresHistoryStore.open_server(url)
    try:
        rows = server.con.execute(
            "SELECT s.uid, s.device_id, s.outcome, count(b.id) FROM sessions s "
            "LEFT JOIN blocks b ON b.session_id = s.id GROUP BY s.id").fetchall()
    finally:
        server.close()
    assert len(rows) == 2 * SESSIONS  # none duplicated (uids are unique) and none lost
    on_server: dict[str, set[str]] = {}
    for uid, device, outcome, blocks in rows:
        on_server.setdefault(device, set()).add(uid)
        assert (outcome, blocks) == ("completed", 1), uid
    assert on_server == recorded


@pytest.mark.timeout(600)
def test_a_kill_9_during_the_upload_loses_nothing_and_duplicates_nothing(
        tmp_path: Path, postgres_cluster: Cluster) -> None:
    import signal
    import socket

    url = postgres_cluster.url(postgres_cluster.create_database())
    postgres.migrate(url, create=True)
    env = {**os.environ, "KNEECARE_HOME": str(tmp_path / "pc"), "PYTHONPATH": str(REPO)}

    def child(target: str, sessions: int) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.clinic.pc_child", target, "1", str(sessions)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        down = f"postgresql://kneecare_app@127.0.0.1:{probe.getsockname()[1]}/kneecare"
    offline = child(down, 300)  # the server is down: all of it goes into the queue
    out, err = offline.communicate(timeout=300)
    assert offline.returncode == 2, err[-2000:]
    recorded = set(out.split())
    assert len(recorded) == 300
    server = postgres.PostgresHistoryStore.open_server(url)
    try:
        uploading = child(url, 0)  # the server is back: the queue goes up...
        sent = 0
        while uploading.poll() is None and sent < 60:
            sent = int(server.con.execute("SELECT count(*) FROM sessions").fetchone()[0])
        uploading.send_signal(signal.SIGKILL)  # ...and the PC is killed halfway
        uploading.communicate(timeout=60)
        assert 0 < sent < 300
        again = child(url, 0)  # the next start sends the rest
        out, err = again.communicate(timeout=300)
        assert again.returncode == 0, err[-2000:]
        rows = server.con.execute(
            "SELECT s.uid, s.outcome, count(b.id) FROM sessions s "
            "LEFT JOIN blocks b ON b.session_id = s.id GROUP BY s.id").fetchall()
    finally:
        server.close()
    assert {uid for uid, _outcome, _blocks in rows} == recorded
    assert len(rows) == 300
    assert {(outcome, blocks) for _uid, outcome, blocks in rows} == {("completed", 1)}
