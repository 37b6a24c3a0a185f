"""``kneecare reminders``: a person's reminders, listed, set or cleared.

The schedule is checked by the same rules as in the window (``care.reminders``): the
same days, times and routines are refused, with the same words.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, tzinfo
from typing import TextIO

from kneecare_desktop.care import reminders as rules
from kneecare_desktop.cli.people import find_person, shown_name, with_person, with_store
from kneecare_desktop.history import adherence as history_adherence, reminders as stored
from kneecare_desktop.history.records import HistoryError, Person
from kneecare_desktop.history.stats import monday
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.library.files import load_library
from kneecare_desktop.model import Lang, Reminder, Text, Weekday
from kneecare_desktop.paths import app_paths, shipped_routines_dir

_HEADING = Text("{name} のリマインダー:", "Reminders for {name}:")
_NONE = Text("{name} のリマインダーはありません。設定するには: "
             "kneecare reminders set --days mon,wed,fri --at 07:30",
             "{name} has no reminders. To set one: "
             "kneecare reminders set --days mon,wed,fri --at 07:30")
_LINE = Text("  #{id}  {title}: {schedule}（{since} から）",
             "  #{id}  {title}: {schedule} (since {since})")
_NEXT = Text("次のリマインダー: {when}", "Next reminder: {when}")
_WEEK = Text("今週: 予定 {planned} 回のうち {done} 回実施", "This week: {done} of {planned} "
             "planned sessions done")
_STREAK = Text("予定どおりの連続: {days} 日", "Streak against the plan: {days} planned days")
_SET = Text("リマインダー #{id} を設定しました: {title}、{schedule}",
            "Reminder #{id} set: {title}, {schedule}")
_CLEARED = Text("リマインダー #{id} を止めました（これまでの記録は残ります）。",
                "Reminder #{id} is off (its history is kept).")
_WHICH = Text("{name} のリマインダーは複数あります。--id で選ぶか、--new で追加してください: {ids}",
              "{name} has several reminders; choose one with --id, or add one with --new: "
              "{ids}")
_NO_SUCH = Text("{name} のリマインダーに #{id} はありません。", "{name} has no reminder #{id}.")
_PROBLEM = Text("リマインダーを設定できません: {problem}", "Cannot set the reminder: {problem}")


def run(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    command = args.reminders_command
    name = getattr(args, "set_person", None) or args.person
    if command == "set":
        return _set(args, name, lang, out)
    if command == "clear":
        return _clear(args, name, lang, out)

    def show(store: HistoryStore, person: Person) -> int:
        out.write(listing(store, person, lang, datetime.now().astimezone(),
                          rules.system_zone()))
        return 0

    return with_person(lang, name, show)


def _titles(lang: Lang) -> dict[str, Text]:
    library = load_library(shipped_routines_dir(), app_paths().user_routines_dir)
    titles = {rid: r.title for rid, r in library.routines.items()}
    titles.update({pid: p.title for pid, p in library.programs.items()})
    return titles


def listing(store: HistoryStore, person: Person, lang: Lang, now: datetime,
            zone: tzinfo, titles: dict[str, Text] | None = None) -> str:
    """The person's reminders, the next one due, and this week against the plan."""
    titles = _titles(lang) if titles is None else titles
    name = shown_name(person, lang)
    found = stored.reminders(store, person.id)
    if not found:
        return _NONE.format(name=name).get(lang) + "\n"
    lines = [_HEADING.format(name=name).get(lang)]
    for reminder in found:
        schedule = reminder.current
        assert schedule is not None
        lines.append(_LINE.format(
            id=reminder.id, title=_title(titles, schedule.item_id),
            schedule=rules.schedule_text(schedule),
            since=_since(reminder).isoformat()).get(lang))
    now_key = rules.local_key(now, zone)
    upcoming = [o for r in found if (o := rules.next_occurrence(r, now_key, zone)) is not None]
    if upcoming:
        first = min(upcoming, key=lambda o: o.moment(zone))
        when = first.moment(zone).astimezone(zone)
        day = when.date().weekday()
        shown = f"{when:%Y-%m-%d} ({Weekday(day).short.get(lang)}) {when:%H:%M}"
        lines.append(_NEXT.format(when=shown).get(lang))
    today = now.astimezone(zone).date()
    everything = stored.reminders(store, person.id, include_cleared=True)
    figures = history_adherence.adherence(everything, store.sessions(person.id),
                                          monday(today), today)
    week = figures.weeks[-1]
    lines.append(_WEEK.format(done=week.done, planned=week.planned).get(lang))
    lines.append(_STREAK.format(days=figures.streak).get(lang))
    return "\n".join(lines) + "\n"


def _since(reminder: Reminder) -> date:
    """The date the current schedule applies from."""
    return reminder.changes[-1].effective_from


def _title(titles: dict[str, Text], item_id: str) -> Text:
    return titles.get(item_id, Text.same(item_id))


def _set(args: argparse.Namespace, name: str | None, lang: Lang, out: TextIO) -> int:
    titles = _titles(lang)
    try:
        schedule = rules.parse_schedule(args.routine, args.days, args.at, titles)
    except rules.ScheduleError as error:
        print(_PROBLEM.format(problem=error.message).get(lang), file=sys.stderr)
        return 2

    def act(store: HistoryStore) -> int:
        person = find_person(store, name, lang, create=True)
        if person is None:
            return 2
        mine = stored.reminders(store, person.id)
        target: int | None = args.id
        if target is not None and target not in {r.id for r in mine}:
            print(_NO_SUCH.format(name=shown_name(person, lang), id=target).get(lang),
                  file=sys.stderr)
            return 2
        if target is None and not args.new and mine:
            if len(mine) > 1:
                print(_WHICH.format(name=shown_name(person, lang),
                                    ids=", ".join(f"#{r.id}" for r in mine)).get(lang),
                      file=sys.stderr)
                return 2
            target = mine[0].id
        try:
            made = stored.set_reminder(store, person.id, schedule, datetime.now().astimezone(),
                                       reminder_id=target)
        except HistoryError as error:
            print(_PROBLEM.format(problem=str(error)).get(lang), file=sys.stderr)
            return 1
        out.write(_SET.format(id=made.id, title=_title(titles, schedule.item_id),
                              schedule=rules.schedule_text(schedule)).get(lang) + "\n")
        return 0

    return with_store(lang, act, write=True)


def _clear(args: argparse.Namespace, name: str | None, lang: Lang, out: TextIO) -> int:
    def act(store: HistoryStore, person: Person) -> int:
        mine = stored.reminders(store, person.id)
        chosen = [r for r in mine if args.id is None or r.id == args.id]
        if args.id is not None and not chosen:
            print(_NO_SUCH.format(name=shown_name(person, lang), id=args.id).get(lang),
                  file=sys.stderr)
            return 2
        now = datetime.now().astimezone()
        for reminder in chosen:
            stored.clear_reminder(store, reminder.id, now)
            out.write(_CLEARED.format(id=reminder.id).get(lang) + "\n")
        if not chosen:
            out.write(_NONE.format(name=shown_name(person, lang)).get(lang) + "\n")
        return 0

    return with_person(lang, name, act, write=True)
