"""Writes history on a background thread, so a commit's fsync never stalls the display.

Operations run in order on one thread with its own connection. If the disk refuses
(read-only, full, locked), the operation is kept in memory, in order, and retried
before the next one and whenever :meth:`HistoryWriter.retry` is called; nothing a user
did is dropped, and :meth:`unsaved` hands it over for an export before quitting.

With a clinic server (``server``), the PC's file is the queue: every change is committed
to its ``outbox`` first, then sent to the server in order (``outbox.py``), and reads go
to the server. When the server cannot be reached the PC goes on recording into the
queue, says it is offline (``WriterStatus.offline``), and sends what waits once it is
back, at each change and each :meth:`HistoryWriter.retry`. All server I/O is on this
thread, each connection attempt bounded by the connect timeout. A read that can be
answered offline (the people, ``call(..., offline=...)``) keeps a copy of the server's
people and adjustments in the PC's file each time it succeeds, and is answered from that
copy while the server cannot be reached (``server_copy.py``).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from kneecare_desktop.history import outbox, server_copy
from kneecare_desktop.history.records import (
    CheckinRecord,
    HistoryError,
    OpenReport,
    Outcome,
    RecordedBlock,
    ServerUnreachableError,
    SessionStart,
    to_utc_text,
)
from kneecare_desktop.history.schema import is_corruption
from kneecare_desktop.history.store import HistoryStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WriterStatus:
    healthy: bool
    unsaved: int
    error: str = ""
    read_only: bool = False  # the folder cannot be written: the history is only read
    permanent: bool = False  # the file is damaged: retrying cannot help
    offline: bool = False  # a clinic server is configured and cannot be reached
    queued: int = 0  # changes waiting in this PC's queue for the server
    server_error: str = ""  # why the server cannot be used (passwords hidden)


@dataclass(frozen=True, slots=True)
class ServerTarget:
    """A clinic's server: its URL (no password in it, or one hidden when shown) and this
    PC's device id."""

    url: str
    device_id: str = ""  # empty: read (or made) from ``device_file`` on the writer thread
    connect_timeout: float = 5.0
    device_file: Path | None = None


class WriteKind(StrEnum):
    """What a queued operation does (the writer's ``on_written`` says it too)."""

    BEGIN = "begin"
    BLOCK = "block"
    FINISH = "finish"
    CHECKIN = "checkin"
    PAIN = "pain"
    DELETE = "delete"  # a session hidden (a tombstone on a server)
    UNDELETE = "undelete"
    CALL = "call"  # a read, or an action asked for by the window
    RETRY = "retry"
    UPLOAD = "upload"  # the next part of a clinic PC's queue (a long queue goes in parts)
    STOP = "stop"


@dataclass(frozen=True, slots=True)
class _Operation:
    kind: WriteKind
    payload: Any
    done: Callable[[Any], None] | None = None
    offline: Callable[[server_copy.ServerCopy], Any] | None = None


_STOP = _Operation(WriteKind.STOP, None)
WRITER_THREAD_NAME = "history-writer"
CLOSING_THREAD_NAME = "history-writer-closing"  # its last operations, then it ends


