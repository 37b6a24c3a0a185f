"""A throwaway PostgreSQL cluster for the tests: made, started and stopped by a fixture.

Debian's ``initdb`` and ``pg_ctl`` live in ``/usr/lib/postgresql/<version>/bin``, off
PATH. ``initdb`` refuses to run as root, so as root the cluster belongs to the
``postgres`` user (``runuser -u postgres``), in a temporary folder that user owns; the
server listens on a Unix socket in that folder (trust, for the fixture's own set-up) and
on 127.0.0.1 at a free port (passwords, scram-sha-256: what a clinic's PCs use).

Without the binaries the tests skip, saying which package to install; under
``KNEECARE_REQUIRE_POSTGRES=1`` (``.ci/run``) they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REQUIRE_ENV = "KNEECARE_REQUIRE_POSTGRES"
PACKAGE = "postgresql"
SUPERUSER = "postgres"
APP_ROLE = "kneecare_app"
APP_PASSWORD = "clinic-test-password"


def find_bin_dir() -> Path | None:
    """The newest version's folder of server binaries, or None."""
    found = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            try:
                found.append((int(folder.parent.name), folder))
            except ValueError:
                continue
    return max(found)[1] if found else None


def missing(reason: str) -> None:
    """Skip, or fail under KNEECARE_REQUIRE_POSTGRES=1: never a silent skip in CI."""
    message = (f"{reason}: PostgreSQL's server binaries are needed "
               f"(Debian: apt-get install {PACKAGE})")
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}; {REQUIRE_ENV}=1 says they must be there", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    bin_dir: Path
    root: Path  # owned by the cluster's user; the data folder and the socket are inside
    port: int
    as_postgres: bool  # root runs the server as the postgres user
    durable: bool = False  # fsync on, as a real server (benchmarks); off for the tests
    _databases: int = field(default=0)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    def _run(self, *command: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        words = [str(self.bin_dir / command[0]), *command[1:]]
        if self.as_postgres:
            words = ["runuser", "-u", SUPERUSER, "--", *words]
        return subprocess.run(words, capture_output=True, text=True, timeout=timeout,
                              cwd=self.root, check=False)

    def init(self) -> None:
        done = self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "-E", "UTF8",
                         "--locale", "C", "--auth-local", "trust",
                         "--auth-host", "scram-sha-256", timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                       f"unix_socket_directories = '{self.socket_dir}'\n"
                       "max_connections = 60\n")
            if not self.durable:
                conf.write("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                           "shared_buffers = 16MB\n")

    def start(self) -> None:
        done = self._run("pg_ctl", "-D", str(self.data_dir), "-l",
                         str(self.root / "server.log"), "-w", "-t", "60", "start")
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl start failed: {done.stderr}\n{log}")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop")

    def psql_superuser(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER,
                             dbname=database, autocommit=True) as con:
            for statement in sql.split(";"):
                if statement.strip():
                    con.execute(statement)  # type: ignore[call-overload]

    def create_database(self, prefix: str = "kneecare") -> str:
        """A new, empty database the app's role owns; its name."""
        self._databases += 1
        name = f"{prefix}_{os.getpid()}_{self._databases}"
        self.psql_superuser(f"CREATE DATABASE {name} OWNER {APP_ROLE}")
        return name

    def url(self, database: str, password: bool = True, host: str = "127.0.0.1") -> str:
        secret = f":{APP_PASSWORD}" if password else ""
        return f"postgresql://{APP_ROLE}{secret}@{host}:{self.port}/{database}"

    def cleanup(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(durable: bool = False, app_role: bool = True) -> Cluster:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        missing("no initdb and pg_ctl in /usr/lib/postgresql/<version>/bin")
        raise AssertionError  # not reached: missing() skips or fails
    as_postgres = os.geteuid() == 0
    if as_postgres and shutil.which("runuser") is None:
        missing("running as root needs runuser (util-linux) to start the server as postgres")
    root = Path(tempfile.mkdtemp(prefix="kneecare-pg-"))
    if as_postgres:
        shutil.chown(root, user=SUPERUSER, group=SUPERUSER)
    cluster = Cluster(bin_dir, root, _free_port(), as_postgres, durable=durable)
    try:
        cluster.init()
        cluster.start()
        if app_role:
            cluster.psql_superuser(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{APP_PASSWORD}'")
    except BaseException:
        cluster.cleanup()
        raise
    return cluster
