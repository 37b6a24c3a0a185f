"""The check-in in the window: the dialog, its record, the next-day follow-up banner,
and whether the last check-in advised rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kneecare_desktop.ui.one_use import dispose_when_finished
from kneecare_desktop.ui.text import arg, short_date_time

if TYPE_CHECKING:
    from kneecare_desktop.care.triage import Answer, CauseResult, RunningResult
    from kneecare_desktop.history.records import CheckinRecord
    from kneecare_desktop.history.store import HistoryStore
    from kneecare_desktop.library.checkin_file import CheckIn
    from kneecare_desktop.ui.checkin_dialog import SameDay
    from kneecare_desktop.ui.main_window import MainWindow


def last_checkin_state(store: HistoryStore) -> tuple[CheckinRecord | None, bool]:
    """The latest check-in that is not a follow-up, and whether it was followed up."""
    records = store.checkins()
    firsts = [r for r in records if r.follow_up_of is None]
    if not firsts:
        return None, False
    last = firsts[-1]
    return last, any(r.follow_up_of == last.uid for r in records)


class CheckinController(QObject):
    recorded = Signal()  # a check-in or a follow-up went to the history

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lang = window.lang
        self.last: CheckinRecord | None = None
        self.banner = window.follow_up_banner

    def checkin(self) -> CheckIn | None:
        return next(iter(self.window.library.checkins.values()), None)

    def reload_last(self) -> None:
        """Read this person's last check-in (on the history's thread)."""
        self.window.history.run(last_checkin_state, self._on_last)

    def rest_advised(self) -> bool:
        from kneecare_desktop.care.person_plan import rest_advised
        from kneecare_desktop.model import Advice

        record = self.last
        if record is None or record.advice is None:
            return False
        return rest_advised(Advice(record.advice), record.taken.date(),
                            self.window.context.clock.now().date())

    def open(self) -> None:
        window = self.window
        if self.checkin() is None or window.sessions.active():
            return
        from kneecare_desktop.ui.checkin_dialog import SameDay

        person_id = window.people.person_id
        today = window.context.clock.now().date()

        def same_day(store: HistoryStore) -> SameDay:
            """Today's sessions: one stopped because it hurt, or pain that rose."""
            from kneecare_desktop.history.records import Outcome

            rows = store.sessions(person_id, since=today, until=today)
            rises = [(r.pain_before, r.pain_after) for r in rows
                     if r.pain_before is not None and r.pain_after is not None
                     and r.pain_after > r.pain_before]
            return SameDay(any(r.outcome is Outcome.HURT for r in rows),
                           rises[-1] if rises else None)

        window.history.run(same_day, lambda found: self._show(found or SameDay()), self)

    def _show(self, same_day: SameDay) -> None:
        from kneecare_desktop.ui.checkin_dialog import CheckinDialog

        window = self.window
        checkin = self.checkin()
        if checkin is None or window.sessions.active() or QApplication.activeModalWidget():
            return
        library = window.library
        titles = {rid: r.title.get(self.lang) for rid, r in library.routines.items()}
        program = next(iter(library.programs.values()), None)
        first = (window.sessions.plan_for(program.id).routine_ids[0] if program is not None
                 else None)
        dialog = CheckinDialog(checkin, self.lang, titles, first, window, same_day)
        dialog.taken.connect(lambda ticked, answers, causes, running: self._record(
            checkin.id, ticked, answers, causes, running))
        dialog.routine_first_chosen.connect(self._set_first_routine)
        dispose_when_finished(dialog)
        dialog.open()

    def _record(self, checkin_id: str, ticked: tuple[str, ...], answers: dict[str, Answer],
                causes: CauseResult, running: RunningResult) -> None:
        from kneecare_desktop.history.records import CheckinRecord, new_uid

        window = self.window
        best = causes.best
        if window.demo_mode:
            return
        record = CheckinRecord(new_uid(), window.people.person_id,
                               window.context.clock.now(), checkin_id, ticked,
                               best.cause if best else None, best.routine_id if best else None,
                               running.advice,
                               answers={q: a.value for q, a in answers.items()})
        window.history.writer.checkin(record)
        self.last = record
        self.banner.hide()
        self.recorded.emit()

    def _set_first_routine(self, routine_id: str) -> None:
        self.window.settings.set_first_routine(routine_id)
        self.window.library_view.set_library(self.window.library)

    def _on_last(self, state: tuple[CheckinRecord | None, bool] | None) -> None:
        from kneecare_desktop.care.triage import follow_up_due
        from kneecare_desktop.model import Advice

        if not state:
            return
        record, answered = state
        self.last = record
        if record is None:
            return
        today = self.window.context.clock.now().date()
        advice = Advice(record.advice) if record.advice else None
        if follow_up_due(advice, record.taken.date(), answered, today):
            when = short_date_time(record.taken)
            checkin = self.checkin()
            question = checkin.follow_up.get(self.lang) if checkin else ""
            self.banner.show_message(
                arg(self.tr("Your check-in on %1 said running was fine. %2"), when, question),
                [("worseYes", self.tr("Yes, it got worse"), lambda: self._follow_up(True)),
                 ("worseNo", self.tr("No"), lambda: self._follow_up(False)),
                 ("worseLater", self.tr("Ask later"), self.banner.hide)])

    def _follow_up(self, worse: bool) -> None:
        from kneecare_desktop.care.triage import answers_at_the_time, running_advice
        from kneecare_desktop.history.records import CheckinRecord, new_uid
        from kneecare_desktop.model import Advice

        previous = self.last
        if previous is None:
            return
        window = self.window
        result = running_advice(answers_at_the_time(previous.answers, previous.ticked,
                                                    previous.form), worse_next_day=worse)
        advice = result.advice or Advice.RUN_SHORTER
        record = CheckinRecord(new_uid(), window.people.person_id, window.context.clock.now(),
                               previous.checkin_id, (), previous.cause, previous.routine_id,
                               advice, follow_up_of=previous.uid,
                               worse_next_day=worse, answers=dict(previous.answers))
        window.history.writer.checkin(record)
        self.last = record
        if advice is Advice.RUN_OK:
            text = self.tr("Thank you. No worse the next day: the article's signs that running "
                           "is fine all hold.")
        else:
            text = arg(self.tr("Thank you. It got worse the next day, so: %1. %2"),
                       advice.heading.get(self.lang),
                       self.tr("A new check-in tells you more."))
        self.banner.show_message(text, [("dismissFollowUp", self.tr("OK"), self.banner.hide)])
        self.recorded.emit()
