"""``kneecare database init|check|migrate`` against a real server: each failure a clinic
meets is said so that the staff can act on it, and a password never shows."""

from __future__ import annotations

import pytest

from kneecare_desktop.cli.main import main
from kneecare_desktop.history import postgres
from kneecare_desktop.history.schema import MIGRATIONS, SCHEMA_VERSION, Dialect, run_step
from tests.postgres_cluster import APP_PASSWORD, Cluster


@pytest.fixture(autouse=True)
def _no_server_url(monkeypatch: pytest.MonkeyPatch) -> None:
    # main() sets the variable from --database; monkeypatch puts it back as it was.
    monkeypatch.setenv("KNEECARE_DATABASE_URL", "")


def kneecare(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    status = main(["--lang", "en", *words])
    out, err = capsys.readouterr()
    return status, out + err


def test_init_then_check_then_init_again(postgres_cluster: Cluster,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_cluster.url(postgres_cluster.create_database())
    status, said = kneecare(capsys, "--database", url, "database", "check")
    assert status == 1
    assert "no KneeCare tables yet. Run 'kneecare database init'" in said
    assert APP_PASSWORD not in said
    assert "kneecare_app:***@" in said
    status, said = kneecare(capsys, "--database", url, "database", "init")
    assert (status, said) == (0, f"Created the history's tables (schema version "
                                 f"{SCHEMA_VERSION}).\n")
    status, said = kneecare(capsys, "--database", url, "database", "check")
    assert status == 0
    assert f"version {SCHEMA_VERSION}, the one this KneeCare writes. Ready." in said
    status, said = kneecare(capsys, "--database", url, "database", "init")
    assert (status, said) == (0, f"The history schema is already version {SCHEMA_VERSION}; "
                                 "nothing was changed.\n")


def test_a_wrong_password_says_where_the_password_is_kept(
        postgres_cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_cluster.url(postgres_cluster.create_database()).replace(
        APP_PASSWORD, "not-the-password")
    status, said = kneecare(capsys, "--database", url, "database", "check")
    assert status == 1
    assert "The server refused the password. Check the password in ~/.pgpass" in said
    assert "not-the-password" not in said


def test_a_missing_database_says_to_create_it(postgres_cluster: Cluster,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    status, said = kneecare(capsys, "--database", postgres_cluster.url("no_such_db"),
                            "database", "init")
    assert status == 1
    assert "The database does not exist on the server. Create it as " \
           "docs/clinic-server.md shows" in said


def test_a_server_that_is_down_is_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status, said = kneecare(capsys, "--database",
                            f"postgresql://kneecare_app:secret@127.0.0.1:{port}/kneecare",
                            "database", "check")
    assert status == 1
    assert "The server cannot be reached (it is down, or the network is)" in said
    assert "secret" not in said


def test_no_url_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, said = kneecare(capsys, "database", "check")
    assert status == 2
    assert "No server given. Use --database URL or KNEECARE_DATABASE_URL" in said


def test_an_older_schema_is_migrated_and_a_newer_one_refused(
        postgres_cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_cluster.url(postgres_cluster.create_database())
    con = postgres.connect(url)
    con.execute("CREATE TABLE kneecare_schema (version INTEGER NOT NULL, one_row BOOLEAN "
                "PRIMARY KEY DEFAULT true CHECK (one_row))")
    con.execute("INSERT INTO kneecare_schema (version) VALUES (?)", (SCHEMA_VERSION - 1,))
    for step in MIGRATIONS[:SCHEMA_VERSION - 1]:
        run_step(con, step, Dialect.POSTGRESQL)
    con.execute("INSERT INTO people (name, is_default, created_utc) VALUES ('', 1, 'x')")
    con.close()
    with pytest.raises(postgres.SchemaMismatchError, match="older"):
        postgres.PostgresHistoryStore.open_server(url)
    status, said = kneecare(capsys, "--database", url, "database", "check")
    assert status == 1
    assert f"older version {SCHEMA_VERSION - 1}" in said
    status, said = kneecare(capsys, "--database", url, "database", "migrate")
    assert status == 0
    assert said == (f"Moved the history schema from version {SCHEMA_VERSION - 1} to "
                    f"{SCHEMA_VERSION}.\n")
    store = postgres.PostgresHistoryStore.open_server(url)
    assert len(store.people()) == 1  # the default person, kept, not made twice
    store.con.execute("UPDATE kneecare_schema SET version = 99")
    store.close()
    status, said = kneecare(capsys, "--database", url, "database", "migrate")
    assert status == 1
    assert "newer version 99" in said
    assert "Update KneeCare on this PC" in said


def test_history_commands_read_the_server_every_pc_writes(
        postgres_cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.unit.history_helpers import T0, start

    url = postgres_cluster.url(postgres_cluster.create_database())
    assert kneecare(capsys, "--database", url, "database", "init")[0] == 0
    other_pc = postgres.PostgresHistoryStore.open_server(url, device_id="a" * 32)
    ana = other_pc.add_person("Ana")
    other_pc.begin_session(start(ana.id, T0))
    other_pc.close()
    status, said = kneecare(capsys, "--database", url, "history", "--person", "ana",
                            "export", "--format", "json")
    assert status == 0
    assert '"title_en": "Knee care program"' in said


def test_a_server_without_tls_when_tls_is_required_is_said_so(
        postgres_cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_cluster.url(postgres_cluster.create_database()) + "?sslmode=require"
    status, said = kneecare(capsys, "--database", url, "database", "check")
    assert status == 1
    assert "The server does not offer TLS. Turn on ssl on the server" in said
