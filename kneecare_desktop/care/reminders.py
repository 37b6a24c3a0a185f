"""Reminders: when one is due, what to do when it is, and when to look again. No Qt.

Due times are local wall-clock times ("Mon, Wed, Fri at 07:30") in the zone the computer
is in *now*: after a flight to Tokyo, 07:30 is Tokyo's 07:30. Each time of each day is an
:class:`Occurrence`, known by its local date and time, never by its instant, so that a
change of zone or the hour that repeats in autumn never shows the same one twice.

:func:`check` is the whole rule, on a wall clock that the caller passes in:

- every occurrence whose moment has come since the last one handled is due; of several
  (the computer slept through them), only the newest of today is shown: one catch-up,
  never a burst; the others are missed;
- one that is due is not shown when that day's care is already done (the k-th time of a
  day needs k sessions that day), nor on a day the person skipped;
- a notice left unanswered is missed when the next one comes, or after its day is over;
- a snoozed notice comes back after 10, 30 or 60 minutes, unless care is done meanwhile.

:func:`next_check` gives the moment something can next happen, for one timer. Daylight
saving: a time that does not exist (the spring change) is reminded the length of the gap
later (02:30 becomes 03:30 in Berlin), and a time that happens twice (autumn) once, the
first time.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import IntEnum
from pathlib import Path

from kneecare_desktop.model import (
    Reminder,
    ReminderEvent,
    ReminderOutcome,
    ReminderSchedule,
    Text,
    Weekday,
)

log = logging.getLogger(__name__)

LATE_AFTER = timedelta(minutes=2)  # shown later than this after its time: a catch-up
STAYS_AT_LEAST = timedelta(hours=1)  # a notice shown late in the evening outlives midnight
LOOK_BACK_DAYS = 7  # occurrences older than this, while the app was not running, are let be
MAX_TIMES_A_DAY = 6
DAY_END = time(23, 59, 59, 999999)
Key = tuple[date, time]


class Snooze(IntEnum):
    """How long a reminder can be put off, in minutes."""

    TEN_MINUTES = 10
    HALF_AN_HOUR = 30
    AN_HOUR = 60

    @property
    def label(self) -> Text:
        return _SNOOZE_LABELS[self]


_SNOOZE_LABELS = {
    Snooze.TEN_MINUTES: Text("10分後", "10 min"),
    Snooze.HALF_AN_HOUR: Text("30分後", "30 min"),
    Snooze.AN_HOUR: Text("1時間後", "1 hour"),
}


# --- the schedule: read, checked, shown ----------------------------------------------------
class ScheduleError(ValueError):
    """A schedule that cannot be kept; ``message`` says what to write instead."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


NO_DAYS = Text("曜日を1つ以上選んでください", "choose at least one day of the week")
BAD_DAY = Text("「{word}」は曜日として読めません。mon,tue,…,sun、mon-fri、daily、weekdays、"
               "weekends のように書いてください",
               "'{word}' is not a day of the week; write mon,tue,…,sun, a range such as "
               "mon-fri, or daily, weekdays or weekends")
NO_TIMES = Text("時刻を1つ以上指定してください（例: 07:30）",
                "give at least one time of day (for example 07:30)")
BAD_TIME = Text("「{word}」は時刻として読めません。"
                "24時間制で 07:30 や 19:00 のように書いてください",
                "'{word}' is not a time of day; write it as 07:30 or 19:00 (24-hour clock)")
SAME_TIME = Text("時刻 {time} が2回あります", "the time {time} is given twice")
TOO_MANY_TIMES = Text("1日の時刻は {limit} 個までです", "at most {limit} times a day")
UNKNOWN_ITEM = Text("「{item}」というケア・プログラムはありません。使えるもの: {known}",
                    "there is no routine or program '{item}'; there are: {known}")

