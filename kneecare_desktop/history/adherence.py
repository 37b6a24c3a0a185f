"""Adherence: the sessions done against the sessions planned by a person's reminders.

- Planned: each reminder's times on each day, by the schedule in force that day (a change
  applies from its date on; a cleared reminder plans nothing from then on).
- Done against the plan: on each planned day, the sessions with care that day, up to the
  number planned (a third session does not make up for a missed day).
- The streak counts planned days in a row whose plan was met, going back from the latest
  one; days without a plan neither count nor break it, and today counts once it is met
  (until then, the streak is the one up to the planned day before).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from kneecare_desktop.history.records import SessionRow
from kneecare_desktop.history.stats import counts_as_care, monday
from kneecare_desktop.model import Reminder


@dataclass(frozen=True, slots=True)
class WeekAdherence:
    start: date  # the Monday
    planned: int
    done: int  # sessions on planned days, up to the number planned each day
    sessions: int  # every session with care that week, planned or not
    pain_before: float | None  # the week's mean pain before sessions

    @property
    def ratio(self) -> float | None:
        return None if self.planned == 0 else self.done / self.planned


@dataclass(frozen=True, slots=True)
class Adherence:
    weeks: tuple[WeekAdherence, ...]
    streak: int  # planned days in a row with the plan met
    planned: int
    done: int

    @property
    def has_plan(self) -> bool:
        return self.planned > 0

    @property
    def ratio(self) -> float | None:
        return None if self.planned == 0 else self.done / self.planned


def planned_on(reminders: Sequence[Reminder], day: date) -> int:
    """How many sessions the reminders plan on ``day``."""
    total = 0
    for reminder in reminders:
        schedule = reminder.schedule_on(day)
        if schedule is not None:
            total += len(schedule.on(day))
    return total


def care_by_day(rows: Sequence[SessionRow]) -> dict[date, int]:
    counts: dict[date, int] = {}
    for row in rows:
        if counts_as_care(row):
            day = row.started.date()
            counts[day] = counts.get(day, 0) + 1
    return counts


def plan_streak(reminders: Sequence[Reminder], care: Mapping[date, int], today: date) -> int:
    """Planned days in a row, back from today, on which the plan was met (see above)."""
    starts = [r.first_day for r in reminders if r.first_day is not None]
    if not starts:
        return 0
    first = min(starts)
    count = 0
    day = today
    while day >= first:
        planned = planned_on(reminders, day)
        if planned:
            if care.get(day, 0) >= planned:
                count += 1
            elif day != today:
                break
        day -= timedelta(days=1)
    return count


def adherence(reminders: Sequence[Reminder], rows: Sequence[SessionRow], first: date,
              last: date, today: date | None = None) -> Adherence:
    """Week by week from the Monday of ``first`` to ``last``; the streak as of ``today``
    (default: ``last``). ``rows``: the person's sessions (at least those of these weeks;
    the streak may reach further back)."""
    today = today or last
    care = care_by_day(rows)
    pain: dict[date, list[int]] = {}
    for row in rows:
        if row.pain_before is not None:
            pain.setdefault(monday(row.started.date()), []).append(row.pain_before)
    weeks = []
    start = monday(first)
    while start <= last:
        planned = done = sessions = 0
        for offset in range(7):
            day = start + timedelta(days=offset)
            if day > last:
                break
            wanted = planned_on(reminders, day)
            have = care.get(day, 0)
            planned += wanted
            done += min(have, wanted)
            sessions += have
        values = pain.get(start)
        weeks.append(WeekAdherence(start, planned, done, sessions,
                                   round(fmean(values), 1) if values else None))
        start += timedelta(days=7)
    return Adherence(tuple(weeks), plan_streak(reminders, care, today),
                     sum(w.planned for w in weeks), sum(w.done for w in weeks))
