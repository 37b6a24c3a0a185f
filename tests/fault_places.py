"""Places where the disk refuses: a full file system and a read-only one.

Real ones where this process may mount (CI runs as root): a small tmpfs, filled up, and
a read-only bind mount. Otherwise the child process that meets the fault gets the same
mounts in a private user and mount namespace (``unshare -rm``). Never chmod: root
ignores it. Each test prints which one ran.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

FULL_DISK_BYTES = 256 * 1024


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@dataclass
class Place:
    folder: Path
    how: str
    prefix: tuple[str, ...] = ()

    def run(self, args: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        """``kneecare ARGS`` in a child process that meets the fault."""
        command = [*self.prefix, sys.executable, "-m", "kneecare_desktop", *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env,
                              timeout=120, check=False)


def _namespace(setup: str, folder: Path) -> tuple[str, ...]:
    """Run the child in a private user and mount namespace where it may mount: ``setup``
    (shell, with the folder as ``$0``) first, then the command."""
    if shutil.which("unshare") is None:
        raise RuntimeError("this test needs root or util-linux's unshare (Debian: util-linux)")
    return ("unshare", "-rm", "sh", "-c", f'{setup} && exec "$@"', str(folder))


@contextlib.contextmanager
def full_disk(root: Path, earlier: dict[str, bytes] | None = None,
              copy_from: Path | None = None) -> Iterator[Place]:
    """A folder on a file system with no room left, holding what was there before it
    filled up: the ``earlier`` files (name: text) and a copy of ``copy_from``."""
    folder = root / "full-disk"
    folder.mkdir()
    earlier = earlier or {}
    copy = [f"cp -a {shlex.quote(str(copy_from))}/. \"$0\"/"] if copy_from else []
    setup = " && ".join([f'mount -t tmpfs -o size={FULL_DISK_BYTES} tmpfs "$0"', *copy,
                         *(f"printf %s {shlex.quote(data.decode())} > \"$0/{name}\""
                           for name, data in earlier.items()),
                         '{ head -c 100000000 /dev/zero > "$0/.filler" 2>/dev/null || true; }'])
    if _can_mount():
        subprocess.run(["sh", "-c", setup, str(folder)], check=True)
        try:
            place = Place(folder, f"a real {FULL_DISK_BYTES // 1024} KiB tmpfs, filled up")
            yield place
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    place = Place(folder, "a filled tmpfs in a private mount namespace (unshare -rm)",
                  prefix=_namespace(setup, folder))
    yield place


_READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0"'


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Place]:
    """``folder``, as it is, on a read-only mount."""
    if _can_mount():
        subprocess.run(["sh", "-c", _READ_ONLY, str(folder)], check=True)
        try:
            place = Place(folder, "a real read-only bind mount")
            yield place
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    place = Place(folder, "a read-only bind mount in a private mount namespace (unshare -rm)",
                  prefix=_namespace(_READ_ONLY, folder))
    yield place


def can_mount_here() -> bool:
    """Whether this process itself can meet a real fault (in-process journeys)."""
    return _can_mount()
