"""The report a therapist reads at the next visit: what a person actually did.

Pure data from the history (no Qt): adherence, holds and reps per side, skips, pain
before and after, check-in results and notes, for a date range. The PDF is drawn in
``ui/documents.py``; the CSV is written here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kneecare_desktop.history import stats as history_stats
from kneecare_desktop.history.adherence import Adherence, adherence
from kneecare_desktop.history.records import (
    CheckinRecord,
    Outcome,
    Person,
    RecordedBlock,
    SessionRow,
)
from kneecare_desktop.history.reminders import reminders
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.safe_files import csv_row


@dataclass(frozen=True, slots=True)
class SideCount:
    routine_id: str
    side: str
    holds_done: int
    reps_done: int
    skipped: int


@dataclass(frozen=True, slots=True)
class ReportData:
    person: Person
    first: date
    last: date
    sessions: tuple[SessionRow, ...]
    blocks: tuple[RecordedBlock, ...]
    checkins: tuple[CheckinRecord, ...]
    # Against the person's reminders, week by week (None: no reminder was ever set).
    adherence: Adherence | None = None

    @property
    def days_in_range(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def care_days(self) -> int:
        return len(history_stats.care_days(self.sessions))

    def outcomes(self) -> dict[Outcome, int]:
        counts: dict[Outcome, int] = {o: 0 for o in Outcome if o is not Outcome.RUNNING}
        for row in self.sessions:
            if row.outcome in counts:
                counts[row.outcome] += 1
        return counts

    @property
    def minutes(self) -> float:
        return sum(r.duration_seconds for r in self.sessions) / 60

    def side_counts(self) -> list[SideCount]:
        table: dict[tuple[str, str], list[int]] = {}
        for block in self.blocks:
            counts = table.setdefault((block.routine_id, block.side), [0, 0, 0])
            if block.outcome == "completed":
                if block.kind == "hold":
                    counts[0] += 1
                else:
                    counts[1] += block.reps_done
            elif block.outcome == "skipped":
                counts[2] += 1
        return [SideCount(rid, side, *values) for (rid, side), values in sorted(table.items())]

    def pain(self) -> list[history_stats.PainPoint]:
        return history_stats.pain_points(self.sessions)

    def notes(self) -> list[tuple[date, str]]:
        return [(r.started.date(), r.note) for r in self.sessions if r.note]


def gather(store: HistoryStore, person: Person, first: date, last: date) -> ReportData:
    sessions = store.sessions(person.id, since=first, until=last)
    blocks = store.blocks([s.id for s in sessions])
    checkins = [c for c in store.checkins(person.id, since=first) if c.taken.date() <= last]
    plans = reminders(store, person.id, include_cleared=True)
    figures = (adherence(plans, store.sessions(person.id, until=last), first, last)
               if plans else None)
    return ReportData(person, first, last, tuple(sessions), tuple(blocks), tuple(checkins),
                      figures)


def report_csv(data: ReportData, person_name: str) -> str:
    """Sections: summary, holds and reps per side, sessions, check-ins (blank lines
    between). UTF-8 with a BOM when written, for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    outcomes = data.outcomes()
    rows: list[list[Any]] = [
        ["section", "summary"],
        ["person", person_name],
        ["from", data.first.isoformat()],
        ["to", data.last.isoformat()],
        ["days_in_range", data.days_in_range],
        ["days_with_care", data.care_days],
        ["sessions", len(data.sessions)],
        ["minutes", round(data.minutes, 1)],
        *([f"sessions_{o.value}", n] for o, n in outcomes.items()),
        [],
        ["section", "per_side"],
        ["routine_id", "side", "holds_done", "reps_done", "skipped"],
        *([c.routine_id, c.side, c.holds_done, c.reps_done, c.skipped]
          for c in data.side_counts()),
        [],
        ["section", "sessions"],
        ["date", "start_local", "item_id", "outcome", "active_seconds", "pain_before",
         "pain_after", "note"],
        *([r.started.date().isoformat(), r.started.isoformat(timespec="minutes"), r.item_id,
           r.outcome.value, round(r.duration_seconds), _blank(r.pain_before),
           _blank(r.pain_after), r.note] for r in data.sessions),
        [],
        ["section", "checkins"],
        ["date", "advice", "cause", "routine_id", "follow_up_of", "worse_next_day"],
        *([c.taken.date().isoformat(), c.advice, c.cause or "", c.routine_id or "",
           c.follow_up_of or "", _blank(c.worse_next_day)] for c in data.checkins),
    ]
    if data.adherence is not None:
        rows += [
            [],
            ["section", "adherence"],
            ["streak_planned_days", data.adherence.streak],
            ["week_monday", "planned", "done", "sessions", "pain_before_mean"],
            *([w.start.isoformat(), w.planned, w.done, w.sessions, _blank(w.pain_before)]
              for w in data.adherence.weeks),
        ]
    # Names and notes may come from anyone: never a formula in a spreadsheet.
    writer.writerows(csv_row(row) for row in rows)
    return out.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value


def weekly(data: ReportData) -> Sequence[history_stats.PeriodTotal]:
    return history_stats.weekly_totals(data.sessions, data.first, data.last)
