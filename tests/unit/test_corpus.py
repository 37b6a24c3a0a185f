"""The corpus of bad files in tests/data/corpus: each is refused by ``kneecare validate``,
and each hand-off by ``kneecare program import`` too, in both languages: exit 1, every
problem as FILE:LINE:COLUMN, the first where the file's ``# expect:`` comment says, no
traceback, and nothing written to the data folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kneecare_desktop.cli.main import main
from tests.conftest import DATA

CORPUS = DATA / "corpus"
FILES = sorted(CORPUS.glob("*.yaml"))
HANDOFFS = [p for p in FILES if p.name.startswith("handoff-")]
_EXPECT = re.compile(rb"^# expect: (\d+):(\d+)\r?$", re.MULTILINE)
_WHAT = re.compile(rb"^(?:\xef\xbb\xbf)?# corpus: \S", re.MULTILINE)
_PROBLEM = re.compile(r"(.+?):(\d+):(\d+): \S")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def expected(path: Path) -> tuple[int, int]:
    found = _EXPECT.search(path.read_bytes())
    assert found is not None, f"{path.name} has no '# expect: LINE:COL' comment"
    return int(found[1]), int(found[2])


def contents(home: Path) -> list[tuple[str, bytes]]:
    return sorted((str(p.relative_to(home)), p.read_bytes() if p.is_file() else b"")
                  for p in home.rglob("*"))


def check_problem_lines(lines: list[str], path: Path, lang: str) -> None:
    assert lines, "no problem was reported"
    for line in lines:
        found = _PROBLEM.match(line)
        assert found is not None, line
        assert Path(found[1]).resolve() == path.resolve(), line
        assert int(found[2]) >= 1
        assert int(found[3]) >= 1
        if lang == "ja":
            assert _JAPANESE.search(line[found.end(3):]), line
    first = _PROBLEM.match(lines[0])
    assert first is not None
    assert (int(first[2]), int(first[3])) == expected(path), lines[0]


def test_the_corpus_is_broad_and_every_file_says_what_it_breaks() -> None:
    assert len(FILES) >= 100
    assert len(HANDOFFS) >= 15
    for path in FILES:
        assert _WHAT.search(path.read_bytes()), path.name
        expected(path)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_validate_refuses_each_corpus_file(path: Path, lang: str, kneecare_home: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    before = contents(kneecare_home)
    code = main(["--lang", lang, "validate", str(path)])
    captured = capsys.readouterr()
    assert code == 1, captured.out
    *problems, summary = captured.out.splitlines()
    assert "Traceback" not in captured.out + captured.err
    check_problem_lines(problems, path, lang)
    assert summary.startswith("1 ")
    assert contents(kneecare_home) == before


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("path", HANDOFFS, ids=lambda p: p.stem)
def test_import_refuses_each_corpus_hand_off(path: Path, lang: str, kneecare_home: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    before = contents(kneecare_home)
    code = main(["--lang", lang, "program", "import", str(path), "--replace"])
    captured = capsys.readouterr()
    assert code == 1, captured.out
    assert "Traceback" not in captured.out + captured.err
    check_problem_lines(captured.out.splitlines(), path, lang)
    assert contents(kneecare_home) == before
