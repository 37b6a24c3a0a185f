"""The session engine: a cursor over a Plan, driven by an injected monotonic clock.

Pure state machine: no threads, no timers, no Qt. The caller (the Qt driver, a test, a
benchmark) calls :meth:`Session.update` whenever it likes; the engine reads the clock
and returns every event that happened since the previous call, each stamped with the
exact moment it was due. Remaining time is always ``deadline - now``; nothing counts
ticks, so a late call never shortens or stretches a hold.

Each segment's deadline is the previous segment's deadline plus its duration, so with
no commands the session ends at ``start + total + time paused`` whatever the pattern of
calls. A gap between two calls longer than ``interruption_threshold`` while running
(the laptop slept, the app froze) pauses the session at the moment of the last call
and says so, instead of running through the holds unseen.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from kneecare_desktop.model import DEFAULT_INTERRUPTION_THRESHOLD, Side
from kneecare_desktop.plan.timeline import Block, BlockKind, Plan, RepPhase, Segment, SegmentKind
from kneecare_desktop.session.clock import Clock
from kneecare_desktop.session.events import (
    BACK_TO_PREVIOUS_WITHIN,
    EXTEND_SECONDS,
    STALE_AFTER,
    TICK_SECONDS,
    BlockFinished,
    BlockOutcome,
    BlockRecord,
    CueDue,
    CueKind,
    Event,
    Extended,
    Interrupted,
    Moved,
    Paused,
    PauseReason,
    RepCounted,
    Resumed,
    SegmentFinished,
    SegmentStarted,
    SessionError,
    SessionFinished,
    SessionStarted,
    SessionState,
    SessionStopped,
    SessionSummary,
    SetFinished,
    SideSwitched,
    SideTally,
    StopReason,
)


class Session:
    """Walk a :class:`Plan` in real time. Every command returns the events it caused."""

    def __init__(self, plan: Plan, clock: Clock,
                 interruption_threshold: float = DEFAULT_INTERRUPTION_THRESHOLD) -> None:
        if not plan.segments:
            raise SessionError("a plan with no segments cannot be run")
        self.plan = plan
        self.clock = clock
        self.interruption_threshold = interruption_threshold
        self.state = SessionState.IDLE
        self.pause_reason: PauseReason | None = None
        self.stop_reason: StopReason | None = None
        self.records: list[BlockRecord] = []
        self.started_at = 0.0
        self.ended_at: float | None = None
        self.paused_seconds = 0.0
        self._index = 0
        self._seg_start = 0.0
        self._seg_extra = 0.0
        self._ticks_done: set[int] = set()
        self._paused_at = 0.0
        self._last_update = 0.0
        self._block_active = 0.0
        self._block_started_at = 0.0
        self._block_reps = 0
        self._attempts: dict[int, int] = {}
        self._last_work_side: dict[str, Side] = {}
        self._cues_pending = False

    # --- reading the state -----------------------------------------------------------
    @property
    def segment(self) -> Segment:
        return self.plan.segments[self._index]

    @property
    def index(self) -> int:
        return self._index

    def deadline(self) -> float | None:
        """When the current segment ends (monotonic), or None if it waits for the user."""
        if not self.segment.timed:
            return None
        return self._seg_start + self.segment.duration + self._seg_extra

    def _now_for_reading(self, now: float | None) -> float:
        if now is None:
            now = self.clock.monotonic()
        if self.state is SessionState.PAUSED:
            return self._paused_at
        if self.state.is_over and self.ended_at is not None:
            return self.ended_at
        return now

    def segment_remaining(self, now: float | None = None) -> float | None:
        """Seconds left in the current segment (``deadline - now``); None if untimed."""
        if self.state is SessionState.IDLE:
            return self.segment.duration if self.segment.timed else None
        deadline = self.deadline()
        if deadline is None:
            return None
        return max(0.0, deadline - self._now_for_reading(now))

    def segment_elapsed(self, now: float | None = None) -> float:
        if self.state is SessionState.IDLE:
            return 0.0
        return max(0.0, self._now_for_reading(now) - self._seg_start)

    def segment_length(self) -> float:
        return self.segment.duration + self._seg_extra

    def remaining_total(self, now: float | None = None) -> float:
        """Seconds left in the whole session: this segment's rest plus the nominal rest."""
        if self.state.is_over:
            return 0.0
        current = self.segment_remaining(now)
        if current is None:
            current = max(0.0, self.segment.duration - self.segment_elapsed(now))
        later = self.plan.total_seconds - self.segment.end
        return current + later

    def progress(self, now: float | None = None) -> float:
        """0.0 to 1.0 through the session, by nominal time."""
        if self.state is SessionState.FINISHED:
            return 1.0
        done = self.segment.start + min(self.segment_elapsed(now), self.segment_length())
        total = self.plan.total_seconds + self._seg_extra
        return 0.0 if total <= 0 else min(1.0, done / total)

    def next_wakeup(self, now: float | None = None) -> float | None:
        """When the caller should next call :meth:`update`: the next displayed-second
        boundary, tick or deadline. None while idle, paused, over or waiting for the user."""
        if self.state is not SessionState.RUNNING:
            return None
        deadline = self.deadline()
        if deadline is None:
            return None
        t = self.clock.monotonic() if now is None else now
        remaining = deadline - t
        if remaining <= 0:
            return t
        shown = math.ceil(remaining)
        return deadline - (shown - 1)

    def summary(self) -> SessionSummary:
        tallies: dict[tuple[str, Side], SideTally] = {}
        skipped: list[Block] = []
        for record in self.records:
            block = record.block
            key = (block.routine_id, block.side)
            tally = tallies.get(key, SideTally())
            if record.outcome is BlockOutcome.COMPLETED and block.kind is BlockKind.HOLD:
                tally = SideTally(tally.holds_done + 1, tally.reps_done,
                                      tally.hold_seconds + record.active_seconds)
            if block.kind is BlockKind.REPS:
                tally = SideTally(tally.holds_done, tally.reps_done + record.reps_done,
                                  tally.hold_seconds)
            tallies[key] = tally
            if record.outcome is BlockOutcome.SKIPPED:
                skipped.append(block)
        end = self.ended_at if self.ended_at is not None else self.clock.monotonic()
        paused = self.paused_seconds
        if self.state is SessionState.PAUSED:
            paused += end - self._paused_at
        return SessionSummary(
            started_at=self.started_at, ended_at=end, paused_seconds=paused, state=self.state,
            stop_reason=self.stop_reason, tallies=tallies, skipped=tuple(skipped),
            repeated=sum(1 for r in self.records if r.repeated
                         and r.outcome is BlockOutcome.COMPLETED))

    # --- commands ----------------------------------------------------------------------
    def start(self, after_block: int | None = None) -> list[Event]:
        """Begin at the first segment, or (resuming) right after block ``after_block``,
        so the rest or change of position before the next block comes first."""
        if self.state is not SessionState.IDLE:
            raise SessionError(f"cannot start a session that is {self.state}")
        first = 0
        if after_block is not None:
            first = self.plan.blocks[after_block].last_segment + 1
            if first >= len(self.plan.segments):
                raise SessionError("nothing is left to do after that block")
        now = self.clock.monotonic()
        self.state = SessionState.RUNNING
        self.started_at = now
        self._last_update = now
        events: list[Event] = [SessionStarted(now)]
        self._enter(first, now, events, now)
        self._advance(now, events)
        return events

    def update(self) -> list[Event]:
        """Every event since the previous call, in order, each stamped when it was due."""
        now = self.clock.monotonic()
        events: list[Event] = []
        self._sync(now, events)
        return events

    def pause(self) -> list[Event]:
        now = self.clock.monotonic()
        events: list[Event] = []
        self._sync(now, events)
        if self.state is SessionState.RUNNING:
            self._pause_at(now, PauseReason.USER, events)
        return events

    def resume(self) -> list[Event]:
        now = self.clock.monotonic()
        events: list[Event] = []
        if self.state is not SessionState.PAUSED:
            return events
        gap = now - self._paused_at
        self._seg_start += gap
        self.paused_seconds += gap
        self.state = SessionState.RUNNING
        self.pause_reason = None
        self._last_update = now
        events.append(Resumed(now, gap))
        if self._cues_pending:
            self._cues_pending = False
            self._start_cues(now, now, events)
        self._advance(now, events)
        return events

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self.state is SessionState.PAUSED else self.pause()

    def skip(self) -> list[Event]:
        """Go to the start of the next hold or rep block; pauses in between count as passed."""
        return self._command(self._skip)

    def back(self) -> list[Event]:
        """Restart this hold or rep block; within 2 s of its start, go to the previous one."""
        return self._command(self._back)

    def repeat_set(self) -> list[Event]:
        """Go back to the first block of the current (or just finished) set."""
        return self._command(self._repeat_set)

    def rep_done(self) -> list[Event]:
        """The user finished a self-paced rep (Enter)."""
        return self._command(self._rep_done)

    def extend(self, seconds: float = EXTEND_SECONDS) -> list[Event]:
        """Add time to the current timed segment (a therapist's "+10 s")."""
        return self._command(lambda now, events: self._extend(now, events, seconds))

    def stop(self, reason: StopReason = StopReason.USER) -> list[Event]:
        """End the session now; what was done so far stays recorded."""
        now = self.clock.monotonic()
        events: list[Event] = []
        if self.state.is_over:
            return events
        self._sync(now, events)
        if self.state.is_over:
            return events
        block_end = now
        if self.state is SessionState.IDLE:
            self.started_at = now
        elif self.state is SessionState.PAUSED:
            self.paused_seconds += now - self._paused_at
            block_end = self._paused_at
        if self.state is not SessionState.IDLE and self.segment.kind.is_work:
            self._close_block(block_end, BlockOutcome.STOPPED, events)
        self.state = SessionState.STOPPED
        self.stop_reason = reason
        self.ended_at = now
        events.append(SessionStopped(now, reason, self._active_until(now)))
        return events

    # --- internals ---------------------------------------------------------------------
    def _command(self, action: Callable[[float, list[Event]], None]) -> list[Event]:
        now = self.clock.monotonic()
        events: list[Event] = []
        if self.state in (SessionState.IDLE,) or self.state.is_over:
            return events
        self._sync(now, events)
        if self.state.is_over:
            return events
        action(now, events)
        self._last_update = max(self._last_update, now)
        return events

    def _sync(self, now: float, events: list[Event]) -> None:
        """Bring the session up to ``now``, detecting an interruption first."""
        if self.state is not SessionState.RUNNING:
            return
        gap = now - self._last_update
        if gap > self.interruption_threshold and self.segment.timed:
            at = self._last_update
            events.append(Interrupted(at, gap))
            self._pause_at(at, PauseReason.INTERRUPTED, events)
            return
        self._advance(now, events)
        self._last_update = now

    def _pause_at(self, at: float, reason: PauseReason, events: list[Event]) -> None:
        self.state = SessionState.PAUSED
        self.pause_reason = reason
        self._paused_at = at
        events.append(Paused(at, reason))

    def _advance(self, now: float, events: list[Event]) -> None:
        """Run every segment boundary and cue that is due by ``now``, at its exact time."""
        while self.state is SessionState.RUNNING:
            deadline = self.deadline()
            if deadline is None:
                return
            self._emit_ticks(min(now, deadline), now, deadline, events)
            if now < deadline:
                return
            self._finish_segment(deadline, now, events)

    def _emit_ticks(self, upto: float, now: float, deadline: float,
                    events: list[Event]) -> None:
        segment = self.segment
        if segment.kind is SegmentKind.REP_PHASE or self.segment_length() < 4:
            return
        for seconds_left in TICK_SECONDS:
            at = deadline - seconds_left
            if seconds_left in self._ticks_done or at > upto:
                continue
            self._ticks_done.add(seconds_left)
            events.append(CueDue(at, CueKind.TICK, None, now - at > STALE_AFTER))

    def _finish_segment(self, at: float, now: float, events: list[Event]) -> None:
        segment = self.segment
        events.append(SegmentFinished(at, segment, True))
        if segment.kind is SegmentKind.HOLD:
            events.append(CueDue(at, CueKind.HOLD_END, None, now - at > STALE_AFTER))
        if segment.kind.is_work:
            self._block_active += at - self._seg_start
        if segment.kind is SegmentKind.SELF_PACED_REP or segment.phase is RepPhase.UP:
            self._block_reps += 1
            events.append(RepCounted(at, segment.routine_id, segment.rep, segment.reps,
                                     segment.set, segment.side))
        block = self._current_block()
        if block is not None and segment.index == block.last_segment:
            self._close_block(at, BlockOutcome.COMPLETED, events, already_counted=True)
            following = self.plan.blocks[block.index + 1] \
                if block.index + 1 < len(self.plan.blocks) else None
            if (following is None or following.routine_id != block.routine_id
                    or following.set != block.set):
                events.append(SetFinished(at, block.routine_id, block.set, block.sets,
                                          block.side))
        if segment.index + 1 >= len(self.plan.segments):
            self._finish_session(at, now, events)
            return
        self._enter(segment.index + 1, at, events, now)

    def _finish_session(self, at: float, now: float, events: list[Event]) -> None:
        self.state = SessionState.FINISHED
        self.ended_at = at
        events.append(CueDue(at, CueKind.SESSION_END, None, now - at > STALE_AFTER))
        events.append(SessionFinished(at, self._active_until(at)))

    def _active_until(self, end: float) -> float:
        """The active time of a session that ends at ``end``: the one duration shown in
        the summary, the history and the week's totals."""
        return max(0.0, end - self.started_at - self.paused_seconds)

    def _enter(self, index: int, at: float, events: list[Event], now: float) -> None:
        """Make segment ``index`` current, starting at ``at``."""
        self._index = index
        self._seg_start = at
        self._seg_extra = 0.0
        self._ticks_done = set()
        segment = self.segment
        block = self._current_block()
        if block is not None and segment.index == block.first_segment:
            self._open_block(block, at)
        events.append(SegmentStarted(at, segment))
        if segment.kind.is_work and segment.side is not Side.NONE:
            last = self._last_work_side.get(segment.routine_id)
            if last is not None and last is not segment.side:
                events.append(SideSwitched(at, segment.routine_id, segment.side))
            self._last_work_side[segment.routine_id] = segment.side
        if self.state is SessionState.PAUSED:
            self._cues_pending = True  # moved while paused: announce it on resume
        else:
            self._start_cues(at, now, events)

    def _start_cues(self, at: float, now: float, events: list[Event]) -> None:
        segment = self.segment
        stale = now - at > STALE_AFTER
        if segment.cue.en:
            events.append(CueDue(at, CueKind.VOICE, segment.cue, stale))
        if segment.kind is SegmentKind.HOLD:
            events.append(CueDue(at, CueKind.HOLD_START, None, stale))
        elif segment.kind is SegmentKind.REP_PHASE:
            events.append(CueDue(at, CueKind.BEAT, None, stale))

    def _current_block(self) -> Block | None:
        block_index = self.segment.block
        return None if block_index is None else self.plan.blocks[block_index]

    def _open_block(self, block: Block, at: float) -> None:
        self._attempts[block.index] = self._attempts.get(block.index, 0) + 1
        self._block_started_at = at
        self._block_active = 0.0
        self._block_reps = 0

    def _close_block(self, at: float, outcome: BlockOutcome, events: list[Event],
                     already_counted: bool = False) -> None:
        block = self._current_block()
        if block is None:
            return
        active = self._block_active
        if not already_counted and self.segment.kind.is_work:
            active += max(0.0, at - self._seg_start)
        record = BlockRecord(block, self._attempts.get(block.index, 1), outcome,
                             self._block_started_at, at, active, self._block_reps)
        self.records.append(record)
        events.append(BlockFinished(at, record))

    def _time_in_block(self, now: float) -> float:
        active = self._block_active
        if self.segment.kind.is_work:
            active += max(0.0, self._reading_time(now) - self._seg_start)
        return active

    def _reading_time(self, now: float) -> float:
        return self._paused_at if self.state is SessionState.PAUSED else now

    def _move_to_block(self, block: Block, now: float, outcome: BlockOutcome | None,
                       events: list[Event]) -> None:
        at = self._reading_time(now)
        if outcome is not None and self.segment.kind.is_work:
            self._close_block(at, outcome, events)
        events.append(SegmentFinished(at, self.segment, False))
        self._block_active = 0.0
        self._enter(block.first_segment, at, events, now)
        events.append(Moved(at, self.segment))

    def _skip(self, now: float, events: list[Event]) -> None:
        current = self._current_block()
        if current is not None:
            next_index = current.index + 1
        else:
            later = [b for b in self.plan.blocks if b.first_segment > self._index]
            next_index = later[0].index if later else len(self.plan.blocks)
        outcome = BlockOutcome.SKIPPED
        if next_index >= len(self.plan.blocks):
            at = self._reading_time(now)
            if self.segment.kind.is_work:
                self._close_block(at, outcome, events)
            events.append(SegmentFinished(at, self.segment, False))
            if self.state is SessionState.PAUSED:
                self.paused_seconds += now - self._paused_at
                at = now
            self.state = SessionState.RUNNING
            self._finish_session(at, now, events)
            return
        self._move_to_block(self.plan.blocks[next_index], now, outcome, events)

    def _back(self, now: float, events: list[Event]) -> None:
        current = self._current_block()
        if current is None:
            earlier = [b for b in self.plan.blocks if b.last_segment < self._index]
            if not earlier:
                # Before the first block: restart this pause from its beginning.
                at = self._reading_time(now)
                events.append(SegmentFinished(at, self.segment, False))
                self._enter(self._index, at, events, now)
                events.append(Moved(at, self.segment))
                return
            self._move_to_block(earlier[-1], now, None, events)
            return
        target = current
        if self._time_in_block(now) < BACK_TO_PREVIOUS_WITHIN and current.index > 0:
            target = self.plan.blocks[current.index - 1]
        self._move_to_block(target, now, BlockOutcome.RESTARTED, events)

    def _repeat_set(self, now: float, events: list[Event]) -> None:
        current = self._current_block()
        if current is None:
            earlier = [b for b in self.plan.blocks if b.last_segment < self._index]
            if not earlier:
                return
            current = earlier[-1]
        first = current
        while first.index > 0:
            before = self.plan.blocks[first.index - 1]
            if before.routine_id != current.routine_id or before.set != current.set:
                break
            first = before
        outcome = BlockOutcome.RESTARTED if self._current_block() is not None else None
        self._move_to_block(first, now, outcome, events)

    def _rep_done(self, now: float, events: list[Event]) -> None:
        if self.state is not SessionState.RUNNING:
            return
        if self.segment.kind is not SegmentKind.SELF_PACED_REP:
            return
        self._finish_segment(now, now, events)
        self._advance(now, events)

    def _extend(self, now: float, events: list[Event], seconds: float) -> None:
        if not self.segment.timed or self.segment.kind is SegmentKind.REP_PHASE:
            return
        self._seg_extra += seconds
        remaining = self.segment_remaining(now) or 0.0
        self._ticks_done = {s for s in self._ticks_done if s >= remaining}
        events.append(Extended(self._reading_time(now), seconds))
