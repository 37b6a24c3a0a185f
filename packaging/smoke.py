"""The frozen app's smoke test (``.ci/run`` after ``make test`` and ``make dist``).

    python packaging/smoke.py [dist/kneecare-VERSION-linux-x86_64.tar.gz] \
        [--venv-python .venv/bin/python]        (make smoke)

From a fresh copy unpacked into a new folder elsewhere, with ``KNEECARE_HOME`` set to a new
folder and the offscreen platform:

1. the archive: one top folder with the program, the launcher and the icon;
2. ``kneecare --version`` says the archive's version;
3. ``kneecare validate``: the shipped routines, no problem;
4. ``kneecare plan knee-care --json``: the same JSON as the virtual environment's;
5. ``kneecare handout knee-care --out h.pdf``, in English and Japanese: ``pdftotext``
   reads each routine's name in it, and the same text as the virtual environment's;
6. the speech process (``kneecare --speech-server mock``: the program itself is what the
   app starts for its voice), then ``kneecare --self-test``, in English and Japanese
   (``ui/self_test.py``, which speaks through that process too);
   then ``kneecare desktop-entry install`` for a new user (``HOME`` a new folder): the
   launcher starts this folder's program, passes ``desktop-file-validate``, and every icon
   size is the bundle's; ``desktop-entry remove`` takes them all away;
7. ``ldd`` over every library, plugin and module in the folder, with the library path the
   program itself sets: any "not found" fails unless the library is in
   ``system-libraries.txt`` (the README's list); so does any library found outside the
   folder that a bundled file needs directly but the list does not name (this machine has
   every package installed, which would hide a missing one).

Prints each check and "smoke: N passed, M failed"; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_rules import is_elf, needed, system_libraries  # noqa: E402 - not a package

HANDOUT_WORDS = {
    "en": ["Hamstring stretch with a towel", "Calf and Achilles stretch at a wall",
           "Hip hinge drill", "Better to rest"],
    "ja": ["ハムストリングスストレッチ", "ふくらはぎのアキレス腱ストレッチ", "ヒップヒンジ練習"],
}


class Smoke:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, ok: bool, detail: str) -> bool:
        print(f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}", flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def run(command: list[str], env: dict[str, str], cwd: Path,
        timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, check=False)


def said(result: subprocess.CompletedProcess[str], lines: int = 6) -> str:
    text = (result.stdout + result.stderr).strip().splitlines()
    return " | ".join(text[-lines:])


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, check=False)
    # NFKC: the CJK font's glyphs come back as compatibility forms (U+2F64 for 用).
    return unicodedata.normalize("NFKC", result.stdout) if result.returncode == 0 else ""


def unpack(archive: Path, into: Path, smoke: Smoke) -> Path | None:
    with tarfile.open(archive) as tar:
        tops = {Path(member.name).parts[0] for member in tar.getmembers()}
        tar.extractall(into, filter="tar")
    expected = {"kneecare", "_internal", "kneecare.desktop", "kneecare.svg"}
    if len(tops) != 1:
        smoke.check("archive", False, f"{len(tops)} top folders: {sorted(tops)}")
        return None
    app = into / tops.pop()
    present = {p.name for p in app.iterdir()}
    launcher = (app / "kneecare.desktop").read_text(encoding="utf-8") \
        if (app / "kneecare.desktop").is_file() else ""
    ok = expected <= present and "Exec=kneecare" in launcher and "Icon=kneecare" in launcher
    smoke.check("archive", ok, f"{archive.name} -> {app.name}/ with "
                f"{', '.join(sorted(expected & present))}"
                + (f"; missing {', '.join(sorted(expected - present))}" if not ok else ""))
    if shutil.which("desktop-file-validate") and launcher:
        result = subprocess.run(["desktop-file-validate", str(app / "kneecare.desktop")],
                                capture_output=True, text=True, check=False)
        smoke.check("launcher", result.returncode == 0 and not result.stdout.strip(),
                    "desktop-file-validate: " + (result.stdout.strip() or "valid"))
    return app


def check_commands(app: Path, venv_python: Path | None, work: Path, smoke: Smoke) -> None:
    program = str(app / "kneecare")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KNEECARE_", "PYTHON", "QT_"))}
    env.update({"KNEECARE_HOME": str(work / "home"), "QT_QPA_PLATFORM": "offscreen",
                "LANG": "en_US.UTF-8"})
    venv_env = {**env, "KNEECARE_HOME": str(work / "venv-home"), "PYTHONPATH": str(ROOT)}
    venv = None if venv_python is None else [str(venv_python), "-m", "kneecare_desktop"]
    cwd = work

    expected = f"kneecare {app.name.removeprefix('kneecare-')}"  # the archive's version
    result = run([program, "--version"], env, cwd)
    version = result.stdout.strip()
    smoke.check("--version", result.returncode == 0 and version == expected,
                f"{version!r}" + ("" if version == expected else f", expected {expected!r}"))

    result = run([program, "--lang", "en", "validate"], env, cwd)
    smoke.check("validate", result.returncode == 0, said(result, 3) or "no output")

    result = run([program, "--lang", "en", "plan", "knee-care", "--json"], env, cwd)
    try:
        frozen_plan = json.loads(result.stdout)
    except ValueError:
        frozen_plan = None
    if venv is None:
        smoke.check("plan --json", frozen_plan is not None, "valid JSON (no venv to compare)")
    else:
        venv_result = run([*venv, "--lang", "en", "plan", "knee-care", "--json"], venv_env, cwd)
        same = frozen_plan is not None and frozen_plan == json.loads(venv_result.stdout)
        plan = frozen_plan if isinstance(frozen_plan, dict) else {}
        smoke.check("plan --json", same, f"knee-care: {len(plan.get('segments', []))} "
                    f"segments, {plan.get('total_seconds')} s; "
                    f"{'the same as' if same else 'DIFFERS from'} the venv's")

    for lang, words in HANDOUT_WORDS.items():
        out = work / f"h-{lang}.pdf"
        result = run([program, "--lang", lang, "handout", "knee-care", "--out", str(out)],
                     env, cwd)
        text = pdf_text(out) if out.is_file() else ""
        missing = [word for word in words if word not in text]
        detail = (f"{out.name}: {out.stat().st_size // 1024} KB, pdftotext finds "
                  f"{len(words) - len(missing)}/{len(words)} expected texts"
                  if out.is_file() else f"no PDF ({said(result)})")
        same = True
        if venv is not None and text:
            venv_out = work / f"h-{lang}-venv.pdf"
            run([*venv, "--lang", lang, "handout", "knee-care", "--out", str(venv_out)],
                venv_env, cwd)
            same = text == pdf_text(venv_out)
            detail += "; the same text as the venv's" if same else "; text DIFFERS from the venv's"
        smoke.check(f"handout ({lang})", result.returncode == 0 and bool(text)
                    and not missing and same,
                    detail + (f"; missing {missing}" if missing else ""))

    # The app's voice speaks from the program itself, started as its speech process
    # (ui/speech.py): it answers with what it speaks and ends when its input closes.
    result = run([program, "--speech-server", "mock"], env, cwd, timeout=60)
    first = result.stdout.splitlines()[:1]
    answered = result.returncode == 0 and bool(first) and '"engine": "mock"' in first[0]
    smoke.check("speech process", answered, "kneecare --speech-server mock: " + (
        first[0] if answered else said(result)))

    for lang in ("en", "ja"):
        result = run([program, "--lang", lang, "--self-test"], env, cwd)
        for line in result.stdout.splitlines():
            print(f"      {line}")
        summary = next((ln for ln in reversed(result.stdout.splitlines())
                        if ln.startswith("self-test:")), said(result))
        smoke.check(f"--self-test ({lang})", result.returncode == 0, summary)


def check_desktop_entry(app: Path, work: Path, smoke: Smoke) -> None:
    """``kneecare desktop-entry install`` from the unpacked folder, for a user whose
    home is a new folder (no KNEECARE_HOME, no XDG variables: the defaults)."""
    program = (app / "kneecare").resolve()
    user = work / "user"
    user.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KNEECARE_", "PYTHON", "QT_", "XDG_"))}
    env.update({"HOME": str(user), "QT_QPA_PLATFORM": "offscreen", "LANG": "en_US.UTF-8"})
    result = run([str(program), "--lang", "en", "desktop-entry", "install"], env, work)
    data = user / ".local" / "share"
    launcher = data / "applications" / "kneecare.desktop"
    text = launcher.read_text(encoding="utf-8") if launcher.is_file() else ""
    exec_line = next((ln for ln in text.splitlines() if ln.startswith("Exec=")), "")
    words = exec_words(exec_line)
    icons = sorted(p for p in (data / "icons" / "hicolor").rglob("kneecare.*") if p.is_file())
    bundled = app / "_internal" / "kneecare_desktop" / "ui" / "resources" / "icons"
    same_icons = len(icons) == 8 and all(
        icon.read_bytes() == (bundled / "kneecare.svg" if icon.suffix == ".svg" else
                              bundled / "hicolor" / icon.relative_to(
                                  data / "icons" / "hicolor")).read_bytes()
        for icon in icons)
    ok = (result.returncode == 0 and words == [str(program)]
          and f"TryExec={program}" in text and same_icons)
    whose = "the bundle's" if same_icons else "NOT the bundle's"
    smoke.check("desktop-entry install", ok,
                f"{launcher.relative_to(user)}: {exec_line or 'none'}; {len(icons)} icons, "
                f"{whose}" + ("" if result.returncode == 0 else f"; {said(result)}"))
    if shutil.which("desktop-file-validate") and text:
        checked = subprocess.run(["desktop-file-validate", str(launcher)],
                                 capture_output=True, text=True, check=False)
        smoke.check("desktop-entry install", checked.returncode == 0
                    and not checked.stdout.strip(),
                    "desktop-file-validate: " + (checked.stdout.strip() or "valid"))
    result = run([str(program), "--lang", "en", "desktop-entry", "remove"], env, work)
    left = [p for p in [launcher, *icons] if p.exists()]
    smoke.check("desktop-entry remove", result.returncode == 0 and not left,
                f"{len(icons) + 1 - len(left)} files removed"
                + (f"; left: {', '.join(map(str, left))}" if left else ""))


def exec_words(line: str) -> list[str]:
    """The words of an ``Exec=`` line, as the app's own reader splits them."""
    sys.path.insert(0, str(ROOT))
    from kneecare_desktop.integration.launcher import exec_words as split

    return split(line)


