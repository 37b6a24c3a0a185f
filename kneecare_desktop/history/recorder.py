"""Turns a session's events into history records, one committed block at a time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from kneecare_desktop.history.records import (
    ItemKind,
    Outcome,
    RecordedBlock,
    SessionStart,
    new_uid,
)
from kneecare_desktop.plan.timeline import Plan
from kneecare_desktop.session.clock import Clock
from kneecare_desktop.session.events import (
    BlockFinished,
    Event,
    SessionFinished,
    SessionStopped,
    StopReason,
)


class Writer(Protocol):
    def begin(self, start: SessionStart) -> None: ...
    def block(self, entry: RecordedBlock) -> None: ...
    def finish(self, uid: str, outcome: Outcome, ended: datetime,
               active_seconds: float) -> None: ...


class SessionRecorder:
    """Listens to one session and writes what happens, as it happens."""

    def __init__(self, writer: Writer, clock: Clock, plan: Plan, item_kind: ItemKind,
                 overrides: dict[str, Any], person_id: int,
                 resumed_from: str | None = None) -> None:
        self.writer = writer
        self.clock = clock
        self.plan = plan
        self.uid = new_uid()
        self._seq = 0
        self._start = SessionStart(
            uid=self.uid, person_id=person_id, item_id=plan.id, item_kind=item_kind,
            title_ja=plan.title.ja, title_en=plan.title.en, overrides=overrides,
            planned_seconds=plan.total_seconds, started=clock.now(),
            resumed_from=resumed_from)
        writer.begin(self._start)

    def wall_time(self, monotonic_at: float) -> datetime:
        """When a monotonic moment happened, on the wall clock."""
        return self.clock.now() - timedelta(seconds=self.clock.monotonic() - monotonic_at)

    def on_event(self, event: Event) -> None:
        if isinstance(event, BlockFinished):
            record = event.record
            block = record.block
            self._seq += 1
            self.writer.block(RecordedBlock(
                session_uid=self.uid, seq=self._seq, block_index=block.index,
                routine_id=block.routine_id, kind=block.kind, side=block.side,
                set_no=block.set, reps_planned=block.reps, reps_done=record.reps_done,
                planned_seconds=block.planned_seconds,
                actual_seconds=round(record.active_seconds, 3),
                outcome=record.outcome, attempt=record.attempt,
                ended=self.wall_time(event.at)))
        elif isinstance(event, SessionFinished):
            self.writer.finish(self.uid, Outcome.COMPLETED, self.wall_time(event.at),
                               round(event.active_seconds, 3))
        elif isinstance(event, SessionStopped):
            outcome = Outcome.HURT if event.reason is StopReason.HURT else Outcome.STOPPED
            self.writer.finish(self.uid, outcome, self.wall_time(event.at),
                               round(event.active_seconds, 3))
