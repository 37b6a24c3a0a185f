"""Reminders in the history database: each person's, every change of their schedules with
the date it applies from, and what became of each reminder.

Functions of a :class:`HistoryStore` (the app runs them on the writer thread). A schedule
is never overwritten: a change adds a row from its date on, and clearing a reminder adds
one with no times, so the weeks before still count against the plan they had.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from kneecare_desktop.history.records import (
    HistoryError,
    from_utc_text,
    offset_minutes,
    to_utc_text,
)
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import (
    Reminder,
    ReminderEvent,
    ReminderOutcome,
    ReminderSchedule,
    ScheduleChange,
    Weekday,
)

_KEYS = {day.key: day for day in Weekday}


def _days_text(days: Iterable[Weekday]) -> str:
    return ",".join(day.key for day in sorted(days))


def _times_text(times: Iterable[time]) -> str:
    return ",".join(t.strftime("%H:%M") for t in times)


def _schedule(item_id: str | None, days: str, times: str) -> ReminderSchedule | None:
    if item_id is None:
        return None
    return ReminderSchedule(
        item_id, frozenset(_KEYS[word] for word in days.split(",") if word in _KEYS),
        tuple(sorted(time.fromisoformat(word) for word in times.split(",") if word)))


def reminders(store: HistoryStore, person_id: int | None = None,
              include_cleared: bool = False) -> list[Reminder]:
    """A person's reminders (all people's with ``person_id`` None), oldest first, each
    with its whole schedule history; cleared ones only with ``include_cleared`` (the
    adherence counts need them for the weeks they were in force)."""
    where, args = "", []
    if person_id is not None:
        where, args = " WHERE r.person_id = ?", [person_id]
    rows = store.con.execute(
        "SELECT r.id, r.person_id, s.effective_from, s.item_id, s.days, s.times, "
        "s.changed_utc, s.utc_offset_minutes FROM reminders r "
        "JOIN reminder_schedules s ON s.reminder_id = r.id" + where +
        " ORDER BY r.id, s.effective_from, s.id", args).fetchall()
    found: dict[int, tuple[int, list[ScheduleChange]]] = {}
    for rid, person, effective, item, days, times, changed, offset in rows:
        changes = found.setdefault(rid, (person, []))[1]
        changes.append(ScheduleChange(date.fromisoformat(effective),
                                      _schedule(item, days, times),
                                      from_utc_text(changed, offset)))
    out = [Reminder(rid, person, tuple(changes)) for rid, (person, changes) in found.items()]
    return out if include_cleared else [r for r in out if r.current is not None]


def reminder(store: HistoryStore, reminder_id: int) -> Reminder | None:
    return next((r for r in reminders(store, include_cleared=True) if r.id == reminder_id),
                None)


def set_reminder(store: HistoryStore, person_id: int, schedule: ReminderSchedule,
                 changed: datetime, effective_from: date | None = None,
                 reminder_id: int | None = None) -> Reminder:
    """A new reminder for ``person_id`` (``reminder_id`` None), or a change of one, from
    ``effective_from`` (default: the local date of ``changed``) on."""
    effective = effective_from or changed.date()
    with store.transaction():
        if reminder_id is None:
            reminder_id = int(store.con.execute(
                "INSERT INTO reminders (person_id, created_utc) VALUES (?, ?) RETURNING id",
                (person_id, to_utc_text(changed))).fetchone()[0])
        else:
            _owned(store, reminder_id, person_id)
        store.con.execute(
            "INSERT INTO reminder_schedules (reminder_id, effective_from, item_id, days, times,"
            " changed_utc, utc_offset_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (reminder_id, effective.isoformat(), schedule.item_id, _days_text(schedule.days),
             _times_text(schedule.times), to_utc_text(changed), offset_minutes(changed)))
    found = reminder(store, reminder_id)
    assert found is not None
    return found


def clear_reminder(store: HistoryStore, reminder_id: int, changed: datetime,
                   effective_from: date | None = None) -> None:
    """No more reminders from ``effective_from`` (default: the date of ``changed``) on; the
    schedule it had stays in the history for the weeks it was in force."""
    effective = effective_from or changed.date()
    with store.transaction():
        _owned(store, reminder_id, None)
        store.con.execute(
            "INSERT INTO reminder_schedules (reminder_id, effective_from, item_id, days, times,"
            " changed_utc, utc_offset_minutes) VALUES (?, ?, NULL, '', '', ?, ?)",
            (reminder_id, effective.isoformat(), to_utc_text(changed), offset_minutes(changed)))


def _owned(store: HistoryStore, reminder_id: int, person_id: int | None) -> None:
    row = store.con.execute("SELECT person_id FROM reminders WHERE id = ?",
                            (reminder_id,)).fetchone()
    if row is None or (person_id is not None and row[0] != person_id):
        raise HistoryError(f"no reminder {reminder_id}"
                           + ("" if person_id is None else f" for person {person_id}"))


def add_events(store: HistoryStore, events: Sequence[ReminderEvent]) -> None:
    """Record outcomes (one transaction for all of them)."""
    if not events:
        return
    with store.transaction():
        store.con.executemany(
            "INSERT INTO reminder_outcomes (reminder_id, day, slot, outcome, at_utc, "
            "snoozed_until_utc) VALUES (?, ?, ?, ?, ?, ?)",
            [(e.reminder_id, e.day.isoformat(), e.slot.strftime("%H:%M"), e.outcome.value,
              to_utc_text(e.at),
              None if e.snoozed_until is None else to_utc_text(e.snoozed_until))
             for e in events])


def events(store: HistoryStore, reminder_ids: Sequence[int] | None = None,
           since: date | None = None) -> list[ReminderEvent]:
    """Recorded outcomes, in the order they happened (times in UTC)."""
    where: list[str] = ["1 = 1"]
    args: list[object] = []
    if reminder_ids is not None:
        if not reminder_ids:
            return []
        where.append(f"reminder_id IN ({','.join('?' * len(reminder_ids))})")
        args.extend(reminder_ids)
    if since is not None:
        where.append("day >= ?")
        args.append(since.isoformat())
    rows = store.con.execute(
        "SELECT reminder_id, day, slot, outcome, at_utc, snoozed_until_utc "
        f"FROM reminder_outcomes WHERE {' AND '.join(where)} ORDER BY at_utc, id", args)
    return [ReminderEvent(r[0], date.fromisoformat(r[1]), time.fromisoformat(r[2]),
                          ReminderOutcome(r[3]), from_utc_text(r[4]),
                          None if r[5] is None else from_utc_text(r[5])) for r in rows]


def latest_events(store: HistoryStore, reminder_ids: Sequence[int]) -> list[ReminderEvent]:
    """What a tracker needs to start: each reminder's outcomes of its latest recorded day."""
    out: list[ReminderEvent] = []
    for rid in reminder_ids:
        row = store.con.execute("SELECT max(day) FROM reminder_outcomes WHERE reminder_id = ?",
                                (rid,)).fetchone()
        if row[0] is not None:
            out += events(store, [rid], since=date.fromisoformat(row[0]))
    return out


def care_per_day(store: HistoryStore, person_id: int, first: date,
                 last: date) -> dict[date, int]:
    """Sessions with care per local date (as recorded) from ``first`` to ``last``."""
    from kneecare_desktop.history.stats import counts_as_care

    counts: dict[date, int] = {}
    for row in store.sessions(person_id, since=first, until=last):
        if counts_as_care(row):
            day = row.started.date()
            counts[day] = counts.get(day, 0) + 1
    return counts
