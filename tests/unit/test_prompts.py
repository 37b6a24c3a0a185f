"""The pre-rendered voice prompts: every shipped spoken text has one, each is a sound file
the app can play without clipping, each fits the time before the next cue, and the
manifest follows the app's texts. No Qt, no sleeps."""

from __future__ import annotations

import array
import importlib.util
import json
import logging
import shutil
import sys
import wave
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kneecare_desktop.library.files import load_library
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import Lang, Pacing
from kneecare_desktop.paths import resources_dir, shipped_routines_dir
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.plan.timeline import Plan, SegmentKind
from kneecare_desktop.session.events import CueKind
from kneecare_desktop.sound.prompts import (
    BEEP_FILES,
    MARGIN_SECONDS,
    Prompt,
    PromptBook,
    beep_seconds,
    prompt_file,
    prompt_fits,
    prompt_problems,
    shipped_plans,
    shipped_prompts_dir,
    spoken_texts,
)
from kneecare_desktop.text import phrases as P
from tests.conftest import REPO
from tests.unit.test_cue_times import session_cues

LIBRARY: Library = load_library(shipped_routines_dir())
BOOK = PromptBook.load(shipped_prompts_dir())
TEXTS = spoken_texts(LIBRARY)
BEEPS = beep_seconds()
PLANS = shipped_plans(LIBRARY)
MINUS_1_DBFS = 10 ** (-1 / 20) * 32768
MINUS_3_DBFS = 10 ** (-3 / 20) * 32768


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_prompts_tool",
                                                  REPO / "tools" / "render_prompts.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_prompts_tool"] = module
    spec.loader.exec_module(module)
    return module


