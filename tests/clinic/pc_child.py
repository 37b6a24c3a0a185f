"""One clinic PC in a process of its own: its own KNEECARE_HOME (data folder, device id,
queue), recording sessions through the app's history writer to the server given.

    python -m tests.clinic.pc_child URL PERSON_ID SESSIONS

Prints one line: the uids it recorded, space-separated, after the writer has sent them
(exit 0), or once they are in its queue while the server cannot be reached (exit 2).
With SESSIONS 0 it only sends what its queue holds.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from kneecare_desktop.history.records import Outcome
from kneecare_desktop.history.writer import HistoryWriter, ServerTarget
from kneecare_desktop.paths import app_paths
from tests.unit.history_helpers import block, start


def main() -> int:
    url, person, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    paths = app_paths()
    paths.ensure()
    writer = HistoryWriter(paths.history_db,
                           server=ServerTarget(url, device_file=paths.device_id_file))
    uids = []
    base = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
    for n in range(count):
        begun = start(person, base + timedelta(minutes=n))
        uids.append(begun.uid)
        writer.begin(begun)
        writer.block(block(begun.uid, 1, begun.started))
        writer.finish(begun.uid, Outcome.COMPLETED, begun.started + timedelta(minutes=1), 20.0)
    if not writer.flush(timeout=600):
        return 1
    status = writer.status
    writer.close()
    print(" ".join(uids))
    return 0 if status.queued == 0 and not status.offline else 2


if __name__ == "__main__":
    sys.exit(main())