_DAY_WORDS: dict[str, frozenset[Weekday]] = {
    "daily": frozenset(Weekday), "everyday": frozenset(Weekday), "all": frozenset(Weekday),
    "weekdays": frozenset(Weekday) - {Weekday.SATURDAY, Weekday.SUNDAY},
    "weekends": frozenset({Weekday.SATURDAY, Weekday.SUNDAY}),
}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _weekday(word: str) -> Weekday | None:
    word = word.strip().lower()
    for day in Weekday:
        if word in (day.key, day.name.lower()):
            return day
    return None


def parse_days(text: str) -> frozenset[Weekday]:
    """``"mon,wed,fri"``, ``"mon-fri"``, ``"daily"``, ``"weekdays"``, ``"weekends"``, or
    several of them with commas; raises :class:`ScheduleError`."""
    days: set[Weekday] = set()
    for raw in text.split(","):
        word = raw.strip().lower()
        if not word:
            continue
        if word in _DAY_WORDS:
            days |= _DAY_WORDS[word]
            continue
        if "-" in word:
            first, _, last = word.partition("-")
            start, end = _weekday(first), _weekday(last)
            if start is None or end is None:
                raise ScheduleError(BAD_DAY.format(word=raw.strip()))
            index = start.value
            while True:
                days.add(Weekday(index))
                if index == end.value:
                    break
                index = (index + 1) % 7  # fri-mon wraps over the weekend
            continue
        day = _weekday(word)
        if day is None:
            raise ScheduleError(BAD_DAY.format(word=raw.strip()))
        days.add(day)
    if not days:
        raise ScheduleError(NO_DAYS)
    return frozenset(days)


def parse_time(text: str) -> time:
    match = _TIME.match(text.strip())
    if match is None:
        raise ScheduleError(BAD_TIME.format(word=text.strip()))
    return time(int(match.group(1)), int(match.group(2)))


def make_schedule(item_id: str, days: Iterable[Weekday], times: Iterable[time],
                  known_items: Mapping[str, Text] | None = None) -> ReminderSchedule:
    """A checked schedule: one or more days, one to six distinct times (whole minutes),
    and, with ``known_items``, a routine or program that exists. The window and the
    command line both make schedules here, so they refuse the same things."""
    chosen_days = frozenset(Weekday(d) for d in days)
    if not chosen_days:
        raise ScheduleError(NO_DAYS)
    chosen: list[time] = []
    for value in times:
        value = value.replace(second=0, microsecond=0, tzinfo=None)
        if value in chosen:
            raise ScheduleError(SAME_TIME.format(time=value.strftime("%H:%M")))
        chosen.append(value)
    if not chosen:
        raise ScheduleError(NO_TIMES)
    if len(chosen) > MAX_TIMES_A_DAY:
        raise ScheduleError(TOO_MANY_TIMES.format(limit=MAX_TIMES_A_DAY))
    if known_items is not None and item_id not in known_items:
        raise ScheduleError(UNKNOWN_ITEM.format(item=item_id,
                                                known=", ".join(sorted(known_items))))
    return ReminderSchedule(item_id, chosen_days, tuple(sorted(chosen)))


def parse_schedule(item_id: str, days: str, times: Sequence[str],
                   known_items: Mapping[str, Text] | None = None) -> ReminderSchedule:
    """:func:`make_schedule` from the words a person types."""
    words = [part for text in times for part in text.split(",") if part.strip()]
    return make_schedule(item_id, parse_days(days), [parse_time(w) for w in words],
                         known_items)


EVERY_DAY = Text("毎日", "every day")
WEEKDAYS = Text("平日", "weekdays")
WEEKENDS = Text("週末", "weekends")


def days_text(days: frozenset[Weekday]) -> Text:
    if days == frozenset(Weekday):
        return EVERY_DAY
    if days == _DAY_WORDS["weekdays"]:
        return WEEKDAYS
    if days == _DAY_WORDS["weekends"]:
        return WEEKENDS
    ordered = sorted(days)
    return Text("・".join(d.short.ja for d in ordered), ", ".join(d.short.en for d in ordered))