def pcm_peak(path: Path) -> tuple[Any, int]:
    with wave.open(str(path), "rb") as audio:
        params = audio.getparams()
        samples = array.array("h", audio.readframes(audio.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return params, max(abs(s) for s in samples)


# --- what the app says ----------------------------------------------------------------------
def test_the_spoken_texts_are_the_cues_the_engine_speaks_and_the_fixed_phrases() -> None:
    for lang in Lang:
        texts = TEXTS[lang]
        assert len(texts) == len(set(texts))
        assert P.DONE.get(lang) in texts
        assert [str(n) for n in range(1, 31)] == [t for t in texts if t.isdigit()]
        spoken = {text.get(lang) for plan in PLANS for _, kind, text in session_cues(plan)
                  if kind is CueKind.VOICE and text is not None}
        assert spoken <= set(texts)
        counts = {str(n) for n in range(1, 31)}
        assert set(texts) == spoken | {P.DONE.get(lang)} | counts
    assert "ハムストリングスストレッチ。準備してください。右脚から" in TEXTS[Lang.JA]
    assert "Switch sides" in TEXTS[Lang.EN]
    assert spoken_texts(LIBRARY) == TEXTS  # a stable order


def test_prompt_files_are_named_by_language_and_text() -> None:
    assert prompt_file(Lang.JA, "休憩") == "ja/768621cd1b78.wav"
    assert prompt_file(Lang.EN, "12") != prompt_file(Lang.JA, "12")
    assert prompt_file(Lang.JA, "休憩") == prompt_file(Lang.JA, "休憩")


# --- the shipped prompts ------------------------------------------------------------------
def test_every_shipped_spoken_text_has_a_prompt_in_both_languages() -> None:
    missing = [(lang, text) for lang in Lang for text in TEXTS[lang]
               if BOOK.find(lang, text) is None]
    assert missing == []
    assert len(BOOK) == sum(len(texts) for texts in TEXTS.values())


def test_every_prompt_is_mono_16_bit_22050_hz_and_peaks_at_most_minus_1_dbfs() -> None:
    for prompt in BOOK:
        params, peak = pcm_peak(prompt.path)
        where = f"{prompt.path.name} ({prompt.text})"
        assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050), where
        assert params.comptype == "NONE", where
        assert peak <= MINUS_1_DBFS, where
        assert prompt.peak_dbfs <= -1.0, where
        assert prompt.seconds == pytest.approx(params.nframes / 22050, abs=0.001), where
        assert 0.1 < prompt.seconds < 8.0, where


def test_the_japanese_prompts_are_spoken_at_a_japanese_pace() -> None:
    """About 5 to 9 morae a second with the pauses: speech, not spelled-out letters."""
    morae = {
        "左右を入れ替えます": len("サユーヲイレカエマス"),
        "お疲れさまでした": len("オツカレサマデシタ"),
        "左脚。20秒キープ": len("ヒダリアシニジュービョーキープ"),
        "ハムストリングスストレッチ。準備してください。左脚から":
            len("ハムストリングスストレッチジュンビシテクダサイヒダリアシカラ"),
    }
    for text, count in morae.items():
        prompt = BOOK.find(Lang.JA, text)
        assert prompt is not None
        assert 4.5 < count / prompt.seconds < 10, (text, prompt.seconds)


def test_the_prompts_folder_stays_small() -> None:
    folder = shipped_prompts_dir()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < 8 * 1024 * 1024


def test_the_beeps_peak_at_most_minus_3_dbfs_and_keep_their_lengths() -> None:
    # Each sound, then 0.06 s of silence (tools/make_sounds.py).
    lengths = {CueKind.TICK: 0.11, CueKind.HOLD_START: 0.31, CueKind.HOLD_END: 0.35,
               CueKind.BEAT: 0.13, CueKind.SESSION_END: 0.88}
    for kind, name in BEEP_FILES.items():
        params, peak = pcm_peak(resources_dir() / "sounds" / name)
        assert (params.nchannels, params.sampwidth) == (1, 2), name
        assert peak <= MINUS_3_DBFS, name
        assert BEEPS[kind] == pytest.approx(lengths[kind], abs=0.001), name


# --- fitting the time -----------------------------------------------------------------------
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("plan", PLANS, ids=[f"{p.id}-{i}" for i, p in enumerate(PLANS)])
def test_every_shipped_prompt_fits_before_the_next_cue(plan: Plan, lang: Lang) -> None:
    assert prompt_problems(plan, BOOK, lang, BEEPS) == []


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("reps", [10, 15, 30])
def test_every_rep_count_fits_its_down_phase(reps: int, lang: Lang) -> None:
    plan = compile_plan(LIBRARY.routines["hip-hinge"], {"hip-hinge": Overrides(reps=reps)})
    assert prompt_problems(plan, BOOK, lang, BEEPS) == []


def test_the_voice_waits_for_the_beep_and_leaves_a_margin_before_the_next_cue() -> None:
    plan = compile_plan(LIBRARY.routines["calf-wall"])
    fits = prompt_fits(plan, BOOK, Lang.JA, BEEPS)
    switch = next(f for f in fits if f.segment_kind is SegmentKind.SWITCH_SIDE)
    # The switch starts when the hold ends (its beep first); its first tick is 3 s
    # before the end of the 5 s switch.
    assert switch.delay == pytest.approx(BEEPS[CueKind.HOLD_END])
    assert switch.next_kind is CueKind.TICK
    assert switch.has == pytest.approx(2.0)
    assert switch.voice_room == pytest.approx(2.0 - BEEPS[CueKind.HOLD_END] - MARGIN_SECONDS)
    hold = next(f for f in fits if f.segment_kind is SegmentKind.HOLD)
    assert hold.delay == pytest.approx(BEEPS[CueKind.HOLD_START])
    get_ready = fits[0]
    assert get_ready.delay == 0.0
    assert get_ready.has == pytest.approx(7.0)
    done = fits[-1]
    assert (done.text, done.next_at) == ("お疲れさまでした", None)
    assert done.delay == pytest.approx(BEEPS[CueKind.SESSION_END])


def test_a_prompt_too_long_for_its_time_is_reported() -> None:
    text = "左右を入れ替えます"
    shipped = BOOK.find(Lang.JA, text)
    assert shipped is not None
    long = Prompt(Lang.JA, text, shipped.path, 1.8, -3.0)
    book = PromptBook([long, *BOOK])
    plan = compile_plan(LIBRARY.routines["calf-wall"])
    problems = prompt_problems(plan, book, Lang.JA, BEEPS)
    assert len(problems) == 2  # the two switches of the calf stretch
    assert text in problems[0]
    assert "needs 2.35 s" in problems[0]
    assert "has 2.00 s" in problems[0]
    assert "tick" in problems[0]


def test_a_missing_prompt_is_reported() -> None:
    plan = compile_plan(LIBRARY.routines["hip-hinge"])
    problems = prompt_problems(plan, PromptBook(), Lang.EN, BEEPS)
    assert "en: no prompt for 'Hip hinge drill. Get ready' at 0.0 s (get_ready)" in problems
    assert any("'Well done'" in p for p in problems)
    assert len(problems) == 1 + 12 + 1


def test_a_self_paced_rep_has_no_time_limit() -> None:
    plan = compile_plan(LIBRARY.routines["hip-hinge"],
                        {"hip-hinge": Overrides(pacing=Pacing.SELF)})
    fits = prompt_fits(plan, BOOK, Lang.JA, BEEPS)
    counts = [f for f in fits if f.segment_kind is SegmentKind.SELF_PACED_REP]
    assert len(counts) == 12
    assert all(f.next_at is None and f.fits for f in counts)


# --- the manifest -----------------------------------------------------------------------------
def test_the_committed_manifest_matches_the_spoken_texts() -> None:
    assert load_tool().check() == []


def test_the_check_finds_a_changed_phrase_and_a_stale_prompt(tmp_path: Path) -> None:
    folder = tmp_path / "prompts"
    shutil.copytree(shipped_prompts_dir(), folder)
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entry = next(e for e in data["prompts"]["ja"] if e["text"] == "休憩")
    entry["text"] = "休憩します"
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = load_tool().check(folder, LIBRARY)
    assert "ja: no prompt for '休憩'" in problems
    assert "ja: stale prompt for '休憩します' (no longer spoken)" in problems
    assert problems[-1] == "run tools/render_prompts.py to render the prompts again"


def test_the_check_finds_a_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "prompts"
    shutil.copytree(shipped_prompts_dir(), folder)
    (folder / prompt_file(Lang.EN, "Rest")).unlink()
    problems = load_tool().check(folder, LIBRARY)
    assert f"en: {prompt_file(Lang.EN, 'Rest')} is missing (for 'Rest')" in problems


@pytest.mark.parametrize(("content", "expected"), [
    (None, "is missing"),
    (b"", "cannot be read"),
    (b"\xff\xfe not utf-8", "cannot be read"),
    (b"{\"format\": 1, \"prompts\": ", "cannot be read"),
    (b"[1, 2, 3]", "not a format 1"),
    (b"{\"format\": 2, \"prompts\": {}}", "not a format 1"),
    (b"{\"format\": 1, \"prompts\": [1]}", "lists no prompts"),
    (b"[" * 100_000, "cannot be read"),
])
def test_a_missing_or_damaged_manifest_gives_an_empty_book(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes | None,
        expected: str) -> None:
    if content is not None:
        (tmp_path / "manifest.json").write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="kneecare_desktop.sound.prompts"):
        book = PromptBook.load(tmp_path)
    assert len(book) == 0
    assert book.find(Lang.JA, "休憩") is None
    assert expected in caplog.text


