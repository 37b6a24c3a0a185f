"""The session engine, driven by a fake clock: no sleeps, exact times."""

from __future__ import annotations

from typing import TypeVar

import pytest
from hypothesis import given, settings, strategies as st

from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import Pacing, Side
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.timeline import Plan, SegmentKind
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.session.engine import Session
from kneecare_desktop.session.events import (
    BlockFinished,
    BlockOutcome,
    CueDue,
    CueKind,
    Event,
    Interrupted,
    PauseReason,
    RepCounted,
    SegmentStarted,
    SessionFinished,
    SessionState,
    SessionStopped,
    SetFinished,
    SideSwitched,
    StopReason,
)

K = SegmentKind
T = TypeVar("T")
LIBRARY: Library = load_library(shipped_routines_dir())
HAMSTRING = compile_plan(LIBRARY.routines["hamstring-towel"])
PROGRAM = compile_plan(LIBRARY.programs["knee-care"], routines=LIBRARY.routines)


def started(plan: Plan = HAMSTRING, threshold: float = 5.0) -> tuple[Session, FakeClock,
                                                                     list[Event]]:
    clock = FakeClock()
    session = Session(plan, clock, interruption_threshold=threshold)
    return session, clock, session.start()


def go(session: Session, clock: FakeClock, seconds: float, step: float = 0.5) -> list[Event]:
    """Let ``seconds`` pass with the regular updates a live driver would make."""
    events: list[Event] = []
    target = clock.monotonic() + seconds
    while clock.monotonic() < target - 1e-9:
        clock.set(min(target, clock.monotonic() + step))
        events += session.update()
    return events


def run_to_end(session: Session, clock: FakeClock, step: float = 0.5) -> list[Event]:
    events: list[Event] = []
    while session.state is SessionState.RUNNING:
        clock.advance(step)
        events += session.update()
    return events


def of(events: list[Event], kind: type[T]) -> list[T]:
    return [e for e in events if isinstance(e, kind)]


def test_hands_free_program_runs_every_segment_in_order_and_ends_on_time() -> None:
    session, clock, events = started(PROGRAM)
    events += run_to_end(session, clock, step=0.7)
    assert [e.segment.index for e in of(events, SegmentStarted)] == list(
        range(len(PROGRAM.segments)))
    (finished,) = of(events, SessionFinished)
    assert finished.at == pytest.approx(session.started_at + PROGRAM.total_seconds)
    assert session.state is SessionState.FINISHED
    assert all(r.outcome is BlockOutcome.COMPLETED for r in session.records)
    assert len(session.records) == len(PROGRAM.blocks)


def test_events_carry_the_exact_time_they_were_due() -> None:
    session, clock, _ = started()
    events = go(session, clock, 10.3)  # the lead-in is 10 s
    (hold,) = of(events, SegmentStarted)
    assert hold.segment.kind is K.HOLD
    assert hold.at == pytest.approx(session.started_at + 10)
    assert session.segment_remaining() == pytest.approx(19.7)


def test_pause_freezes_the_countdown_and_shifts_the_deadlines() -> None:
    session, clock, _ = started()
    go(session, clock, 12)
    assert session.segment_remaining() == pytest.approx(18)
    session.pause()
    clock.advance(100)
    assert session.update() == []
    assert session.segment_remaining() == pytest.approx(18)
    assert session.next_wakeup() is None  # nothing to wake up for while paused
    resumed = session.resume()
    assert resumed[0].paused_seconds == pytest.approx(100)  # type: ignore[attr-defined]
    go(session, clock, 3)
    assert session.segment_remaining() == pytest.approx(15)
    events = run_to_end(session, clock)
    (finished,) = of(events, SessionFinished)
    assert finished.at == pytest.approx(session.started_at + HAMSTRING.total_seconds + 100)


def test_skip_in_a_hold_marks_it_skipped_and_goes_to_the_next_hold() -> None:
    session, clock, _ = started()
    go(session, clock, 15)  # 5 s into the first (left) hold
    events = session.skip()
    (record,) = [e.record for e in of(events, BlockFinished)]
    assert record.outcome is BlockOutcome.SKIPPED
    assert record.active_seconds == pytest.approx(5)
    assert session.segment.kind is K.HOLD
    assert session.segment.side is Side.RIGHT  # the switch pause counts as passed
    assert session.segment_remaining() == pytest.approx(20)


def test_skip_in_a_pause_goes_to_the_next_hold_without_recording() -> None:
    session, clock, _ = started()
    go(session, clock, 2)  # in the lead-in
    events = session.skip()
    assert of(events, BlockFinished) == []
    assert session.segment.kind is K.HOLD
    assert session.segment.set == 1