def schedule_text(schedule: ReminderSchedule) -> Text:
    """"Mon, Wed, Fri at 07:30 and 19:00" / "月・水・金 07:30、19:00"."""
    times = [t.strftime("%H:%M") for t in schedule.times]
    days = days_text(schedule.days)
    return Text(f"{days.ja} {'、'.join(times)}",
                f"{days.en} at {' and '.join(times) if len(times) < 3 else ', '.join(times)}")


def days_words(days: frozenset[Weekday]) -> str:
    """The days as the command line takes them back: ``mon,wed,fri``."""
    return ",".join(d.key for d in sorted(days))


# --- occurrences on the wall clock ---------------------------------------------------------
@dataclass(frozen=True, slots=True, order=True)
class Occurrence:
    """One time of one day of one reminder: ``index`` is its place among that day's times
    (0 for the first), which says how many sessions that day mean it was done."""

    day: date
    slot: time
    index: int
    reminder_id: int
    item_id: str

    @property
    def key(self) -> Key:
        return (self.day, self.slot)

    def moment(self, zone: tzinfo) -> datetime:
        return wall_moment(self.day, self.slot, zone)


def wall_moment(day: date, slot: time, zone: tzinfo) -> datetime:
    """The instant of a local date and time in ``zone``, in UTC.

    ``fold=0``: a time in the spring gap is read with the offset from before the change
    (so it comes the gap's length later), and a time that happens twice in autumn is the
    first of the two."""
    return datetime.combine(day, slot, tzinfo=zone).replace(fold=0).astimezone(UTC)


def local_key(moment: datetime, zone: tzinfo) -> Key:
    local = moment.astimezone(zone)
    return (local.date(), local.time().replace(tzinfo=None))


def occurrences(reminder: Reminder, first: date, last: date) -> list[Occurrence]:
    """Every occurrence of ``reminder`` from ``first`` to ``last`` (local dates), with the
    schedule in force each day."""
    found = []
    day = first
    while day <= last:
        schedule = reminder.schedule_on(day)
        if schedule is not None:
            for index, slot in enumerate(schedule.on(day)):
                found.append(Occurrence(day, slot, index, reminder.id, schedule.item_id))
        day += timedelta(days=1)
    return found


def next_occurrence(reminder: Reminder, after: Key, zone: tzinfo,
                    horizon_days: int = 8) -> Occurrence | None:
    """The first occurrence whose key comes after ``after`` (the schedule repeats weekly,
    so eight days is always enough: None means it has no times at all from then on)."""
    for occurrence in occurrences(reminder, after[0], after[0] + timedelta(days=horizon_days)):
        if occurrence.key > after:
            return occurrence
    return None


# --- the state of one reminder, and the rule -----------------------------------------------
@dataclass(frozen=True, slots=True)
class Tracker:
    """Where one reminder stands.

    ``handled``: every occurrence up to this local (date, time) has been dealt with.
    ``pending``: shown and not answered yet (``shown_at``), or snoozed until
    ``snoozed_until``. ``skipped_day``: "skip today" was chosen on that date."""

    reminder: Reminder
    handled: Key
    pending: Occurrence | None = None
    shown_at: datetime | None = None
    snoozed_until: datetime | None = None
    skipped_day: date | None = None

    @classmethod
    def start(cls, reminder: Reminder, zone: tzinfo,
              events: Sequence[ReminderEvent] = ()) -> Tracker:
        """A tracker for a reminder as stored: nothing before its last schedule change, and
        nothing already recorded, is due again; a snooze still running goes on."""
        handled: Key = (date.min, time.min)
        if reminder.changes:
            handled = local_key(reminder.changes[-1].changed, zone)
        pending: Occurrence | None = None
        snoozed: datetime | None = None
        skipped: date | None = None
        mine = sorted((e for e in events if e.reminder_id == reminder.id),
                      key=lambda e: (e.day, e.slot, e.at))
        if mine:
            last = mine[-1]
            handled = max(handled, (last.day, last.slot))
            if last.outcome is ReminderOutcome.SNOOZED and last.snoozed_until is not None:
                schedule = reminder.schedule_on(last.day)
                times = schedule.on(last.day) if schedule is not None else ()
                index = times.index(last.slot) if last.slot in times else 0
                item = schedule.item_id if schedule is not None else ""
                pending = Occurrence(last.day, last.slot, index, reminder.id, item)
                snoozed = last.snoozed_until
            skipped = max((e.day for e in mine if e.outcome is ReminderOutcome.SKIPPED),
                          default=None)
        return cls(reminder, handled, pending, None, snoozed, skipped)

    @property
    def snoozed(self) -> bool:
        return self.pending is not None and self.snoozed_until is not None

    @property
    def showing(self) -> bool:
        """A notice is on screen and waits for an answer."""
        return self.pending is not None and self.snoozed_until is None


