"""Builders for history records used by several tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kneecare_desktop.history.records import ItemKind, RecordedBlock, SessionStart, new_uid
from kneecare_desktop.model import Side
from kneecare_desktop.plan.timeline import BlockKind
from kneecare_desktop.session.events import BlockOutcome

T0 = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def start(person_id: int, when: datetime = T0, item: str = "knee-care",
          uid: str | None = None) -> SessionStart:
    return SessionStart(uid=uid or new_uid(), person_id=person_id, item_id=item,
                        item_kind=ItemKind.PROGRAM if item == "knee-care" else ItemKind.ROUTINE,
                        title_ja="膝裏ケア プログラム", title_en="Knee care program",
                        overrides={"hamstring-towel": {"hold_seconds": 30}},
                        planned_seconds=314.0, started=when)


def block(uid: str, seq: int, when: datetime = T0, outcome: str = "completed",
          side: str = "left") -> RecordedBlock:
    return RecordedBlock(
        session_uid=uid, seq=seq, block_index=seq - 1, routine_id="hamstring-towel",
        kind=BlockKind.HOLD, side=Side(side), set_no=1, reps_planned=0, reps_done=0,
        planned_seconds=20.0, actual_seconds=20.0 if outcome == "completed" else 7.5,
        outcome=BlockOutcome(outcome), attempt=1, ended=when + timedelta(seconds=30 * seq))
