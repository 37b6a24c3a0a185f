"""A clinic server's settings: a password never goes in the settings file or the log, the
URL is built from the Settings page's fields, and this PC's device id is made once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kneecare_desktop import settings_rules
from kneecare_desktop.history.clinic import (
    Problem,
    ServerSettings,
    database_url,
    device_id,
    diagnose,
    redact,
)


@pytest.mark.parametrize(("said", "shown"), [
    ("postgresql://app:s3cret@db/kneecare", "postgresql://app:***@db/kneecare"),
    ("postgresql://app@db/kneecare?sslmode=require&password=s3cret",
     "postgresql://app@db/kneecare?sslmode=require&password=***"),
    ("host=db password='s3 cret' user=app", "host=db password=*** user=app"),
    ("host=db PASSWORD=s3cret", "host=db PASSWORD=***"),
])
def test_a_password_is_never_shown(said: str, shown: str) -> None:
    assert redact(said) == shown


def test_the_settings_refuse_a_password_or_a_url_in_a_name() -> None:
    for key, raw in (("database/host", "postgresql://app:pw@db/kneecare"),
                     ("database/user", "app password=pw")):
        value, bad = settings_rules.read(key, raw)
        assert value == settings_rules.RULES[key].default
        assert bad is not None
        assert "~/.pgpass" in bad.expected.en
    assert settings_rules.read("database/sslmode", "verify-full") == ("verify-full", None)
    assert settings_rules.read("database/sslmode", "sometimes")[1] is not None
    assert not any("password" in key for key in settings_rules.RULES)


def test_the_url_comes_from_the_command_line_then_the_settings() -> None:
    page = ServerSettings(host="db.clinic.example", user="kneecare app", database="kneecare",
                          sslrootcert="/etc/kneecare/clinic ca.crt")
    assert database_url({}, page) == (
        "postgresql://kneecare%20app@db.clinic.example:5432/kneecare?sslmode=verify-full"
        "&sslrootcert=/etc/kneecare/clinic%20ca.crt")
    assert database_url({"KNEECARE_DATABASE_URL": " postgresql:///?service=k "}, page) == \
        "postgresql:///?service=k"
    assert database_url({}, ServerSettings()) == ""  # no host: the file on this PC


def test_the_device_id_is_made_once_and_kept(tmp_path: Path) -> None:
    file = tmp_path / "data" / "device-id"
    first = device_id(file)
    assert len(first) == 32
    assert device_id(file) == first
    file.write_text("not an id\n", encoding="ascii")
    assert device_id(file) != first  # a damaged one is replaced, never used


@pytest.mark.parametrize(("error", "problem"), [
    ('FATAL:  password authentication failed for user "kneecare_app"',
     Problem.WRONG_PASSWORD),
    ("fe_sendauth: no password supplied", Problem.NO_PASSWORD),
    ('FATAL:  database "kneecare" does not exist', Problem.NO_DATABASE),
    ('FATAL:  role "nobody" does not exist', Problem.NO_ROLE),
    ("connection refused\n\tIs the server running on that host", Problem.SERVER_DOWN),
    ("timeout expired", Problem.SERVER_DOWN),
    ("could not translate host name \"db\" to address", Problem.UNKNOWN_HOST),
    ("server does not support SSL, but SSL was required", Problem.NO_TLS),
    ('server certificate for "localhost" does not match host name', Problem.TLS),
])
def test_each_failure_is_named(error: str, problem: Problem) -> None:
    assert diagnose(error) is problem
