"""From the window, onto a disk that refuses: a clear message, the earlier file kept."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fault_places import can_mount_here, full_disk
from tests.journeys.user import User

EARLIER = b"the earlier, good handout"


def _in_a_namespace(request: pytest.FixtureRequest) -> None:
    """Without root, run this very journey again where it may mount (unshare -rm)."""
    result = subprocess.run(
        ["unshare", "-rm", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         request.node.nodeid], capture_output=True, text=True, cwd=REPO, timeout=240,
        env={**os.environ, "KNEECARE_IN_NAMESPACE": "1"}, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


@pytest.mark.parametrize("item", ["Print a home-care handout (PDF)…", "Report for the clinic…"])
def test_writing_onto_a_full_disk_says_so_and_keeps_the_earlier_file(
        item: str, launch: Callable[..., User], tmp_path: Path,
        request: pytest.FixtureRequest, record_property: Callable[[str, str], None]) -> None:
    if not can_mount_here():
        record_property("fault", "a filled tmpfs, the journey rerun in a private namespace")
        _in_a_namespace(request)
        return
    name = "handout.pdf" if "handout" in item else "report.pdf"
    with full_disk(tmp_path, {name: EARLIER}) as place:
        record_property("fault", place.how)
        user = launch(ask_pain=False)
        target = place.folder / name
        user.will_answer_file_dialogs_with(target)
        user.menu("File", item)
        message = user.wait_for_dialog()
        text = user.screen_text(message)
        assert f"Could not write {target}" in text
        assert "Any earlier file there is unchanged." in text
        user.press("Escape")
        assert target.read_bytes() == EARLIER
        assert sorted(p.name for p in place.folder.iterdir()) == [".filler", name]
