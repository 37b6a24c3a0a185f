"""kneecare --self-test: what it checks, that it says so, and that it fails when a cue
file is missing or broken (the frozen build's own run is packaging/smoke.py, in CI)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kneecare_desktop.model import Lang
from kneecare_desktop.paths import app_paths, resources_dir
from kneecare_desktop.ui import self_test
from tests.conftest import REPO

CHECKS = ["platform", "care menu", "speech", "session", "sound output", "session stop",
          "bundle", "translations", "pictures", "cue files", "speech process", "clinic driver"]


def test_every_check_passes_on_this_tree_and_is_printed(qapp: object) -> None:
    out = io.StringIO()
    checks = self_test.self_test(qapp, app_paths(), Lang.EN, out)  # type: ignore[arg-type]
    assert [check.name for check in checks] == CHECKS
    assert all(check.ok for check in checks), out.getvalue()
    text = out.getvalue()
    assert text.splitlines()[-1] == f"self-test: {len(CHECKS)} passed, 0 failed"
    assert "knee-care listed: True" in text
    assert "the session's: mock" in text  # the mock plugin is there, and chosen
    prompts = sum(1 for what, _path in self_test.cue_files() if what.startswith("prompt"))
    assert prompts >= 84  # both languages' recordings, from the manifest
    assert f"prompts (en) {prompts // 2}/{prompts // 2}" in text
    assert "beeps 5/5" in text
    assert "speech process: engine 'mock' answered and spoke" in text


def test_missing_broken_and_outside_cue_files_fail(qapp: object, tmp_path: Path) -> None:
    good = tmp_path / "tick.wav"
    shutil.copy(resources_dir() / "sounds" / "tick.wav", good)
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(b"RIFF this is not a wave file")
    outside = resources_dir() / "sounds" / "beat.wav"
    report = self_test.Report(io.StringIO())
    self_test.check_cue_files(report, [("beep tick", good),
                                       ("beep missing", tmp_path / "missing.wav"),
                                       ("prompt en 'x'", garbage),
                                       ("beep beat", outside)], inside=tmp_path)
    summary, *problems = report.checks
    assert not summary.ok
    assert "beeps 1/3" in summary.detail
    assert "prompts (en) 0/1" in summary.detail
    details = [problem.detail for problem in problems]
    assert any("missing.wav is missing" in d for d in details)
    assert any("garbage.wav is not a WAV file" in d for d in details)
    assert any("beat.wav is outside" in d for d in details)


def test_a_file_qsoundeffect_cannot_decode_is_refused(qapp: object, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(b"not audio at all")
    accepted = self_test.sound_effect_accepts(garbage, has_device=False)
    assert not accepted.ok
    assert "Error" in accepted.how


def test_the_command_exits_1_when_the_bundle_lost_a_prompt(tmp_path: Path) -> None:
    """The real command in a child process, its resources a copy that lost one prompt and
    has another damaged (the app itself carries on: those are left to the screen)."""
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    lost = sorted((copy / "prompts" / "en").glob("*.wav"))[0]
    lost.unlink()
    damaged = sorted((copy / "prompts" / "ja").glob("*.wav"))[0]
    damaged.write_bytes(b"RIFF, but nothing more")
    child = (
        "import sys\nfrom pathlib import Path\nimport kneecare_desktop.paths as paths\n"
        f"paths.resources_dir = lambda: Path({str(copy)!r})\n"
        "from kneecare_desktop.cli.main import main\n"
        "sys.exit(main(['--lang', 'en', '--self-test']))\n")
    result = subprocess.run([sys.executable, "-c", child], cwd=REPO, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{lost.name} is missing" in result.stdout
    assert f"{damaged.name} is not a WAV file" in result.stdout
    assert "ok    care menu: " in result.stdout
    assert result.stdout.splitlines()[-1] == f"self-test: {len(CHECKS) - 1} passed, 3 failed"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_command_passes_and_leaves_no_data_behind(tmp_path: Path, kneecare_home: Path,
                                                      lang: str) -> None:
    result = subprocess.run([sys.executable, "-m", "kneecare_desktop", "--lang", lang,
                             "--self-test"], cwd=REPO, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"self-test: {len(CHECKS)} passed, 0 failed"
    assert list(kneecare_home.iterdir()) == []  # its own data folder, removed
