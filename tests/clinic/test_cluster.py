"""The throwaway server the clinic tests use starts, takes the app's role, and stops."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres_cluster import APP_ROLE, Cluster, missing


def test_the_app_role_reaches_a_new_database_over_tcp_with_its_password(
        postgres_cluster: Cluster) -> None:
    name = postgres_cluster.create_database()
    with psycopg.connect(postgres_cluster.url(name), connect_timeout=5) as con:
        row = con.execute("SELECT current_user, current_database()").fetchone()
    assert row == (APP_ROLE, name)


def test_a_missing_server_fails_naming_the_package_when_required(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEECARE_REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match="apt-get install postgresql"):
        missing("no initdb")
    monkeypatch.delenv("KNEECARE_REQUIRE_POSTGRES")
    with pytest.raises(pytest.skip.Exception, match="apt-get install postgresql"):
        missing("no initdb")