def test_skip_the_last_hold_finishes_with_a_summary() -> None:
    session, clock, _ = started()
    for _ in range(5):  # the lead-in, then the four holds
        go(session, clock, 1)
        session.skip()
    assert session.state is SessionState.FINISHED
    summary = session.summary()
    assert len(summary.skipped) == 4
    assert summary.tallies[("hamstring-towel", Side.LEFT)].holds_done == 0


def test_back_restarts_the_hold_and_records_the_attempt() -> None:
    session, clock, _ = started()
    go(session, clock, 18)  # 8 s into the first hold
    events = session.back()
    (record,) = [e.record for e in of(events, BlockFinished)]
    assert record.outcome is BlockOutcome.RESTARTED
    assert session.segment.kind is K.HOLD
    assert session.segment.side is Side.LEFT
    assert session.segment_remaining() == pytest.approx(20)
    go(session, clock, 20.5)
    completed = [r for r in session.records if r.outcome is BlockOutcome.COMPLETED]
    assert completed[0].attempt == 2
    assert completed[0].repeated


def test_back_twice_within_two_seconds_goes_to_the_previous_hold() -> None:
    session, clock, _ = started()
    go(session, clock, 10 + 20 + 8 + 5)  # 5 s into the right hold
    session.back()
    go(session, clock, 1)
    session.back()
    assert session.segment.side is Side.LEFT
    assert session.segment.set == 1
    assert session.records[-1].outcome is BlockOutcome.RESTARTED
    # The first left hold, done already, stays recorded as done.
    assert session.records[0].outcome is BlockOutcome.COMPLETED


def test_back_in_a_rest_restarts_the_hold_just_done() -> None:
    session, clock, _ = started()
    go(session, clock, 10 + 20 + 8 + 20 + 3)  # 3 s into the rest after set 1
    assert session.segment.kind is K.REST
    session.back()
    assert (session.segment.kind, session.segment.side, session.segment.set) == (
        K.HOLD, Side.RIGHT, 1)


def test_repeat_set_goes_back_to_the_first_hold_of_the_set() -> None:
    session, clock, _ = started()
    go(session, clock, 10 + 20 + 8 + 5)
    session.repeat_set()
    assert (session.segment.side, session.segment.set) == (Side.LEFT, 1)


def test_extend_adds_ten_seconds_to_the_current_hold() -> None:
    session, clock, _ = started()
    go(session, clock, 25)
    session.extend()
    assert session.segment_remaining() == pytest.approx(15)
    events = run_to_end(session, clock)
    (finished,) = of(events, SessionFinished)
    assert finished.at == pytest.approx(session.started_at + HAMSTRING.total_seconds + 10)


def test_late_update_loses_no_event_and_marks_old_cues_stale() -> None:
    session, clock, _ = started(threshold=1000)
    clock.advance(10 + 20 + 8 + 20 + 1)  # one very late call
    events = session.update()
    kinds = [e.segment.kind for e in of(events, SegmentStarted)]
    assert kinds == [K.HOLD, K.SWITCH_SIDE, K.HOLD, K.REST]
    assert len(of(events, BlockFinished)) == 2
    assert len(of(events, SideSwitched)) == 1
    assert len(of(events, SetFinished)) == 1
    cues = of(events, CueDue)
    assert cues
    assert all(c.stale for c in cues)  # no burst of beeps
    times = [e.at for e in events]
    assert times == sorted(times)


def test_ticks_for_the_last_three_seconds_of_a_hold() -> None:
    session, clock, _ = started()
    go(session, clock, 10)
    ticks: list[CueDue] = []
    for _ in range(40):
        clock.advance(0.5)
        ticks += [c for c in of(session.update(), CueDue) if c.kind is CueKind.TICK]
        if session.segment.kind is not K.HOLD:
            break
    hold_start = session.started_at + 10
    assert [t.at - hold_start for t in ticks] == pytest.approx([17, 18, 19])
    assert not any(t.stale for t in ticks)


def test_a_long_gap_is_an_interruption_that_pauses_at_the_last_update() -> None:
    session, clock, _ = started()
    go(session, clock, 12)
    last = clock.monotonic()
    clock.advance(60)  # the laptop slept through the rest of the hold
    events = session.update()
    (interrupted,) = of(events, Interrupted)
    assert interrupted.at == last
    assert interrupted.gap_seconds == pytest.approx(60)
    assert session.state is SessionState.PAUSED
    assert session.pause_reason is PauseReason.INTERRUPTED
    assert session.segment.kind is K.HOLD  # nothing skipped
    assert session.segment_remaining() == pytest.approx(18)
    assert of(events, SegmentStarted) == []


def test_a_gap_below_the_threshold_changes_nothing() -> None:
    session, clock, _ = started()
    go(session, clock, 12)
    clock.advance(4.9)
    events = session.update()
    assert of(events, Interrupted) == []
    assert session.state is SessionState.RUNNING
    assert session.segment_remaining() == pytest.approx(20 - 2 - 4.9)


