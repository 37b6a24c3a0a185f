"""A clinic PC's queue of changes for the server, kept in its own SQLite file.

Every change the PC makes to the shared history (a session's start, each block, its
end, pain and note, a check-in, a deletion or its undo) is first committed here, as one
row, then sent to the server in order; a row is removed only once the server has
committed it. Each change is idempotent on the server (sessions and check-ins by their
uid, blocks by their session and number, the rest are updates to a value), so a row sent
twice, after a kill -9 between the server's commit and the row's removal, changes
nothing the second time: nothing is lost, nothing is duplicated.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, NamedTuple

from kneecare_desktop.history.records import (
    CheckinRecord,
    ItemKind,
    Outcome,
    RecordedBlock,
    SessionStart,
    from_utc_text,
    to_utc_text,
)
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Advice, Side
from kneecare_desktop.plan.timeline import BlockKind
from kneecare_desktop.session.block_outcome import BlockOutcome

BEGIN = "begin"
BLOCK = "block"
FINISH = "finish"
PAIN = "pain"
CHECKIN = "checkin"
DELETE = "delete"
UNDELETE = "undelete"
KINDS = (BEGIN, BLOCK, FINISH, PAIN, CHECKIN, DELETE, UNDELETE)


class Queued(NamedTuple):
    seq: int
    kind: str
    payload: Any


def _moment(value: datetime) -> list[Any]:
    """A time with its offset, so it reads back as it was recorded."""
    offset = value.utcoffset()
    return [to_utc_text(value), 0 if offset is None else int(offset.total_seconds() // 60)]


def _read_moment(data: list[Any]) -> datetime:
    return from_utc_text(data[0], int(data[1]))


def encode(kind: str, payload: Any) -> str:
    if kind == BEGIN:
        data = asdict(payload)
        data["started"] = _moment(payload.started)
        data["item_kind"] = str(payload.item_kind)
    elif kind == BLOCK:
        data = payload._asdict()
        data.update(ended=_moment(payload.ended), kind=str(payload.kind),
                    side=str(payload.side), outcome=str(payload.outcome))
    elif kind == FINISH:
        uid, outcome, ended, active = payload
        data = {"uid": uid, "outcome": str(outcome), "ended": _moment(ended),
                "active_seconds": active}
    elif kind == PAIN:
        uid, before, after, note = payload
        data = {"uid": uid, "before": before, "after": after, "note": note}
    elif kind == CHECKIN:
        data = asdict(payload)
        data.update(taken=_moment(payload.taken), ticked=list(payload.ticked),
                    advice=None if payload.advice is None else str(payload.advice))
    elif kind == DELETE:
        uid, when = payload
        data = {"uid": uid, "when": _moment(when)}
    elif kind == UNDELETE:
        data = {"uid": payload}
    else:
        raise ValueError(kind)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def decode(kind: str, text: str) -> Any:
    data = json.loads(text)
    if kind == BEGIN:
        data.update(started=_read_moment(data["started"]),
                    item_kind=ItemKind(data["item_kind"]))
        return SessionStart(**data)
    if kind == BLOCK:
        data.update(ended=_read_moment(data["ended"]), kind=BlockKind(data["kind"]),
                    side=Side(data["side"]), outcome=BlockOutcome(data["outcome"]))
        return RecordedBlock(**data)
    if kind == FINISH:
        return (data["uid"], Outcome(data["outcome"]), _read_moment(data["ended"]),
                data["active_seconds"])
    if kind == PAIN:
        return (data["uid"], data["before"], data["after"], data["note"])
    if kind == CHECKIN:
        data.update(taken=_read_moment(data["taken"]), ticked=tuple(data["ticked"]),
                    advice=None if data["advice"] is None else Advice(data["advice"]))
        return CheckinRecord(**data)
    if kind == DELETE:
        return (data["uid"], _read_moment(data["when"]))
    if kind == UNDELETE:
        return data["uid"]
    raise ValueError(kind)


def enqueue(local: HistoryStore, kind: str, payload: Any) -> None:
    """Commit one change to the queue (fsync'd, as every write to the file is)."""
    text = encode(kind, payload)
    with local.transaction():
        local.con.execute("INSERT INTO outbox (kind, payload_json, queued_utc) VALUES (?, ?, ?)",
                          (kind, text, to_utc_text(datetime.now(UTC))))


def pending(local: HistoryStore, limit: int = 100) -> list[Queued]:
    rows = local.con.execute("SELECT seq, kind, payload_json FROM outbox ORDER BY seq LIMIT ?",
                             (limit,)).fetchall()
    return [Queued(int(seq), kind, decode(kind, text)) for seq, kind, text in rows]


def count(local: HistoryStore) -> int:
    return int(local.con.execute("SELECT count(*) FROM outbox").fetchone()[0])


def remove(local: HistoryStore, seq: int) -> None:
    with local.transaction():
        local.con.execute("DELETE FROM outbox WHERE seq = ?", (seq,))


def apply(server: HistoryStore, kind: str, payload: Any) -> None:
    """Make one queued change on the server (each in its own transaction; idempotent)."""
    if kind == BEGIN:
        server.begin_session(payload)
    elif kind == BLOCK:
        server.add_block(payload)
    elif kind == FINISH:
        server.finish_session(*payload)
    elif kind == PAIN:
        server.set_pain(*payload)
    elif kind == CHECKIN:
        server.add_checkin(payload)
    elif kind == DELETE:
        server.delete_session(*payload)
    elif kind == UNDELETE:
        server.undo_delete(payload)
    else:
        raise ValueError(kind)
