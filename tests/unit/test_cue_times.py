"""A plan's cues listed up front are the cues the session engine emits, at the same
times, in the same order (checked by running the engine on a fake clock)."""

from __future__ import annotations

import pytest

from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import SideOrder, Text
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.timeline import Plan
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.session.engine import Session
from kneecare_desktop.session.events import CueDue, CueKind, Event, SessionState
from kneecare_desktop.sound.cue_times import plan_cues

LIBRARY: Library = load_library(shipped_routines_dir())


def session_cues(plan: Plan) -> list[tuple[float, CueKind, Text | None]]:
    """The cues the real engine emits over the whole plan, timed from its start."""
    clock = FakeClock()
    session = Session(plan, clock)
    events: list[Event] = session.start()
    while session.state is SessionState.RUNNING:
        clock.advance(0.25)
        events += session.update()
    return [(e.at - session.started_at, e.kind, e.text) for e in events
            if isinstance(e, CueDue)]


@pytest.mark.parametrize("overrides", [
    {},
    {"calf-wall": Overrides(switch_seconds=3, rest_seconds=0)},
    {"hamstring-towel": Overrides(order=SideOrder.BLOCK, hold_seconds=3),
     "hip-hinge": Overrides(reps=3, sets=2)},
], ids=["defaults", "short-switch-no-rest", "block-order-short-holds-two-sets"])
def test_the_listed_cues_are_the_cues_the_engine_emits(overrides: dict[str, Overrides]) -> None:
    plan = compile_plan(LIBRARY.programs["knee-care"], overrides, routines=LIBRARY.routines)
    listed = [(c.at, c.kind, c.text) for c in plan_cues(plan)]
    emitted = session_cues(plan)
    assert [(k, t) for _, k, t in listed] == [(k, t) for _, k, t in emitted]
    assert [a for a, _, _ in listed] == pytest.approx([a for a, _, _ in emitted])


def test_a_hold_of_4_s_or_more_gets_ticks_and_a_rep_phase_none() -> None:
    plan = compile_plan(LIBRARY.routines["hip-hinge"], {"hip-hinge": Overrides(reps=2)})
    cues = plan_cues(plan)
    kinds = [c.kind for c in cues]
    assert kinds == [CueKind.VOICE, CueKind.TICK, CueKind.TICK, CueKind.TICK,
                     CueKind.VOICE, CueKind.BEAT, CueKind.BEAT,
                     CueKind.VOICE, CueKind.BEAT, CueKind.BEAT, CueKind.SESSION_END]
    assert [c.at for c in cues[1:4]] == [7.0, 8.0, 9.0]
    assert cues[-1].at == plan.total_seconds == 18.0
