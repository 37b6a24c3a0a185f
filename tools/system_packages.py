"""Install the Debian/Ubuntu packages that ``make run`` and ``make test`` need, if missing.

    python3 tools/system_packages.py run|test [--list .ci/debian-packages.txt]

``.ci/debian-packages.txt`` lists them in two groups: ``[run]`` (Qt's system libraries,
``python3-venv``, the fonts) for ``make run``; ``make test``, ``make dist`` and
``make smoke`` need ``[run]`` and ``[test]``. On a Debian or Ubuntu machine the missing
ones are installed with ``apt-get``: directly as root, else with ``sudo`` when it works
without a password prompt (``sudo -n``), else the script stops with one message naming
the missing packages and the command that installs them. Elsewhere (no ``dpkg-query``,
another distribution) it says so in one line and lets make go on, as it does with
``KNEECARE_SKIP_SYSTEM_PACKAGES=1``.

Standard library only: it runs with the system's ``python3`` before ``.venv`` exists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_LIST = ROOT / ".ci" / "debian-packages.txt"
GROUPS = {"run": ("run",), "test": ("run", "test")}
SKIP_VARIABLE = "KNEECARE_SKIP_SYSTEM_PACKAGES"


class PackageListError(ValueError):
    """The package list cannot be read: the message names the file and line."""


def read_groups(text: str, source: str = "debian-packages.txt") -> dict[str, list[str]]:
    """The packages of each ``[group]`` of the list, in order (``#`` starts a comment)."""
    groups: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            name = line.strip("[]").strip()
            if not line.endswith("]") or name not in GROUPS:
                raise PackageListError(f"{source}:{number}: unknown group {line!r}; "
                                       f"write one of {', '.join(f'[{g}]' for g in GROUPS)}")
            current = groups.setdefault(name, [])
        elif current is None:
            raise PackageListError(f"{source}:{number}: {line!r} comes before any group; "
                                   "put [run] or [test] above it")
        elif len(line.split()) != 1:
            raise PackageListError(f"{source}:{number}: one package per line, not {line!r}")
        else:
            current.append(line)
    return groups


def packages_for(target: str, groups: Mapping[str, Sequence[str]]) -> list[str]:
    """What ``make TARGET`` needs: ``run`` its group, ``test`` both."""
    return [name for group in GROUPS[target] for name in groups.get(group, ())]


Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """apt-get shows its progress; dpkg-query's answer (and its complaint about a name it
    does not know, which counts as missing) and sudo's are read, not shown."""
    quiet = command[0] == "dpkg-query" or list(command) == ["sudo", "-n", "true"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(list(command), text=True, check=False, env=env,
                          stdout=subprocess.PIPE if quiet else None,
                          stderr=subprocess.DEVNULL if quiet else None)


@dataclass
class System:
    """What the script asks of the machine; tests give a fake one."""

    euid: int = field(default_factory=lambda: os.geteuid() if hasattr(os, "geteuid") else -1)
    which: Callable[[str], str | None] = shutil.which
    run: Runner = _run
    os_release: Callable[[], str] = lambda: _read("/etc/os-release")


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def is_debian_like(os_release: str) -> bool:
    """Debian, Ubuntu and their derivatives (``ID`` or ``ID_LIKE`` in /etc/os-release)."""
    fields = {}
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        fields[key.strip()] = value.strip().strip('"')
    names = {fields.get("ID", ""), *fields.get("ID_LIKE", "").split()}
    return bool(names & {"debian", "ubuntu"})


def missing_packages(packages: Sequence[str], system: System) -> list[str]:
    """The packages dpkg does not have installed (unknown names count as missing)."""
    result = system.run(["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n",
                         *packages])
    installed = {line.split()[0].split(":")[0] for line in (result.stdout or "").splitlines()
                 if len(line.split()) >= 2 and line.split()[1].startswith("ii")}
    return [name for name in packages if name not in installed]


def install_prefix(system: System) -> list[str] | None:
    """How to run apt-get: ``[]`` as root, ``["sudo", "-n", ...]`` when sudo needs no
    password, ``None`` when neither can."""
    if system.euid == 0:
        return []
    if system.which("sudo") and system.run(["sudo", "-n", "true"]).returncode == 0:
        return ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"]
    return None


def stop_message(target: str, missing: Sequence[str]) -> str:
    names = " ".join(missing)
    return (f"make {target} needs these Debian/Ubuntu packages, which are not installed: "
            f"{names}\nInstall them, then run `make {target}` again:\n"
            f"    sudo apt-get install {names}\n"
            f"(or set {SKIP_VARIABLE}=1 to go on without them)")


def ensure(target: str, groups: Mapping[str, Sequence[str]], system: System,
           environ: Mapping[str, str], out: Callable[[str], None]) -> int:
    """Check, install what is missing, or stop: the exit status for make."""
    if environ.get(SKIP_VARIABLE, "").strip() not in ("", "0"):
        return 0
    if not is_debian_like(system.os_release()) or not system.which("dpkg-query") \
            or not system.which("apt-get"):
        out(f"system packages: not a Debian or Ubuntu machine, not checked; make {target} "
            "needs Qt's system libraries (.ci/debian-packages.txt names Debian's)")
        return 0
    wanted = packages_for(target, groups)
    missing = missing_packages(wanted, system)
    if not missing:
        return 0
    prefix = install_prefix(system)
    if prefix is None:
        out(stop_message(target, missing))
        return 1
    how = "sudo apt-get" if prefix else "apt-get (as root)"
    out(f"system packages: installing {len(missing)} for make {target} with {how}: "
        f"{' '.join(missing)}")
    system.run([*prefix, "apt-get", "update", "-qq"])
    system.run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends",
                *missing])
    still = missing_packages(missing, system)
    if still:
        out(f"system packages: apt-get did not install {' '.join(still)}\n"
            + stop_message(target, still))
        return 1
    return 0


def main(argv: Sequence[str] | None = None, system: System | None = None,
         environ: Mapping[str, str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", choices=sorted(GROUPS))
    parser.add_argument("--list", type=Path, default=PACKAGE_LIST)
    args = parser.parse_args(argv)
    try:
        groups = read_groups(args.list.read_text(encoding="utf-8"), str(args.list))
    except (OSError, PackageListError) as error:
        print(f"system packages: {error}", file=sys.stderr)
        return 2
    return ensure(args.target, groups, system or System(),
                  os.environ if environ is None else environ,
                  lambda text: print(text, file=sys.stderr, flush=True))


if __name__ == "__main__":
    sys.exit(main())
