"""``kneecare history``: a short summary, and exports as CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TextIO

from kneecare_desktop.cli.people import with_person
from kneecare_desktop.history.records import Person
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Lang, Text

# What only the summary or only an export needs is imported there: a command's start-up
# is part of its time (``benchmarks/history_scale.py`` times the export's whole process).

_THIS_WEEK = Text("今週: {sessions} 回、実施時間 {active}",
                  "This week: {sessions} sessions, {active} active time")
_STREAK = Text("連続: {days} 日", "Streak: {days} days in a row")
_PLAN = Text("予定に対して: 今週 {planned} 回のうち {done} 回、予定どおりの連続 {streak} 日",
             "Against the plan: {done} of {planned} this week; streak against the plan: "
             "{streak} planned days")
_PAIN = Text("セッション前の痛みの強さ（0〜10）: 直近4週 {recent}、その前の4週 {earlier}",
             "Pain before sessions (0-10): {recent} in the last 4 weeks, {earlier} in the "
             "4 weeks before")
_NO_PAIN = Text("痛みの強さの記録はまだありません", "No pain ratings yet")
_LAST = Text("最後のセッション: {when} {title}（{outcome}）",
             "Last session: {when}, {title} ({outcome})")
_NONE = Text("記録はまだありません。", "No sessions recorded yet.")
_WROTE = Text("{sessions} 件のセッションと {blocks} 件のブロックを書き出しました: {paths}",
              "Wrote {sessions} sessions and {blocks} blocks: {paths}")
OUTCOMES = {
    "completed": Text("完了", "completed"), "stopped": Text("終了", "stopped"),
    "hurt": Text("痛みで終了", "stopped: it hurt"),
    "interrupted": Text("中断", "interrupted"), "running": Text("実行中", "running"),
}


def run(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    def act(store: HistoryStore, person: Person) -> int:
        if args.history_command == "export":
            return _export(store, person, args, lang, out)
        out.write(summary_text(store, person, lang, date.today()))
        return 0

    return with_person(lang, args.person, act)


def summary_text(store: HistoryStore, person: Person, lang: Lang, today: date) -> str:
    from kneecare_desktop.history import stats as history_stats
    from kneecare_desktop.history.adherence import adherence
    from kneecare_desktop.history.reminders import reminders
    from kneecare_desktop.text.durations import format_duration

    rows = store.sessions(person.id)
    if not rows:
        return _NONE.get(lang) + "\n"
    week = [r for r in rows if history_stats.monday(r.started.date())
            == history_stats.monday(today) and history_stats.counts_as_care(r)]
    active = format_duration(sum(r.duration_seconds for r in week))
    days = history_stats.care_days(rows)
    trend = history_stats.pain_trend(rows, today)
    lines = [_THIS_WEEK.format(sessions=len(week), active=active).get(lang),
             _STREAK.format(days=history_stats.streak(days, today)).get(lang)]
    plans = reminders(store, person.id, include_cleared=True)
    if plans:
        figures = adherence(plans, rows, history_stats.monday(today), today)
        lines.append(_PLAN.format(done=figures.weeks[-1].done, planned=figures.weeks[-1].planned,
                                  streak=figures.streak).get(lang))
    if trend.recent is None and trend.earlier is None:
        lines.append(_NO_PAIN.get(lang))
    else:
        lines.append(_PAIN.format(recent=_number(trend.recent),
                                  earlier=_number(trend.earlier)).get(lang))
    last = rows[-1]
    title = last.title_ja if lang is Lang.JA else last.title_en
    lines.append(_LAST.format(when=last.started.strftime("%Y-%m-%d %H:%M"), title=title,
                              outcome=OUTCOMES[last.outcome.value]).get(lang))
    return "\n".join(lines) + "\n"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _export(store: HistoryStore, person: Person, args: argparse.Namespace, lang: Lang,
            out: TextIO) -> int:
    from kneecare_desktop.history import export as history_export
    from kneecare_desktop.safe_files import WriteFailedError

    sessions = store.sessions(person.id, since=args.since)
    checkins = store.checkins(person.id, since=args.since)
    # CSV reads the blocks straight into cells (40,000 at ten years); JSON needs them whole.
    blocks = store.blocks([s.id for s in sessions]) if args.format == "json" else []
    if args.out is None:
        if args.format == "json":
            out.write(history_export.to_json(sessions, blocks, checkins))
        else:
            out.write(history_export.csv_sections_from(store, sessions, checkins))
        return 0
    try:
        if args.format == "json":
            paths = [history_export.write_json(sessions, blocks, args.out, checkins)]
        else:
            paths = list(history_export.write_csv_from(store, sessions, args.out, checkins))
    except WriteFailedError as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    count = len(blocks) if blocks else store.count_blocks([s.id for s in sessions])
    print(_WROTE.format(sessions=len(sessions), blocks=count,
                        paths=", ".join(str(p) for p in paths)).get(lang), file=sys.stderr)
    return 0


