"""The packaging's lists stay true: .ci/run leaves the Debian packages to `make test`, the
README names every library the frozen app takes from the system, and the ELF reader the
spec and the smoke test share reads what readelf reads."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "packaging"))
import bundle_rules  # packaging/ is not a package: found on the path above

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_run_leaves_the_debian_packages_to_make_test() -> None:
    """.ci/run installs at most make and python3 itself; `make test` installs the list
    (tools/system_packages.py, tested in test_system_packages.py) and is called first."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines()
                if line.strip() and not line.strip().startswith("#")]
    installs = [line for line in commands if "apt-get install" in line]
    assert len(installs) == 1
    assert installs[0].endswith("make python3 >/dev/null")
    makes = [line for line in commands if line.startswith("make ")]
    assert makes == ["make test", "make dist", "make smoke"]
    assert "unset KNEECARE_SKIP_SYSTEM_PACKAGES" in commands


def test_the_readme_names_every_system_library_and_its_package() -> None:
    libraries = bundle_rules.system_libraries()
    assert "libc.so.6" in libraries
    assert libraries["libspeechd.so.2"].optional
    assert not libraries["libpulse.so.0"].optional
    for soname, library in libraries.items():
        assert f"`{soname}`" in README, soname
        assert re.search(rf"\b{re.escape(library.package)}\b", README), library.package


def test_every_left_out_plugin_and_library_says_why() -> None:
    for reasons in (bundle_rules.EXCLUDED_PLUGINS, bundle_rules.EXCLUDED_QT_LIBRARIES):
        assert all(len(why) > 10 for why in reasons.values())
    assert "texttospeech" not in bundle_rules.EXCLUDED_PLUGINS  # mock and speechd ship
    assert bundle_rules.is_system_library("libGL.so.1", "/usr/lib/x86_64-linux-gnu/libGL.so.1")
    assert not bundle_rules.is_system_library(
        "libQt6Core.so.6", "/venv/site-packages/PySide6/Qt/lib/libQt6Core.so.6")


def test_needed_reads_what_readelf_reads(tmp_path: Path) -> None:
    import _ssl  # an extension module: an ELF shared object with its own needs

    for path in (Path(sys.executable).resolve(), Path(_ssl.__file__)):
        names = bundle_rules.needed(path)
        assert bundle_rules.is_elf(path)
        assert "libc.so.6" in names or any(n.startswith("libpython") for n in names)
        if shutil.which("readelf"):
            dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True,
                                     text=True, check=True).stdout
            assert names == re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic)
    text = tmp_path / "not-elf"
    text.write_text("plain text")
    assert not bundle_rules.is_elf(text)
    assert bundle_rules.needed(text) == []


@pytest.mark.parametrize("line", ["libx.so.1 pkg sometimes why"])
def test_a_wrong_need_in_the_list_is_refused(tmp_path: Path, line: str) -> None:
    listing = tmp_path / "system-libraries.txt"
    listing.write_text(f"# comment\n{line}\n")
    with pytest.raises(ValueError, match="'required' or 'optional'"):
        bundle_rules.system_libraries(listing)
