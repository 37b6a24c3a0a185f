"""Figures from the history: weekly totals, days with care, the streak, the pain trend."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from kneecare_desktop.history.records import Outcome, SessionRow


@dataclass(frozen=True, slots=True)
class PeriodTotal:
    start: date  # the Monday of the week, or the first of the month
    minutes: float
    sessions: int


@dataclass(frozen=True, slots=True)
class PainPoint:
    day: date
    before: float | None
    after: float | None


@dataclass(frozen=True, slots=True)
class PainTrend:
    recent: float | None  # mean pain before sessions, last 28 days
    earlier: float | None  # the 28 days before that

    @property
    def change(self) -> float | None:
        if self.recent is None or self.earlier is None:
            return None
        return self.recent - self.earlier


def counts_as_care(row: SessionRow) -> bool:
    """A session with some care in it (an interrupted one counts for what was done)."""
    return row.outcome is not Outcome.RUNNING and row.duration_seconds > 0


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_totals(rows: Iterable[SessionRow], first: date | None = None,
                  last: date | None = None) -> list[PeriodTotal]:
    """Minutes and sessions per week (Monday first), including weeks with nothing."""
    return _totals(rows, monday, lambda d: d + timedelta(days=7), first, last)


def monthly_totals(rows: Iterable[SessionRow], first: date | None = None,
                   last: date | None = None) -> list[PeriodTotal]:
    def next_month(day: date) -> date:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)

    return _totals(rows, lambda d: d.replace(day=1), next_month, first, last)


def _totals(rows: Iterable[SessionRow], bucket_of: Callable[[date], date],
            step: Callable[[date], date], first: date | None,
            last: date | None) -> list[PeriodTotal]:
    minutes: dict[date, float] = {}
    counts: dict[date, int] = {}
    for row in rows:
        if not counts_as_care(row):
            continue
        bucket = bucket_of(row.started.date())
        minutes[bucket] = minutes.get(bucket, 0.0) + row.duration_seconds / 60
        counts[bucket] = counts.get(bucket, 0) + 1
    if not counts and (first is None or last is None):
        return []
    start = bucket_of(first if first is not None else min(counts))
    end = bucket_of(last if last is not None else max(counts))
    out = []
    while start <= end:
        out.append(PeriodTotal(start, round(minutes.get(start, 0.0), 2), counts.get(start, 0)))
        start = step(start)
    return out


def care_days(rows: Iterable[SessionRow]) -> set[date]:
    return {row.started.date() for row in rows if counts_as_care(row)}


def streak(days: set[date], today: date) -> int:
    """Days in a row with care, ending today (or yesterday, if today is not done yet)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def pain_points(rows: Sequence[SessionRow]) -> list[PainPoint]:
    """Pain before and after, one point per day (the day's mean)."""
    by_day: dict[date, tuple[list[int], list[int]]] = {}
    for row in rows:
        if row.pain_before is None and row.pain_after is None:
            continue
        before, after = by_day.setdefault(row.started.date(), ([], []))
        if row.pain_before is not None:
            before.append(row.pain_before)
        if row.pain_after is not None:
            after.append(row.pain_after)
    return [PainPoint(day, fmean(b) if b else None, fmean(a) if a else None)
            for day, (b, a) in sorted(by_day.items())]


def pain_trend(rows: Sequence[SessionRow], today: date) -> PainTrend:
    def mean_between(start: date, end: date) -> float | None:
        values = [r.pain_before for r in rows
                  if r.pain_before is not None and start <= r.started.date() <= end]
        return round(fmean(values), 1) if values else None

    recent = mean_between(today - timedelta(days=27), today)
    earlier = mean_between(today - timedelta(days=55), today - timedelta(days=28))
    return PainTrend(recent, earlier)