@dataclass(frozen=True, slots=True)
class Notice:
    """Show this occurrence now; ``catch_up``: its time passed while nobody could see it
    (the computer slept, or the app was not running); ``again``: back from a snooze."""

    occurrence: Occurrence
    catch_up: bool = False
    again: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    occurrence: Occurrence
    outcome: ReminderOutcome
    at: datetime
    snoozed_until: datetime | None = None

    def event(self) -> ReminderEvent:
        return ReminderEvent(self.occurrence.reminder_id, self.occurrence.day,
                             self.occurrence.slot, self.outcome, self.at, self.snoozed_until)


@dataclass(frozen=True, slots=True)
class Step:
    """What a check decided: the new state, a notice to show (or None), whether the notice
    on screen goes away, and the outcomes to record."""

    tracker: Tracker
    notice: Notice | None = None
    withdraw: bool = False
    outcomes: tuple[Outcome, ...] = ()


CareCount = Callable[[date], int]  # the person's sessions with care on a local date


def is_done(occurrence: Occurrence, care: CareCount) -> bool:
    """Done when the day has as many sessions as this is the day's time: one for the
    first, two for the second."""
    return care(occurrence.day) >= occurrence.index + 1


def check(tracker: Tracker, now: datetime, zone: tzinfo, care: CareCount) -> Step:
    """Everything that is due at ``now`` (aware) on the wall clock of ``zone``."""
    now = now.astimezone(UTC)
    today = now.astimezone(zone).date()
    outcomes: list[Outcome] = []
    withdraw = False
    pending = tracker.pending
    shown_at = tracker.shown_at
    snoozed_until = tracker.snoozed_until

    def drop(outcome: ReminderOutcome) -> None:
        nonlocal pending, shown_at, snoozed_until, withdraw
        assert pending is not None
        outcomes.append(Outcome(pending, outcome, now))
        withdraw = withdraw or snoozed_until is None
        pending, shown_at, snoozed_until = None, None, None

    if pending is not None and is_done(pending, care):
        drop(ReminderOutcome.DONE)
    come = [o for o in occurrences(
        tracker.reminder, max(tracker.handled[0], today - timedelta(days=LOOK_BACK_DAYS)),
        today) if o.key > tracker.handled and o.moment(zone) <= now]
    notice: Notice | None = None
    handled = tracker.handled
    skipped = tracker.skipped_day
    if come:
        if pending is not None:
            drop(ReminderOutcome.MISSED)  # the next one has come: this one was not done
        *older, newest = come
        for occurrence in older:
            outcomes.append(Outcome(occurrence, _left_alone(occurrence, care, skipped), now))
        handled = newest.key
        if is_done(newest, care) or skipped == newest.day or newest.day != today:
            outcomes.append(Outcome(newest, _left_alone(newest, care, skipped), now))
        else:
            notice = Notice(newest, catch_up=now - newest.moment(zone) > LATE_AFTER)
            pending, shown_at, snoozed_until = newest, now, None
    elif pending is not None and snoozed_until is not None:
        if snoozed_until <= now:
            notice = Notice(pending, again=True)
            shown_at, snoozed_until = now, None
    elif pending is not None and shown_at is not None and _expired(pending, shown_at, now,
                                                                   zone):
        drop(ReminderOutcome.MISSED)
    state = replace(tracker, handled=handled, pending=pending, shown_at=shown_at,
                    snoozed_until=snoozed_until, skipped_day=skipped)
    return Step(state, notice, withdraw and notice is None, tuple(outcomes))


