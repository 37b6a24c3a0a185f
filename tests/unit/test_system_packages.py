"""`make run` and `make test` install the Debian packages they need (tools/system_packages.py):
as root directly, else with a sudo that asks no password, else one message naming them;
the README lists the same packages as .ci/debian-packages.txt."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import system_packages as sp  # tools/ is not a package: found on the path above

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
LIST = "# comment\n[run]\nmake\nlibegl1  # Qt\n[test]\nxvfb\npulseaudio\n"


class FakeMachine:
    """dpkg-query, apt-get and sudo as a Debian machine would answer them."""

    def __init__(self, installed: set[str], euid: int = 1000, sudo: bool | None = None,
                 os_release: str = DEBIAN, apt_installs: bool = True) -> None:
        self.installed = set(installed)
        self.sudo = sudo  # None: no sudo program; False: it asks for a password
        self.apt_installs = apt_installs
        self.commands: list[list[str]] = []
        self.system = sp.System(euid=euid, which=self.which, run=self.run,
                                os_release=lambda: os_release)

    def which(self, name: str) -> str | None:
        if name == "sudo" and self.sudo is None:
            return None
        return f"/usr/bin/{name}"

    def run(self, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
        self.commands.append(list(command))
        words = list(command)
        if words[:2] == ["sudo", "-n"]:
            if not self.sudo:
                return subprocess.CompletedProcess(words, 1, "", "a password is required")
            words = words[2:]
            if words[:2] == ["env", "DEBIAN_FRONTEND=noninteractive"]:
                words = words[2:]
        if words[0] == "dpkg-query":
            lines = [f"{name}:amd64 ii " for name in words[3:] if name in self.installed]
            return subprocess.CompletedProcess(words, 1, "\n".join(lines) + "\n", "")
        if words[:2] == ["apt-get", "install"] and self.apt_installs:
            self.installed |= {w for w in words[2:] if not w.startswith("-")}
        return subprocess.CompletedProcess(words, 0, "", "")

    def apt(self) -> list[list[str]]:
        return [c for c in self.commands if "apt-get" in c]


def ensure(machine: FakeMachine, target: str = "test",
           environ: dict[str, str] | None = None) -> tuple[int, str]:
    said: list[str] = []
    status = sp.ensure(target, sp.read_groups(LIST), machine.system, environ or {},
                       said.append)
    return status, "\n".join(said)


def test_nothing_is_installed_when_nothing_is_missing() -> None:
    machine = FakeMachine({"make", "libegl1", "xvfb", "pulseaudio"})
    assert ensure(machine) == (0, "")
    assert machine.apt() == []


def test_make_run_asks_only_for_the_run_group() -> None:
    machine = FakeMachine({"make"}, euid=0)
    status, said = ensure(machine, "run")
    assert status == 0
    assert machine.apt()[-1][-1:] == ["libegl1"]  # not xvfb or pulseaudio
    assert "libegl1" in said
    assert "xvfb" not in said


def test_root_installs_the_missing_ones_with_apt_get_directly() -> None:
    machine = FakeMachine({"make", "xvfb"}, euid=0)
    status, said = ensure(machine)
    assert status == 0
    assert machine.apt() == [["apt-get", "update", "-qq"],
                             ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                              "libegl1", "pulseaudio"]]
    assert "installing 2" in said
    assert "as root" in said
    assert {"libegl1", "pulseaudio"} <= machine.installed


def test_a_user_with_a_passwordless_sudo_installs_them_with_sudo() -> None:
    machine = FakeMachine({"make", "libegl1", "xvfb"}, sudo=True)
    status, _said = ensure(machine)
    assert status == 0
    assert machine.apt()[-1][:6] == ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive",
                                     "apt-get", "install"]
    assert "pulseaudio" in machine.installed


@pytest.mark.parametrize("sudo", [None, False], ids=["no sudo", "sudo asks a password"])
def test_otherwise_one_message_names_them_and_the_command(sudo: bool | None) -> None:
    machine = FakeMachine({"make", "xvfb"}, sudo=sudo)
    status, said = ensure(machine)
    assert status == 1
    assert machine.apt() == []  # nothing tried that would prompt or fail half-way
    assert "make test needs these Debian/Ubuntu packages" in said
    assert "sudo apt-get install libegl1 pulseaudio" in said
    assert "run `make test` again" in said


def test_a_package_apt_get_did_not_install_stops_with_its_name() -> None:
    machine = FakeMachine({"make", "libegl1", "xvfb"}, euid=0, apt_installs=False)
    status, said = ensure(machine)
    assert status == 1
    assert "apt-get did not install pulseaudio" in said


def test_another_system_is_not_checked_and_make_goes_on() -> None:
    machine = FakeMachine(set(), euid=0, os_release='ID=fedora\nID_LIKE="rhel centos"\n')
    status, said = ensure(machine)
    assert status == 0
    assert machine.commands == []
    assert "not a Debian or Ubuntu machine" in said


def test_ubuntu_and_derivatives_count_as_debian() -> None:
    assert sp.is_debian_like("ID=ubuntu\nID_LIKE=debian\n")
    assert sp.is_debian_like('ID=linuxmint\nID_LIKE="ubuntu debian"\n')
    assert not sp.is_debian_like("ID=arch\n")


def test_the_skip_variable_skips_the_check() -> None:
    machine = FakeMachine(set(), euid=0)
    assert ensure(machine, environ={sp.SKIP_VARIABLE: "1"}) == (0, "")
    assert machine.commands == []
    assert ensure(FakeMachine(set(), sudo=None), environ={sp.SKIP_VARIABLE: "0"})[0] == 1


@pytest.mark.parametrize(("text", "error"), [
    ("make\n[run]\n", r"list:1: 'make' comes before any group"),
    ("[run]\n[build]\n", r"list:2: unknown group '\[build\]'"),
    ("[run]\nmake python3\n", r"list:2: one package per line"),
])
def test_a_broken_list_says_the_line_and_what_to_write(text: str, error: str) -> None:
    with pytest.raises(sp.PackageListError, match=error):
        sp.read_groups(text, "list")


def test_the_readme_lists_the_packages_of_each_group() -> None:
    groups = sp.read_groups(sp.PACKAGE_LIST.read_text(encoding="utf-8"))
    assert "python3-venv" in groups["run"]
    assert "libxcb-cursor0" in groups["run"]
    assert "xvfb" in groups["test"]
    assert "xvfb" not in groups["run"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    run_line = re.search(r"^- `make run` needs: (.+)$", readme, re.MULTILINE)
    test_line = re.search(r"^- `make test` .* need those and: (.+)$", readme, re.MULTILINE)
    assert run_line is not None
    assert test_line is not None
    assert run_line.group(1).split() == groups["run"]
    assert test_line.group(1).split() == groups["test"]


def test_the_readme_still_has_exactly_two_set_up_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up and run (developers)")[1].split("\n## ")[0]
    commands = [line.split("#")[0].strip() for block in re.findall(r"```sh\n(.*?)```",
                                                                   section, re.DOTALL)
                for line in block.splitlines() if line.split("#")[0].strip()]
    assert commands == ["make run", "make test"]
    assert "apt-get install" not in section.replace("`sudo apt-get install` line", "")


def _make_dry_run(target: str, tmp_path: Path) -> list[str]:
    result = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'venv'}"], cwd=REPO,
                            capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is in .ci/debian-packages.txt")
@pytest.mark.parametrize(("target", "group"), [("run", "run"), ("test", "test")])
def test_make_checks_the_packages_before_it_makes_the_venv(tmp_path: Path, target: str,
                                                           group: str) -> None:
    lines = _make_dry_run(target, tmp_path)
    check = lines.index(f"python3 tools/system_packages.py {group}")
    venv = next(i for i, line in enumerate(lines) if " -m venv " in line)
    assert check < venv


def test_the_script_as_make_runs_it_installs_or_names_them(tmp_path: Path) -> None:
    """The real script on the real list, with a fake dpkg-query that finds nothing until a
    fake apt-get has run, and no sudo: as root it installs them with apt-get, as a user
    it stops and names them all."""
    if not sp.is_debian_like(Path("/etc/os-release").read_text(encoding="utf-8")):
        pytest.skip("the script checks Debian and Ubuntu machines only")
    fake = tmp_path / "bin"
    fake.mkdir()
    done = tmp_path / "apt-ran"
    (fake / "dpkg-query").write_text(
        f'#!/bin/sh\n[ -f "{done}" ] || exit 1\nshift 2\n'
        'for p in "$@"; do echo "$p ii "; done\n')
    (fake / "apt-get").write_text(f'#!/bin/sh\necho "apt-get $*" >> "{done}"\n')
    for tool in fake.iterdir():
        tool.chmod(0o755)
    env = {"PATH": str(fake), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, str(REPO / "tools" / "system_packages.py"),
                             "run"], env=env, capture_output=True, text=True, check=False)
    run_group = sp.read_groups(sp.PACKAGE_LIST.read_text(encoding="utf-8"))["run"]
    if os.geteuid() == 0:
        assert result.returncode == 0, result.stderr
        ran = done.read_text().splitlines()
        assert ran == ["apt-get update -qq",
                       "apt-get install -y -qq --no-install-recommends " + " ".join(run_group)]
    else:
        assert result.returncode == 1
        assert not done.exists()
        assert "sudo apt-get install " + " ".join(run_group) in result.stderr