def test_damaged_entries_are_left_out_and_the_rest_kept(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "good.wav").write_bytes(b"RIFF")
    (tmp_path / "outside.wav").write_bytes(b"RIFF")
    good = {"text": "休憩", "file": "ja/good.wav", "seconds": 0.6, "peak_dbfs": -3.0}
    bad = [
        "not an object",
        {"text": "a", "file": "../outside.wav", "seconds": 1, "peak_dbfs": -3},
        {"text": "b", "file": "en/good.wav", "seconds": 1, "peak_dbfs": -3},
        {"text": "c", "file": "/etc/passwd", "seconds": 1, "peak_dbfs": -3},
        {"text": "d", "file": "ja/good.wav", "seconds": "1", "peak_dbfs": -3},
        {"text": "e", "file": "ja/good.wav", "seconds": True, "peak_dbfs": -3},
        {"text": "f", "file": "ja/good.wav", "seconds": -1, "peak_dbfs": -3},
        {"text": "", "file": "ja/good.wav", "seconds": 1, "peak_dbfs": -3},
        {"text": "g", "file": "ja/missing.wav", "seconds": 1, "peak_dbfs": -3},
        {"text": "h", "file": "ja/good.wav", "seconds": 1},
    ]
    data = {"format": 1, "prompts": {"ja": [*bad, good], "xx": [good], "en": "nothing"}}
    (tmp_path / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kneecare_desktop.sound.prompts"):
        book = PromptBook.load(tmp_path)
    assert [p.text for p in book] == ["休憩"]
    found = book.find(Lang.JA, "休憩")
    assert found == Prompt(Lang.JA, "休憩", tmp_path / "ja" / "good.wav", 0.6, -3.0)
    assert book.path(Lang.JA, "休憩") == tmp_path / "ja" / "good.wav"
    assert book.path(Lang.JA, "休憩します") is None
    assert book.find(Lang.EN, "休憩") is None
    assert caplog.text.count("is damaged; left out") == len(bad) - 1
    assert "missing.wav is missing; left out" in caplog.text
    assert "'xx' is not a language" in caplog.text
    assert "'en' is not a language" in caplog.text


def test_non_finite_numbers_are_damaged(tmp_path: Path) -> None:
    """JSON has no NaN or infinity, but Python's reader takes them."""
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "x.wav").write_bytes(b"RIFF")
    (tmp_path / "manifest.json").write_text(
        '{"format": 1, "prompts": {"en": [{"text": "Rest", "file": "en/x.wav", '
        '"seconds": NaN, "peak_dbfs": -3}, {"text": "Go", "file": "en/x.wav", '
        '"seconds": 1, "peak_dbfs": -Infinity}]}}', encoding="utf-8")
    assert len(PromptBook.load(tmp_path)) == 0


def test_the_shipped_manifest_names_its_voices_and_their_licences() -> None:
    voices = BOOK.voices
    assert "CC BY 3.0" in voices["ja"]["licence"]
    assert "Nagoya Institute of Technology" in voices["ja"]["attribution"]
    assert "Flite" in voices["en"]["engine"]
