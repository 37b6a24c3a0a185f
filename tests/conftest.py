"""Shared fixtures: every test runs with its own KNEECARE_HOME and XDG folders, so nothing
touches the real user's data, settings, routines, autostart entry or launchers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def kneecare_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "kneecare-home"
    home.mkdir()
    monkeypatch.setenv("KNEECARE_HOME", str(home))
    # The desktop's places (autostart, launchers, icons): never the real user's.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    yield home
    # A closed window's history finishes its last writes on its own thread, as the app
    # waits for it at exit; the next test starts after it, in its own folder.
    for thread in threading.enumerate():
        if thread.name == "history-writer-closing":
            thread.join(10)


SUMMARY_SECTIONS = {
    "fault": "faults met",  # which kind of fault each fault test met: a real mount, or not
    "audio": "audio figures",  # tests/audio: what the real-audio harness measured
}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """What the tests recorded with ``record_property(KEY, text)`` for each KEY above."""
    for key, title in SUMMARY_SECTIONS.items():
        lines = sorted({f"{report.nodeid}: {value}"
                        for reports in terminalreporter.stats.values() for report in reports
                        if isinstance(report, pytest.TestReport) and report.when == "call"
                        for name, value in report.user_properties if name == key})
        if lines:
            terminalreporter.section(title)
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="session", autouse=True)
def _speech_processes_end_before_exit() -> Iterator[None]:
    """The app ends its speech processes when it quits; tests never quit the application,
    so they are ended here (Qt warns of a process destroyed while it runs)."""
    yield
    import sys

    if "kneecare_desktop.ui.speech" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication

    from kneecare_desktop.ui.speech import end_speech_processes

    app = QCoreApplication.instance()
    if app is not None:
        end_speech_processes(app)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL server for the whole run (tests/postgres_cluster.py); skips,
    or fails under KNEECARE_REQUIRE_POSTGRES=1, when Debian's postgresql is missing."""
    from tests.postgres_cluster import start_cluster

    cluster = start_cluster()
    yield cluster
    cluster.cleanup()


@pytest.fixture(params=["sqlite", "postgresql"])
def history_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A new, empty history in each backend: a file on this PC, and a fresh database on
    the throwaway server (made by ``kneecare database init``'s code). The history's tests
    take it as ``store``, so each runs against both."""
    from kneecare_desktop.history.store import HistoryStore

    if request.param == "sqlite":
        store, report = HistoryStore.open(tmp_path / "history.sqlite3")
        assert report.moved_aside is None
    else:
        from kneecare_desktop.history import postgres

        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.url(cluster.create_database())
        postgres.migrate(url, create=True)
        store = postgres.PostgresHistoryStore.open_server(url)
    yield store
    store.close()
