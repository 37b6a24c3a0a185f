"""Round trips: editor output and hand-offs load back identically; bad imports change
nothing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kneecare_desktop.library import handoff
from kneecare_desktop.library.files import load_file, load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.records import Handoff
from kneecare_desktop.library.serialize import program_yaml, routine_yaml
from kneecare_desktop.model import Side, SideChoice, Text
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan

LIBRARY = load_library(shipped_routines_dir())
ADJUSTED = {"hamstring-towel": Overrides(hold_seconds=30, sides=SideChoice.LEFT),
            "hip-hinge": Overrides(reps=10)}


@pytest.mark.parametrize("routine_id", sorted(LIBRARY.routines))
def test_a_written_routine_loads_back_identically(routine_id: str, tmp_path: Path) -> None:
    routine = LIBRARY.routines[routine_id]
    path = tmp_path / f"{routine_id}.yaml"
    path.write_text(routine_yaml(routine), encoding="utf-8")
    loaded = load_file(path)
    assert loaded.problems == ()
    assert loaded.item == routine


def test_an_edited_copy_loads_back_identically(tmp_path: Path) -> None:
    """What the routine editor saves: a copy with a new id, texts and dose."""
    original = LIBRARY.routines["calf-wall"]
    copy = dataclasses.replace(
        original, id="calf-wall-tanaka", title=Text("ふくらはぎ（田中さん用）", "Calf (Tanaka)"),
        dose=dataclasses.replace(original.dose, sets=3, rest_seconds=15,
                                 first_side=Side.RIGHT))
    path = tmp_path / "calf-wall-tanaka.yaml"
    path.write_text(routine_yaml(copy), encoding="utf-8")
    assert load_file(path).item == copy
    program = dataclasses.replace(LIBRARY.programs["knee-care"], id="tanaka",
                                  routine_ids=("calf-wall-tanaka", "hip-hinge"))
    (tmp_path / "tanaka.yaml").write_text(program_yaml(program), encoding="utf-8")
    library = load_library(shipped_routines_dir(), tmp_path)
    assert library.errors == ()
    assert library.programs["tanaka"] == program


def export(tmp_path: Path) -> Path:
    text = handoff.export_text(LIBRARY, "knee-care", "Tanaka", ADJUSTED,
                               datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    path = tmp_path / "tanaka-handoff.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_then_import_on_an_empty_home_gives_the_same_plan(tmp_path: Path) -> None:
    path = export(tmp_path)
    loaded = load_file(path)
    assert loaded.problems == ()
    assert isinstance(loaded.item, Handoff)
    assert loaded.item.person == "Tanaka"
    assert loaded.item.adjustments == ADJUSTED
    home_routines = tmp_path / "home" / "routines"
    plan = handoff.plan_import(loaded.item, LIBRARY, home_routines)
    # The patient's PC already ships the same routines: nothing to write, only the dose.
    assert {f.action for f in plan.files} == {handoff.Action.SAME}
    assert handoff.apply_import(plan, allow_replace=False) == []
    patient = load_library(shipped_routines_dir(), home_routines)
    before = compile_plan(LIBRARY.programs["knee-care"], ADJUSTED, LIBRARY.routines)
    after = compile_plan(patient.programs["knee-care"], plan.adjustments, patient.routines)
    assert after == before


def test_import_of_custom_routines_adds_files_and_never_overwrites_silently(
        tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    changed = dataclasses.replace(LIBRARY.routines["calf-wall"],
                                  title=Text("壁でのふくらはぎ", "Calf at the wall"))
    (clinic / "calf-wall.yaml").write_text(routine_yaml(changed), encoding="utf-8")
    clinic_library = load_library(shipped_routines_dir(), clinic)
    text = handoff.export_text(clinic_library, "knee-care", "Sato", {}, datetime.now(UTC))
    (tmp_path / "h.yaml").write_text(text, encoding="utf-8")
    item = load_file(tmp_path / "h.yaml").item
    assert isinstance(item, Handoff)
    home = tmp_path / "home"
    home.mkdir()
    mine = dataclasses.replace(LIBRARY.routines["calf-wall"], short_title=Text("私の", "mine"))
    (home / "calf-wall.yaml").write_text(routine_yaml(mine), encoding="utf-8")
    before = (home / "calf-wall.yaml").read_text(encoding="utf-8")
    plan = handoff.plan_import(item, load_library(shipped_routines_dir(), home), home)
    actions = {f.item_id: f.action for f in plan.files}
    assert actions["calf-wall"] is handoff.Action.REPLACE_USER
    assert plan.needs_confirmation
    with pytest.raises(handoff.ImportRefusedError):
        handoff.apply_import(plan, allow_replace=False)
    assert (home / "calf-wall.yaml").read_text(encoding="utf-8") == before
    handoff.apply_import(plan, allow_replace=True)
    assert load_library(shipped_routines_dir(), home).routines["calf-wall"] == changed


def test_a_tampered_hand_off_is_pinpointed(tmp_path: Path) -> None:
    path = export(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("hold_seconds: 30", "hold_seconds: 3000")
                    .replace("  - calf-wall\n", "  - calf-wal\n", 1), encoding="utf-8")
    problems = load_file(path).problems
    messages = [(p.line, p.message.en) for p in problems]
    lines = path.read_text(encoding="utf-8").splitlines()
    wal = lines.index("  - calf-wal") + 1
    hold = next(i for i, ln in enumerate(lines) if "hold_seconds: 3000" in ln) + 1
    assert (wal, "no routine has the id 'calf-wal'; check the routine's id") in messages
    assert any(line == hold and "between 1 and 600" in m for line, m in messages)
    assert all(p.file == path and p.column >= 1 for p in problems)


def clashing_hand_off(tmp_path: Path) -> Path:
    """A hand-off whose program is called 'hip-hinge', the id of a shipped routine."""
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    program = dataclasses.replace(LIBRARY.programs["knee-care"], id="calves",
                                  routine_ids=("calf-wall",))
    (clinic / "calves.yaml").write_text(program_yaml(program), encoding="utf-8")
    text = handoff.export_text(load_library(shipped_routines_dir(), clinic), "calves", "Ito",
                               {}, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    path = tmp_path / "ito-handoff.yaml"
    path.write_text(text.replace("  id: calves\n", "  id: hip-hinge\n", 1), encoding="utf-8")
    return path


def test_a_hand_off_whose_program_takes_a_routine_id_is_refused(tmp_path: Path) -> None:
    """Ids are unique across routines and programs: a program called 'hip-hinge' would
    break the shipped program and the check-in, so nothing may be written."""
    path = clashing_hand_off(tmp_path)
    loaded = load_file(path)
    assert loaded.ok
    assert isinstance(loaded.item, Handoff)
    home = tmp_path / "home"
    plan = handoff.plan_import(loaded.item, LIBRARY, home)
    (problem,) = plan.problems
    line = path.read_text(encoding="utf-8").splitlines().index("  id: hip-hinge") + 1
    assert (problem.file, problem.line, problem.column) == (path, line, 7)
    shipped = shipped_routines_dir() / "hip-hinge.yaml"
    assert f"{shipped}:7:5" in problem.message.en
    assert f"{shipped}:7:5" in problem.message.ja
    with pytest.raises(handoff.ImportRefusedError):
        handoff.apply_import(plan, allow_replace=True)
    assert not home.exists()


def test_a_hand_off_with_one_id_twice_is_refused_by_the_loader(tmp_path: Path) -> None:
    path = export(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  id: knee-care\n", "  id: calf-wall\n", 1),
                    encoding="utf-8")
    loaded = load_file(path)
    assert not loaded.ok
    lines = path.read_text(encoding="utf-8").splitlines()
    program_line = lines.index("  id: calf-wall") + 1
    messages = [(p.line, p.column, p.message.en) for p in loaded.problems]
    assert any(line == program_line and column == 7 and "'calf-wall'" in message
               for line, column, message in messages), messages


@pytest.mark.parametrize("looks_like", ["0o17", "1e5", "020", "1:30", "yes", "No", "~", ".inf",
                                        "0x1F", "true", "2026-11-25", "1_000"])
def test_texts_that_look_like_numbers_load_back_identically(looks_like: str,
                                                             tmp_path: Path) -> None:
    """The writer quotes whatever YAML 1.1 or the loader's YAML 1.2 would not read as text."""
    original = LIBRARY.routines["calf-wall"]
    copy = dataclasses.replace(original, short_title=Text(looks_like, looks_like),
                               illustration="1e5" if looks_like == "1e5" else "0x1f")
    path = tmp_path / "copy.yaml"
    path.write_text(routine_yaml(copy), encoding="utf-8")
    loaded = load_file(path)
    assert loaded.problems == ()
    assert loaded.item == copy


