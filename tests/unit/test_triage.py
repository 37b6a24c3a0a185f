"""The cause self-check and the "keep running or rest" criteria, table by table."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from kneecare_desktop.care.triage import (
    RUNNING_QUESTION_IDS,
    Answer,
    answers_at_the_time,
    answers_from_ticked,
    follow_up_due,
    routine_first,
    running_advice,
    score_causes,
)
from kneecare_desktop.library.checkin_file import NEXT_DAY_ID, OK_SIGN_IDS, REST_SIGN_IDS, CheckIn
from kneecare_desktop.library.files import load_file, load_library
from kneecare_desktop.model import Advice
from kneecare_desktop.paths import shipped_routines_dir
from tests.conftest import REPO

LIBRARY = load_library(shipped_routines_dir())
CHECKIN: CheckIn = LIBRARY.checkins["knee-checkin"]


# --- causes ------------------------------------------------------------------------------
@pytest.mark.parametrize(("sign", "cause", "routine"), [
    ("hills-speed", "hamstrings", "hamstring-towel"),
    ("desk-stiff-thighs", "hamstrings", "hamstring-towel"),
    ("braking-heel-strike", "hamstrings", "hamstring-towel"),
    ("calves-pumped", "calves", "calf-wall"),
    ("stiff-ankles", "calves", "calf-wall"),
    ("jumping", "calves", "calf-wall"),
    ("downhill", "popliteus", "hip-hinge"),
    ("knee-caves-in", "popliteus", "hip-hinge"),
    ("one-leg-unsteady", "popliteus", "hip-hinge"),
])
def test_every_sign_points_to_its_cause_and_routine(sign: str, cause: str,
                                                    routine: str) -> None:
    result = score_causes(CHECKIN, {sign})
    assert result.best is not None
    assert (result.best.cause, result.best.routine_id) == (cause, routine)
    assert [q.id for q in result.best.ticked] == [sign]
    assert not result.tied


@pytest.mark.parametrize(("ticked", "best", "tied"), [
    ({"calves-pumped", "stiff-ankles", "hills-speed"}, "calves", False),
    ({"calves-pumped", "hills-speed"}, "hamstrings", True),  # a tie goes to the hamstrings
    ({"downhill", "hills-speed"}, "hamstrings", True),
    ({"downhill", "calves-pumped"}, "calves", True),  # no hamstrings: the file's order
    ({"downhill", "knee-caves-in", "one-leg-unsteady", "jumping"}, "popliteus", False),
    ({"hills-speed", "desk-stiff-thighs", "braking-heel-strike", "calves-pumped",
      "stiff-ankles", "jumping"}, "hamstrings", True),
])
def test_scores_and_ties(ticked: set[str], best: str, tied: bool) -> None:
    result = score_causes(CHECKIN, ticked)
    assert result.best is not None
    assert result.best.cause == best
    assert result.tied is tied


FIRST_SIGN = {"hamstrings": "hills-speed", "calves": "calves-pumped", "popliteus": "downhill"}
NAMES = {"hamstrings": "Tight hamstrings", "calves": "Pulling pain from tight calves",
         "popliteus": "A weak popliteus"}


@pytest.mark.parametrize(("one", "other", "best"), [
    ("hamstrings", "calves", "hamstrings"),
    ("hamstrings", "popliteus", "hamstrings"),
    ("calves", "popliteus", "calves"),  # no hamstrings: the order the article lists them
])
def test_a_tie_between_every_pair_names_both_and_why(one: str, other: str, best: str) -> None:
    result = score_causes(CHECKIN, {FIRST_SIGN[one], FIRST_SIGN[other]})
    assert result.best is not None
    assert result.best.cause == best
    assert result.tied
    note = result.tie_note()
    assert note is not None
    for cause in (one, other):
        assert NAMES[cause] in note.en
    assert ("most common in runners" in note.en) is (best == "hamstrings")
    assert ("ハムストリングス" in note.ja) is ("hamstrings" in (one, other))
    if "hamstrings" not in (one, other):
        assert "hamstring" not in note.en.lower()
        assert "記事で先に挙げられている" in note.ja


def test_a_three_way_tie_names_all_three() -> None:
    result = score_causes(CHECKIN, set(FIRST_SIGN.values()))
    note = result.tie_note()
    assert note is not None
    assert all(name in note.en for name in NAMES.values())


def test_no_tie_has_no_tie_note() -> None:
    assert score_causes(CHECKIN, {"calves-pumped", "stiff-ankles"}).tie_note() is None


def test_nothing_ticked_means_no_suggestion() -> None:
    result = score_causes(CHECKIN, set())
    assert result.best is None
    assert all(s.score == 0 for s in result.scores)
    assert routine_first(("hamstring-towel", "calf-wall", "hip-hinge"), None) == (
        "hamstring-towel", "calf-wall", "hip-hinge")


def test_symptoms_and_running_answers_do_not_count_for_a_cause() -> None:
    assert score_causes(CHECKIN, {"slopes", "swollen", *OK_SIGN_IDS}).best is None


def test_the_matching_routine_can_go_first() -> None:
    order = ("hamstring-towel", "calf-wall", "hip-hinge")
    assert routine_first(order, "hip-hinge") == ("hip-hinge", "hamstring-towel", "calf-wall")
    assert routine_first(order, "yoga") == order


# --- keep running or rest: three-state answers ------------------------------------------------
Y, N, OPEN = Answer.YES, Answer.NO, Answer.OPEN
ALL_ANSWERS = list(itertools.product((Y, N, OPEN), repeat=len(RUNNING_QUESTION_IDS)))


def expected(answers: dict[str, Answer]) -> Advice | None:
    """The article's criteria, written out plainly as the oracle for every combination."""
    if any(answers[q] is Y for q in REST_SIGN_IDS):
        return Advice.REST  # one rest sign decides on its own
    if any(answers[q] is OPEN for q in RUNNING_QUESTION_IDS):
        return None  # not answered is never "no": no verdict yet
    if all(answers[q] is Y for q in OK_SIGN_IDS):
        return Advice.RUN_OK
    return Advice.RUN_SHORTER


