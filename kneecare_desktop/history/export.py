"""Export the history: one row per session, plus the blocks, as CSV or JSON.

CSV is UTF-8 with a byte-order mark, so Excel shows Japanese text correctly, and plain
RFC 4180 otherwise, so LibreOffice and scripts read it too. Text cells that a spreadsheet
would run as a formula are quoted (``safe_files.csv_rows``); JSON keeps every value as it
is. Files are written whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC
from pathlib import Path
from typing import Any

from kneecare_desktop.history.records import CheckinRecord, RecordedBlock, SessionRow
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.safe_files import csv_rows, write_many, write_text

SESSION_COLUMNS = ("session_id", "date", "start_local", "end_local", "utc_start", "item_id",
                   "item_kind", "title_ja", "title_en", "outcome", "planned_seconds",
                   "active_seconds", "pain_before", "pain_after", "note", "overrides",
                   "resumed_from")
BLOCK_COLUMNS = ("session_id", "seq", "routine_id", "kind", "side", "set", "reps_planned",
                 "reps_done", "planned_seconds", "actual_seconds", "outcome", "attempt",
                 "repeated", "ended_local")


CHECKIN_COLUMNS = ("checkin_id", "date", "taken_local", "ticked", "cause", "routine_id",
                   "advice", "follow_up_of", "worse_next_day")


def checkin_values(record: CheckinRecord) -> tuple[Any, ...]:
    """A check-in as the cells of ``CHECKIN_COLUMNS``, in order."""
    return (
        record.uid,
        record.taken.date().isoformat(),
        record.taken.isoformat(timespec="seconds"),
        " ".join(record.ticked),
        record.cause or "",
        record.routine_id or "",
        record.advice,
        record.follow_up_of or "",
        "" if record.worse_next_day is None else record.worse_next_day,
    )


def session_values(row: SessionRow) -> tuple[Any, ...]:
    """A session as the cells of ``SESSION_COLUMNS``, in order."""
    started = row.started
    return (
        row.uid,
        started.date().isoformat(),
        started.isoformat(timespec="seconds"),
        row.ended.isoformat(timespec="seconds") if row.ended else "",
        started.astimezone(UTC).isoformat(timespec="seconds"),
        row.item_id,
        row.item_kind,
        row.title_ja,
        row.title_en,
        row.outcome.value,
        row.planned_seconds,
        row.active_seconds if row.active_seconds is not None else "",
        "" if row.pain_before is None else row.pain_before,
        "" if row.pain_after is None else row.pain_after,
        row.note,
        json.dumps(row.overrides, sort_keys=True, ensure_ascii=False) if row.overrides else "{}",
        row.resumed_from or "",
    )


def block_values(block: RecordedBlock) -> tuple[Any, ...]:
    """A block as the cells of ``BLOCK_COLUMNS``, in order: its fields from the session's
    uid to ``attempt`` (but ``block_index``) as they are, then ``repeated`` and the local
    time."""
    return (block.session_uid, block.seq, *block[3:13], block.attempt > 1,
            block.ended.isoformat(timespec="seconds"))


def checkin_record(record: CheckinRecord) -> dict[str, Any]:
    return dict(zip(CHECKIN_COLUMNS, checkin_values(record), strict=True))


def session_record(row: SessionRow) -> dict[str, Any]:
    return dict(zip(SESSION_COLUMNS, session_values(row), strict=True))


def block_record(block: RecordedBlock) -> dict[str, Any]:
    return dict(zip(BLOCK_COLUMNS, block_values(block), strict=True))


def _block_cells(sessions: Sequence[SessionRow],
                 blocks: Sequence[RecordedBlock]) -> Iterator[tuple[Any, ...]]:
    """The blocks of ``sessions`` (others are left out), as cells."""
    uids = {row.uid for row in sessions}
    return (block_values(b) for b in blocks if b.session_uid in uids)


def to_json(sessions: Sequence[SessionRow], blocks: Sequence[RecordedBlock],
            checkins: Sequence[CheckinRecord] = ()) -> str:
    return json.dumps({"format": "kneecare-history", "version": 2,
                       "sessions": [session_record(row) for row in sessions],
                       "blocks": [dict(zip(BLOCK_COLUMNS, cells, strict=True))
                                  for cells in _block_cells(sessions, blocks)],
                       "checkins": [checkin_record(c) for c in checkins]},
                      ensure_ascii=False, indent=2) + "\n"


def _csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A header and the rows, every text cell neutralised (``safe_files.csv_rows``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(csv_rows(rows))
    return buffer.getvalue()


def _write_tables(out: Path, sessions: Sequence[SessionRow], blocks_text: str,
                  checkins: Sequence[CheckinRecord]) -> tuple[Path, ...]:
    suffix = out.suffix or ".csv"
    blocks_path = out.with_name(f"{out.stem}-blocks{suffix}")
    checkins_path = out.with_name(f"{out.stem}-checkins{suffix}")
    write_many([
        (out, _csv_text(SESSION_COLUMNS, map(session_values, sessions)).encode("utf-8-sig")),
        (blocks_path, blocks_text.encode("utf-8-sig")),
        (checkins_path, _csv_text(CHECKIN_COLUMNS, map(checkin_values, checkins))
         .encode("utf-8-sig"))])
    return out, blocks_path, checkins_path


def write_csv(sessions: Sequence[SessionRow], blocks: Sequence[RecordedBlock], out: Path,
              checkins: Sequence[CheckinRecord] = ()) -> tuple[Path, ...]:
    """Sessions to ``out``; blocks and check-ins beside it, ``-blocks``/``-checkins``."""
    return _write_tables(out, sessions,
                         _csv_text(BLOCK_COLUMNS, _block_cells(sessions, blocks)), checkins)


def write_csv_from(store: HistoryStore, sessions: Sequence[SessionRow], out: Path,
                   checkins: Sequence[CheckinRecord] = ()) -> tuple[Path, ...]:
    """As :func:`write_csv`, the blocks of ``sessions`` read from ``store`` straight into
    cells (``HistoryStore.export_blocks``): the same files, made in about half the time."""
    return _write_tables(out, sessions, _csv_text(
        BLOCK_COLUMNS, store.export_blocks([s.id for s in sessions])), checkins)


def csv_sections(sessions: Sequence[SessionRow], blocks: Sequence[RecordedBlock],
                 checkins: Sequence[CheckinRecord] = ()) -> str:
    """All tables in one text, for standard output, each after a blank line."""
    return _sections(sessions, _csv_text(BLOCK_COLUMNS, _block_cells(sessions, blocks)),
                     checkins)


def csv_sections_from(store: HistoryStore, sessions: Sequence[SessionRow],
                      checkins: Sequence[CheckinRecord] = ()) -> str:
    """As :func:`csv_sections`, the blocks of ``sessions`` read from ``store``."""
    return _sections(sessions, _csv_text(
        BLOCK_COLUMNS, store.export_blocks([s.id for s in sessions])), checkins)


def _sections(sessions: Sequence[SessionRow], blocks_text: str,
              checkins: Sequence[CheckinRecord]) -> str:
    return (_csv_text(SESSION_COLUMNS, map(session_values, sessions)) + "\r\n"
            + blocks_text + "\r\n"
            + _csv_text(CHECKIN_COLUMNS, map(checkin_values, checkins)))


def write_json(sessions: Sequence[SessionRow], blocks: Sequence[RecordedBlock], out: Path,
               checkins: Sequence[CheckinRecord] = ()) -> Path:
    write_text(out, to_json(sessions, blocks, checkins), "utf-8")
    return out
