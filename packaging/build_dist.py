"""``make dist``: build the app folder from ``kneecare.spec``, pack it, print the figures.

    python packaging/build_dist.py [--venv-python .venv/bin/python] [--runs 5]

1. PyInstaller builds ``dist/kneecare/`` (``--onedir``) with this Python.
2. Python's own libraries lose their debug information (``strip --strip-debug``, where
   binutils is installed): the interpreter here is built with it (~25 MB). Qt's are
   already stripped and are not touched.
3. The launcher (``kneecare.desktop``, from ``integration/launcher.py``, the one
   definition ``kneecare desktop-entry install`` writes) and the icon go beside the
   program, and the folder is packed as
   ``dist/kneecare-VERSION-linux-x86_64.tar.gz`` (one top folder, ``kneecare-VERSION``).
4. Figures: the folder's size and the archive's; the start-up to the filled care menu of
   the frozen app and of the same tree in a virtual environment (``--venv-python``), each
   a fresh process, alternating, the first start of the frozen app reported apart (its
   files were just written, so they are in the page cache: a true cold start after a
   reboot is slower). Both start the way ``kneecare --self-test`` does (offscreen, a data
   folder of their own); the time runs from just before the process is started to its
   "care menu:" line. The figures are printed and written to ``dist/figures.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
from bundle_rules import is_elf  # noqa: E402 - packaging/ is not a package

DIST = ROOT / "dist"
APP = DIST / "kneecare"
MARKER = "care menu:"  # the self-test's line once the care menu is filled
MB = 1024 * 1024


def version() -> str:
    namespace: dict[str, object] = {}
    exec((ROOT / "kneecare_desktop" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return str(namespace["__version__"])


def archive_name(ver: str) -> str:
    machine = platform.machine() or "x86_64"
    system = platform.system().lower() or "linux"
    return f"kneecare-{ver}-{system}-{machine}"


def build() -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(DIST),
                    "--workpath", str(ROOT / "build"), str(PACKAGING / "kneecare.spec")],
                   cwd=ROOT, check=True)
    return time.monotonic() - started


def strip_python(app: Path) -> int:
    """Strip debug information from Python's libraries and extension modules (not Qt's,
    not PySide6's); returns the bytes saved."""
    strip = shutil.which("strip")
    if strip is None:
        print("build: strip not found (binutils): Python's libraries keep their debug "
              "information")
        return 0
    saved = 0
    for path in sorted((app / "_internal").rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        relative = path.relative_to(app / "_internal")
        if relative.parts[0] in ("PySide6", "shiboken6"):
            continue
        before = path.stat().st_size
        subprocess.run([strip, "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def add_launcher(app: Path) -> None:
    """The launcher and the icon beside the program, for a packager or a desktop that
    takes a ``.desktop`` file as it is (``Exec=kneecare``, the program on the PATH).
    A user adds the folder's own copy to the applications menu with
    ``./kneecare desktop-entry install``: the same launcher, ``Exec=`` this folder's
    program, and every icon size (smoke.py checks both)."""
    sys.path.insert(0, str(ROOT))
    from kneecare_desktop.integration.launcher import desktop_entry

    (app / "kneecare.desktop").write_text(desktop_entry(["kneecare"]), encoding="utf-8")
    shutil.copy2(ROOT / "kneecare_desktop" / "ui" / "resources" / "icons" / "kneecare.svg",
                 app / "kneecare.svg")


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def pack(app: Path, ver: str) -> Path:
    name = archive_name(ver)
    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname=f"kneecare-{ver}")
    return archive


def time_to_care_menu(command: list[str], env: dict[str, str]) -> float:
    """Seconds from just before starting ``command`` to its care-menu line."""
    started = time.monotonic()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, env=env, cwd=tempfile.gettempdir()) as process:
        assert process.stdout is not None
        seen: float | None = None
        for line in process.stdout:
            if seen is None and MARKER in line and line.startswith("ok"):
                seen = time.monotonic() - started
        status = process.wait(timeout=120)
    if seen is None or status != 0:
        raise RuntimeError(f"{command[0]} --self-test failed ({status})")
    return seen


def start_times(frozen: Path, venv_python: Path | None, runs: int) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "en_US.UTF-8"}
    env.pop("KNEECARE_TTS_ENGINE", None)
    frozen_cmd = [str(frozen), "--lang", "en", "--self-test"]
    venv_cmd = None if venv_python is None else [
        str(venv_python), "-m", "kneecare_desktop", "--lang", "en", "--self-test"]
    venv_env = {**env, "PYTHONPATH": str(ROOT)}  # this tree, even if the venv is another's
    first = time_to_care_menu(frozen_cmd, env)
    frozen_times, venv_times = [], []
    for run in range(runs):
        pair = [("frozen", frozen_cmd, env)]
        if venv_cmd is not None:
            pair.append(("venv", venv_cmd, venv_env))
        if run % 2:
            pair.reverse()
        for kind, command, environ in pair:
            seconds = time_to_care_menu(command, environ)
            (frozen_times if kind == "frozen" else venv_times).append(seconds)
    figures: dict[str, object] = {
        "frozen_first_start_s": round(first, 3),
        "frozen_start_s": [round(t, 3) for t in frozen_times],
        "frozen_start_median_s": round(statistics.median(frozen_times), 3),
    }
    if venv_times:
        figures["venv_start_s"] = [round(t, 3) for t in venv_times]
        figures["venv_start_median_s"] = round(statistics.median(venv_times), 3)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--venv-python", type=Path,
                        help="a Python with the app installed, for the venv's start-up")
    parser.add_argument("--runs", type=int, default=5, help="starts of each, for the median")
    parser.add_argument("--no-build", action="store_true",
                        help="pack and measure the folder already in dist/kneecare")
    args = parser.parse_args()
    if args.venv_python is not None:
        args.venv_python = args.venv_python.absolute()  # it runs from another folder
    ver = version()
    build_seconds = 0.0
    if not args.no_build:
        build_seconds = build()
    saved = strip_python(APP)
    add_launcher(APP)
    started = time.monotonic()
    archive = pack(APP, ver)
    pack_seconds = time.monotonic() - started
    figures: dict[str, object] = {
        "version": ver,
        "archive": archive.name,
        "pyinstaller_s": round(build_seconds, 1),
        "pack_s": round(pack_seconds, 1),
        "stripped_mb": round(saved / MB, 1),
        "folder_mb": round(folder_size(APP) / MB, 1),
        "archive_mb": round(archive.stat().st_size / MB, 1),
        "files": sum(1 for p in APP.rglob("*") if p.is_file()),
    }
    figures.update(start_times(APP / "kneecare", args.venv_python, args.runs))
    (DIST / "figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"dist: {archive.relative_to(ROOT)}")
    print(f"dist: folder {figures['folder_mb']} MB in {figures['files']} files "
          f"(Python's debug information stripped: {figures['stripped_mb']} MB), "
          f"archive {figures['archive_mb']} MB")
    print(f"dist: PyInstaller {figures['pyinstaller_s']} s, packing {figures['pack_s']} s")
    print(f"dist: start to the filled care menu (offscreen, self-test): frozen first "
          f"{figures['frozen_first_start_s']} s, then median {figures['frozen_start_median_s']} s"
          f" of {figures['frozen_start_s']}")
    if "venv_start_median_s" in figures:
        print(f"dist: the same tree in a virtual environment: median "
              f"{figures['venv_start_median_s']} s of {figures['venv_start_s']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
