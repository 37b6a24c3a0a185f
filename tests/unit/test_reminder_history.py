"""Reminders in the history: the migration, schedules with their dates, outcomes, recovery,
and adherence against the plan in force each week."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from kneecare_desktop.care.reminders import parse_schedule
from kneecare_desktop.history import adherence as A, reminders as stored
from kneecare_desktop.history.records import ConstraintError, HistoryError, Outcome
from kneecare_desktop.history.schema import SCHEMA_VERSION
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Reminder, ReminderEvent, ReminderOutcome, ScheduleChange
from tests.unit.history_helpers import start
from tests.unit.test_history import make_database_at

TOKYO = timezone(timedelta(hours=9))
MONDAY = date(2026, 11, 2)


@pytest.fixture
def store(history_store: HistoryStore) -> HistoryStore:
    """Each test runs against both backends: a file, and a clinic's server."""
    return history_store


def local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


def test_migration_from_version_4_adds_the_reminder_tables_and_keeps_the_rest(
        tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    make_database_at(path, 4)
    store, report = HistoryStore.open(path)
    assert report.moved_aside is None
    assert store.schema_version == SCHEMA_VERSION == 6
    (row,) = store.sessions()
    assert row.uid == "old"
    assert stored.reminders(store) == []
    assert stored.events(store) == []
    tables = {r[0] for r in store.con.execute("SELECT name FROM sqlite_master WHERE type = "
                                               "'table'")}
    assert {"reminders", "reminder_schedules", "reminder_outcomes"} <= tables
    assert store.integrity_ok()


def test_a_reminder_round_trips_with_each_change_and_its_date(store: HistoryStore) -> None:
    person = store.default_person().id
    first = parse_schedule("knee-care", "mon,wed,fri", ["07:30", "19:00"])
    made = stored.set_reminder(store, person, first, local(MONDAY))
    assert made.current == first
    assert made.changes[0].effective_from == MONDAY
    assert made.changes[0].changed == local(MONDAY)  # in the offset it was made in
    second = parse_schedule("calf-wall", "weekends", ["10:00"])
    changed = stored.set_reminder(store, person, second, local(MONDAY + timedelta(days=7)),
                                  reminder_id=made.id)
    assert [c.schedule for c in changed.changes] == [first, second]
    assert changed.schedule_on(MONDAY + timedelta(days=2)) == first
    assert changed.schedule_on(MONDAY + timedelta(days=12)) == second
    stored.clear_reminder(store, made.id, local(MONDAY + timedelta(days=14)))
    assert stored.reminders(store) == []
    (cleared,) = stored.reminders(store, include_cleared=True)
    assert cleared.current is None
    assert cleared.schedule_on(MONDAY + timedelta(days=13)) == second
    assert cleared.schedule_on(MONDAY + timedelta(days=14)) is None


def test_reminders_are_per_person(store: HistoryStore) -> None:
    me = store.default_person().id
    sato = store.add_person("Sato").id
    schedule = parse_schedule("knee-care", "daily", ["07:30"])
    mine = stored.set_reminder(store, me, schedule, local(MONDAY))
    stored.set_reminder(store, sato, schedule, local(MONDAY))
    assert [r.person_id for r in stored.reminders(store)] == [me, sato]
    assert stored.reminders(store, sato)[0].person_id == sato
    with pytest.raises(HistoryError):
        stored.set_reminder(store, sato, schedule, local(MONDAY), reminder_id=mine.id)


def test_a_schedule_row_must_have_times_unless_it_clears(store: HistoryStore) -> None:
    person = store.default_person().id
    made = stored.set_reminder(store, person, parse_schedule("knee-care", "mon", ["07:30"]),
                               local(MONDAY))
    with pytest.raises((sqlite3.IntegrityError, ConstraintError)):
        store.con.execute("INSERT INTO reminder_schedules (reminder_id, effective_from, "
                          "item_id, days, times, changed_utc, utc_offset_minutes) VALUES "
                          "(?, '2026-11-02', 'knee-care', 'mon', '', 'x', 0)", (made.id,))


def test_outcomes_round_trip_and_a_snooze_keeps_until_when(store: HistoryStore) -> None:
    person = store.default_person().id
    made = stored.set_reminder(store, person, parse_schedule("knee-care", "daily", ["07:30"]),
                               local(MONDAY))
    until = datetime(2026, 11, 2, 23, 10, tzinfo=UTC)
    recorded = [
        ReminderEvent(made.id, MONDAY, time(7, 30), ReminderOutcome.SNOOZED,
                      datetime(2026, 11, 2, 22, 40, tzinfo=UTC), until),
        ReminderEvent(made.id, MONDAY, time(7, 30), ReminderOutcome.DONE,
                      datetime(2026, 11, 2, 23, 0, tzinfo=UTC)),
        ReminderEvent(made.id, MONDAY + timedelta(days=1), time(7, 30),
                      ReminderOutcome.SKIPPED, datetime(2026, 11, 3, 22, 31, tzinfo=UTC)),
    ]
    stored.add_events(store, recorded)
    assert stored.events(store) == recorded
    assert stored.events(store, since=MONDAY + timedelta(days=1)) == recorded[2:]
    assert stored.latest_events(store, [made.id]) == recorded[2:]
    assert stored.events(store, []) == []


def test_recovery_copies_reminders_from_a_damaged_file(tmp_path: Path) -> None:
    from kneecare_desktop.history.recovery import copy_readable

    source_path = tmp_path / "old.sqlite3"
    source, _ = HistoryStore.open(source_path)
    person = source.default_person().id
    made = stored.set_reminder(source, person, parse_schedule("knee-care", "daily", ["07:30"]),
                               local(MONDAY))
    stored.add_events(source, [ReminderEvent(made.id, MONDAY, time(7, 30),
                                             ReminderOutcome.MISSED, local(MONDAY, 23))])
    source.close()
    fresh, _ = HistoryStore.open(tmp_path / "new.sqlite3")
    fresh.con.execute("DELETE FROM people")
    recovered = copy_readable(source_path, fresh.con)
    assert recovered.copied["reminders"] == 1
    assert recovered.copied["reminder_schedules"] == 1
    assert recovered.copied["reminder_outcomes"] == 1
    assert stored.reminders(fresh)[0].current == made.current


# --- adherence ------------------------------------------------------------------------------
def session(store: HistoryStore, when: datetime, pain: int | None = None) -> None:
    begun = start(store.default_person().id, when=when)
    store.begin_session(begun)
    store.finish_session(begun.uid, Outcome.COMPLETED, when + timedelta(minutes=5), 300.0)
    if pain is not None:
        store.set_pain(begun.uid, before=pain)


def test_planned_against_done_per_week_follows_the_schedule_in_force(
        store: HistoryStore) -> None:
    person = store.default_person().id
    made = stored.set_reminder(store, person,
                               parse_schedule("knee-care", "mon,wed,fri", ["07:30"]),
                               local(MONDAY, 6))
    # From the second week: every day, twice.
    stored.set_reminder(store, person, parse_schedule("knee-care", "daily", ["07:30", "19:00"]),
                        local(MONDAY + timedelta(days=7), 6), reminder_id=made.id)
    # Week 1: Monday twice (counts once), Tuesday (not planned), Friday.
    for day, hour, pain in ((0, 8, 4), (0, 20, None), (1, 8, 3), (4, 8, 2)):
        session(store, local(MONDAY + timedelta(days=day), hour), pain)
    # Week 2: twice on Monday and Tuesday, once on Wednesday.
    for day, hour in ((7, 8), (7, 20), (8, 8), (8, 20), (9, 8)):
        session(store, local(MONDAY + timedelta(days=day), hour))
    reminders = stored.reminders(store, person, include_cleared=True)
    figures = A.adherence(reminders, store.sessions(person), MONDAY,
                          MONDAY + timedelta(days=13))
    week1, week2 = figures.weeks
    assert (week1.start, week1.planned, week1.done, week1.sessions) == (MONDAY, 3, 2, 4)
    assert week1.pain_before == 3.0
    assert (week2.planned, week2.done, week2.sessions) == (14, 5, 5)
    assert week2.pain_before is None
    assert (figures.planned, figures.done) == (17, 7)
    assert figures.ratio == pytest.approx(7 / 17)


def test_the_streak_counts_planned_days_only() -> None:
    schedule = parse_schedule("knee-care", "mon,wed,fri", ["07:30"])
    reminders = [Reminder(1, 1, (ScheduleChange(MONDAY, schedule, local(MONDAY, 6)),))]
    mon, wed, fri = MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)
    next_mon = MONDAY + timedelta(days=7)
    care = {mon: 1, wed: 1, fri: 1}
    # Saturday and Sunday were not planned: they do not break it.
    assert A.plan_streak(reminders, care, next_mon - timedelta(days=1)) == 3
    # Monday not done yet: the streak up to Friday still stands today…
    assert A.plan_streak(reminders, care, next_mon) == 3
    assert A.plan_streak(reminders, {**care, next_mon: 1}, next_mon) == 4
    # …and is broken by a planned day missed.
    assert A.plan_streak(reminders, care, next_mon + timedelta(days=1)) == 0
    assert A.plan_streak(reminders, {mon: 1, fri: 1}, fri) == 1
    assert A.plan_streak([], care, fri) == 0


