"""Real audio for tests: every test here is marked ``audio``."""

from __future__ import annotations

from pathlib import Path

import pytest

AUDIO = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if AUDIO in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.audio)
