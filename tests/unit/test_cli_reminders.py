"""``kneecare reminders``: list, set and clear, with the window's validation, in both
languages; never a traceback."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kneecare_desktop.cli.main import main
from kneecare_desktop.cli.reminders import listing
from kneecare_desktop.history import reminders as stored
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Lang, Text
from kneecare_desktop.paths import app_paths


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_set_list_change_and_clear(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "reminders")
    assert code == 0
    assert out.startswith("me has no reminders. To set one: kneecare reminders set")
    code, out, err = run(capsys, "--lang", "en", "reminders", "set", "--days", "mon,wed,fri",
                         "--at", "19:00", "--at", "07:30")
    assert (code, err) == (0, "")
    assert out == "Reminder #1 set: Knee care program, Mon, Wed, Fri at 07:30 and 19:00\n"
    code, out, _ = run(capsys, "--lang", "en", "reminders")
    lines = out.splitlines()
    assert lines[0] == "Reminders for me:"
    assert lines[1].startswith("  #1  Knee care program: Mon, Wed, Fri at 07:30 and 19:00 "
                               "(since ")
    assert lines[2].startswith("Next reminder: ")
    assert lines[3].startswith("This week: 0 of ")
    assert lines[4] == "Streak against the plan: 0 planned days"
    # With one reminder, set changes it (and keeps the old schedule in the history).
    code, out, _ = run(capsys, "--lang", "ja", "reminders", "set", "--days", "weekdays",
                       "--at", "7:05", "--routine", "calf-wall")
    assert code == 0
    assert out == "リマインダー #1 を設定しました: ふくらはぎのアキレス腱ストレッチ、平日 07:05\n"
    store, _ = HistoryStore.open_to_read(app_paths().history_db)
    (reminder,) = stored.reminders(store)
    assert len(reminder.changes) == 2
    store.close()
    code, out, _ = run(capsys, "--lang", "en", "reminders", "set", "--new", "--days",
                       "sat", "--at", "10:00")
    assert out.startswith("Reminder #2 set")
    code, _out, err = run(capsys, "--lang", "en", "reminders", "set", "--days", "sat",
                          "--at", "10:00")
    assert code == 2
    assert "me has several reminders; choose one with --id, or add one with --new: #1, #2" \
        in err
    code, out, _ = run(capsys, "--lang", "en", "reminders", "clear", "--id", "2")
    assert out == "Reminder #2 is off (its history is kept).\n"
    code, out, _ = run(capsys, "--lang", "en", "reminders", "clear")
    assert out == "Reminder #1 is off (its history is kept).\n"
    code, out, _ = run(capsys, "--lang", "en", "reminders")
    assert out.startswith("me has no reminders.")


def test_the_same_validation_as_the_window(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--lang", "en", "reminders", "set", "--days", "funday",
                          "--at", "07:30")
    assert code == 2
    assert err.startswith("Cannot set the reminder: 'funday' is not a day of the week")
    code, _out, err = run(capsys, "--lang", "ja", "reminders", "set", "--days", "mon",
                          "--at", "25:00")
    assert code == 2
    assert "「25:00」は時刻として読めません" in err
    code, _out, err = run(capsys, "--lang", "en", "reminders", "set", "--days", "mon",
                          "--at", "07:30", "--routine", "nope")
    assert "there is no routine or program 'nope'; there are: calf-wall, " in err
    assert "Traceback" not in err


def test_reminders_of_another_person(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "reminders", "set", "--person", "Sato",
                       "--days", "daily", "--at", "08:00")
    assert code == 0
    assert out.startswith("Reminder #1 set")
    code, out, _ = run(capsys, "--lang", "en", "reminders", "--person", "sato")
    assert out.startswith("Reminders for Sato:")
    code, out, _ = run(capsys, "--lang", "en", "reminders")
    assert out.startswith("me has no reminders")
    code, _out, err = run(capsys, "--lang", "en", "reminders", "--person", "Nobody")
    assert code == 2
    assert "No person is called 'Nobody'" in err


def test_the_listing_counts_this_week_against_the_plan(tmp_path: object) -> None:
    from kneecare_desktop.care.reminders import parse_schedule
    from kneecare_desktop.history.records import Outcome
    from tests.unit.history_helpers import start

    store, _ = HistoryStore.open(app_paths().history_db)
    person = store.default_person()
    berlin = ZoneInfo("Europe/Berlin")
    monday = datetime(2026, 11, 2, 6, 0, tzinfo=berlin)
    stored.set_reminder(store, person.id, parse_schedule("knee-care", "mon,wed", ["07:30"]),
                        monday)
    for days in (0, 2):  # Monday and Wednesday: the plan met
        begun = start(person.id, when=monday + timedelta(days=days, hours=2))
        store.begin_session(begun)
        store.finish_session(begun.uid, Outcome.COMPLETED, begun.started
                             + timedelta(minutes=5), 300.0)
    titles = {"knee-care": Text("膝裏ケア プログラム", "Knee care program")}
    text = listing(store, person, Lang.EN, monday + timedelta(days=3), berlin, titles)
    assert text.splitlines()[1:] == [
        "  #1  Knee care program: Mon, Wed at 07:30 (since 2026-11-02)",
        "Next reminder: 2026-11-09 (Mon) 07:30",
        "This week: 2 of 2 planned sessions done",
        "Streak against the plan: 2 planned days",
    ]
    text = listing(store, person, Lang.JA, monday + timedelta(days=3), berlin, titles)
    assert "次のリマインダー: 2026-11-09 (月) 07:30" in text
    assert "予定どおりの連続: 2 日" in text
