"""The reminder rules on a fake wall clock: no Qt, no sleeping.

A :class:`Wall` stands for the computer: it moves its clock forward as the app's one
timer would (to the next moment :func:`next_check` names, and no further than asked),
runs :func:`check` there, and keeps what was shown and recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kneecare_desktop.care import reminders as R
from kneecare_desktop.model import (
    Reminder,
    ReminderEvent,
    ReminderOutcome,
    ReminderSchedule,
    ScheduleChange,
    Text,
    Weekday,
)

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
DONE, SNOOZED, SKIPPED, MISSED = (ReminderOutcome.DONE, ReminderOutcome.SNOOZED,
                                  ReminderOutcome.SKIPPED, ReminderOutcome.MISSED)


def reminder(*times: str, days: str = "daily", item: str = "knee-care", since: date =
             date(2026, 1, 1), changed: datetime | None = None, rid: int = 1) -> Reminder:
    schedule = R.parse_schedule(item, days, list(times))
    when = changed or datetime(since.year, since.month, since.day, tzinfo=UTC) - timedelta(
        days=1)
    return Reminder(rid, 1, (ScheduleChange(since, schedule, when),))


class Wall:
    """The computer's wall clock in ``zone``, and the care done each local day."""

    def __init__(self, start: datetime, zone: tzinfo, *reminders: Reminder | R.Tracker) -> None:
        """A :class:`Reminder` is set at ``start``; a :class:`R.Tracker` is one as stored.
        The app checks once as it starts."""
        self.now = start.astimezone(UTC)
        self.zone = zone
        self.trackers = [
            item if isinstance(item, R.Tracker) else R.Tracker.start(Reminder(
                item.id, item.person_id,
                tuple(replace(c, changed=self.now) for c in item.changes)), zone)
            for item in reminders]
        self.care: Counter[date] = Counter()
        self.shown: list[R.Notice] = []
        self.recorded: list[tuple[date, time, ReminderOutcome]] = []
        self.withdrawn = 0
        self.wakeups = 0
        self.check()

    def local(self) -> datetime:
        return self.now.astimezone(self.zone)

    def check(self) -> None:
        for index, tracker in enumerate(self.trackers):
            self.apply(index, R.check(tracker, self.now, self.zone, self.care.__getitem__))

    def apply(self, index: int, step: R.Step) -> None:
        self.trackers[index] = step.tracker
        if step.notice is not None:
            self.shown.append(step.notice)
        self.withdrawn += int(step.withdraw)
        self.recorded += [(o.occurrence.day, o.occurrence.slot, o.outcome)
                          for o in step.outcomes]

    def run_until(self, moment: datetime) -> None:
        """Time passes to ``moment`` with the computer awake: the timer fires at each
        moment the rules name, and the app checks there."""
        moment = moment.astimezone(UTC)
        while True:
            due = R.first_check(self.trackers, self.zone)
            if due is None or due > moment:
                break
            assert due >= self.now, "a check in the past was asked for"
            self.now = due
            self.wakeups += 1
            self.check()
        self.now = moment

    def sleep_until(self, moment: datetime) -> None:
        """The computer is suspended: nothing runs until ``moment``; then it checks."""
        self.now = moment.astimezone(UTC)
        self.check()

    def do_care(self) -> None:
        self.care[self.local().date()] += 1
        self.check()  # the app checks again when a session ends

    def snooze(self, minutes: R.Snooze, index: int = 0) -> None:
        self.apply(index, R.snooze(self.trackers[index], self.now, minutes))

    def skip(self, index: int = 0) -> None:
        self.apply(index, R.skip_today(self.trackers[index], self.now, self.zone))

    def shown_at_local(self) -> list[str]:
        return [f"{n.occurrence.day.isoformat()} {n.occurrence.slot:%H:%M}"
                for n in self.shown]


