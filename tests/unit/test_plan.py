"""The compiler: each shipped routine becomes exactly the article's holds, sides and reps."""

from __future__ import annotations

import pytest

from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import OverrideError, Overrides
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import Lang, Pacing, Side, SideChoice, SideOrder
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.texts import dose_summary
from kneecare_desktop.plan.timeline import Plan, SegmentKind

K = SegmentKind


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(shipped_routines_dir())


def shape(plan: Plan) -> list[tuple[str, str, int]]:
    return [(s.kind.value, s.side.value, s.set) for s in plan.segments
            if s.kind is not K.REP_PHASE]


def holds(plan: Plan) -> list[tuple[Side, int, float]]:
    return [(s.side, s.set, s.duration) for s in plan.segments if s.kind is K.HOLD]


def test_hamstring_is_four_holds_of_20s_alternating(library: Library) -> None:
    plan = compile_plan(library.routines["hamstring-towel"])
    assert holds(plan) == [(Side.LEFT, 1, 20), (Side.RIGHT, 1, 20), (Side.LEFT, 2, 20),
                           (Side.RIGHT, 2, 20)]
    assert shape(plan) == [("get_ready", "left", 0), ("hold", "left", 1),
                           ("switch_side", "right", 1), ("hold", "right", 1), ("rest", "none", 2),
                           ("hold", "left", 2), ("switch_side", "right", 2),
                           ("hold", "right", 2)]
    assert plan.total_seconds == 10 + 4 * 20 + 2 * 8 + 10
    assert not plan.estimated


def test_calf_is_four_holds_of_20s(library: Library) -> None:
    plan = compile_plan(library.routines["calf-wall"])
    assert holds(plan) == [(Side.LEFT, 1, 20), (Side.RIGHT, 1, 20), (Side.LEFT, 2, 20),
                           (Side.RIGHT, 2, 20)]


def test_hip_hinge_is_twelve_tempo_reps(library: Library) -> None:
    plan = compile_plan(library.routines["hip-hinge"])
    phases = [s for s in plan.segments if s.kind is K.REP_PHASE]
    assert [s.rep for s in phases] == [r for r in range(1, 13) for _ in (0, 1)]
    assert [s.phase.value if s.phase else "" for s in phases[:2]] == ["down", "up"]
    assert all(s.side is Side.NONE for s in phases)
    assert sum(s.duration for s in phases) == 12 * 4
    (block,) = plan.blocks
    assert block.reps == 12
    assert phases[0].instruction.ja == "お尻を後ろに引くように前傾"


def test_block_order(library: Library) -> None:
    plan = compile_plan(library.routines["hamstring-towel"],
                        {"hamstring-towel": Overrides(order=SideOrder.BLOCK)})
    assert shape(plan)[1:] == [("hold", "left", 1), ("rest", "none", 2), ("hold", "left", 2),
                               ("switch_side", "right", 1), ("hold", "right", 1),
                               ("rest", "none", 2), ("hold", "right", 2)]


def test_one_side_only_has_no_switches(library: Library) -> None:
    plan = compile_plan(library.routines["calf-wall"],
                        {"calf-wall": Overrides(sides=SideChoice.RIGHT)})
    assert holds(plan) == [(Side.RIGHT, 1, 20), (Side.RIGHT, 2, 20)]
    assert K.SWITCH_SIDE not in {s.kind for s in plan.segments}
    assert plan.segments[0].side is Side.RIGHT


def test_overrides_change_holds_sets_rest_and_lead_in(library: Library) -> None:
    plan = compile_plan(library.routines["hamstring-towel"], {"hamstring-towel": Overrides(
        hold_seconds=30, sets=3, rest_seconds=0, lead_in_seconds=0, first_side=Side.RIGHT)})
    assert holds(plan) == [(side, n, 30) for n in (1, 2, 3) for side in (Side.RIGHT, Side.LEFT)]
    assert K.REST not in {s.kind for s in plan.segments}
    assert plan.segments[0].kind is K.HOLD


def test_self_paced_reps_are_an_estimate(library: Library) -> None:
    plan = compile_plan(library.routines["hip-hinge"],
                        {"hip-hinge": Overrides(pacing=Pacing.SELF, reps=10)})
    reps = [s for s in plan.segments if s.kind is K.SELF_PACED_REP]
    assert [s.rep for s in reps] == list(range(1, 11))
    assert plan.estimated
    assert not reps[0].timed
    assert "press Enter" in reps[0].instruction.en