def _left_alone(occurrence: Occurrence, care: CareCount,
                skipped: date | None) -> ReminderOutcome:
    if is_done(occurrence, care):
        return ReminderOutcome.DONE
    if skipped == occurrence.day:
        return ReminderOutcome.SKIPPED
    return ReminderOutcome.MISSED


def _expiry(pending: Occurrence, shown_at: datetime, zone: tzinfo) -> datetime:
    """A notice left unanswered lasts to the end of its day, and at least an hour."""
    end_of_day = wall_moment(pending.day + timedelta(days=1), time(0), zone)
    return max(end_of_day, shown_at + STAYS_AT_LEAST)


def _expired(pending: Occurrence, shown_at: datetime, now: datetime, zone: tzinfo) -> bool:
    return now >= _expiry(pending, shown_at, zone)


def snooze(tracker: Tracker, now: datetime, minutes: Snooze | int) -> Step:
    """Put the notice on screen off for ``minutes``."""
    if tracker.pending is None:
        return Step(tracker)
    until = now.astimezone(UTC) + timedelta(minutes=int(minutes))
    outcome = Outcome(tracker.pending, ReminderOutcome.SNOOZED, now.astimezone(UTC), until)
    return Step(replace(tracker, snoozed_until=until, shown_at=None), withdraw=True,
                outcomes=(outcome,))


def skip_today(tracker: Tracker, now: datetime, zone: tzinfo) -> Step:
    """No more reminders from this one today; the one on screen (if any) is skipped."""
    today = now.astimezone(zone).date()
    outcomes: tuple[Outcome, ...] = ()
    if tracker.pending is not None:
        outcomes = (Outcome(tracker.pending, ReminderOutcome.SKIPPED, now.astimezone(UTC)),)
    state = replace(tracker, pending=None, shown_at=None, snoozed_until=None,
                    skipped_day=today)
    return Step(state, withdraw=tracker.pending is not None, outcomes=outcomes)


def next_check(tracker: Tracker, zone: tzinfo) -> datetime | None:
    """The next moment (UTC) at which :func:`check` can decide something new, or None."""
    candidates: list[datetime] = []
    upcoming = next_occurrence(tracker.reminder, tracker.handled, zone)
    if upcoming is not None:
        candidates.append(upcoming.moment(zone))
    if tracker.snoozed_until is not None:
        candidates.append(tracker.snoozed_until)
    elif tracker.pending is not None and tracker.shown_at is not None:
        candidates.append(_expiry(tracker.pending, tracker.shown_at, zone))
    return min(candidates) if candidates else None


def first_check(trackers: Iterable[Tracker], zone: tzinfo) -> datetime | None:
    """The earliest :func:`next_check` of several reminders: what one timer waits for."""
    found = [moment for t in trackers if (moment := next_check(t, zone)) is not None]
    return min(found) if found else None


# --- the computer's zone ------------------------------------------------------------------
def zone_named(name: str) -> tzinfo | None:
    """The IANA zone ``name`` (``Europe/Berlin``), or None if this system does not know it
    (on Windows, the ``tzdata`` package supplies them)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = name.strip().lstrip(":")
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def system_zone(environ: Mapping[str, str] | None = None,
                localtime: Path = Path("/etc/localtime")) -> tzinfo:
    """The computer's time zone with its rules: ``TZ``, else where ``/etc/localtime``
    points; else the current offset alone (then daylight saving is not foreseen, and the
    once-a-minute check notices the change when it comes). The Qt layer asks Qt instead,
    which also knows Windows' zones."""
    env = os.environ if environ is None else environ
    found = zone_named(env.get("TZ", ""))
    if found is not None:
        return found
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        found = zone_named(target.split("zoneinfo/", 1)[1])
        if found is not None:
            return found
    offset = datetime.now().astimezone().tzinfo
    return offset if offset is not None else UTC