def test_two_times_a_day_need_two_sessions_for_the_streak() -> None:
    schedule = parse_schedule("knee-care", "daily", ["07:30", "19:00"])
    reminders = [Reminder(1, 1, (ScheduleChange(MONDAY, schedule, local(MONDAY, 6)),))]
    tuesday = MONDAY + timedelta(days=1)
    assert A.plan_streak(reminders, {MONDAY: 2, tuesday: 2}, tuesday) == 2
    assert A.plan_streak(reminders, {MONDAY: 2, tuesday: 1}, tuesday) == 1
    assert A.plan_streak(reminders, {MONDAY: 1, tuesday: 2}, tuesday) == 1


def test_no_plan_no_adherence(store: HistoryStore) -> None:
    session(store, local(MONDAY))
    figures = A.adherence([], store.sessions(), MONDAY, MONDAY + timedelta(days=6))
    assert not figures.has_plan
    assert figures.ratio is None
    assert figures.weeks[0].sessions == 1


def test_the_clinic_report_and_the_history_summary_count_against_the_plan(
        store: HistoryStore) -> None:
    from kneecare_desktop.cli.history import summary_text
    from kneecare_desktop.history import report_data
    from kneecare_desktop.model import Lang

    person = store.default_person()
    stored.set_reminder(store, person.id, parse_schedule("knee-care", "mon,wed", ["07:30"]),
                        local(MONDAY, 6))
    session(store, local(MONDAY, 8), pain=4)
    session(store, local(MONDAY + timedelta(days=2), 8), pain=2)
    data = report_data.gather(store, person, MONDAY, MONDAY + timedelta(days=6))
    assert data.adherence is not None
    assert (data.adherence.done, data.adherence.planned, data.adherence.streak) == (2, 2, 2)
    csv_text = report_data.report_csv(data, "Me")
    section = csv_text[csv_text.index("section,adherence"):].splitlines()
    assert section[:4] == ["section,adherence", "streak_planned_days,2",
                           "week_monday,planned,done,sessions,pain_before_mean",
                           "2026-11-02,2,2,2,3.0"]
    summary = summary_text(store, person, Lang.EN, MONDAY + timedelta(days=3))
    assert "Against the plan: 2 of 2 this week; streak against the plan: 2 planned days" \
        in summary
    assert "予定に対して: 今週 2 回のうち 2 回、予定どおりの連続 2 日" in summary_text(
        store, person, Lang.JA, MONDAY + timedelta(days=3))


def test_without_reminders_the_report_has_no_adherence(store: HistoryStore) -> None:
    from kneecare_desktop.history import report_data

    session(store, local(MONDAY, 8))
    data = report_data.gather(store, store.default_person(), MONDAY, MONDAY)
    assert data.adherence is None
    assert "adherence" not in report_data.report_csv(data, "Me")
