"""Shared fixtures: every test runs with its own KNEECARE_HOME, so nothing touches the
real user's data, settings or routines."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def kneecare_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "kneecare-home"
    home.mkdir()
    monkeypatch.setenv("KNEECARE_HOME", str(home))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return home


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Which kind of fault each fault test met: a real mount, or a private namespace."""
    lines = sorted({f"{report.nodeid}: {value}"
                    for reports in terminalreporter.stats.values() for report in reports
                    if isinstance(report, pytest.TestReport) and report.when == "call"
                    for key, value in report.user_properties if key == "fault"})
    if lines:
        terminalreporter.section("faults met")
        for line in lines:
            terminalreporter.write_line(line)