def at(zone: tzinfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


def start(rem: Reminder, zone: tzinfo, events: tuple[ReminderEvent, ...] = ()) -> R.Tracker:
    return R.Tracker.start(rem, zone, events)


# --- daylight saving -------------------------------------------------------------------------
def test_berlin_spring_change_a_time_in_the_gap_comes_the_gap_later_and_once() -> None:
    rem = reminder("02:30", "07:30")
    wall = Wall(at(BERLIN, 2026, 3, 28, 12, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 3, 29, 23, 0))
    assert wall.shown_at_local() == ["2026-03-29 02:30", "2026-03-29 07:30"]
    first, second = wall.shown
    # 02:30 does not exist on the 29th in Berlin: it is shown at 03:30 summer time.
    assert first.occurrence.moment(BERLIN) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert first.occurrence.moment(BERLIN).astimezone(BERLIN).hour == 3
    assert not first.catch_up
    # 07:30 summer time is 05:30 UTC (06:30 UTC the day before).
    assert second.occurrence.moment(BERLIN) == datetime(2026, 3, 29, 5, 30, tzinfo=UTC)
    # The 02:30 notice was never answered: missed when the 07:30 one came.
    assert wall.recorded == [(date(2026, 3, 29), time(2, 30), MISSED)]


def test_berlin_autumn_change_a_time_that_happens_twice_is_shown_once() -> None:
    rem = reminder("02:30")
    wall = Wall(at(BERLIN, 2026, 10, 24, 12, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 10, 25, 2, 45))  # summer time still
    assert wall.shown_at_local() == ["2026-10-25 02:30"]
    assert wall.shown[0].occurrence.moment(BERLIN) == datetime(2026, 10, 25, 0, 30,
                                                               tzinfo=UTC)
    wall.do_care()
    assert wall.recorded == [(date(2026, 10, 25), time(2, 30), DONE)]
    assert wall.withdrawn == 1
    # The clock goes back: 02:30 comes round again (01:30 UTC) and is not shown again.
    wall.run_until(datetime(2026, 10, 25, 12, 0, tzinfo=UTC))
    assert len(wall.shown) == 1
    # The next one is 02:30 winter time on the 26th: 01:30 UTC.
    assert R.first_check(wall.trackers, BERLIN) == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)


def test_a_week_across_both_changes_shows_each_day_once_at_its_local_time() -> None:
    rem = reminder("07:30", days="mon-fri")
    for first, last in ((date(2026, 3, 23), date(2026, 4, 3)),
                        (date(2026, 10, 19), date(2026, 10, 30))):
        wall = Wall(at(BERLIN, first.year, first.month, first.day), BERLIN, rem)
        day = first
        while day <= last:  # each morning: the reminder, then the session
            wall.run_until(at(BERLIN, day.year, day.month, day.day, 12, 0))
            if wall.trackers[0].showing:
                wall.do_care()
            day += timedelta(days=1)
        shown = [n.occurrence.moment(BERLIN).astimezone(BERLIN) for n in wall.shown]
        assert {(m.hour, m.minute) for m in shown} == {(7, 30)}
        assert [m.date().weekday() for m in shown] == [0, 1, 2, 3, 4] * 2
        assert wall.wakeups == 10  # one timer, to each due time and nothing else
        assert [o for _d, _t, o in wall.recorded] == [DONE] * 10


# --- Tokyo -----------------------------------------------------------------------------------
def test_tokyo_a_monday_reminder_is_monday_in_tokyo() -> None:
    rem = reminder("07:30", days="mon")
    wall = Wall(at(TOKYO, 2026, 6, 7, 12, 0), TOKYO, rem)  # a Sunday
    assert R.first_check(wall.trackers, TOKYO) == datetime(2026, 6, 7, 22, 30, tzinfo=UTC)
    wall.run_until(at(TOKYO, 2026, 6, 14, 12, 0))
    assert wall.shown_at_local() == ["2026-06-08 07:30"]
    assert wall.shown[0].occurrence.day.weekday() == Weekday.MONDAY


# --- a change of time zone -------------------------------------------------------------------
def test_flying_east_the_evening_time_already_past_in_tokyo_gives_one_catch_up() -> None:
    rem = reminder("08:00", "19:00")
    wall = Wall(at(BERLIN, 2026, 6, 3, 7, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 6, 3, 8, 5))
    assert wall.shown_at_local() == ["2026-06-03 08:00"]
    wall.do_care()
    # At 13:00 in Berlin the computer is told it is in Tokyo, where it is 20:00 and
    # 19:00 has passed.
    wall.run_until(at(BERLIN, 2026, 6, 3, 13, 0))
    wall.zone = TOKYO
    wall.check()  # the once-a-minute check sees the new zone
    assert wall.shown_at_local() == ["2026-06-03 08:00", "2026-06-03 19:00"]
    assert wall.shown[-1].catch_up
    # From now on Tokyo's 08:00: 23:00 UTC the day before.
    wall.do_care()
    assert R.first_check(wall.trackers, TOKYO) == datetime(2026, 6, 3, 23, 0, tzinfo=UTC)


