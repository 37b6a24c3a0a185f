"""What the window writes and reads as files: the clinic hand-off (export and import with
its preview), the editors' new files, the handout and report, and unsaved records.

Each "ask where, then write" pair keeps the writing half callable on its own: the menu
asks, a test or the history view passes the path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from kneecare_desktop import safe_files
from kneecare_desktop.ui.one_use import dispose_when_finished
from kneecare_desktop.ui.text import arg, rich

if TYPE_CHECKING:
    from kneecare_desktop.history import report_data
    from kneecare_desktop.history.store import HistoryStore
    from kneecare_desktop.model import Program, Routine
    from kneecare_desktop.ui.main_window import MainWindow


class FileController(QObject):
    report_written = Signal(object)  # Path
    routines_changed = Signal(object)  # the Path of a file added or saved, or None

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lang = window.lang

    # -- helpers ----------------------------------------------------------------------------
    def person_name(self) -> str:
        from kneecare_desktop.ui.people import display_name

        person = self.window.people.current
        return display_name(person, self.tr("Me")) if person is not None else self.tr("Me")

    def _handoff_name(self) -> str:
        person = self.window.people.current
        return person.name if person is not None and person.name else self.tr("Me")

    def _program_id(self) -> str | None:
        library = self.window.library
        selected = self.window.library_view.selected_id()
        if selected in library.programs:
            return selected
        return next(iter(library.programs), None)

    def cannot_write(self, title: str, error: OSError) -> None:
        """Say which file could not be written and that nothing earlier was lost."""
        text = (error.message(self.lang) if isinstance(error, safe_files.WriteFailedError)
                else arg(self.tr("The file could not be written: %1"), error.strerror or error))
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("cannotWrite")
        box.open()

    # -- the clinic hand-off ----------------------------------------------------------------
    def export_program(self) -> Path | None:
        """Ask where, then write the current person's program there."""
        program_id = self._program_id()
        if program_id is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export this person's program"),
            str(Path.home() / f"kneecare-{program_id}-{self._handoff_name()}.yaml"),
            "YAML (*.yaml)")
        return self.export_program_to(Path(chosen)) if chosen else None

    def export_program_to(self, path: Path) -> Path | None:
        """Write the current person's program (with their adjustments) to one file."""
        from datetime import datetime

        from kneecare_desktop.library import handoff

        program_id = self._program_id()
        if program_id is None:
            return None
        text = handoff.export_text(self.window.library, program_id, self._handoff_name(),
                                   self.window.people.all_overrides(),
                                   datetime.now().astimezone())
        try:
            safe_files.write_text(path, text)
        except OSError as error:
            self.cannot_write(self.tr("Export"), error)
            return None
        return path

    def import_program(self) -> None:
        """Ask for a hand-off file, then preview and import it."""
        chosen, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import a program"),
                                                str(Path.home()), "YAML (*.yaml *.yml)")
        if chosen:
            self.import_program_from(Path(chosen))

    def import_program_from(self, path: Path) -> None:
        """Preview a hand-off file, then add it (asking before replacing anything)."""
        from PySide6.QtCore import Qt

        from kneecare_desktop.history.records import HistoryError
        from kneecare_desktop.library import handoff
        from kneecare_desktop.library.files import load_file
        from kneecare_desktop.library.records import Handoff
        from kneecare_desktop.plan.texts import dose_summary

        window = self.window
        loaded = load_file(path)
        if not loaded.ok or not isinstance(loaded.item, Handoff):
            self._refuse_import("\n".join(p.format(self.lang) for p in loaded.problems)
                                or str(path))
            return
        plan = handoff.plan_import(loaded.item, window.library,
                                   window.context.paths.user_routines_dir)
        if plan.problems:  # ids that items of another kind have: nothing may be written
            self._refuse_import("\n".join(p.format(self.lang) for p in plan.problems))
            return
        labels = {
            handoff.Action.ADD: self.tr("added"),
            handoff.Action.SAME: self.tr("already the same"),
            handoff.Action.REPLACE_SHIPPED: self.tr("used instead of the shipped one"),
            handoff.Action.REPLACE_USER: self.tr("REPLACES your own file"),
        }
        lines = [f"• {f.title} ({f.item_id}): {labels[f.action]}" for f in plan.files]
        for routine_id, overrides in plan.adjustments.items():
            routine = window.library.routines.get(routine_id)
            if routine is not None:
                lines.append(f"• {routine.title.get(self.lang)}: "
                             f"{dose_summary(routine, overrides).get(self.lang)}")
        # Names and titles come from the file: shown as written, never as markup.
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import a program"), arg(
            self.tr("From %1's program. The adjustments become %2's."),
            rich(loaded.item.person or "?"), rich(self.person_name())), parent=window)
        box.setObjectName("importPreview")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setInformativeText("<br>".join(rich(line) for line in lines))
        go = box.addButton(self.tr("Import and replace") if plan.needs_confirmation
                           else self.tr("Import"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)

        person_id = window.people.person_id
        adjustments = {rid: o.to_dict() for rid, o in plan.adjustments.items()}
        lang = self.lang

        def import_together(store: HistoryStore) -> str | None:
            """On the history thread: the files are staged, the adjustments saved, then
            the files put in place: all of it, or (with the reason returned) none."""
            try:
                staged, _written = handoff.stage_import(plan, allow_replace=True)
            except (OSError, handoff.ImportRefusedError) as error:
                return (error.message(lang) if isinstance(error, safe_files.WriteFailedError)
                        else str(error))
            try:
                store.save_import(adjustments, person_id)
            except HistoryError as error:
                staged.discard()
                return str(error)
            staged.commit()
            return None

        def imported(reason: str | None) -> None:
            if reason is not None:
                self._refuse_import(reason)
                return
            window.people.reload()  # the adjustments, as now saved
            self.routines_changed.emit(None)

        def answered(_result: int) -> None:
            if box.clickedButton() is go:
                window.history.run(import_together, imported, self)

        box.finished.connect(answered)
        box.open()

    def _refuse_import(self, problems: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import a program"),
                          self.tr("This file cannot be imported. Nothing was changed."),
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("importProblems")
        box.setDetailedText(problems)
        box.setInformativeText(rich(problems[:600]).replace("\n", "<br>"))
        box.open()

    # -- editors ----------------------------------------------------------------------------
    def open_routine_editor(self) -> QDialog | None:
        from kneecare_desktop.ui.editor import RoutineEditor

        window = self.window
        library = window.library
        selected = window.library_view.selected_id()
        source = library.routines.get(selected) if selected else None
        if source is None:
            source = next(iter(library.routines.values()), None)
        if source is None:
            return None
        editor = RoutineEditor(source, library, window.context.paths.user_routines_dir,
                               self.lang, window)
        return self._open_editor(editor)

    def open_program_editor(self) -> QDialog | None:
        from kneecare_desktop.ui.editor import ProgramEditor

        window = self.window
        program_id = self._program_id()
        source = window.library.programs.get(program_id) if program_id else None
        editor = ProgramEditor(source, window.library, window.context.paths.user_routines_dir,
                               self.lang, window)
        return self._open_editor(editor)

    def _open_editor(self, editor: QDialog) -> QDialog:
        editor.saved.connect(self.routines_changed)  # type: ignore[attr-defined]
        dispose_when_finished(editor)
        editor.open()
        return editor

    # -- paper ------------------------------------------------------------------------------
    def _handout_target(self) -> Routine | Program | None:
        library = self.window.library
        item_id = self.window.library_view.selected_id() or self._program_id()
        return (library.programs.get(item_id) or library.routines.get(item_id)
                if item_id else None)

    def write_handout(self) -> Path | None:
        """Ask where, then write the handout of the selected routine or program there."""
        target = self._handout_target()
        if target is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Home-care handout"),
            str(Path.home() / f"kneecare-{target.id}.pdf"), "PDF (*.pdf)")
        return self.write_handout_to(Path(chosen)) if chosen else None

    def write_handout_to(self, path: Path) -> Path | None:
        """A one-page PDF of the selected routine or program, with this person's dose."""
        from kneecare_desktop.ui.documents import write_handout

        target = self._handout_target()
        if target is None:
            return None
        try:
            return write_handout(path, target, self.window.library.routines,
                                 self.window.people.all_overrides(), self.lang,
                                 self.person_name(), date.today())
        except OSError as error:
            self.cannot_write(self.tr("Home-care handout"), error)
            return None

    def write_report(self) -> None:
        """Ask where, then write the report of the last four weeks there."""
        self.write_report_for(None, None)

    def write_report_for(self, first: date | None, last: date | None) -> None:
        """Ask where, then write the report of ``first`` to ``last`` (the history's dates)."""
        day = last or date.today()
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Report for the clinic"),
            str(Path.home() / f"kneecare-report-{day.isoformat()}.pdf"),
            "PDF (*.pdf);;CSV (*.csv)")
        if chosen:
            self.write_report_to(Path(chosen), first, last)

    def write_report_to(self, path: Path, first: date | None = None,
                        last: date | None = None) -> None:
        """What this person did, as PDF (with charts) or CSV; the last 4 weeks by default."""
        from datetime import timedelta

        from kneecare_desktop.history import report_data as report

        window = self.window
        last = last or date.today()
        first = first or last - timedelta(days=27)
        person_id = window.people.person_id  # known even before the people have loaded
        name = self.person_name()
        title = self.tr("Report for the clinic")

        def gather(store: HistoryStore) -> report_data.ReportData:
            person = next((p for p in store.people(include_archived=True)
                           if p.id == person_id), None) or store.default_person()
            return report.gather(store, person, first, last)

        def write(data: report_data.ReportData | None) -> None:
            if data is None:
                QMessageBox.warning(window, title, self.tr(
                    "The history could not be read, so no report was written."))
                return
            try:
                if path.suffix.lower() == ".csv":
                    safe_files.write_text(path, report.report_csv(data, name), "utf-8-sig")
                else:
                    from kneecare_desktop.ui.documents import write_report_pdf

                    write_report_pdf(path, data, name, self.lang, window.library.routines)
            except OSError as error:
                self.cannot_write(title, error)
                return
            self.report_written.emit(path)

        window.history.run(gather, write, self)

    # -- records the disk refused -----------------------------------------------------------
    def export_unsaved(self) -> Path | None:
        """Ask where, then write the records that could not be saved there."""
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export unsaved records"),
            str(Path.home() / "kneecare-unsaved.json"), "JSON (*.json)")
        return self.export_unsaved_to(Path(name)) if name else None

    def export_unsaved_to(self, path: Path) -> Path | None:
        """Write the records that could not be saved to ``path`` (JSON)."""
        import json

        data = {"format": "kneecare-unsaved", "records": self.window.history.writer.unsaved()}
        try:
            safe_files.write_text(path, json.dumps(data, ensure_ascii=False, indent=2))
        except OSError as error:
            self.cannot_write(self.tr("Export unsaved records"), error)
            return None
        return path

    def settle_then(self, close: Callable[[], None]) -> None:
        """Before quitting: once everything queued so far has been tried (on the history's
        thread; the window never waits for the disk), ``close``, or, with records the disk
        refused, ask first: export them, quit anyway, or stay."""
        window = self.window
        saying = QTimer(self)  # a disk slow to answer: say why the window is still here
        saying.setSingleShot(True)
        saying.timeout.connect(lambda: window.notice_banner.show_message(
            self.tr("Saving the last records before closing…")))
        saying.start(300)

        def tried(_result: object) -> None:
            saying.stop()
            unsaved = window.history.writer.status.unsaved
            if unsaved == 0:
                close()
                return
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Records not saved"), arg(
                self.tr("%1 records could not be saved to the history. Export them to a file "
                        "before quitting?"), unsaved), parent=window)
            box.setObjectName("recordsNotSaved")
            export = box.addButton(self.tr("Export…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Quit without saving"),
                          QMessageBox.ButtonRole.DestructiveRole)
            stay = box.addButton(QMessageBox.StandardButton.Cancel)

            def answered(_result: int) -> None:
                clicked = box.clickedButton()
                if clicked is stay:
                    return
                if clicked is export and self.export_unsaved() is None:
                    return  # the export was cancelled or failed: stay, nothing is lost
                close()

            box.finished.connect(answered)
            box.open()

        window.history.run(lambda store: None, tried, self)
