"""The loader: shipped files load; each broken file gets its exact FILE:LINE:COLUMN problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from kneecare_desktop.library.files import load_file, load_library
from kneecare_desktop.library.problems import Severity
from kneecare_desktop.library.records import Origin
from kneecare_desktop.library.yaml_reader import MAX_FILE_BYTES, parse_yaml_text
from kneecare_desktop.model import Hold, Lang, Pacing, Position, Reps, Routine, Side, SideChoice
from kneecare_desktop.paths import shipped_routines_dir
from tests.conftest import DATA, REPO

BROKEN = DATA / "broken"

# file -> every problem it must produce, in order: (line, column, start of the message)
EXPECTED: dict[str, list[tuple[int, int, str]]] = {
    "alias-bomb.yaml": [(3, 4, "anchors (&a) are not allowed"),
                        (4, 4, "anchors (&b) are not allowed"),
                        *[(4, col, "aliases (*a) are not allowed") for col in range(8, 41, 4)]],
    "duplicate-keys.yaml": [(8, 1, "duplicate key 'title' (first on line 6)"),
                            (11, 3, "duplicate key 'seconds' (first on line 10)")],
    "empty.yaml": [(1, 1, "the file is empty")],
    "hold-and-reps.yaml": [(13, 1, "the routine needs exactly one of 'hold' or 'reps'")],
    "missing-language.yaml": [(5, 3, "title is missing its English text ('en:')"),
                              (7, 23, "purpose has an empty English text ('en:')"),
                              (9, 86, "a sign is missing its Japanese text ('ja:')")],
    "not-utf8.yaml": [(4, 14, "this is not UTF-8 text (byte 0x83); save the file as UTF-8")],
    "out-of-range.yaml": [(13, 10, "reps.count must be between 1 and 100 (found 101)"),
                          (14, 8, "the rep range's min (15) is above its max (10)"),
                          (17, 17, "tempo.down must be between 0.5 and 10 s (found 0)"),
                          (20, 9, "dose.sets must be between 1 and 20 (found 21)"),
                          (22, 12, "dose.lead_in must be between 0 and 60 s (found -1)"),
                          (23, 9, "dose.rest must be between 0 and 600 s (found 601)")],
    "python-tag.yaml": [(3, 5, "tags (!!python/object/apply:os.system) are not allowed")],
    "schema-too-new.yaml": [(2, 17, "this file is for a newer KneeCare (schema_version 2")],
    "syntax-error.yaml": [(5, 12, "this is not valid YAML")],
    "two-documents.yaml": [(3, 1, "only one YAML document per file is allowed")],
    "unknown-keys.yaml": [(1, 1, "the routine is missing 'title'; add it"),
                          (4, 1, "unknown key 'titel' in the routine; did you mean 'title'?"),
                          (6, 5, "unknown key 'secnds' in hold; did you mean 'seconds'?"),
                          (6, 5, "hold is missing 'seconds'; add it")],
    "unknown-kind.yaml": [(2, 7, "kind must be one of routine, program, checkin, handoff "
                                 "(found workout)")],
    "unknown-routine.yaml": [(8, 5, "no routine has the id 'hamstring-towl'; did you mean "
                                    "'hamstring-towel'?"),
                             (10, 5, "'knee-care' is a program; list routine ids here")],
    "wrong-types.yaml": [(4, 17, "hold.seconds must be a whole number (found 'twenty')"),
                         (6, 8, "title must be written in both languages"),
                         (14, 11, "position must be one of floor, wall, standing (found sofa)"),
                         (19, 9, "dose.sets must be a whole number (found 2.5)"),
                         (20, 13, "dose.per_side must be true or false (found 'sometimes')"),
                         (21, 10, "dose.sides must be one of both, left, right (found middle)")],
}


def test_every_broken_file_has_expectations() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_each_problem_where_it_is(name: str) -> None:
    path = BROKEN / name
    library = load_library(shipped_routines_dir(), None, extra_files=[path])
    (loaded,) = [f for f in library.files if f.path == path]
    found = [(p.line, p.column, p.message.en) for p in loaded.problems]
    assert len(found) == len(EXPECTED[name]), found
    for (line, column, message), (want_line, want_column, want) in zip(
            found, EXPECTED[name], strict=True):
        assert (line, column) == (want_line, want_column), message
        assert message.startswith(want)
    assert not loaded.ok
    assert all(p.is_error for p in loaded.problems)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_never_hides_the_shipped_ones(name: str) -> None:
    library = load_library(shipped_routines_dir(), None, extra_files=[BROKEN / name])
    assert {"hamstring-towel", "calf-wall", "hip-hinge"} <= set(library.routines)
    assert "knee-care" in library.programs


def test_problems_read_in_japanese_too() -> None:
    loaded = load_file(BROKEN / "unknown-keys.yaml")
    text = loaded.problems[1].format(Lang.JA)
    assert text.startswith(f"{BROKEN / 'unknown-keys.yaml'}:4:1: ")
    assert "「titel」というキーはありません" in text
    assert "「title」の間違いではありませんか" in text


def test_shipped_routines_follow_the_article() -> None:
    library = load_library(shipped_routines_dir())
    assert library.errors == ()
    ham = library.routines["hamstring-towel"]
    assert isinstance(ham.exercise, Hold)
    assert ham.exercise.seconds == 20
    assert (ham.dose.sets, ham.dose.per_side, ham.dose.sides) == (2, True, SideChoice.BOTH)
    assert ham.position is Position.FLOOR
    assert [s.text.ja for s in ham.setup] == ["仰向けで片脚を上げる", "タオルを足裏にかける",
                                              "膝を伸ばしてキープ"]
    assert ham.cause.id == "hamstrings"
    assert "最も多く" in ham.cause.note.ja
    calf = library.routines["calf-wall"]
    assert isinstance(calf.exercise, Hold)
    assert calf.exercise.seconds == 20
    assert calf.dose.sets == 2
    assert "少し" in calf.setup[2].text.ja  # 体重を前に少し預ける
    assert "slightly" in calf.setup[2].text.en
    hinge = library.routines["hip-hinge"]
    assert isinstance(hinge.exercise, Reps)
    assert (hinge.exercise.minimum, hinge.exercise.maximum) == (10, 15)
    assert hinge.exercise.count == 12
    assert hinge.exercise.pacing is Pacing.TEMPO
    assert "前傾" in hinge.setup[1].text.ja
    assert not hinge.dose.per_side
    for routine in library.routines.values():
        assert "治りが遅い" in routine.caution.article.ja
        assert "slow to heal" in routine.caution.article.en
        assert routine.caution.app.ja
        assert routine.caution.app.en
        assert len(routine.cause.signs) == 3
    assert library.programs["knee-care"].routine_ids == ("hamstring-towel", "calf-wall",
                                                         "hip-hinge")


def test_shipped_files_mark_the_apps_own_choices() -> None:
    """A therapist can tell the article's values from the app's defaults."""
    for name in ("hamstring-towel.yaml", "calf-wall.yaml", "hip-hinge.yaml"):
        text = (REPO / "routines" / name).read_text(encoding="utf-8")
        for key in ("lead_in:", "rest:"):
            (line,) = [ln for ln in text.splitlines() if ln.strip().startswith(key)]
            assert "app default" in line, line
    calf = (REPO / "routines" / "calf-wall.yaml").read_text(encoding="utf-8")
    (per_side,) = [ln for ln in calf.splitlines() if "per_side:" in ln]
    assert "app default" in per_side
    hinge = (REPO / "routines" / "hip-hinge.yaml").read_text(encoding="utf-8")
    for key in ("count:", "down:", "up:", "pacing:"):
        (line,) = [ln for ln in hinge.splitlines() if ln.strip().startswith(key)]
        assert "app default" in line, line


def test_user_file_replaces_shipped_one_with_a_notice(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    (user / "mine.yaml").write_bytes((DATA / "valid" / "hamstring-towel-bom.yaml").read_bytes())
    library = load_library(shipped_routines_dir(), user)
    routine = library.routines["hamstring-towel"]
    assert isinstance(routine.exercise, Hold)
    assert routine.exercise.seconds == 30  # the user's copy, read despite its BOM
    (mine,) = [f for f in library.files if f.origin is Origin.USER]
    (notice,) = mine.problems
    assert notice.severity is Severity.NOTICE
    assert "replaces the shipped 'hamstring-towel'" in notice.message.en
    assert library.errors == ()


def test_duplicate_ids_in_one_folder_are_an_error() -> None:
    library = load_library(None, DATA / "duplicate-ids")
    first, second = library.files
    assert first.problems == ()
    (problem,) = second.problems
    assert (problem.line, problem.column) == (7, 5)  # the id's value
    assert problem.message.en.startswith("the id 'calf-wall' is already used by")
    assert library.routines["calf-wall"].source == first.path


def test_program_naming_a_broken_routine_says_so(tmp_path: Path) -> None:
    broken = (REPO / "routines" / "calf-wall.yaml").read_text(encoding="utf-8")
    (tmp_path / "calf-wall.yaml").write_text(broken.replace("seconds: 20", "seconds: 0"),
                                             encoding="utf-8")
    library = load_library(shipped_routines_dir(), tmp_path)
    assert "knee-care" not in library.programs
    (program,) = [f for f in library.files if f.id == "knee-care"]
    (problem,) = program.problems
    assert (problem.line, problem.column) == (15, 5)  # the line naming calf-wall
    assert "the routine 'calf-wall' has problems in its file" in problem.message.en


def test_file_too_large_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"schema_version: 1\n" + b"#" * MAX_FILE_BYTES)
    (problem,) = load_file(path).problems
    assert (problem.line, problem.column) == (1, 1)
    assert "at most 256 KiB" in problem.message.en


def test_deep_nesting_is_refused() -> None:
    (problem,) = parse_yaml_text(Path("deep.yaml"), "[" * 20_000 + "]" * 20_000).problems
    assert "nesting is too deep" in problem.message.en
    assert problem.line == 1


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    (problem,) = load_file(tmp_path / "missing.yaml").problems
    assert "cannot read the file" in problem.message.en


def test_files_are_independent_of_the_current_folder(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert set(load_library(shipped_routines_dir()).routines) == {
        "hamstring-towel", "calf-wall", "hip-hinge"}


def test_side_values_are_the_leg_being_stretched() -> None:
    calf = load_library(shipped_routines_dir()).routines["calf-wall"]
    assert calf.dose.first_side is Side.LEFT


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    """The bomb is refused at its anchors; its speed is measured in benchmarks/loader_fuzz.py."""
    bomb = "a: &a [" + ",".join(["x"] * 10) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(8))
    document = parse_yaml_text(Path("bomb.yaml"), bomb)
    assert document.root is None
    assert document.problems[0].message.en.startswith("anchors (&a) are not allowed")
    assert all("not allowed" in p.message.en for p in document.problems)


def test_control_characters_are_pinpointed() -> None:
    (problem,) = parse_yaml_text(Path("nul.yaml"), "id: ok\nkind: a\x00b\n").problems
    assert (problem.line, problem.column) == (2, 8)
    assert "U+0000 is not allowed" in problem.message.en


def test_a_flood_of_problems_is_cut_short_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "flood.yaml"
    path.write_text("schema_version: 1\nkind: routine\n"
                    + "".join(f"k{i}: {i}\n" for i in range(500)), encoding="utf-8")
    problems = load_file(path).problems
    assert len(problems) == 50
    assert problems[-1].message.en.startswith("too many problems; checking stopped here")


# --- ids across files: replacements and clashes (data-safety findings 4 and 5) ----------
def _knee_care_with(change_position: int) -> str:
    text = (REPO / "routines" / "knee-care.yaml").read_text(encoding="utf-8")
    return text.replace("change_position: 15", f"change_position: {change_position}")


def test_a_user_program_replaces_the_shipped_one_with_a_notice(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    (user / "knee-care.yaml").write_text(_knee_care_with(20), encoding="utf-8")
    library = load_library(shipped_routines_dir(), user)
    assert library.errors == ()
    assert library.programs["knee-care"].change_position_seconds == 20
    assert library.programs["knee-care"].source == user / "knee-care.yaml"
    (mine,) = [f for f in library.files if f.origin is Origin.USER]
    assert mine.ok
    (notice,) = mine.problems
    assert notice.severity is Severity.NOTICE
    assert "replaces the shipped 'knee-care'" in notice.message.en


def test_a_user_file_taking_a_shipped_id_of_another_kind_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    text = _knee_care_with(20).replace("id: knee-care", "id: hip-hinge")
    (user / "hinge-program.yaml").write_text(text, encoding="utf-8")
    library = load_library(shipped_routines_dir(), user)
    (mine,) = [f for f in library.files if f.origin is Origin.USER]
    assert not mine.ok
    (problem,) = mine.problems
    assert problem.is_error
    assert (problem.line, problem.column) == (5, 5)  # the id's value
    shipped = shipped_routines_dir() / "hip-hinge.yaml"
    assert f"{shipped}:7:5" in problem.message.en
    assert "routine" in problem.message.en
    assert "program" in problem.message.en
    assert f"{shipped}:7:5" in problem.message.ja
    # The shipped items stay whole: the routine, the program that runs it, the check-in.
    assert library.routines["hip-hinge"].source == shipped
    assert library.programs["knee-care"].routine_ids[-1] == "hip-hinge"
    assert "hip-hinge" not in library.programs
    assert "knee-checkin" in library.checkins
    assert [p for p in library.errors if p.file != mine.path] == []


def test_a_user_routine_taking_a_shipped_program_id_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    text = (REPO / "routines" / "calf-wall.yaml").read_text(encoding="utf-8")
    (user / "knee-care.yaml").write_text(text.replace("id: calf-wall", "id: knee-care"),
                                         encoding="utf-8")
    library = load_library(shipped_routines_dir(), user)
    (mine,) = [f for f in library.files if f.origin is Origin.USER]
    (problem,) = mine.problems
    assert problem.is_error
    assert "knee-care" in library.programs
    assert "knee-care" not in library.routines


# --- numbers and booleans follow YAML 1.2 (data-safety finding 10) -----------------------
def _hamstring_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (REPO / "routines" / "hamstring-towel.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "hamstring-towel.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("written", "seconds"), [("020", 20), ("0o17", 15), ("0x1F", 31),
                                                   ("+25", 25), ("020  # twenty", 20)])
def test_numbers_read_as_a_person_wrote_them(tmp_path: Path, written: str,
                                             seconds: int) -> None:
    loaded = load_file(_hamstring_with(tmp_path, "seconds: 20  #", f"seconds: {written}  #"))
    assert loaded.problems == ()
    routine = loaded.item
    assert isinstance(routine, Routine)
    assert isinstance(routine.exercise, Hold)
    assert routine.exercise.seconds == seconds


@pytest.mark.parametrize("written", ["1:30", "1_0", "0b101", "017_0"])
def test_yaml_1_1_number_forms_are_text_and_pinpointed(tmp_path: Path, written: str) -> None:
    loaded = load_file(_hamstring_with(tmp_path, "seconds: 20  #", f"seconds: {written}  #"))
    (problem,) = loaded.problems
    assert (problem.line, problem.column) == (51, 12)
    assert problem.message.en.startswith(f"hold.seconds must be a whole number (found "
                                         f"'{written}'")
    assert "YAML 1.2" in problem.message.en
    assert "YAML 1.2" in problem.message.ja


@pytest.mark.parametrize("written", ["yes", "on", "No", "OFF"])
def test_yaml_1_1_booleans_are_text_and_pinpointed(tmp_path: Path, written: str) -> None:
    loaded = load_file(_hamstring_with(tmp_path, "per_side: true ", f"per_side: {written} "))
    (problem,) = loaded.problems
    assert (problem.line, problem.column) == (57, 13)
    assert problem.message.en.startswith(f"dose.per_side must be true or false (found "
                                         f"'{written}'")
    assert "YAML 1.2" in problem.message.en
    assert "true" in problem.message.ja


@pytest.mark.parametrize("written", ["Yes", "off", "1:30", "0o17x"])
def test_yaml_1_1_look_alikes_are_fine_as_texts(tmp_path: Path, written: str) -> None:
    loaded = load_file(_hamstring_with(tmp_path, "  en: Hamstrings\n", f"  en: {written}\n"))
    assert loaded.problems == ()
    routine = loaded.item
    assert isinstance(routine, Routine)
    assert routine.short_title.en == written


# --- control and bidirectional characters (data-safety finding 11) -----------------------
@pytest.mark.parametrize(("old", "new", "column", "named"), [
    ("  en: Hamstrings\n", '  en: "Ham\\u202Estrings"\n', 11, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("  en: Hamstrings\n", "  en: Ham\u202estrings\n", 10, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("  en: Hamstrings\n", "  en: 'Ham\u2066strings'\n", 11, "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("  en: Hamstrings\n", '  en: "Ham \\e[8m strings"\n', 12, "U+001B ESCAPE"),
    ("  en: Hamstrings\n", '  en: "Ham\\x7fstrings"\n', 11, "U+007F DELETE"),
    ("  en: Hamstrings\n", '  en: "Ham\\0strings"\n', 11, "U+0000 NULL"),
    ("  en: Hamstrings\n", '  en: "Ham\\rstrings"\n', 11, "U+000D CARRIAGE RETURN"),
    ("  en: Hamstrings\n", '  en: "Ham\\u0085strings"\n', 11, "U+0085"),
    ("id: hamstring-towel\n", 'id: "hamstring\\u202Dtowel"\n', 15,
     "U+202D LEFT-TO-RIGHT OVERRIDE"),
])
def test_control_and_bidi_characters_are_refused_where_they_are(
        tmp_path: Path, old: str, new: str, column: int, named: str) -> None:
    path = _hamstring_with(tmp_path, old, new)
    line = path.read_text(encoding="utf-8").splitlines().index(new.rstrip("\n")) + 1
    loaded = load_file(path)
    assert not loaded.ok
    problem = loaded.problems[0]
    assert (problem.line, problem.column) == (line, column), problem.message.en
    assert named in problem.message.en
    assert named.split()[0] in problem.message.ja
    assert "hide" in problem.message.en
    # The message itself never carries the character.
    for text in (problem.message.en, problem.message.ja):
        assert not any(ch in text for ch in "\u202e\u202d\u2066\x1b\x7f\x00\r\x85")


def test_a_bidi_character_in_a_block_text_is_found_on_its_own_line(tmp_path: Path) -> None:
    path = _hamstring_with(tmp_path, "  en: Hamstrings\n",
                           "  en: |\n    Ham\n    strings \u2067here\n")
    (problem,) = load_file(path).problems
    assert (problem.line, problem.column) == (15, 13)
    assert "U+2067 RIGHT-TO-LEFT ISOLATE" in problem.message.en


def test_tabs_and_line_breaks_are_fine_in_texts(tmp_path: Path) -> None:
    path = _hamstring_with(tmp_path, "  en: Hamstrings\n", '  en: "Ham\\tstrings\\nsecond"\n')
    loaded = load_file(path)
    assert loaded.problems == ()
    routine = loaded.item
    assert isinstance(routine, Routine)
    assert routine.short_title.en == "Ham\tstrings\nsecond"


def test_unknown_keys_are_shown_without_their_hidden_characters(tmp_path: Path) -> None:
    path = _hamstring_with(tmp_path, "short_title:", "short_title\u202e:")
    problems = load_file(path).problems
    assert any("U+202E" in p.message.en for p in problems)
    assert not any("\u202e" in p.message.en + p.message.ja for p in problems)


# --- byte order marks and Windows line ends --------------------------------------------
@pytest.mark.parametrize(("name", "shipped"), [("calf-wall-crlf.yaml", "calf-wall.yaml"),
                                               ("hip-hinge-bom-crlf.yaml", "hip-hinge.yaml"),
                                               ("knee-care-bom-crlf.yaml", "knee-care.yaml")])
def test_bom_and_crlf_files_load_like_the_shipped_ones(name: str, shipped: str) -> None:
    path = DATA / "valid" / name
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line ends in CRLF
    assert raw.startswith(b"\xef\xbb\xbf") == ("bom" in name)
    loaded = load_file(path)
    assert loaded.problems == ()
    assert loaded.item == load_file(shipped_routines_dir() / shipped).item


def test_problems_in_a_crlf_file_with_a_bom_are_where_they_are(tmp_path: Path) -> None:
    raw = (DATA / "valid" / "hip-hinge-bom-crlf.yaml").read_bytes()
    path = tmp_path / "hinge.yaml"
    path.write_bytes(raw.replace(b"count: 12", b"count: 1:30").replace(
        b"en: Hip hinge\r\n", b"en: \"Hip \\u202Ehinge\"\r\n"))
    problems = load_file(path).problems
    assert [(p.line, p.column) for p in problems] == [(13, 12), (50, 10)]
    assert "U+202E" in problems[0].message.en
    assert "found '1:30'" in problems[1].message.en


def test_control_characters_after_japanese_text_are_pinpointed() -> None:
    """libyaml counts the offset in bytes of UTF-8; the column counts characters."""
    (problem,) = parse_yaml_text(Path("nul.yaml"), "title: 膝裏ケア\nkind: a\x7fb\n").problems
    assert (problem.line, problem.column) == (2, 8)
    assert "U+007F is not allowed" in problem.message.en


def test_an_infinite_tempo_is_not_a_number(tmp_path: Path) -> None:
    text = (REPO / "routines" / "hip-hinge.yaml").read_text(encoding="utf-8")
    path = tmp_path / "hinge.yaml"
    path.write_text(text.replace("down: 2 ", "down: .inf ").replace("up: 2 ", "up: 1e308 "),
                    encoding="utf-8")
    down, up = load_file(path).problems
    assert down.message.en == "tempo.down must be a number (found .inf)"
    assert up.message.en == "tempo.up must be between 0.5 and 10 s (found 1e+308)"