def test_program_runs_all_three_with_changes_of_position(library: Library) -> None:
    plan = compile_plan(library.programs["knee-care"], routines=library.routines)
    changes = [s for s in plan.segments if s.kind is K.CHANGE_POSITION]
    assert [c.instruction.get(Lang.JA) for c in changes] == [
        "姿勢を変えます: 仰向け → 壁", "姿勢を変えます: 壁 → 立位"]
    assert plan.routine_ids == ("hamstring-towel", "calf-wall", "hip-hinge")
    assert len([s for s in plan.segments if s.kind is K.HOLD]) == 8
    assert plan.total_seconds == pytest.approx(sum(s.duration for s in plan.segments))
    starts = [s.start for s in plan.segments]
    assert starts == sorted(starts)
    for before, after in zip(plan.segments, plan.segments[1:], strict=False):
        assert after.start == pytest.approx(before.end)


def test_every_segment_speaks_and_shows_both_languages(library: Library) -> None:
    plan = compile_plan(library.programs["knee-care"], routines=library.routines)
    for segment in plan.segments:
        assert segment.instruction.ja
        assert segment.instruction.en
    hold = next(s for s in plan.segments if s.kind is K.HOLD)
    assert hold.cue.en == "Left leg. Hold for 20 seconds"
    assert hold.cue.ja == "左脚。20秒キープ"


@pytest.mark.parametrize(("overrides", "message"), [
    (Overrides(hold_seconds=0), "hold seconds must be between 1 and 600 s (found 0)"),
    (Overrides(hold_seconds=601), "hold seconds must be between 1 and 600 s (found 601)"),
    (Overrides(sets=21), "sets must be between 1 and 20 (found 21)"),
    (Overrides(reps=5), "reps does not apply to 'calf-wall' (it is not done in reps)"),
    (Overrides(rest_seconds=-1), "rest seconds must be between 0 and 600 s (found -1)"),
])
def test_bad_overrides_get_the_loaders_messages(library: Library, overrides: Overrides,
                                                message: str) -> None:
    with pytest.raises(OverrideError) as caught:
        compile_plan(library.routines["calf-wall"], {"calf-wall": overrides})
    assert [m.en for m in caught.value.messages] == [message]


def test_reps_out_of_range(library: Library) -> None:
    with pytest.raises(OverrideError, match="reps must be between 1 and 100"):
        compile_plan(library.routines["hip-hinge"], {"hip-hinge": Overrides(reps=101)})


def test_overrides_round_trip_through_plain_data() -> None:
    overrides = Overrides(hold_seconds=25, order=SideOrder.BLOCK, sides=SideChoice.LEFT)
    assert Overrides.from_dict(overrides.to_dict()) == overrides
    assert Overrides.from_dict({"sets": "x", "order": "sideways", "reps": 3}) == Overrides(reps=3)


def test_dose_summary_reads_like_the_article(library: Library) -> None:
    ham = library.routines["hamstring-towel"]
    assert dose_summary(ham).ja == "20秒キープ × 左右2回ずつ"
    assert dose_summary(ham).en == "20 s hold × 2 on each side"
    assert dose_summary(library.routines["hip-hinge"]).ja == "12回"
    one_side = dose_summary(ham, Overrides(sides=SideChoice.LEFT))
    assert one_side.en == "20 s hold × 2 (left leg only)"


def test_the_last_set_of_reps_is_not_called_the_last_one_on_rep_one() -> None:
    from kneecare_desktop.library.files import load_library
    from kneecare_desktop.paths import shipped_routines_dir
    from kneecare_desktop.plan.compiler import compile_plan
    from kneecare_desktop.plan.texts import next_step

    library = load_library(shipped_routines_dir())
    plan = compile_plan(library.routines["hip-hinge"], {}, library.routines)
    titles = {rid: r.short_title for rid, r in library.routines.items()}
    first_rep = next(s for s in plan.segments if s.rep == 1)
    said = next_step(plan, first_rep.index, titles)
    assert said.ja == "このセットが終わったら完了です"
    assert said.en == "After this set, you are done"
    assert "これで最後です" not in said.ja
