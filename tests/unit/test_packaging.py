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


def _fake_frozen_app(folder: Path, frozen: bool) -> Path:
    """A folder laid out as the frozen app's, whose ``kneecare`` runs this tree's CLI as
    PyInstaller's bootloader does (``sys.frozen``, ``sys._MEIPASS``, ``sys.executable``
    the program itself), or as a plain script when ``frozen`` is False."""
    app = folder / "kneecare-9.9"
    icons = app / "_internal" / "kneecare_desktop" / "ui" / "resources" / "icons"
    shutil.copytree(REPO / "kneecare_desktop" / "ui" / "resources" / "icons", icons)
    program = app / "kneecare"
    pretend = (f"sys.frozen = True; sys._MEIPASS = {str(app / '_internal')!r}; "
               f"sys.executable = {str(program)!r}\n") if frozen else ""
    program.write_text(f"#!{sys.executable}\nimport sys\n{pretend}"
                       f"sys.path.insert(0, {str(REPO)!r})\n"
                       "from kneecare_desktop.cli.main import main\nsys.exit(main())\n")
    program.chmod(0o755)
    return app


@pytest.mark.parametrize("frozen", [True, False], ids=["frozen", "not frozen"])
def test_the_smoke_test_installs_the_frozen_apps_launcher_with_desktop_entry(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], frozen: bool) -> None:
    """smoke.py runs `kneecare desktop-entry install` from the unpacked folder: the launcher
    must start that folder's program and the icons be the bundle's. A copy that is not
    frozen writes another Exec= (this venv's), which the check must refuse."""
    import smoke  # packaging/smoke.py

    app = _fake_frozen_app(tmp_path, frozen)
    work = tmp_path / "work"
    work.mkdir()
    checks = smoke.Smoke()
    smoke.check_desktop_entry(app, work, checks)
    said = capsys.readouterr().out
    if frozen:
        assert checks.failed == 0, said
        assert f'Exec={app / "kneecare"}' in said
        assert "8 icons, the bundle's" in said
        assert "9 files removed" in said
    else:
        assert checks.failed >= 1
        assert "FAIL  desktop-entry install" in said
    assert not list((work / "user" / ".local" / "share" / "applications").glob("*.desktop"))


def test_the_archives_launcher_is_the_apps_own_definition(tmp_path: Path) -> None:
    """make dist writes kneecare.desktop from integration/launcher.py (no second copy in
    packaging/ to drift), with the program's name for Exec= and the SVG icon beside it."""
    import build_dist  # packaging/build_dist.py

    from kneecare_desktop.integration.launcher import desktop_entry

    build_dist.add_launcher(tmp_path)
    text = (tmp_path / "kneecare.desktop").read_text(encoding="utf-8")
    assert text == desktop_entry(["kneecare"])
    assert "Exec=kneecare\n" in text
    assert "Name[ja]=KneeCare 膝裏ケア" in text
    assert (tmp_path / "kneecare.svg").read_bytes().startswith(b"<")
    assert not (REPO / "packaging" / "kneecare.desktop").exists()
