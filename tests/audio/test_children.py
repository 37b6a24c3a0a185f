"""A child process that fails tells the test why: the audio tests run the app in
children, and a crash there (a Qt teardown, a speech engine's thread) leaves no Python
traceback of its own. No sound server needed."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.audio.plumbing import CHILD_VARIABLES, exit_described

# Prints, then crashes in C the way a Qt teardown does: a read of address 0.
CRASH = "print('the session ended', flush=False); import ctypes; ctypes.string_at(0)"


def test_a_child_that_crashes_is_named_by_its_signal_with_its_stacks_and_output() -> None:
    result = subprocess.run([sys.executable, "-c", CRASH], capture_output=True, text=True,
                            env={**os.environ, **CHILD_VARIABLES}, timeout=60, check=False)
    message = exit_described(result.returncode, result.stdout + result.stderr)
    assert "killed by SIGSEGV" in message
    assert "the session ended" in message  # unbuffered: what it printed is not lost
    assert "Fatal Python error: Segmentation fault" in message  # faulthandler's stacks
    assert 'File "<string>", line 1' in message


def test_a_child_that_fails_gives_its_exit_code_and_says_when_it_printed_nothing() -> None:
    assert exit_described(2, "") == "the child failed: exit code 2; its output ends:\n" \
        "(it printed nothing)"
    assert exit_described(1, "x" * 10_000, limit=5).endswith("\nxxxxx")
