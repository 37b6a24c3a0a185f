"""The end-of-session words and the preview of the next exercise, without Qt."""

from __future__ import annotations

from kneecare_desktop.library.files import load_library
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.texts import up_next
from kneecare_desktop.plan.timeline import Plan, SegmentKind
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.session.engine import Session
from kneecare_desktop.session.events import SessionState
from kneecare_desktop.session.outcome import Completion, what_was_done

LIBRARY = load_library(shipped_routines_dir())
TITLES = {rid: r.short_title for rid, r in LIBRARY.routines.items()}
PROGRAM = compile_plan(LIBRARY.programs["knee-care"], routines=LIBRARY.routines)


def run(session: Session, clock: FakeClock, seconds: float) -> None:
    target = clock.monotonic() + seconds
    while clock.monotonic() < target - 1e-9 and session.state is SessionState.RUNNING:
        clock.set(min(target, clock.monotonic() + 0.5))
        session.update()


def test_a_whole_program_is_told_routine_by_routine_in_both_languages() -> None:
    clock = FakeClock()
    session = Session(PROGRAM, clock)
    session.start()
    run(session, clock, PROGRAM.total_seconds + 1)
    outcome = what_was_done(PROGRAM, session.summary(), TITLES)
    assert [o.routine_id for o in outcome] == ["hamstring-towel", "calf-wall", "hip-hinge"]
    assert all(o.completion is Completion.DONE for o in outcome)
    ham, calf, hinge = outcome
    assert calf.words() == ham.words()
    assert ham.words().en == "20 s hold × 2 on each side"
    assert ham.words().ja == "20秒キープ × 左右2回ずつ"
    assert hinge.words().en == "12 reps"
    assert hinge.words().ja == "12回"


def test_a_skipped_hold_and_an_early_stop_are_said_plainly() -> None:
    clock = FakeClock()
    session = Session(PROGRAM, clock)
    session.start()
    run(session, clock, 12)  # in the first left hold
    session.skip()
    # Run until the calf stretch's first hold is done, then stop.
    calf_first = next(b for b in PROGRAM.blocks if b.routine_id == "calf-wall")
    while not any(r.block == calf_first for r in session.records):
        run(session, clock, 1)
    session.stop()
    ham, calf, hinge = what_was_done(PROGRAM, session.summary(), TITLES)
    assert ham.completion is Completion.PARTLY
    assert ham.words().en == "left leg: 1 of 2 holds of 20 s; right leg: 20 s hold × 2"
    assert ham.words().ja == "左脚 20秒キープ 2回中1回、右脚 20秒キープ × 2回"
    assert calf.completion is Completion.PARTLY
    assert calf.words().en == "left leg: 1 of 2 holds of 20 s; right leg: not done"
    assert hinge.completion is Completion.NOT_DONE
    assert hinge.words().en == "not done"
    assert hinge.words().ja == "未実施"


def test_reps_stopped_half_way_are_counted() -> None:
    plan = compile_plan(LIBRARY.routines["hip-hinge"], {}, LIBRARY.routines)
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    while session.segment.rep < 5 or session.segment.kind is not SegmentKind.REP_PHASE:
        run(session, clock, 0.5)
    session.stop()
    (hinge,) = what_was_done(plan, session.summary(), TITLES)
    assert hinge.completion is Completion.PARTLY
    assert hinge.words().en == "4 of 12 reps"
    assert hinge.words().ja == "12回中4回"


def preview_at(plan: Plan, kind: SegmentKind, nth: int = 0) -> tuple[str, str]:
    segment = [s for s in plan.segments if s.kind is kind][nth]
    said = up_next(plan, segment.index, TITLES)
    assert said is not None
    return said.en, said.ja


def test_every_pause_previews_the_next_exercise() -> None:
    assert preview_at(PROGRAM, SegmentKind.GET_READY) == (
        "Up next: Hamstrings\nleft leg · set 1 of 2 · 20 s hold",
        "次は ハムストリングス\n左脚・1セット目 / 全2セット・20秒キープ")
    en, _ja = preview_at(PROGRAM, SegmentKind.REST)
    assert en == "Up next: Hamstrings\nleft leg · set 2 of 2 · 20 s hold"
    en, _ja = preview_at(PROGRAM, SegmentKind.SWITCH_SIDE)
    assert en == "Up next: Hamstrings\nright leg · set 1 of 2 · 20 s hold"
    en, _ja = preview_at(PROGRAM, SegmentKind.CHANGE_POSITION, 1)
    assert en == "Up next: Hip hinge\n12 reps"


def test_no_preview_during_work() -> None:
    hold = next(s for s in PROGRAM.segments if s.kind is SegmentKind.HOLD)
    assert up_next(PROGRAM, hold.index, TITLES) is None
