"""The command line: validate and plan, in both languages, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kneecare_desktop.cli.main import main
from kneecare_desktop.model import Lang
from tests.conftest import DATA, REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_passes_on_the_shipped_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "validate")
    assert code == 0
    lines = out.splitlines()
    assert any(line.endswith("hamstring-towel.yaml: ok — routine 'hamstring-towel', "
                             "Hamstring stretch with a towel (1:56)") for line in lines)
    assert lines[-1] == "5 files, 0 problems"
    assert any(line.endswith("checkin.yaml: ok — check-in 'knee-checkin', Cause self-check "
                             "(19 questions)") for line in lines)


def test_validate_pinpoints_problems_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "validate",
                       str(DATA / "broken" / "duplicate-keys.yaml"))
    assert code == 1
    assert f"{DATA / 'broken' / 'duplicate-keys.yaml'}".endswith(out.splitlines()[0].split(":")[0])
    assert ":8:1: duplicate key 'title' (first on line 6); remove one of them" in out
    assert out.splitlines()[-1] == "1 files, 2 problems"


def test_validate_a_whole_folder_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "ja", "validate", str(DATA / "broken"))
    assert code == 1
    assert "アンカー（&a）は使えません" in out
    assert "Traceback" not in out


def test_validate_reports_user_files_by_default(
        capsys: pytest.CaptureFixture[str], kneecare_home: Path) -> None:
    user = kneecare_home / "routines"
    user.mkdir()
    shutil.copy(DATA / "broken" / "out-of-range.yaml", user)
    code, out, _ = run(capsys, "--lang", "en", "validate")
    assert code == 1
    assert "out-of-range.yaml:13:10: reps.count must be between 1 and 100" in out


def test_plan_shows_the_hamstring_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "plan", "hamstring-towel")
    assert code == 0
    holds = [line for line in out.splitlines() if " hold " in line]
    assert len(holds) == 4
    assert [("left" in h, "right" in h) for h in holds] == [(True, False), (False, True)] * 2
    assert "0:10" in holds[0]


def test_plan_json_for_the_program_with_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "ja", "plan", "knee-care", "--hold", "30",
                       "--reps", "10", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "knee-care"
    holds = [s for s in data["segments"] if s["kind"] == "hold"]
    assert [s["duration"] for s in holds] == [30.0] * 8
    reps = {s["rep"] for s in data["segments"] if s["kind"] == "rep_phase"}
    assert reps == set(range(1, 11))
    assert set(data["segments"][0]) == {"routine", "kind", "side", "set", "rep", "start",
                                        "duration", "text"}
    assert data["segments"][1]["text"] == "膝を伸ばしてキープ"
    assert data["total_seconds"] == sum(s["duration"] for s in data["segments"])


def test_plan_rejects_bad_overrides_with_the_same_words(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "plan", "calf-wall", "--hold", "0")
    assert code == 2
    assert "hold seconds must be between 1 and 600 s (found 0)" in err
    code, _, err = run(capsys, "--lang", "en", "plan", "hip-hinge", "--side", "left")
    assert code == 2
    assert "side does not apply to 'hip-hinge'" in err


def test_plan_unknown_id_lists_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "plan", "yoga")
    assert code == 2
    assert "available: calf-wall, hamstring-towel, hip-hinge, knee-care" in err


def test_gui_without_a_display_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "kneecare_desktop", "--lang", "en"],
                            capture_output=True, text=True, env=env, cwd=REPO, check=False,
                            timeout=60)
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux decides by DISPLAY")
    assert result.returncode == 2
    assert "no display found" in result.stderr
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


def test_history_summary_and_export(capsys: pytest.CaptureFixture[str], kneecare_home: Path,
                                    tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    from kneecare_desktop.history.store import HistoryStore
    from tests.unit.history_helpers import block, start

    store, _ = HistoryStore.open(kneecare_home / "history.sqlite3")
    now = datetime.now().astimezone()
    for days_ago, pain in ((1, 5), (0, 3)):
        begun = start(store.default_person().id, when=now - timedelta(days=days_ago))
        store.begin_session(begun)
        store.add_block(block(begun.uid, 1, when=now - timedelta(days=days_ago)))
        from kneecare_desktop.history.records import Outcome

        store.finish_session(begun.uid, Outcome.COMPLETED, now - timedelta(days=days_ago)
                             + timedelta(minutes=5), 300.0)
        store.set_pain(begun.uid, before=pain)
    store.close()
    code, out, _ = run(capsys, "--lang", "en", "history")
    assert code == 0
    assert "Streak: 2 days in a row" in out
    assert "Pain before sessions (0-10): 4.0 in the last 4 weeks" in out
    code, out, _ = run(capsys, "--lang", "ja", "history")
    assert "連続: 2 日" in out
    target = tmp_path / "h.csv"
    code, _, _ = run(capsys, "history", "export", "--format", "csv", "--out", str(target))
    assert code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 3
    assert (tmp_path / "h-blocks.csv").exists()
    code, out, _ = run(capsys, "history", "export", "--format", "json",
                       "--since", (now.date()).isoformat())
    data = json.loads(out)
    assert len(data["sessions"]) == 1
    assert len(data["blocks"]) == 1


def test_program_export_and_import_through_the_command_line(
        capsys: pytest.CaptureFixture[str], kneecare_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from kneecare_desktop.history.store import HistoryStore

    store, _ = HistoryStore.open(kneecare_home / "history.sqlite3")
    person = store.add_person("Tanaka")
    store.set_adjustments(person.id, "calf-wall", {"hold_seconds": 25, "sets": 3})
    store.close()
    target = tmp_path / "tanaka.yaml"
    code, out, _ = run(capsys, "--lang", "en", "program", "export", "--person", "Tanaka",
                       "--out", str(target))
    assert code == 0
    assert "Exported Tanaka's program 'Knee care program'" in out
    # On the patient's PC: a new, empty home.
    patient = tmp_path / "patient"
    monkeypatch.setenv("KNEECARE_HOME", str(patient))
    code, out, _ = run(capsys, "--lang", "en", "program", "import", str(target), "--person",
                       "Tanaka")
    assert code == 0
    assert "adjustments for calf-wall: {'hold_seconds': 25, 'sets': 3}" in out
    store, _ = HistoryStore.open(patient / "history.sqlite3")
    tanaka = store.person_named("Tanaka")
    assert tanaka is not None
    assert store.adjustments(tanaka.id) == {"calf-wall": {"hold_seconds": 25, "sets": 3}}
    store.close()
    code, out, _ = run(capsys, "--lang", "en", "plan", "calf-wall", "--hold", "25",
                       "--sets", "3", "--json")
    assert json.loads(out)["total_seconds"] == 10 + 6 * 25 + 3 * 5 + 2 * 10


def test_a_broken_hand_off_changes_nothing(capsys: pytest.CaptureFixture[str],
                                           kneecare_home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nkind: handoff\nid: x\nperson: A\ncreated: now\n"
                      "program: {id: p, title: {ja: a, en: a}, description: {ja: a, en: a}, "
                      "change_position: 5, routines: [nothing-here]}\nroutines: []\n",
                      encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "program", "import", str(broken))
    assert code == 1
    assert f"{broken}:6:" in out
    assert "no routine has the id 'nothing-here'" in out
    assert not (kneecare_home / "routines").exists() or not any(
        (kneecare_home / "routines").iterdir())


def test_a_user_program_replacing_the_shipped_one_is_used(
        capsys: pytest.CaptureFixture[str], kneecare_home: Path) -> None:
    user = kneecare_home / "routines"
    user.mkdir()
    text = (REPO / "routines" / "knee-care.yaml").read_text(encoding="utf-8")
    (user / "knee-care.yaml").write_text(
        text.replace("change_position: 15", "change_position: 20"), encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "validate")
    assert code == 0
    assert "replaces the shipped 'knee-care'" in out
    assert "knee-care.yaml: ok — program 'knee-care'" in out
    code, out, _ = run(capsys, "--lang", "en", "plan", "knee-care", "--json")
    assert code == 0
    changes = [s for s in json.loads(out)["segments"] if s["kind"] == "change_position"]
    assert changes
    assert all(s["duration"] == 20 for s in changes)


def test_an_import_taking_a_routine_id_for_its_program_is_refused(
        capsys: pytest.CaptureFixture[str], kneecare_home: Path, tmp_path: Path) -> None:
    from tests.unit.test_handoff import clashing_hand_off

    target = clashing_hand_off(tmp_path)
    before = sorted(p.relative_to(kneecare_home) for p in kneecare_home.rglob("*"))
    for lang in ("en", "ja"):
        code, out, err = run(capsys, "--lang", lang, "program", "import", str(target),
                             "--replace")
        assert code == 1
        assert f"{target}:" in out
        assert f"{REPO / 'routines' / 'hip-hinge.yaml'}:7:5" in out
        assert "Traceback" not in out + err
    assert sorted(p.relative_to(kneecare_home) for p in kneecare_home.rglob("*")) == before
    code, out, _ = run(capsys, "--lang", "en", "validate")
    assert code == 0
    # validate says beforehand that the file cannot be imported, and why.
    code, out, _ = run(capsys, "--lang", "en", "validate", str(target))
    assert code == 1
    assert f"{REPO / 'routines' / 'hip-hinge.yaml'}:7:5" in out


def test_bom_and_crlf_files_validate_and_import(capsys: pytest.CaptureFixture[str],
                                                kneecare_home: Path) -> None:
    valid = DATA / "valid"
    code, out, _ = run(capsys, "--lang", "en", "validate", str(valid / "calf-wall-crlf.yaml"),
                       str(valid / "knee-care-bom-crlf.yaml"),
                       str(valid / "handoff-bom-crlf.yaml"))
    assert code == 0, out
    assert out.splitlines()[-1] == "3 files, 0 problems"
    code, out, _ = run(capsys, "--lang", "en", "program", "import",
                       str(valid / "handoff-bom-crlf.yaml"))
    assert code == 0, out
    assert "Imported (0 files)" in out


def test_plan_columns_line_up_even_for_change_position(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "plan", "knee-care"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert main(["--lang", "en", "plan", "knee-care", "--json"]) == 0
    segments = json.loads(capsys.readouterr().out)["segments"]
    starts = {line.rindex(segment["text"]) for line, segment
              in zip(lines, segments, strict=True)}
    assert len(starts) == 1, starts  # the last column starts at one place on every line


@pytest.mark.parametrize("words", [[], ["--lang", "ja"], ["--lang=en", "--presenter"],
                                   ["--pres"], ["--presenter", "--lang", "en"]])
def test_opening_the_app_is_parsed_as_the_whole_grammar_would(words: list[str]) -> None:
    from kneecare_desktop.cli.args import build_parser, parse_arguments

    assert vars(parse_arguments(words)) == vars(build_parser().parse_args(words))


@pytest.mark.parametrize("words", [["--bogus"], ["--lang", "fr"], ["-h"], ["--version"],
                                   ["--lang", "en", "--help"]])
def test_help_and_mistakes_are_answered_by_the_whole_grammar(
        words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from kneecare_desktop.cli.args import build_parser, parse_arguments

    with pytest.raises(SystemExit) as short:
        parse_arguments(words)
    said = capsys.readouterr()
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(words)
    assert (short.value.code, said) == (whole.value.code, capsys.readouterr())


def test_self_test_is_a_hidden_option(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from kneecare_desktop.cli.args import parse_arguments

    args = parse_arguments(["--self-test", "--lang", "ja"])
    assert args.self_test
    assert args.command is None
    assert args.lang == "ja"
    assert not parse_arguments([]).self_test
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "self-test" not in capsys.readouterr().out
    ran: list[Lang | None] = []
    monkeypatch.setattr("kneecare_desktop.ui.self_test.run_self_test",
                        lambda lang: ran.append(lang) or 3)
    assert main(["--self-test", "--lang", "ja"]) == 3
    assert ran == [Lang.JA]
