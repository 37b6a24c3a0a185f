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
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kneecare_desktop.history.records import CheckinRecord, RecordedBlock, SessionRow
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.safe_files import FORMULA_STARTS, csv_rows, write_many, write_text

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


def _csv_line(cells: Sequence[Any]) -> str:
    """One row as ``_csv_text`` writes it (neutralised, quoted, ``\\r\\n``)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows([cells]))
    return buffer.getvalue()


# An end time as this app stores it (``records.to_utc_text``), after its minute.
_STORED_SECONDS = re.compile(r":[0-5][0-9]\.[0-9]{3}\+00:00")


def _plain(text: Any) -> bool:
    """A cell that ``csv.writer`` writes as it is and that needs no neutralising."""
    return (type(text) is str and not text.startswith(FORMULA_STARTS)
            and not any(c in text for c in ',"\r\n'))


_STORED_HOUR = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}")
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))
_MINUTES = {text: n for n, text in enumerate(_TWO_DIGITS)}


class _LocalMinutes:
    """``YYYY-MM-DDTHH:MM`` (UTC) moved by ``offset`` minutes, as SQLite's ``strftime``
    writes it; None where Python's dates and SQLite's differ (an invalid date, a year
    out of 1-9999): the database then makes the cell. Dates are worked out once per
    hour; ``minutes`` keeps each minute's text."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.minutes: dict[str, str | None] = {}
        # UTC hour: the local text of its minute 0 up to the local minutes, those minutes,
        # and the local text of the next hour (None: the database's way).
        self.hours: dict[str, tuple[str, int, str | None] | None] = {}

    def get(self, minute: str) -> str | None:
        local = self.minutes.get(minute)
        if local is None and minute not in self.minutes:
            local = self.minutes[minute] = self._work_out(minute)
        return local

    def _work_out(self, minute: str) -> str | None:
        hour = minute[:13]
        if hour in self.hours:
            known = self.hours[hour]
        else:
            known = self.hours[hour] = self._hour(hour)
        later = _MINUTES.get(minute[14:])
        if known is None or later is None or minute[13] != ":":
            return None
        prefix, start, next_prefix = known
        if start + later < 60:
            return prefix + _TWO_DIGITS[start + later]
        return None if next_prefix is None else next_prefix + _TWO_DIGITS[start + later - 60]

    def _hour(self, hour: str) -> tuple[str, int, str | None] | None:
        if _STORED_HOUR.fullmatch(hour) is None:
            return None
        try:
            start = datetime(int(hour[:4]), int(hour[5:7]), int(hour[8:10]),
                             int(hour[11:13])) + timedelta(minutes=self.offset)
        except (ValueError, OverflowError):
            return None
        try:
            next_prefix: str | None = (start + timedelta(hours=1)).isoformat(
                timespec="hours") + ":"
        except OverflowError:
            next_prefix = None
        return start.isoformat(timespec="hours") + ":", start.minute, next_prefix


def _offset_text(offset: int) -> str:
    return f"{'-' if offset < 0 else '+'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def _middle(store: HistoryStore, key: tuple[Any, ...]) -> tuple[str, str] | None:
    """The cells from the routine to the planned seconds, and from the outcome to
    ``repeated``, of the blocks whose stored columns are ``key`` (``EXPORT_ROW[5:]``), as
    CSV text each followed by a comma; None if the database must say (repeated from an
    attempt that is not a number)."""
    routine, kind, side, set_no, planned_reps, done_reps, planned, outcome, attempt = key
    if type(attempt) is int:
        repeated = "True" if attempt > 1 else "False"
    else:
        repeated = store.export_repeated_and_local(attempt, None, 0)[0]
    before = _csv_line((routine, kind, side, set_no, planned_reps, done_reps, planned))
    after = _csv_line((outcome, attempt, repeated))
    return before[:-2] + ",", after[:-2] + ","


def _is_zero_float(value: Any) -> bool:
    return type(value) is float and value == 0.0


