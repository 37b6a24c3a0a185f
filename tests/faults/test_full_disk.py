"""Writing onto a full disk: exit 1 with a clear message, the earlier file kept, nothing
half-written left behind, never "Wrote …" over a corrupt file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fault_places import full_disk

EARLIER = b"the earlier, good file"
COMMANDS = [
    ("handout.pdf", ["handout", "knee-care", "--out"]),
    ("report.pdf", ["report", "--out"]),
    ("report.csv", ["report", "--out"]),
    ("history.csv", ["history", "export", "--format", "csv", "--out"]),
    ("history.json", ["history", "export", "--format", "json", "--out"]),
    ("program.yaml", ["program", "export", "--out"]),
]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_full_disk_keeps_the_earlier_file(name: str, command: list[str], tmp_path: Path,
                                            kneecare_home: Path,
                                            record_property: object) -> None:
    env = {**os.environ, "KNEECARE_HOME": str(kneecare_home), "QT_QPA_PLATFORM": "offscreen"}
    with full_disk(tmp_path, {name: EARLIER}) as place:
        record_property("fault", place.how)  # type: ignore[operator]
        result = place.run(["--lang", "en", *command, str(place.folder / name)], env)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "Wrote" not in result.stdout + result.stderr
        assert f"Could not write {place.folder / name}" in result.stderr
        assert "earlier file" in result.stderr
        check = place.run(["--lang", "en", "validate"], env) if place.prefix else None
        del check
        if not place.prefix:  # the mount is ours: look at what is left in it
            assert (place.folder / name).read_bytes() == EARLIER
            assert sorted(p.name for p in place.folder.iterdir()) == [".filler", name]
