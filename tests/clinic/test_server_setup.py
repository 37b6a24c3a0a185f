"""docs/clinic-server.md, followed as written on a throwaway server: the roles and the
database, the app role's rights (what it needs and nothing more), ``kneecare database
init`` as the owner, and ``sslmode=verify-full`` with a clinic CA made by OpenSSL."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kneecare_desktop.cli.main import main
from kneecare_desktop.history import postgres
from kneecare_desktop.history.records import HistoryError, Outcome
from tests.conftest import REPO
from tests.postgres_cluster import SUPERUSER, Cluster, start_cluster
from tests.unit.history_helpers import T0, block, start

DOC = (REPO / "docs" / "clinic-server.md").read_text(encoding="utf-8")
PASSWORDS = {"OWNER-PASSWORD": "owner-secret-1", "APP-PASSWORD": "app-secret-2"}


def doc_sql(marker: str) -> str:
    """The SQL block of the page that starts with ``-- marker``, passwords filled in."""
    found = re.search(rf"```sql\n-- {marker}\n(.*?)```", DOC, re.S)
    assert found, marker
    sql = found.group(1)
    for placeholder, password in PASSWORDS.items():
        sql = sql.replace(placeholder, password)
    return sql


def openssl(*words: str, cwd: Path) -> None:
    subprocess.run(["openssl", *words], cwd=cwd, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def clinic_cluster() -> Iterator[tuple[Cluster, Path]]:
    """A server set up as the page says, with TLS from a clinic CA: the certificate names
    ``localhost`` only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl makes the clinic CA here")
    cluster = start_cluster(app_role=False)
    try:
        certs = cluster.root / "certs"
        certs.mkdir()
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj",
                "/CN=Clinic CA", "-keyout", "clinic-ca.key", "-out", "clinic-ca.crt", cwd=certs)
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-keyout", "server.key", "-out", "server.csr", cwd=certs)
        (certs / "san.ext").write_text("subjectAltName=DNS:localhost\n", encoding="ascii")
        openssl("x509", "-req", "-in", "server.csr", "-CA", "clinic-ca.crt", "-CAkey",
                "clinic-ca.key", "-CAcreateserial", "-days", "30", "-extfile", "san.ext",
                "-out", "server.crt", cwd=certs)
        (certs / "server.key").chmod(0o600)
        if cluster.as_postgres:
            for path in (certs, *certs.iterdir()):
                shutil.chown(path, user=SUPERUSER, group=SUPERUSER)
        with (cluster.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"ssl = on\nssl_cert_file = '{certs / 'server.crt'}'\n"
                       f"ssl_key_file = '{certs / 'server.key'}'\n")
        cluster.stop()
        cluster.start()
        cluster.psql_superuser(doc_sql("clinic-server-roles"))
        cluster.psql_superuser(doc_sql("clinic-server-grants"), database="kneecare")
        yield cluster, certs / "clinic-ca.crt"
    finally:
        cluster.cleanup()


def url(cluster: Cluster, ca: Path, role: str, host: str = "localhost") -> str:
    password = PASSWORDS["OWNER-PASSWORD" if role == "kneecare_owner" else "APP-PASSWORD"]
    return (f"postgresql://{role}:{password}@{host}:{cluster.port}/kneecare"
            f"?sslmode=verify-full&sslrootcert={ca}")


@pytest.fixture(scope="module")
def initialised(clinic_cluster: tuple[Cluster, Path]) -> tuple[Cluster, Path]:
    cluster, ca = clinic_cluster
    with pytest.MonkeyPatch.context() as patch:  # main() sets the variable from --database
        patch.setenv("KNEECARE_DATABASE_URL", "")
        assert main(["--lang", "en", "--database", url(cluster, ca, "kneecare_owner"),
                     "database", "init"]) == 0
    cluster.psql_superuser(doc_sql("clinic-server-after-init"), database="kneecare")
    return cluster, ca


@pytest.fixture(autouse=True)
def _no_server_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEECARE_DATABASE_URL", "")


def test_the_app_role_records_over_verified_tls(initialised: tuple[Cluster, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    cluster, ca = initialised
    capsys.readouterr()
    assert main(["--lang", "en", "--database", url(cluster, ca, "kneecare_app"),
                 "database", "check"]) == 0
    said = capsys.readouterr().out
    assert "user kneecare_app, database kneecare, TLS on" in said
    assert "app-secret-2" not in said
    store = postgres.PostgresHistoryStore.open_server(url(cluster, ca, "kneecare_app"),
                                                      "c" * 32)
    try:
        ana = store.add_person("Ana")
        begun = start(ana.id, T0)
        store.begin_session(begun)
        store.add_block(block(begun.uid, 1))
        store.finish_session(begun.uid, Outcome.COMPLETED, T0 + timedelta(minutes=5), 300.0)
        store.set_pain(begun.uid, after=1, note="ok")
        store.delete_session(begun.uid, T0)
        store.undo_delete(begun.uid)
        store.set_adjustments(ana.id, "calf-wall", {"sets": 3}, expected=0)
        store.set_adjustments(ana.id, "calf-wall", {}, expected=1)  # cleared: its row goes
        assert store.adjustments(ana.id) == {}
        (row,) = store.sessions(ana.id)
        assert (row.outcome, row.note) == (Outcome.COMPLETED, "ok")
    finally:
        store.close()


@pytest.mark.parametrize("statement", [
    "DROP TABLE sessions",
    "CREATE TABLE extra (id INTEGER)",
    "UPDATE kneecare_schema SET version = 99",
    "DELETE FROM sessions",
    "ALTER TABLE people ADD COLUMN extra TEXT",
])
def test_the_app_role_cannot_change_the_schema_or_delete_sessions(
        initialised: tuple[Cluster, Path], statement: str) -> None:
    cluster, ca = initialised
    con = postgres.connect(url(cluster, ca, "kneecare_app"))
    try:
        with pytest.raises(HistoryError, match=r"permission denied|must be owner"):
            con.execute(statement)
    finally:
        con.close()


def test_verify_full_refuses_a_host_the_certificate_does_not_name(
        initialised: tuple[Cluster, Path], capsys: pytest.CaptureFixture[str]) -> None:
    cluster, ca = initialised
    status = main(["--lang", "en", "--database",
                   url(cluster, ca, "kneecare_app", host="127.0.0.1"), "database", "check"])
    said = capsys.readouterr().err
    assert status == 1
    assert "The TLS check failed. Check the clinic's CA certificate, and that the host " \
           "name is the one in the server's certificate." in said
