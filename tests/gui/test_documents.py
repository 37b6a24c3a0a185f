"""The handout and the report, as PDFs a person or a clinic can read."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kneecare_desktop.cli.main import main
from kneecare_desktop.history.records import Outcome
from kneecare_desktop.history.report_data import gather
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.model import Lang, SideChoice
from kneecare_desktop.paths import shipped_routines_dir
from kneecare_desktop.ui.documents import write_handout, write_report_pdf
from tests.pdf import pdf_text
from tests.unit.history_helpers import block, start

LIBRARY = load_library(shipped_routines_dir())


@pytest.mark.parametrize(("lang", "names", "dose"), [
    (Lang.JA,
     ["ハムストリングスストレッチ", "ふくらはぎのアキレス腱ストレッチ", "ヒップヒンジ練習"],
     # The article's words first, what the app adds marked as the app's, then this
     # person's adjustments.
     ["20秒キープ 左右2回ずつ", "この方に合わせた調整: 30秒キープ × 左右2回ずつ",
      "20秒×2セット(左右それぞれ行うのはアプリの選択です)",
      "この方に合わせた調整: 20秒キープ × 2回(左脚のみ)",
      "10〜15回(アプリの既定: 12回)"]),
    (Lang.EN, ["Hamstring stretch with a towel", "Calf and Achilles stretch at a wall",
               "Hip hinge drill"],
     ["20 s hold, twice on each side", "Adjusted for this person: 30 s hold × 2 on each side",
      "20 s × 2 sets (each leg in turn is the app's choice)",
      "Adjusted for this person: 20 s hold × 2 (left leg only)",
      "10–15 reps (the app's default: 12 reps)"]),
])
def test_the_handout_is_one_page_with_the_routines_and_holds(
        qapp: object, tmp_path: Path, lang: Lang, names: list[str], dose: list[str]) -> None:
    path = tmp_path / f"handout-{lang}.pdf"
    overrides = {"hamstring-towel": Overrides(hold_seconds=30),
                 "calf-wall": Overrides(sides=SideChoice.LEFT)}
    write_handout(path, LIBRARY.programs["knee-care"], LIBRARY.routines, overrides, lang,
                  "田中", date(2026, 11, 25))
    pages, text = pdf_text(path)
    assert pages == 1
    flat = " ".join(text.split())
    for expected in [*names, *dose]:
        assert " ".join(expected.split()) in flat, expected
    rest = "休んだ方がいい" if lang is Lang.JA else "Better to rest"
    assert rest in flat
    assert "田中" in flat
    # Every routine's own caution from the app, each once, under one label.
    packed = "".join(text.split())  # lines break anywhere in Japanese
    for routine in LIBRARY.routines.values():
        caution = "".join(unicodedata.normalize("NFKC", routine.caution.app.get(lang)).split())
        assert caution in packed, caution
    label = "アプリからの注意" if lang is Lang.JA else "The app adds"
    assert flat.count(label) == 1
    assert "(アプリからの注意)" not in flat
    assert "(The app's own advice)" not in flat


def test_the_report_pdf_and_csv(qapp: object, tmp_path: Path, kneecare_home: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    store, _ = HistoryStore.open(kneecare_home / "history.sqlite3")
    person = store.add_person("Suzuki")
    today = date.today()
    from datetime import datetime

    for days_ago in (3, 1):
        when = datetime.combine(today - timedelta(days=days_ago),
                                datetime.min.time()).astimezone() + timedelta(hours=8)
        begun = start(person.id, when=when)
        store.begin_session(begun)
        store.add_block(block(begun.uid, 1, when=when))
        store.add_block(block(begun.uid, 2, when=when, side="right", outcome="skipped"))
        store.finish_session(begun.uid, Outcome.COMPLETED, when + timedelta(minutes=5), 27.5)
        store.set_pain(begun.uid, before=4, after=2, note="ラン後")
    data = gather(store, person, today - timedelta(days=27), today)
    store.close()
    assert data.care_days == 2
    (left, right) = data.side_counts()
    assert (left.side, left.holds_done, right.side, right.skipped) == ("left", 2, "right", 2)
    path = write_report_pdf(tmp_path / "report.pdf", data, "Suzuki", Lang.EN,
                            LIBRARY.routines)
    _, text = pdf_text(path)
    assert "Report: Suzuki" in text
    assert "Days with care: 2 / 28" in " ".join(text.split())
    assert "ラン後" in text
    csv_path = tmp_path / "report.csv"
    assert main(["report", "--person", "Suzuki", "--out", str(csv_path)]) == 0
    rows = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert "days_with_care,2" in rows
    assert "hamstring-towel,right,0,0,2" in rows
    assert main(["--lang", "ja", "handout", "calf-wall", "--person", "Suzuki", "--out",
                 str(tmp_path / "h.pdf")]) == 0
    _, text = pdf_text(tmp_path / "h.pdf")
    assert "ふくらはぎのアキレス腱ストレッチ" in text
    capsys.readouterr()


def test_handout_from_the_window(window: object, qtbot: QtBot, tmp_path: Path) -> None:
    from kneecare_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.library_view.select("hip-hinge")
    path = window.files.write_handout_to(tmp_path / "hinge.pdf")
    assert path is not None
    _, text = pdf_text(path)
    assert "Hip hinge drill" in text
    assert "10–15 reps (the app's default: 12 reps)" in " ".join(text.split())


def test_report_from_the_window(window: object, qtbot: QtBot, tmp_path: Path) -> None:
    from kneecare_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: window.people.current is not None, timeout=5000)
    with qtbot.waitSignal(window.files.report_written, timeout=10_000):
        window.files.write_report_to(tmp_path / "r.csv")
    assert "section,summary" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    with qtbot.waitSignal(window.files.report_written, timeout=10_000):
        window.files.write_report_to(tmp_path / "r.pdf")
    _, text = pdf_text(tmp_path / "r.pdf")
    assert "Report: Me" in text


@pytest.mark.parametrize(("lang", "cause", "sign", "verdict"), [
    (Lang.JA, "ふくらはぎ(腓腹筋)の硬さによる牽引痛", "膝裏が腫れている", "休んだ方がいい"),
    (Lang.EN, "Pulling pain from tight calves", "The back of the knee is swollen",
     "Better to rest"),
])
def test_the_report_names_causes_and_rest_signs_in_words(
        qapp: object, tmp_path: Path, lang: Lang, cause: str, sign: str, verdict: str) -> None:
    from datetime import datetime

    from kneecare_desktop.history.records import CheckinRecord

    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    person = store.default_person()
    taken = datetime.combine(date.today(), datetime.min.time()).astimezone()
    store.add_checkin(CheckinRecord("c1", person.id, taken, "knee-checkin",
                                    ("calves-pumped",), "calves", "calf-wall", "rest",
                                    answers={"swollen": "yes", "hurts-walking": "no"}))
    store.add_checkin(CheckinRecord("c2", person.id, taken, "knee-checkin", (), None, None,
                                    None, answers={"swollen": "open"}))
    data = gather(store, person, date.today() - timedelta(days=27), date.today())
    path = write_report_pdf(tmp_path / "report.pdf", data, "", lang, LIBRARY.routines)
    _, text = pdf_text(path)
    packed = "".join(text.split())
    assert "".join(cause.split()) in packed
    assert "".join(sign.split()) in packed
    assert verdict in text
    assert "calves" not in text.replace("tight calves", "")  # never the raw id
    assert "".join(("判断なし" if lang is Lang.JA else "no verdict").split()) in packed