def test_flying_west_the_morning_time_is_not_shown_twice() -> None:
    rem = reminder("08:00", "19:00")
    wall = Wall(at(TOKYO, 2026, 6, 3, 7, 0), TOKYO, rem)
    wall.run_until(at(TOKYO, 2026, 6, 3, 8, 1))
    wall.do_care()
    # Fly to Berlin: 08:00 of the same date comes again there, and is not shown again.
    wall.zone = BERLIN
    wall.run_until(at(BERLIN, 2026, 6, 3, 18, 0))
    assert wall.shown_at_local() == ["2026-06-03 08:00"]
    wall.run_until(at(BERLIN, 2026, 6, 3, 19, 0))
    assert wall.shown_at_local() == ["2026-06-03 08:00", "2026-06-03 19:00"]
    assert wall.shown[-1].occurrence.moment(BERLIN) == datetime(2026, 6, 3, 17, 0, tzinfo=UTC)


# --- suspend ---------------------------------------------------------------------------------
def test_asleep_across_the_due_time_gives_one_catch_up_on_waking() -> None:
    rem = reminder("07:30")
    wall = Wall(at(BERLIN, 2026, 11, 2, 6, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 0))
    wall.sleep_until(at(BERLIN, 2026, 11, 2, 9, 15))
    assert wall.shown_at_local() == ["2026-11-02 07:30"]
    assert wall.shown[0].catch_up
    wall.check()
    assert len(wall.shown) == 1  # checked again: nothing more


def test_asleep_across_several_times_shows_only_the_newest_never_a_burst() -> None:
    rem = reminder("07:00", "09:00", "11:00")
    wall = Wall(at(BERLIN, 2026, 11, 2, 6, 0), BERLIN, rem)
    wall.sleep_until(at(BERLIN, 2026, 11, 2, 11, 30))
    assert wall.shown_at_local() == ["2026-11-02 11:00"]
    assert wall.recorded == [(date(2026, 11, 2), time(7, 0), MISSED),
                             (date(2026, 11, 2), time(9, 0), MISSED)]


def test_asleep_overnight_yesterdays_evening_time_is_missed_not_shown_this_morning() -> None:
    rem = reminder("21:00")
    wall = Wall(at(BERLIN, 2026, 11, 2, 20, 0), BERLIN, rem)
    wall.sleep_until(at(BERLIN, 2026, 11, 3, 7, 0))
    assert wall.shown == []
    assert wall.recorded == [(date(2026, 11, 2), time(21, 0), MISSED)]


def test_app_closed_for_weeks_records_only_the_last_week() -> None:
    rem = reminder("07:30")
    wall = Wall(at(BERLIN, 2026, 11, 2, 6, 0), BERLIN, rem)
    wall.sleep_until(at(BERLIN, 2026, 12, 1, 7, 0))
    assert wall.shown == []
    assert len(wall.recorded) == 7  # 24 to 30 November
    assert {o for _d, _t, o in wall.recorded} == {MISSED}


# --- done already ----------------------------------------------------------------------------
def test_no_reminder_and_no_catch_up_when_care_was_done_that_day() -> None:
    rem = reminder("07:30", "18:00")
    wall = Wall(at(BERLIN, 2026, 11, 2, 6, 0), BERLIN, rem)
    wall.do_care()  # 06:00: before the first time
    wall.run_until(at(BERLIN, 2026, 11, 2, 8, 0))
    assert wall.shown == []
    assert wall.recorded == [(date(2026, 11, 2), time(7, 30), DONE)]
    wall.do_care()
    wall.sleep_until(at(BERLIN, 2026, 11, 2, 19, 0))  # asleep at 18:00: no catch-up
    assert wall.shown == []
    assert wall.recorded[-1] == (date(2026, 11, 2), time(18, 0), DONE)


