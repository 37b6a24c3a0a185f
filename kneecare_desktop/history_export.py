"""Export the history: one row per session, plus the blocks, as CSV or JSON.

CSV is UTF-8 with a byte-order mark, so Excel shows Japanese text correctly, and plain
RFC 4180 otherwise, so LibreOffice and scripts read it too. Text cells that a spreadsheet
would run as a formula are quoted (``safe_files.csv_cell``); JSON keeps every value as it
is. Files are written whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import Any

from kneecare_desktop.history import BlockRow, CheckinRecord, SessionRow
from kneecare_desktop.safe_files import csv_cell, write_many, write_text

SESSION_COLUMNS = ("session_id", "date", "start_local", "end_local", "utc_start", "item_id",
                   "item_kind", "title_ja", "title_en", "outcome", "planned_seconds",
                   "active_seconds", "pain_before", "pain_after", "note", "overrides",
                   "resumed_from")
BLOCK_COLUMNS = ("session_id", "seq", "routine_id", "kind", "side", "set", "reps_planned",
                 "reps_done", "planned_seconds", "actual_seconds", "outcome", "attempt",
                 "repeated", "ended_local")


CHECKIN_COLUMNS = ("checkin_id", "date", "taken_local", "ticked", "cause", "routine_id",
                   "advice", "follow_up_of", "worse_next_day")


def checkin_record(record: CheckinRecord) -> dict[str, Any]:
    return {
        "checkin_id": record.uid,
        "date": record.taken.date().isoformat(),
        "taken_local": record.taken.isoformat(timespec="seconds"),
        "ticked": " ".join(record.ticked),
        "cause": record.cause or "",
        "routine_id": record.routine_id or "",
        "advice": record.advice,
        "follow_up_of": record.follow_up_of or "",
        "worse_next_day": "" if record.worse_next_day is None else record.worse_next_day,
    }


def session_record(row: SessionRow) -> dict[str, Any]:
    return {
        "session_id": row.uid,
        "date": row.started.date().isoformat(),
        "start_local": row.started.isoformat(timespec="seconds"),
        "end_local": row.ended.isoformat(timespec="seconds") if row.ended else "",
        "utc_start": row.started.astimezone(UTC).isoformat(timespec="seconds"),
        "item_id": row.item_id,
        "item_kind": row.item_kind,
        "title_ja": row.title_ja,
        "title_en": row.title_en,
        "outcome": row.outcome.value,
        "planned_seconds": row.planned_seconds,
        "active_seconds": row.active_seconds if row.active_seconds is not None else "",
        "pain_before": "" if row.pain_before is None else row.pain_before,
        "pain_after": "" if row.pain_after is None else row.pain_after,
        "note": row.note,
        "overrides": json.dumps(row.overrides, sort_keys=True, ensure_ascii=False),
        "resumed_from": row.resumed_from or "",
    }


def block_record(block: BlockRow, uid: str) -> dict[str, Any]:
    return {
        "session_id": uid, "seq": block.seq, "routine_id": block.routine_id,
        "kind": block.kind, "side": block.side, "set": block.set_no,
        "reps_planned": block.reps_planned, "reps_done": block.reps_done,
        "planned_seconds": block.planned_seconds, "actual_seconds": block.actual_seconds,
        "outcome": block.outcome, "attempt": block.attempt,
        "repeated": block.attempt > 1,
        "ended_local": block.ended.isoformat(timespec="seconds"),
    }


def _records(sessions: Sequence[SessionRow],
             blocks: Sequence[BlockRow]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    uids = {row.id: row.uid for row in sessions}
    return ([session_record(row) for row in sessions],
            [block_record(b, uids[b.session_id]) for b in blocks if b.session_id in uids])


def to_json(sessions: Sequence[SessionRow], blocks: Sequence[BlockRow],
            checkins: Sequence[CheckinRecord] = ()) -> str:
    session_rows, block_rows = _records(sessions, blocks)
    return json.dumps({"format": "kneecare-history", "version": 2,
                       "sessions": session_rows, "blocks": block_rows,
                       "checkins": [checkin_record(c) for c in checkins]},
                      ensure_ascii=False, indent=2) + "\n"


def _csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def write_csv(sessions: Sequence[SessionRow], blocks: Sequence[BlockRow], out: Path,
              checkins: Sequence[CheckinRecord] = ()) -> tuple[Path, ...]:
    """Sessions to ``out``; blocks and check-ins beside it, ``-blocks``/``-checkins``."""
    session_rows, block_rows = _records(sessions, blocks)
    suffix = out.suffix or ".csv"
    blocks_path = out.with_name(f"{out.stem}-blocks{suffix}")
    checkins_path = out.with_name(f"{out.stem}-checkins{suffix}")
    write_many([
        (out, _csv_text(SESSION_COLUMNS, session_rows).encode("utf-8-sig")),
        (blocks_path, _csv_text(BLOCK_COLUMNS, block_rows).encode("utf-8-sig")),
        (checkins_path, _csv_text(CHECKIN_COLUMNS, [checkin_record(c) for c in checkins])
         .encode("utf-8-sig"))])
    return out, blocks_path, checkins_path


def csv_sections(sessions: Sequence[SessionRow], blocks: Sequence[BlockRow],
                 checkins: Sequence[CheckinRecord] = ()) -> str:
    """All tables in one text, for standard output, each after a blank line."""
    session_rows, block_rows = _records(sessions, blocks)
    return (_csv_text(SESSION_COLUMNS, session_rows) + "\r\n"
            + _csv_text(BLOCK_COLUMNS, block_rows) + "\r\n"
            + _csv_text(CHECKIN_COLUMNS, [checkin_record(c) for c in checkins]))


def write_json(sessions: Sequence[SessionRow], blocks: Sequence[BlockRow], out: Path,
               checkins: Sequence[CheckinRecord] = ()) -> Path:
    write_text(out, to_json(sessions, blocks, checkins), "utf-8")
    return out
