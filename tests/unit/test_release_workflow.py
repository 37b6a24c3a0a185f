""".github/workflows/release.yml builds on Linux, Windows and macOS and self-tests each build;
it has never run on this machine, so what can be checked here is: the YAML, that each job
runs the self-test on what it built and makes its installer, that every file it names
exists and agrees with the spec and the Inno Setup script, and that signing comes only
from secrets that docs/release.md explains."""

from __future__ import annotations

import ast
import re
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOW_FILE = REPO / ".github" / "workflows" / "release.yml"
ISS_FILE = REPO / "packaging" / "kneecare.iss"
SPEC_FILE = REPO / "packaging" / "kneecare.spec"
DOCS = (REPO / "docs" / "release.md").read_text(encoding="utf-8")


def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW_FILE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(job: str) -> list[dict[str, Any]]:
    found = workflow()["jobs"][job]["steps"]
    assert isinstance(found, list)
    return found


def scripts(job: str) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(job))


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in ISS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line.strip("[]")
            sections[current] = []
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_the_workflow_runs_on_a_tag_or_by_hand_with_the_three_builds() -> None:
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers
    jobs = flow["jobs"]
    assert jobs["linux"]["container"] == "debian:12"  # the glibc the README names
    assert jobs["windows"]["runs-on"].startswith("windows-")
    assert jobs["macos"]["runs-on"].startswith("macos-")
    assert jobs["release"]["needs"] == ["linux", "windows", "macos"]
    assert jobs["release"]["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert flow["permissions"] == {"contents": "read"}  # write only for the release job


@pytest.mark.parametrize("job", ["windows", "macos"])
def test_windows_and_macos_build_from_the_spec_and_self_test_in_both_languages(
        job: str) -> None:
    run = scripts(job)
    assert "-m PyInstaller" in run
    assert "packaging/kneecare.spec" in run
    assert "--self-test" in run
    assert re.search(r'"en",\s*"ja"|en ja', run)  # both languages, on the built program
    uses = [step.get("uses", "") for step in steps(job)]
    assert "actions/setup-python@v5" in uses
    assert any(u.startswith("actions/upload-artifact@") for u in uses)


def test_linux_runs_make_dist_and_make_smoke_which_self_tests() -> None:
    run = scripts("linux")
    assert "make dist" in run
    assert "make smoke" in run
    assert run.index("make dist") < run.index("make smoke")
    smoke = (REPO / "packaging" / "smoke.py").read_text(encoding="utf-8")
    assert '"--self-test"' in smoke


def test_windows_makes_the_inno_setup_installer_and_self_tests_the_installed_copy() -> None:
    run = scripts("windows")
    assert "packaging\\kneecare.iss" in run
    assert "ISCC.exe" in run
    install = run.index("/VERYSILENT")
    assert "--self-test" in run[install:]  # the installed copy, not only the build
    assert "unins000.exe" in run[install:]


def test_macos_makes_a_dmg_and_self_tests_the_app_inside_it() -> None:
    run = scripts("macos")
    assert "hdiutil create" in run
    assert "-format UDZO" in run
    attach = run.index("hdiutil attach")
    assert "mounted/KneeCare.app/Contents/MacOS/kneecare" in run[attach:]
    assert "--self-test" in run[attach:]


def test_every_repository_file_the_workflow_names_exists() -> None:
    text = WORKFLOW_FILE.read_text(encoding="utf-8")
    named = set(re.findall(r"(?:packaging|\.ci|tools|docs)[/\\][\w./\\-]+\.\w+", text))
    assert len(named) >= 4
    for name in named:
        assert (REPO / name.replace("\\", "/")).is_file(), name
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^make (\w+)$", scripts("linux"), re.MULTILINE)
    assert targets == ["dist", "smoke"]
    for target in targets:
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_signing_steps_run_only_with_their_secrets_and_the_docs_explain_each() -> None:
    text = WORKFLOW_FILE.read_text(encoding="utf-8")
    secrets = set(re.findall(r"secrets\.(\w+)", text))
    assert {"WINDOWS_CERTIFICATE", "MACOS_CERTIFICATE", "APPLE_ID"} <= secrets
    for secret in secrets:
        assert f"`{secret}`" in DOCS, f"docs/release.md does not explain {secret}"
    for job in ("windows", "macos"):
        signing = [s for s in steps(job) if re.search(r"\b(sign|notarize)\b", s.get("name", ""))]
        assert signing, job
        for step in signing:
            assert "placeholder" in step["name"]
            assert re.fullmatch(r"env\.\w+ != ''( && env\.\w+ != '')*", step["if"]), step["if"]
    assert "BEGIN CERTIFICATE" not in text
    assert not re.search(r"[A-Za-z0-9+/]{60,}={0,2}", text)  # no key material pasted in


def test_the_inno_setup_script_installs_what_the_spec_builds() -> None:
    sections = iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"  # no administrator needed
    assert setup["OutputDir"] == "..\\dist"
    assert setup["OutputBaseFilename"] == "kneecare-{#AppVersion}-windows-x86_64-setup"
    assert "kneecare-${{ steps.version.outputs.version }}-windows-x86_64-setup.exe" in \
        scripts("windows")
    text = ISS_FILE.read_text(encoding="utf-8")
    source = re.search(r'#define SourceFolder "(.+)"', text)
    assert source is not None
    assert source.group(1) == "..\\dist\\kneecare"  # --distpath dist, COLLECT(name=kneecare)
    assert 'Source: "{#SourceFolder}\\*"' in sections["Files"][0]
    assert "recursesubdirs" in sections["Files"][0]
    spec = SPEC_FILE.read_text(encoding="utf-8")
    ast.parse(spec)  # the spec is Python
    built = set(re.findall(r'name="(\w+)"', spec))
    assert {"kneecare", "kneecarew"} <= built
    shortcuts = re.findall(r'Filename: "\{app\}\\(\w+)\.exe"', "\n".join(sections["Icons"]))
    assert shortcuts
    assert set(shortcuts) <= built
    assert "compiler:Languages\\Japanese.isl" in "\n".join(sections["Languages"])
    # Uninstalling takes away the login entry that Settings writes (integration/autostart).
    from kneecare_desktop.integration.autostart import RUN_KEY

    assert f'Subkey: "{RUN_KEY}"' in "\n".join(sections["Registry"])
    assert 'ValueName: "KneeCare"; Flags: uninsdeletevalue' in "\n".join(sections["Registry"])


def test_the_macos_bundle_id_is_the_launch_agents_label() -> None:
    from kneecare_desktop.integration.autostart import AGENT_LABEL

    spec = SPEC_FILE.read_text(encoding="utf-8")
    assert f'bundle_identifier="{AGENT_LABEL}"' in spec
    assert 'name="KneeCare.app"' in spec
    assert "dist/KneeCare.app" in scripts("macos")


def test_the_readme_says_which_builds_are_tested_where() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    where = readme.split("**What is tested where.**")[1].split("\n\n")[0]
    assert ".ci/run" in where
    assert ".github/workflows/release.yml" in where
    assert "not run" in where or "never run" in where
    assert "Windows" in where
    assert "macOS" in where