def test_a_notice_on_screen_goes_away_when_the_session_is_done() -> None:
    rem = reminder("07:30")
    wall = Wall(at(BERLIN, 2026, 11, 2, 7, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 40))
    assert len(wall.shown) == 1
    wall.do_care()
    assert wall.withdrawn == 1
    assert wall.recorded == [(date(2026, 11, 2), time(7, 30), DONE)]
    assert not wall.trackers[0].showing


# --- snooze and skip -------------------------------------------------------------------------
@pytest.mark.parametrize("minutes", list(R.Snooze))
def test_snooze_brings_the_notice_back_after_its_minutes(minutes: R.Snooze) -> None:
    rem = reminder("07:30")
    wall = Wall(at(BERLIN, 2026, 11, 2, 7, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 30))
    wall.snooze(minutes)
    assert wall.withdrawn == 1
    back = at(BERLIN, 2026, 11, 2, 7, 30) + timedelta(minutes=int(minutes))
    assert wall.recorded == [(date(2026, 11, 2), time(7, 30), SNOOZED)]
    assert R.first_check(wall.trackers, BERLIN) == back.astimezone(UTC)
    wall.run_until(back - timedelta(seconds=1))
    assert len(wall.shown) == 1
    wall.run_until(back)
    assert len(wall.shown) == 2
    assert wall.shown[-1].again
    assert wall.shown[-1].occurrence == wall.shown[0].occurrence


def test_care_done_while_snoozed_means_it_does_not_come_back() -> None:
    rem = reminder("07:30")
    wall = Wall(at(BERLIN, 2026, 11, 2, 7, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 30))
    wall.snooze(R.Snooze.HALF_AN_HOUR)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 45))
    wall.do_care()
    wall.run_until(at(BERLIN, 2026, 11, 2, 23, 0))
    assert len(wall.shown) == 1
    assert wall.recorded == [(date(2026, 11, 2), time(7, 30), SNOOZED),
                             (date(2026, 11, 2), time(7, 30), DONE)]
    assert wall.withdrawn == 1  # the snooze took it away; nothing was on screen after


def test_skip_today_skips_the_rest_of_today_and_not_tomorrow() -> None:
    rem = reminder("07:30", "19:00")
    wall = Wall(at(BERLIN, 2026, 11, 2, 7, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 31))
    wall.skip()
    wall.run_until(at(BERLIN, 2026, 11, 3, 7, 31))
    assert wall.shown_at_local() == ["2026-11-02 07:30", "2026-11-03 07:30"]
    assert wall.recorded == [(date(2026, 11, 2), time(7, 30), SKIPPED),
                             (date(2026, 11, 2), time(19, 0), SKIPPED)]


def test_an_unanswered_notice_is_missed_after_its_day() -> None:
    rem = reminder("21:00", days="mon")
    wall = Wall(at(BERLIN, 2026, 11, 2, 20, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 21, 0))
    assert R.first_check(wall.trackers, BERLIN) == at(BERLIN, 2026, 11, 3, 0, 0)
    wall.run_until(at(BERLIN, 2026, 11, 3, 12, 0))
    assert wall.recorded == [(date(2026, 11, 2), time(21, 0), MISSED)]
    assert wall.withdrawn == 1


def test_a_late_evening_notice_stays_an_hour_at_least() -> None:
    rem = reminder("23:50")
    wall = Wall(at(BERLIN, 2026, 11, 2, 23, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 23, 50))
    assert R.first_check(wall.trackers, BERLIN) == at(BERLIN, 2026, 11, 3, 0, 50)


# --- two a day -------------------------------------------------------------------------------
def test_two_times_a_day_need_two_sessions() -> None:
    rem = reminder("08:00", "19:00")
    wall = Wall(at(BERLIN, 2026, 11, 2, 7, 0), BERLIN, rem)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 50))
    wall.do_care()  # early: counts for 08:00, not for 19:00
    wall.run_until(at(BERLIN, 2026, 11, 2, 19, 0))
    assert wall.shown_at_local() == ["2026-11-02 19:00"]
    assert wall.shown[0].occurrence.index == 1
    wall.do_care()
    assert wall.recorded == [(date(2026, 11, 2), time(8, 0), DONE),
                             (date(2026, 11, 2), time(19, 0), DONE)]