def check_libraries(app: Path, smoke: Smoke) -> None:
    internal = app / "_internal"
    listed = system_libraries()
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}  # as the bootloader sets it
    missing: dict[str, set[str]] = {}
    unlisted: dict[str, set[str]] = {}
    used: dict[str, set[str]] = {}
    files = [p for p in sorted(app.rglob("*")) if p.is_file() and not p.is_symlink()
             and is_elf(p)]
    for path in files:
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True,
                                env=env, check=False)
        direct = set(needed(path))
        for line in result.stdout.splitlines():
            name, arrow, rest = line.strip().partition(" => ")
            if not arrow:
                continue
            where = rest.split(" (")[0].strip()
            if where == "not found":
                (used if name in listed else missing).setdefault(name, set()).add(path.name)
            elif not Path(where).resolve().is_relative_to(app.resolve()) and name in direct:
                (used if name in listed else unlisted).setdefault(name, set()).add(path.name)
    on_system = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True,
                               check=False).stdout
    optional_missing = sorted(name for name in used if listed[name].optional
                              and f"{name} " not in on_system)
    optional = (f" (optional, not on this machine: {', '.join(optional_missing)})"
                if optional_missing else "")
    smoke.check("ldd", not missing and not unlisted,
                f"{len(files)} ELF files; {len(used)} libraries from the system listed in "
                f"system-libraries.txt{optional}, {len(missing) + len(unlisted)} not")
    for name, needers in sorted(missing.items()):
        smoke.check("ldd", False, f"{name} not found, needed by {', '.join(sorted(needers))}; "
                    "bundle it or add it to system-libraries.txt and the README")
    for name, needers in sorted(unlisted.items()):
        smoke.check("ldd", False, f"{name} comes from the system (needed by "
                    f"{', '.join(sorted(needers))}) but is not in system-libraries.txt: a "
                    "machine without it would say 'not found'")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", type=Path, nargs="?",
                        help="default: the one make dist built last (dist/figures.json)")
    parser.add_argument("--venv-python", type=Path,
                        help="a Python with the app installed, to compare plan and handout")
    args = parser.parse_args()
    if args.archive is None:
        built = json.loads((ROOT / "dist" / "figures.json").read_text(encoding="utf-8"))
        args.archive = ROOT / "dist" / built["archive"]
    smoke = Smoke()
    steps: list[Callable[[], None]] = []
    with tempfile.TemporaryDirectory(prefix="kneecare-smoke-") as folder:
        work = Path(folder)
        app = unpack(args.archive.resolve(), work / "unpacked", smoke)
        if app is not None:
            venv = None if args.venv_python is None else args.venv_python.absolute()
            steps = [lambda: check_commands(app, venv, work, smoke),
                     lambda: check_desktop_entry(app, work, smoke),
                     lambda: check_libraries(app, smoke)]
        for step in steps:
            step()
    print(f"smoke: {smoke.passed} passed, {smoke.failed} failed")
    return 0 if smoke.failed == 0 and smoke.passed else 1


if __name__ == "__main__":
    sys.exit(main())