class HistoryWriter:
    """Queue writes; ``on_status`` and ``on_written`` are called on the writer thread."""

    def __init__(self, path: Path,
                 on_status: Callable[[WriterStatus], None] | None = None,
                 on_written: Callable[[WriteKind, Any], None] | None = None,
                 on_open: Callable[[OpenReport], None] | None = None,
                 server: ServerTarget | None = None) -> None:
        self.path = path
        self.server = server
        self._server_store: HistoryStore | None = None
        self._offline = False
        self._queued = 0
        self._server_error = ""
        self._live: set[str] = set()  # sessions begun in this run: never "interrupted"
        self._recovered_on_server = False
        self._on_status = on_status
        self._on_written = on_written
        self._on_open = on_open
        self._queue: queue.Queue[_Operation] = queue.Queue()
        self._pending: list[_Operation] = []
        self._lock = threading.Lock()
        self._store: HistoryStore | None = None
        self._healthy = True
        self._error = ""
        self._read_only = False
        self._read_only_reason = ""
        self._permanent = False
        self._thread = threading.Thread(target=self._run, name=WRITER_THREAD_NAME, daemon=True)
        self._thread.start()

    # -- the public operations ---------------------------------------------------------------
    def begin(self, start: SessionStart) -> None:
        self._queue.put(_Operation(WriteKind.BEGIN, start))

    def block(self, entry: RecordedBlock) -> None:
        self._queue.put(_Operation(WriteKind.BLOCK, entry))

    def finish(self, uid: str, outcome: Outcome, ended: datetime, active_seconds: float) -> None:
        self._queue.put(_Operation(WriteKind.FINISH, (uid, outcome, ended, active_seconds)))

    def checkin(self, record: CheckinRecord) -> None:
        self._queue.put(_Operation(WriteKind.CHECKIN, record))

    def pain(self, uid: str, before: int | None = None, after: int | None = None,
             note: str | None = None) -> None:
        self._queue.put(_Operation(WriteKind.PAIN, (uid, before, after, note)))

    def delete(self, uid: str, when: datetime) -> None:
        """Hide a session (undoable); on a server, a tombstone every PC sees."""
        self._queue.put(_Operation(WriteKind.DELETE, (uid, when)))

    def undelete(self, uid: str) -> None:
        self._queue.put(_Operation(WriteKind.UNDELETE, uid))

    def call(self, action: Callable[[HistoryStore], Any],
             done: Callable[[Any], None] | None = None,
             offline: Callable[[server_copy.ServerCopy], Any] | None = None) -> None:
        """Run ``action(store)`` on the writer thread; ``done(result)`` runs there too.

        With a clinic server, ``offline`` makes this a read of the people: when it runs
        on the server, the PC's copy of the people and adjustments is kept up to date;
        when the server cannot be reached, ``done`` gets ``offline(copy)`` instead of
        None (still None if this PC has never read the server's people)."""
        self._queue.put(_Operation(WriteKind.CALL, action, done, offline))

    def retry(self) -> None:
        self._queue.put(_Operation(WriteKind.RETRY, None))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far has been tried (not for the GUI thread)."""
        marker = threading.Event()
        self._queue.put(_Operation(WriteKind.CALL, lambda store: None,
                                   lambda _result: marker.set()))
        return marker.wait(timeout)

    def close(self, timeout: float | None = 10.0) -> None:
        """Stop once everything queued so far has been tried; wait ``timeout`` seconds
        for it (None or 0: do not wait, see :meth:`wait`)."""
        self._queue.put(_STOP)
        self._thread.name = CLOSING_THREAD_NAME
        if timeout:
            self._thread.join(timeout)

    def wait(self, timeout: float) -> bool:
        """Wait for a closed writer's last operations; True once its thread has ended."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def status(self) -> WriterStatus:
        with self._lock:
            return WriterStatus(self._healthy, len(self._pending), self._error,
                                self._read_only, self._permanent, self._offline,
                                self._queued, self._server_error)

    def unsaved(self) -> list[dict[str, Any]]:
        """What could not be written yet, as plain data for an emergency export."""
        with self._lock:
            pending = list(self._pending)
        out = []
        for operation in pending:
            if operation.kind in (WriteKind.BEGIN, WriteKind.BLOCK, WriteKind.CHECKIN):
                payload = operation.payload
                data = (payload._asdict() if isinstance(payload, RecordedBlock)
                        else asdict(payload))
                for key, value in data.items():
                    if isinstance(value, datetime):
                        data[key] = to_utc_text(value)
                out.append({"operation": operation.kind.value, **data})
            elif operation.kind in (WriteKind.FINISH, WriteKind.PAIN):
                values = [to_utc_text(v) if isinstance(v, datetime) else
                          getattr(v, "value", v) for v in operation.payload]
                out.append({"operation": operation.kind.value, "values": values})
        return out

    # -- the thread ----------------------------------------------------------------------------
    def _run(self) -> None:
        self._open()
        while True:
            operation = self._queue.get()
            if operation is _STOP:
                break
            if operation.kind is WriteKind.RETRY:
                if self._read_only:
                    self._reopen_writable()
                self._drain_pending()
                self._upload()
                continue
            if operation.kind is WriteKind.UPLOAD:
                if not self._offline:
                    self._upload()
                continue
            self._drain_pending()
            if operation.kind is WriteKind.CALL:  # reads (and asked-for actions) never wait
                self._execute(operation)
                continue
            if self._pending:
                self._keep(operation)
                continue
            self._execute(operation)
        if self._store is not None:
            self._store.close()
        if self._server_store is not None:
            self._server_store.close()

    def _open(self) -> bool:
        if self.server is not None and not self.server.device_id:
            from dataclasses import replace

            from kneecare_desktop.history.clinic import device_id

            assert self.server.device_file is not None, "a device id or the file to keep it"
            self.server = replace(self.server, device_id=device_id(self.server.device_file))
        try:
            self._store, report = HistoryStore.open(self.path)
        except HistoryError as error:
            # A read-only (or full) folder: the history can still be read and exported.
            try:
                self._store, report = HistoryStore.open_to_read(self.path)
            except HistoryError:
                self._fail(str(error))
                return False
            with self._lock:
                self._read_only = True
                self._read_only_reason = str(error)
            log.warning("history opened read-only: %s", error)
            self._fail(str(error))
        if self._on_open is not None:
            self._on_open(report)
        if self.server is not None and self._store is not None:
            self._set_queued()
            self._upload()
        return True

    def _reopen_writable(self) -> None:
        """After a read-only start, try again: the folder may be writable by now."""
        try:
            store, report = HistoryStore.open(self.path)
        except HistoryError:
            return
        if self._store is not None:
            self._store.close()
        self._store = store
        with self._lock:
            self._read_only = False
            self._read_only_reason = ""
        if self._on_open is not None:
            self._on_open(report)

    def _drain_pending(self) -> None:
        if not self._pending:
            return
        if self._store is None and not self._open():
            return
        while self._pending:
            operation = self._pending[0]
            if not self._apply(operation):
                return
            with self._lock:
                self._pending.pop(0)
        self._set_healthy()

    def _execute(self, operation: _Operation) -> None:
        if self._store is None and not self._open():
            self._keep(operation)
            return
        if not self._apply(operation):
            self._keep(operation)

    def _apply(self, operation: _Operation) -> bool:
        store = self._store
        assert store is not None
        if operation.kind is WriteKind.CALL:
            # Reads, exports and deletions the user asked for: answered at once, never
            # kept for a retry, and their failure says nothing about the disk's health.
            try:
                if self.server is not None:
                    # Offline, a read is answered at once (nothing): only a retry tries
                    # the server again, so the queue never waits on a connect timeout.
                    shared = None if self._offline else self._connected()
                    if shared is None:
                        raise ServerUnreachableError(self._server_error)
                    result = operation.payload(shared)
                    if operation.offline is not None:
                        self._keep_copy(shared)
                else:
                    result = operation.payload(store)
            except ServerUnreachableError as error:
                self._went_offline(str(error))
                result = self._from_copy(operation)
            except (sqlite3.Error, HistoryError, OSError) as error:
                log.log(logging.WARNING if self._read_only else logging.ERROR,
                        "history action failed: %s", error)
                result = None
            if operation.done is not None:
                operation.done(result)
            return True
        try:
            result = self._dispatch(store, operation)
        except (sqlite3.Error, HistoryError, OSError) as error:
            if self._healthy:  # once per failure, not at every retry
                log.log(logging.WARNING if self._read_only else logging.ERROR,
                        "history write failed (%s): %s", operation.kind, error)
            permanent = isinstance(error, sqlite3.DatabaseError) and is_corruption(error)
            # Read-only: why the folder could not be opened says more than "readonly".
            # Told once the operation is kept (``_keep``), so the count is right.
            if self._fail(self._read_only_reason or str(error), permanent, notify=False) \
                    and operation in self._pending:
                self._notify()
            return False
        if operation.done is not None:
            operation.done(result)
        if self._on_written is not None:
            self._on_written(operation.kind, operation.payload)
        if self.server is not None:
            self._set_queued()
            if not self._offline:
                self._upload()
        return True

    def _dispatch(self, store: HistoryStore, operation: _Operation) -> Any:
        if self.server is not None and operation.kind is not WriteKind.CALL:
            if operation.kind is WriteKind.BEGIN:
                start = operation.payload
                self._live.add(start.uid)
                if start.device_id is None:
                    from dataclasses import replace

                    start = replace(start, device_id=self.server.device_id)
                return outbox.enqueue(store, operation.kind.value, start)
            if operation.kind is WriteKind.FINISH:
                self._live.discard(operation.payload[0])
            return outbox.enqueue(store, operation.kind.value, operation.payload)
        return self._dispatch_local(store, operation)

    @staticmethod
    def _dispatch_local(store: HistoryStore, operation: _Operation) -> Any:
        match operation.kind:
            case WriteKind.BEGIN:
                return store.begin_session(operation.payload)
            case WriteKind.BLOCK:
                return store.add_block(operation.payload)
            case WriteKind.FINISH:
                return store.finish_session(*operation.payload)
            case WriteKind.PAIN:
                uid, before, after, note = operation.payload
                return store.set_pain(uid, before, after, note)
            case WriteKind.CHECKIN:
                return store.add_checkin(operation.payload)
            case WriteKind.DELETE:
                return store.delete_session(*operation.payload)
            case WriteKind.UNDELETE:
                return store.undo_delete(operation.payload)
            case WriteKind.CALL:
                return operation.payload(store)
        raise ValueError(operation.kind)

    def _keep(self, operation: _Operation) -> None:
        if operation.kind is WriteKind.CALL and operation.done is not None:
            operation.done(None)  # a read or a flush marker: answer now, nothing to keep
            return
        with self._lock:
            self._pending.append(operation)
        self._notify()

    def _fail(self, error: str, permanent: bool = False, notify: bool = True) -> bool:
        with self._lock:
            changed = (self._healthy or error != self._error
                       or (permanent and not self._permanent))
            self._healthy = False
            self._error = error
            self._permanent = self._permanent or permanent
        if changed and notify:
            self._notify()
        return changed

    def _set_healthy(self) -> None:
        with self._lock:
            changed = not self._healthy
            self._healthy = True
            self._error = ""
            self._permanent = False
        if changed:
            self._notify()

    def _notify(self) -> None:
        if self._on_status is not None:
            self._on_status(self.status)

    # -- the clinic's server (only with ``server``) ---------------------------------------------
    def _connected(self) -> HistoryStore | None:
        """The server's store, connecting if need be (bounded by the connect timeout);
        None while it cannot be reached."""
        if self._server_store is not None:
            broken = getattr(self._server_store, "broken", False)
            if not broken:
                return self._server_store
            self._server_store.close()
            self._server_store = None
        assert self.server is not None
        from kneecare_desktop.history import clinic, postgres

        try:
            self._server_store = postgres.PostgresHistoryStore.open_server(
                self.server.url, self.server.device_id, self.server.connect_timeout)
        except HistoryError as error:
            self._went_offline(clinic.redact(str(error)))
            return None
        if self._offline or self._server_error:
            log.warning("history: the clinic server is back")
        with self._lock:
            self._offline = False
            self._server_error = ""
        self._notify()
        return self._server_store

    def _server_key(self) -> str:
        from kneecare_desktop.history.clinic import redact

        assert self.server is not None
        return redact(self.server.url)

    def _keep_copy(self, server: HistoryStore) -> None:
        """The server's people and adjustments, kept in this PC's file for offline."""
        if self._store is None or self._read_only:
            return
        from datetime import UTC

        try:
            copy = server_copy.read_from_server(server, datetime.now(UTC))
        except ServerUnreachableError as error:
            self._went_offline(str(error))
            return
        except HistoryError as error:
            log.warning("history: cannot read the people to copy them: %s", error)
            return
        try:
            server_copy.keep(self._store, self._server_key(), copy)
        except (sqlite3.Error, HistoryError) as error:
            log.warning("history: cannot keep the copy of the people on this PC: %s", error)

    def _from_copy(self, operation: _Operation) -> Any:
        """Offline: the answer from this PC's copy of the people, or None."""
        if operation.offline is None or self._store is None or self.server is None:
            return None
        try:
            copy = server_copy.read(self._store, self._server_key())
        except (sqlite3.Error, HistoryError) as error:
            log.warning("history: cannot read the copy of the people on this PC: %s", error)
            return None
        return None if copy is None else operation.offline(copy)

    def _went_offline(self, reason: str) -> None:
        if self._server_store is not None:
            with contextlib.suppress(HistoryError):
                self._server_store.close()
            self._server_store = None
        with self._lock:
            changed = not self._offline or reason != self._server_error
            self._offline = True
            self._server_error = reason
        if changed:
            log.warning("history: the clinic server cannot be reached: %s", reason)
            self._notify()

    def _set_queued(self) -> None:
        if self._store is None:
            return
        try:
            queued = outbox.count(self._store)
        except (sqlite3.Error, HistoryError):
            return
        with self._lock:
            changed = queued != self._queued
            self._queued = queued
        if changed:
            self._notify()

    def _upload(self) -> None:
        """Send the queue to the server, oldest first; each row is removed only after the
        server has committed it (a row sent twice changes nothing the second time)."""
        local = self._store
        if self.server is None or local is None:
            return
        try:
            batch = outbox.pending(local)
        except (sqlite3.Error, HistoryError) as error:
            log.error("history: cannot read this PC's queue: %s", error)
            return
        if not batch and self._recovered_on_server:
            return
        server = self._connected()
        if server is None:
            return
        if batch:
            for row in batch:
                try:
                    outbox.apply(server, row.kind, row.payload)
                except ServerUnreachableError as error:
                    self._went_offline(str(error))
                    self._set_queued()
                    return
                except HistoryError as error:
                    # The server refused it (a rule of its schema): kept, in order, and
                    # said; nothing after it is sent before it, so nothing is reordered.
                    with self._lock:
                        self._server_error = str(error)
                    log.error("history: the server refused a queued %s: %s", row.kind, error)
                    self._set_queued()
                    self._notify()
                    return
                try:
                    outbox.remove(local, row.seq)
                except (sqlite3.Error, HistoryError) as error:
                    log.error("history: cannot clear a sent change from the queue: %s", error)
                    return
            self._set_queued()
            if self._queued:
                # The rest after what the window queued meanwhile: a long queue never
                # keeps a new block waiting in memory (where a kill would lose it).
                self._queue.put(_Operation(WriteKind.UPLOAD, None))
                return
        self._set_queued()
        if not self._recovered_on_server:
            # Once this PC's queue is on the server: its sessions left running by a crash
            # end as interrupted (never another PC's, never one running in this app).
            try:
                server.recover_interrupted(keep=frozenset(self._live))
                self._recovered_on_server = True
            except ServerUnreachableError as error:
                self._went_offline(str(error))