@pytest.mark.parametrize(("person", "column", "named"), [
    ('"Tanaka\\u202Eevil"', 16, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('"Tanaka\\nSato"', 16, "U+000A LINE FEED"),
    ('"Tanaka\\x1b[2J"', 16, "U+001B ESCAPE"),
])
def test_a_person_name_with_hidden_characters_is_refused(tmp_path: Path, person: str,
                                                          column: int, named: str) -> None:
    path = export(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("person: Tanaka\n", f"person: {person}\n", 1),
                    encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index(f"person: {person}") + 1
    loaded = load_file(path)
    assert not loaded.ok
    (problem,) = loaded.problems
    assert (problem.line, problem.column) == (line, column)
    assert named in problem.message.en


def test_import_never_overwrites_a_file_of_another_id_silently(tmp_path: Path) -> None:
    """The user's file named like a hand-off's routine, but holding something else (or
    something broken), is theirs: replacing it needs their consent, as for their own copy."""
    changed = dataclasses.replace(LIBRARY.routines["calf-wall"],
                                  title=Text("壁でのふくらはぎ", "Calf at the wall"))
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "calf-wall.yaml").write_text(routine_yaml(changed), encoding="utf-8")
    text = handoff.export_text(load_library(shipped_routines_dir(), clinic), "knee-care",
                               "Sato", {}, datetime.now(UTC))
    (tmp_path / "h.yaml").write_text(text, encoding="utf-8")
    item = load_file(tmp_path / "h.yaml").item
    assert isinstance(item, Handoff)
    home = tmp_path / "home"
    home.mkdir()
    mine = dataclasses.replace(LIBRARY.routines["calf-wall"], id="my-calf")
    (home / "calf-wall.yaml").write_text(routine_yaml(mine), encoding="utf-8")
    before = (home / "calf-wall.yaml").read_bytes()
    plan = handoff.plan_import(item, load_library(shipped_routines_dir(), home), home)
    actions = {f.item_id: f.action for f in plan.files}
    assert actions["calf-wall"] is handoff.Action.REPLACE_USER
    with pytest.raises(handoff.ImportRefusedError):
        handoff.apply_import(plan, allow_replace=False)
    assert (home / "calf-wall.yaml").read_bytes() == before