def test_two_reminders_on_the_same_day_each_keep_their_own_state() -> None:
    morning = reminder("07:30", item="knee-care", rid=1)
    evening = reminder("20:00", item="calf-wall", rid=2, days="mon,wed")
    wall = Wall(at(BERLIN, 2026, 11, 2, 7, 0), BERLIN, morning, evening)
    wall.run_until(at(BERLIN, 2026, 11, 2, 7, 30))
    wall.snooze(R.Snooze.TEN_MINUTES, index=0)
    assert R.first_check(wall.trackers, BERLIN) == at(BERLIN, 2026, 11, 2, 7, 40)
    wall.run_until(at(BERLIN, 2026, 11, 2, 20, 0))
    assert [(n.occurrence.reminder_id, n.occurrence.item_id) for n in wall.shown] == [
        (1, "knee-care"), (1, "knee-care"), (2, "calf-wall")]
    assert wall.wakeups == 3


# --- the timer -------------------------------------------------------------------------------
def test_next_check_is_the_next_due_time_across_a_week_of_no_days() -> None:
    rem = reminder("07:30", days="sat")
    tracker = start(rem, BERLIN)
    tracker = R.check(tracker, at(BERLIN, 2026, 11, 2, 12, 0), BERLIN, lambda _d: 0).tracker
    assert R.next_check(tracker, BERLIN) == at(BERLIN, 2026, 11, 7, 7, 30).astimezone(UTC)


def test_a_cleared_reminder_has_no_next_check() -> None:
    rem = reminder("07:30")
    cleared = Reminder(1, 1, (*rem.changes, ScheduleChange(
        date(2026, 11, 2), None, datetime(2026, 11, 2, 9, tzinfo=UTC))))
    tracker = start(cleared, BERLIN)
    assert R.next_check(tracker, BERLIN) is None
    assert R.first_check([tracker], BERLIN) is None


# --- stored state ----------------------------------------------------------------------------
def test_a_new_reminder_does_not_show_times_already_past_when_it_was_set() -> None:
    rem = reminder("07:30", "19:00", since=date(2026, 11, 2),
                   changed=at(BERLIN, 2026, 11, 2, 10, 0))
    wall = Wall(at(BERLIN, 2026, 11, 2, 10, 0), BERLIN, rem)
    wall.check()
    assert wall.shown == []
    wall.run_until(at(BERLIN, 2026, 11, 2, 19, 0))
    assert wall.shown_at_local() == ["2026-11-02 19:00"]


def test_started_again_a_snooze_goes_on_and_a_skipped_day_stays_skipped() -> None:
    rem = reminder("07:30", "19:00")
    snoozed = ReminderEvent(1, date(2026, 11, 2), time(7, 30), SNOOZED,
                            at(BERLIN, 2026, 11, 2, 7, 31),
                            at(BERLIN, 2026, 11, 2, 8, 1).astimezone(UTC))
    tracker = start(rem, BERLIN, (snoozed,))
    assert tracker.snoozed
    assert R.next_check(tracker, BERLIN) == at(BERLIN, 2026, 11, 2, 8, 1)
    skipped = ReminderEvent(1, date(2026, 11, 2), time(7, 30), SKIPPED,
                            at(BERLIN, 2026, 11, 2, 7, 31))
    wall = Wall(at(BERLIN, 2026, 11, 2, 9, 0), BERLIN, start(rem, BERLIN, (skipped,)))
    wall.run_until(at(BERLIN, 2026, 11, 2, 20, 0))
    assert wall.shown == []
    assert wall.recorded == [(date(2026, 11, 2), time(19, 0), SKIPPED)]


def test_started_after_the_due_time_gives_the_catch_up_unless_done() -> None:
    """What autostart at login does at 09:00 for a 07:30 reminder."""
    rem = reminder("07:30")
    last = ReminderEvent(1, date(2026, 11, 1), time(7, 30), DONE, at(BERLIN, 2026, 11, 1, 8))
    wall = Wall(at(BERLIN, 2026, 11, 2, 9, 0), BERLIN, start(rem, BERLIN, (last,)))
    wall.check()
    assert wall.shown_at_local() == ["2026-11-02 07:30"]
    assert wall.shown[0].catch_up