def test_self_paced_reps_wait_for_the_user() -> None:
    plan = compile_plan(LIBRARY.routines["hip-hinge"],
                        {"hip-hinge": Overrides(pacing=Pacing.SELF, reps=3)})
    session, clock, _ = started(plan)
    go(session, clock, 10)
    assert session.segment.kind is K.SELF_PACED_REP
    clock.advance(300)  # waiting is not an interruption: nothing can be skipped
    assert of(session.update(), Interrupted) == []
    assert session.next_wakeup() is None
    counted: list[RepCounted] = []
    for _ in range(3):
        counted += of(session.rep_done(), RepCounted)
    assert [c.rep for c in counted] == [1, 2, 3]
    assert session.state is SessionState.FINISHED
    assert session.records[0].reps_done == 3


def test_tempo_reps_are_counted_hands_free() -> None:
    session, clock, _ = started(compile_plan(LIBRARY.routines["hip-hinge"]))
    events = run_to_end(session, clock, step=0.25)
    assert [c.rep for c in of(events, RepCounted)] == list(range(1, 13))
    beats = [c for c in of(events, CueDue) if c.kind is CueKind.BEAT]
    assert len(beats) == 24
    assert session.summary().tallies[("hip-hinge", Side.NONE)].reps_done == 12


def test_stop_because_it_hurts_ends_at_once_and_keeps_what_was_done() -> None:
    session, clock, _ = started()
    go(session, clock, 10 + 20 + 8 + 4)
    events = session.stop(StopReason.HURT)
    (stopped,) = of(events, SessionStopped)
    assert stopped.reason is StopReason.HURT
    assert session.state is SessionState.STOPPED
    assert [r.outcome for r in session.records] == [BlockOutcome.COMPLETED, BlockOutcome.STOPPED]
    assert session.records[1].active_seconds == pytest.approx(4)
    go(session, clock, 10)
    assert session.update() == []
    assert session.skip() == []


def test_next_wakeup_is_the_next_displayed_second() -> None:
    session, clock, _ = started()
    clock.advance(0.25)
    session.update()
    assert session.next_wakeup() == pytest.approx(session.started_at + 1)
    go(session, clock, 9.5)
    assert session.next_wakeup() == pytest.approx(session.started_at + 10)


def test_summary_counts_holds_per_side() -> None:
    session, clock, _ = started(PROGRAM)
    run_to_end(session, clock, step=1.0)
    tallies = session.summary().tallies
    for routine in ("hamstring-towel", "calf-wall"):
        for side in (Side.LEFT, Side.RIGHT):
            assert tallies[(routine, side)].holds_done == 2
            assert tallies[(routine, side)].hold_seconds == pytest.approx(40)
    assert session.summary().active_seconds == pytest.approx(PROGRAM.total_seconds)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=4.99), min_size=1, max_size=400))
def test_end_time_is_start_plus_total_whatever_the_update_pattern(gaps: list[float]) -> None:
    session, clock, events = started(PROGRAM)
    for gap in gaps:
        clock.advance(gap)
        events += session.update()
        if session.state is SessionState.FINISHED:
            break
    while session.state is SessionState.RUNNING:
        clock.advance(4.0)
        events += session.update()
    (finished,) = of(events, SessionFinished)
    assert finished.at == pytest.approx(session.started_at + PROGRAM.total_seconds, abs=1e-6)
    assert len(of(events, SegmentStarted)) == len(PROGRAM.segments)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(min_value=0.0, max_value=4.9), st.booleans(),
                          st.floats(min_value=0.0, max_value=500.0)), max_size=100))
def test_end_time_moves_by_exactly_the_time_paused(
        steps: list[tuple[float, bool, float]]) -> None:
    session, clock, events = started(HAMSTRING)
    paused_total = 0.0
    for gap, pause, pause_for in steps:
        clock.advance(gap)
        events += session.update()
        if session.state is not SessionState.RUNNING:
            break
        if pause:
            events += session.pause()
            clock.advance(pause_for)
            paused_total += pause_for
            events += session.resume()
    while session.state is SessionState.RUNNING:
        clock.advance(1.0)
        events += session.update()
    (finished,) = of(events, SessionFinished)
    expected = session.started_at + HAMSTRING.total_seconds + paused_total
    assert finished.at == pytest.approx(expected, abs=1e-6)


def test_resume_after_a_block_starts_with_the_pause_before_the_next() -> None:
    clock = FakeClock()
    session = Session(PROGRAM, clock)
    session.start(after_block=3)  # the hamstring's four holds were done
    assert session.segment.kind is K.CHANGE_POSITION
    assert session.segment.routine_id == "calf-wall"
    events = run_to_end(session, clock, step=0.5)
    assert session.state is SessionState.FINISHED
    assert {r.block.routine_id for r in session.records} == {"calf-wall", "hip-hinge"}
    assert len(of(events, BlockFinished)) == len(PROGRAM.blocks) - 4