def test_the_criteria_table_has_every_combination() -> None:
    assert len(ALL_ANSWERS) == 3 ** 6 == 729


@pytest.mark.parametrize("combination", ALL_ANSWERS,
                         ids=["".join(a.value[0] for a in c) for c in ALL_ANSWERS])
def test_every_combination_of_answers(combination: tuple[Answer, ...]) -> None:
    answers = dict(zip(RUNNING_QUESTION_IDS, combination, strict=True))
    result = running_advice(answers)
    assert result.advice is expected(answers)
    assert result.rest_signs == tuple(q for q in REST_SIGN_IDS if answers[q] is Y)
    if result.advice is None:
        assert result.open_questions == tuple(q for q in RUNNING_QUESTION_IDS
                                              if answers[q] is OPEN)
    else:
        assert result.open_questions == ()
    if result.advice is Advice.RUN_SHORTER:
        assert result.unmet == tuple(q for q in OK_SIGN_IDS if answers[q] is N)
    assert result.follow_up_pending is (result.advice is Advice.RUN_OK)


def test_a_blank_form_gives_no_verdict() -> None:
    result = running_advice({})
    assert result.advice is None
    assert result.open_questions == RUNNING_QUESTION_IDS


@pytest.mark.parametrize(("worse", "advice"), [(False, Advice.RUN_OK),
                                               (True, Advice.RUN_SHORTER)])
def test_the_next_day_follow_up(worse: bool, advice: Advice) -> None:
    all_fine = {**{q: N for q in REST_SIGN_IDS}, **{q: Y for q in OK_SIGN_IDS}}
    result = running_advice(all_fine, worse_next_day=worse)
    assert result.advice is advice
    assert not result.follow_up_pending
    assert (NEXT_DAY_ID in result.unmet) is worse


@pytest.mark.parametrize(("ticked", "form", "answer"), [
    ({"swollen"}, 1, {"swollen": Y, "hurts-walking": N}),  # the old form: unticked was "no"
    (set(), 2, {"swollen": OPEN}),
])
def test_stored_answers_as_their_verdict_read_them(ticked: set[str], form: int,
                                                   answer: dict[str, Answer]) -> None:
    answers = answers_at_the_time({"swollen": "open"} if form == 2 else {}, ticked, form)
    for question, state in answer.items():
        assert answers[question] is state
    assert answers_from_ticked(ticked)["hurts-walking"] is OPEN  # shown as not answered


@pytest.mark.parametrize(("last", "day", "answered", "due"), [
    (Advice.RUN_OK, date(2026, 11, 24), False, True),
    (Advice.RUN_OK, date(2026, 11, 25), False, False),  # same day: tomorrow
    (Advice.RUN_OK, date(2026, 11, 24), True, False),
    (Advice.RUN_SHORTER, date(2026, 11, 24), False, False),
    (Advice.REST, date(2026, 11, 24), False, False),
    (None, None, False, False),
])
def test_when_the_follow_up_is_asked(last: Advice | None, day: date | None, answered: bool,
                                     due: bool) -> None:
    assert follow_up_due(last, day, answered, date(2026, 11, 25)) is due


# --- the file --------------------------------------------------------------------------------
def test_the_shipped_check_in_asks_every_article_sign() -> None:
    causes = {c.cause: [s.text.ja for s in c.signs] for c in CHECKIN.causes}
    assert causes["hamstrings"] == [
        "坂道・スピード練習が多い", "デスクワークが長く、太もも裏が硬い",
        "接地がブレーキ気味（かかと着地）"]
    assert "片脚立ちでふらつく" in causes["popliteus"]
    assert [q.id for q in CHECKIN.now] == ["hurts-walking", "straightening-hurts", "swollen"]
    assert [q.text.ja for q in CHECKIN.symptoms] == [
        "走り始めると違和感が出る", "ペースを上げると痛む", "膝を完全に伸ばすと突っ張る",
        "坂道で特に痛む"]


def test_a_file_that_drops_a_rest_sign_is_rejected(tmp_path: Path) -> None:
    text = (REPO / "routines" / "checkin.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if "id: swollen" in ln)
    del lines[start:start + 2]
    path = tmp_path / "checkin.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = load_file(path).problems
    assert "the question 'swollen' is missing" in problem.message.en
    assert "cannot be removed" in problem.message.en
    line_of_last_run = next(i for i, ln in enumerate(lines) if ln.startswith("last_run:")) + 1
    assert problem.line == line_of_last_run + 1


def test_a_check_in_naming_a_missing_routine_is_rejected(tmp_path: Path) -> None:
    text = (REPO / "routines" / "checkin.yaml").read_text(encoding="utf-8")
    (tmp_path / "checkin.yaml").write_text(text.replace("routine: calf-wall",
                                                        "routine: calf-wal"), encoding="utf-8")
    library = load_library(shipped_routines_dir(), tmp_path)
    (mine,) = [f for f in library.files if f.path.parent == tmp_path]
    (problem,) = [p for p in mine.problems if p.is_error]
    assert "no routine has the id 'calf-wal'; did you mean 'calf-wall'?" in problem.message.en
    # The user's file replaces the shipped one, so its problem is not hidden by it.
    assert "knee-checkin" not in library.checkins