def test_schedule_in_force_follows_the_changes_by_date() -> None:
    first = R.parse_schedule("knee-care", "mon-fri", ["07:30"])
    second = R.parse_schedule("calf-wall", "sat,sun", ["10:00"])
    rem = Reminder(1, 1, (ScheduleChange(date(2026, 11, 2), first, at(UTC, 2026, 11, 2)),
                          ScheduleChange(date(2026, 11, 9), second, at(UTC, 2026, 11, 9)),
                          ScheduleChange(date(2026, 11, 20), None, at(UTC, 2026, 11, 20))))
    assert rem.schedule_on(date(2026, 11, 1)) is None
    assert rem.schedule_on(date(2026, 11, 5)) == first
    assert rem.schedule_on(date(2026, 11, 14)) == second
    assert rem.schedule_on(date(2026, 11, 21)) is None
    days = [(o.day.isoformat(), o.item_id) for o in R.occurrences(rem, date(2026, 11, 6),
                                                                   date(2026, 11, 15))]
    assert days == [("2026-11-06", "knee-care"), ("2026-11-14", "calf-wall"),
                    ("2026-11-15", "calf-wall")]


# --- reading and showing a schedule ----------------------------------------------------------
def test_days_are_read_as_a_person_writes_them() -> None:
    assert R.parse_days("mon,wed,fri") == {Weekday.MONDAY, Weekday.WEDNESDAY, Weekday.FRIDAY}
    assert R.parse_days("Mon-Fri") == R.parse_days("weekdays")
    assert R.parse_days("fri-mon") == {Weekday.FRIDAY, Weekday.SATURDAY, Weekday.SUNDAY,
                                       Weekday.MONDAY}
    assert R.parse_days("daily") == frozenset(Weekday)
    assert R.parse_days("sunday, saturday") == R.parse_days("weekends")


@pytest.mark.parametrize(("days", "times", "says"), [
    ("", ["07:30"], "choose at least one day"),
    ("mon,funday", ["07:30"], "'funday' is not a day"),
    ("mon", [], "at least one time"),
    ("mon", ["7.30"], "'7.30' is not a time"),
    ("mon", ["24:00"], "'24:00' is not a time"),
    ("mon", ["07:30", "7:30"], "07:30 is given twice"),
    ("mon", ["1:00,2:00,3:00,4:00,5:00,6:00,7:00"], "at most 6 times"),
])
def test_a_schedule_that_cannot_be_kept_says_what_to_write(days: str, times: list[str],
                                                           says: str) -> None:
    with pytest.raises(R.ScheduleError) as raised:
        R.parse_schedule("knee-care", days, times)
    assert says in raised.value.message.en
    assert raised.value.message.ja


def test_an_unknown_routine_is_refused_with_the_known_ones() -> None:
    known = {"knee-care": Text("膝裏ケア", "Knee care"), "calf-wall": Text("ふくらはぎ", "Calf")}
    with pytest.raises(R.ScheduleError) as raised:
        R.parse_schedule("kneecare", "daily", ["07:30"], known)
    assert "calf-wall, knee-care" in raised.value.message.en


def test_a_schedule_reads_back_in_both_languages() -> None:
    schedule = R.parse_schedule("knee-care", "mon,wed,fri", ["19:00", "07:30"])
    assert schedule.times == (time(7, 30), time(19, 0))
    assert R.schedule_text(schedule) == Text("月・水・金 07:30、19:00",
                                             "Mon, Wed, Fri at 07:30 and 19:00")
    assert R.schedule_text(R.parse_schedule("x", "weekdays", ["7:05"])).en == \
        "weekdays at 07:05"
    assert R.days_words(schedule.days) == "mon,wed,fri"
    assert isinstance(schedule, ReminderSchedule)


# --- the computer's zone ---------------------------------------------------------------------
def test_the_system_zone_from_tz_or_from_etc_localtime(tmp_path: Path) -> None:
    assert R.system_zone({"TZ": "Asia/Tokyo"}) == TOKYO
    assert R.system_zone({"TZ": ":Europe/Berlin"}) == BERLIN
    zoneinfo_dir = tmp_path / "usr/share/zoneinfo/Europe"
    zoneinfo_dir.mkdir(parents=True)
    (zoneinfo_dir / "Berlin").write_bytes(b"")
    link = tmp_path / "localtime"
    link.symlink_to(zoneinfo_dir / "Berlin")
    assert R.system_zone({"TZ": "Not/AZone"}, link) == BERLIN
    fallback = R.system_zone({}, tmp_path / "missing")
    assert fallback.utcoffset(datetime.now()) is not None
