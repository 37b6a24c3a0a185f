"""What the window says about the history in its banners: a damaged file moved aside and
what was recovered, records the disk refused, and a session that was interrupted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kneecare_desktop.basics import Lang
from kneecare_desktop.ui.text import arg, short_date_time

if TYPE_CHECKING:
    from kneecare_desktop.history.records import OpenReport, SessionRow
    from kneecare_desktop.history.writer import WriterStatus
    from kneecare_desktop.ui.history_service import HistoryService
    from kneecare_desktop.ui.main_window import MainWindow


class HistoryNotices(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lang = window.lang
        self._was_offline = False

    def follow(self, history: HistoryService) -> None:
        history.opened.connect(self._opened)
        history.status_changed.connect(self._status_changed)
        history.interrupted_found.connect(self._interrupted)

    def _opened(self, report: OpenReport) -> None:
        if report.moved_aside is None:
            return
        text = arg(self.tr("The history file was damaged and could not be read. It was kept, "
                           "renamed to %1, and a new history was started."),
                   str(report.moved_aside))
        recovered = report.recovered
        if recovered is not None and recovered.total:
            copied = recovered.copied
            text += " " + arg(self.tr("Recovered from it: %1 sessions, %2 holds and sets, "
                                      "%3 check-ins, %4 people."),
                              copied.get("sessions", 0), copied.get("blocks", 0),
                              copied.get("checkins", 0), copied.get("people", 0))
        self.window.notice_banner.show_message(
            text, [("dismissNotice", self.tr("OK"), self.window.notice_banner.hide)])

    def _status_changed(self, status: WriterStatus) -> None:
        was_offline, self._was_offline = self._was_offline, status.offline
        if was_offline and not status.offline:
            self.window.people.reload()  # the server is back: its people and adjustments
        if status.healthy and (status.offline or (status.server_error and status.queued)):
            self._offline(status)  # out of reach, or a queued change the server refused
            return
        if status.healthy:
            self.window.storage_banner.hide()
            return
        export = [("exportUnsaved", self.tr("Export them…"), self.window.files.export_unsaved)]
        if status.read_only:
            text = arg(self.tr(
                "The data folder cannot be written (%1). Sessions run and the history can be "
                "read, but nothing new will be saved. %2 records are kept in memory; you can "
                "export them before quitting."), status.error, status.unsaved)
        elif status.permanent:
            text = arg(self.tr(
                "The history file %1 is damaged (%2), so nothing more can be saved to it. "
                "%3 records are kept in memory: export them before quitting. Restarting the "
                "app moves the file aside and recovers what can still be read."),
                str(self.window.context.paths.history_db), status.error, status.unsaved)
        else:
            text = arg(self.tr(
                "Your records cannot be saved to %1 (%2). The session goes on; %3 records are "
                "kept in memory and saving is retried every 30 s. You can export them before "
                "quitting."), str(self.window.context.paths.history_db), status.error,
                status.unsaved)
        self.window.storage_banner.show_message(text, export if status.unsaved else [])

    def _waiting(self, queued: int) -> str:
        """What waits to be sent, as the end of the offline banner (nothing when none)."""
        if queued <= 0:
            return ""
        gap = "" if self.lang is Lang.JA else " "  # Japanese sentences follow unspaced
        if queued == 1:
            return gap + self.tr("1 change waits here.")
        return gap + arg(self.tr("%1 changes wait here."), queued)

    def _offline(self, status: WriterStatus) -> None:
        """A clinic's server that cannot be reached: the PC records on; nothing is lost."""
        from kneecare_desktop.history.clinic import ADVICE, Problem, diagnose

        problem = diagnose(status.server_error)
        if problem is Problem.SERVER_DOWN:
            text = arg(self.tr(
                "Offline: the clinic server cannot be reached (tried every 30 s). This "
                "computer keeps recording and sends it once the server is back.%1"),
                self._waiting(status.queued))
        elif status.offline:
            reason = ADVICE[problem].get(self.lang)
            text = arg(self.tr(
                "Offline: the clinic server cannot be used (%1). This computer keeps "
                "recording and sends it once the server can be used.%2"),
                reason, self._waiting(status.queued))
        else:
            text = arg(self.tr(
                "The clinic server refused a change from this computer (%1). %2 changes, "
                "that one first, wait here in order; nothing is lost. Tell the clinic's "
                "administrator."), status.server_error, status.queued)
        self.window.storage_banner.show_message(
            text, [("retryServer", self.tr("Try now"), self.window.history.writer.retry)])

    def _interrupted(self, rows: list[SessionRow]) -> None:
        row = rows[-1]
        title = row.title_ja if self.lang is Lang.JA else row.title_en
        when = short_date_time(row.started)

        def fetch_and_offer(last: int | None) -> None:
            done = 0 if last is None else last + 1
            actions = [("dismissNotice", self.tr("Dismiss"), self.window.notice_banner.hide)]
            if last is not None:
                actions.insert(0, ("resumeSession", self.tr("Resume"),
                                   lambda: self.window.sessions.resume(row, last)))
            self.window.notice_banner.show_message(arg(self.tr(
                "Your session of %1 on %2 was interrupted. Everything up to the last finished "
                "hold is saved (%3 done)."), title, when, done), actions)

        self.window.history.run(lambda store: store.last_completed_block(row.uid), fetch_and_offer,
                         self)