def block_csv_text(store: HistoryStore, session_ids: Sequence[int]) -> str:
    """The blocks table of ``session_ids`` as ``_csv_text(BLOCK_COLUMNS,
    store.export_blocks(session_ids))`` makes it, byte for byte, in a third of the time:
    the rows read as stored (:meth:`HistoryStore.export_block_rows`), the cells that
    repeat from block to block (routine, kind, side, set, reps, planned seconds, outcome,
    attempt) written once per distinct combination, and the local end time from its
    minute, once per minute and offset. Anything that is not as this app writes it (a
    cell to quote or neutralise, a number stored as text, a time in another form) takes
    the general way, the local time then made by the database as before."""
    lines = [_csv_line(BLOCK_COLUMNS)]
    append = lines.append
    middles: dict[tuple[Any, ...], tuple[str, str] | None] = {}
    last_uid: Any = None
    head = ""  # the uid and its comma, when the uid needs no quoting or neutralising
    last_offset: Any = None
    offset_ok = False
    end = ""  # the offset and the line's end
    minutes = _LocalMinutes(0)
    known = minutes.minutes
    minutes_by_offset: dict[int, _LocalMinutes] = {}
    stored_seconds = _STORED_SECONDS.fullmatch
    for row in store.export_block_rows(session_ids):
        uid, seq, ended, offset, actual = row[:5]
        if uid != last_uid or type(uid) is not type(last_uid):
            last_uid = uid
            head = f"{uid}," if _plain(uid) else ""
        if offset != last_offset or type(offset) is not type(last_offset):
            last_offset = offset
            offset_ok = type(offset) is int
            if offset_ok:
                end = _offset_text(offset) + "\r\n"
                minutes = minutes_by_offset.get(offset) or minutes_by_offset.setdefault(
                    offset, _LocalMinutes(offset))
                known = minutes.minutes
        key = row[5:]
        middle = middles.get(key)
        if middle is None and key not in middles:
            middle = _middle(store, key)
            if not any(map(_is_zero_float, key)):  # 0.0 and -0.0 are one key, not one text
                middles[key] = middle
        local = None
        if offset_ok and type(ended) is str and stored_seconds(ended, 16) is not None:
            minute = ended[:16]
            local = known.get(minute)
            if local is None:
                local = minutes.get(minute)
        if (middle is not None and local is not None and head and type(seq) is int
                and type(actual) is float):
            append(f"{head}{seq},{middle[0]}{actual!r},{middle[1]}{local}{ended[16:19]}{end}")
            continue
        repeated, local_text = store.export_repeated_and_local(row[13], ended, offset)
        append(_csv_line((uid, seq, *row[5:12], actual, row[12], row[13], repeated,
                          local_text)))
    return "".join(lines)


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
    return _write_tables(out, sessions, block_csv_text(store, [s.id for s in sessions]),
                         checkins)


def csv_sections(sessions: Sequence[SessionRow], blocks: Sequence[RecordedBlock],
                 checkins: Sequence[CheckinRecord] = ()) -> str:
    """All tables in one text, for standard output, each after a blank line."""
    return _sections(sessions, _csv_text(BLOCK_COLUMNS, _block_cells(sessions, blocks)),
                     checkins)


def csv_sections_from(store: HistoryStore, sessions: Sequence[SessionRow],
                      checkins: Sequence[CheckinRecord] = ()) -> str:
    """As :func:`csv_sections`, the blocks of ``sessions`` read from ``store``."""
    return _sections(sessions, block_csv_text(store, [s.id for s in sessions]), checkins)


def _sections(sessions: Sequence[SessionRow], blocks_text: str,
              checkins: Sequence[CheckinRecord]) -> str:
    return (_csv_text(SESSION_COLUMNS, map(session_values, sessions)) + "\r\n"
            + blocks_text + "\r\n"
            + _csv_text(CHECKIN_COLUMNS, map(checkin_values, checkins)))


def write_json(sessions: Sequence[SessionRow], blocks: Sequence[RecordedBlock], out: Path,
               checkins: Sequence[CheckinRecord] = ()) -> Path:
    write_text(out, to_json(sessions, blocks, checkins), "utf-8")
    return out
