"""The end of a session: time spent, what was done of each routine in words, what was
skipped, and the pain after."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop import model
from kneecare_desktop.care import triage
from kneecare_desktop.model import Lang, Routine, Side
from kneecare_desktop.plan.timeline import BlockKind, Plan
from kneecare_desktop.session.events import SessionState, SessionSummary, StopReason
from kneecare_desktop.session.outcome import Completion, RoutineOutcome, what_was_done
from kneecare_desktop.text import phrases as P
from kneecare_desktop.ui.pain import PainScale
from kneecare_desktop.ui.text import arg, format_duration, rich


class SummaryView(QWidget):
    pain_chosen = Signal(int)  # the pain after, recorded as soon as it is chosen
    note_saved = Signal(str)  # the note, saved by Save or Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryView")
        self.heading = QLabel()
        self.heading.setObjectName("summaryHeading")
        font = QFont(self.font())
        font.setPixelSize(28)
        font.setBold(True)
        self.heading.setFont(font)
        self.time_spent = QLabel()
        self.advice = QLabel()
        self.advice.setObjectName("restAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.done_list = DoneList()
        self.skipped = QLabel()
        self.skipped.setWordWrap(True)
        self.skipped.setTextFormat(Qt.TextFormat.PlainText)
        self.done_button = QPushButton()
        self.done_button.setDefault(True)
        self.pain_box = QGroupBox(self.tr("How much does it hurt now?"))
        self.pain_box.setObjectName("painAfter")
        self.pain_scale = PainScale()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("A note for your history (optional)"))
        self.save_button = QPushButton(self.tr("Save the note"))
        self.save_button.setObjectName("saveNote")
        self.saved_label = QLabel()
        pain_layout = QVBoxLayout(self.pain_box)
        pain_layout.addWidget(self.pain_scale)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.save_button)
        pain_layout.addLayout(row)
        pain_layout.addWidget(self.saved_label)
        self.save_button.clicked.connect(self._save_note)
        self.note.returnPressed.connect(self._save_note)
        self.note.textEdited.connect(lambda _text: self.save_button.setEnabled(True))
        self.pain_scale.chosen.connect(self._pain_chosen)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.time_spent, self.advice, self.done_list, self.skipped,
                       self.pain_box):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def ask_pain(self, ask: bool) -> None:
        """Offer the after-session rating (and a note), fresh for this session."""
        self.pain_scale.set_value(None)
        self.note.clear()
        self.saved_label.clear()
        self.save_button.setEnabled(True)
        self.pain_box.setVisible(ask)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.pain_box.isVisible() and not self.note.hasFocus() \
                and self.pain_scale.handle_key(event):
            return
        super().keyPressEvent(event)

    def _pain_chosen(self, value: int) -> None:
        self.pain_chosen.emit(value)
        self.saved_label.setText(self.tr("Saved to your history."))

    def _save_note(self) -> None:
        self.note_saved.emit(self.note.text().strip())
        self.saved_label.setText(self.tr("Saved to your history."))
        self.save_button.setEnabled(False)

    def retranslate(self) -> None:
        self.done_button.setText(self.tr("Back to the care menu"))

    def card_texts(self) -> tuple[str, str]:
        """The heading and the time spent, for the presenter's card."""
        return self.heading.text(), self.time_spent.text()

    def show_summary(self, summary: SessionSummary, plan: Plan,
                     routines: Mapping[str, Routine], lang: Lang) -> None:
        if summary.state is SessionState.FINISHED:
            self.heading.setText(P.DONE.get(lang))
        elif summary.stop_reason is StopReason.HURT:
            self.heading.setText(self.tr("Stopped because it hurt"))
        else:
            self.heading.setText(self.tr("Stopped"))
        text = arg(self.tr("Active time: %1"), format_duration(summary.active_seconds))
        if summary.paused_seconds >= 0.5:
            text += "   " + arg(self.tr("(paused %1)"), format_duration(summary.paused_seconds))
        self.time_spent.setText(text)
        self._show_advice(summary, lang)
        titles = {rid: routine.short_title for rid, routine in routines.items()}
        self.done_list.show_outcome(what_was_done(plan, summary, titles), lang)
        if summary.skipped:
            names = []
            for block in summary.skipped:
                routine = routines.get(block.routine_id)
                title = routine.short_title.get(lang) if routine else block.routine_id
                what = (P.SIDE_NAMES[block.side].get(lang) if block.side is not Side.NONE
                        else self.tr("reps") if block.kind is BlockKind.REPS else "")
                names.append(arg(self.tr("%1 %2, set %3"), title, what, block.set))
            self.skipped.setText(arg(self.tr("Skipped: %1"), "; ".join(names)))
        else:
            self.skipped.setText(self.tr("Nothing was skipped."))
        if summary.repeated:
            self.skipped.setText(self.skipped.text() + " "
                                 + arg(self.tr("Repeated: %1."), summary.repeated))

    def _show_advice(self, summary: SessionSummary, lang: Lang) -> None:
        if summary.stop_reason is not StopReason.HURT:
            self.advice.hide()
            return
        signs = "".join(f"<li>{rich(s.get(lang))}</li>" for s in triage.REST_SIGNS)
        lead = self.tr("The article advises rest if any of these is true:")
        self.advice.setText(
            f"<p>{lead}</p>"
            f"<p><b>{rich(model.REST_TITLE.get(lang))}</b></p><ul>{signs}</ul>"
            f"<p>{rich(triage.ARTICLE_CAUTION.get(lang))}</p>"
            f"<p><i>{rich(triage.SEE_A_CLINICIAN.get(lang))}</i></p>"
            f"<p><small>{rich(triage.NOT_MEDICAL_ADVICE.get(lang))}</small></p>")
        self.advice.show()


class DoneList(QWidget):
    """One line per routine of the session, in its order: a mark, the routine's name and
    what was done of it, "20 s hold × 2 on each side", "7 of 12 reps" or "not done"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doneList")
        self.setAccessibleName(self.tr("What was done"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 8, 0, 8)
        self._grid.setHorizontalSpacing(12)
        self._grid.setColumnStretch(2, 1)

    def show_outcome(self, outcomes: Sequence[RoutineOutcome], lang: Lang) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        marks = {Completion.DONE: ("✓", self.tr("done")),
                 Completion.PARTLY: ("◐", self.tr("partly done")),
                 Completion.NOT_DONE: ("–", self.tr("not done"))}
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        for row, outcome in enumerate(outcomes):
            glyph, state = marks[outcome.completion]
            mark = QLabel(glyph)
            mark.setAccessibleName(state)
            title = QLabel(outcome.title.get(lang))
            bold = QFont(font)
            bold.setBold(True)
            title.setFont(bold)
            words = QLabel(outcome.words().get(lang))
            words.setWordWrap(True)
            for column, label in enumerate((mark, title, words)):
                label.setTextFormat(Qt.TextFormat.PlainText)
                if label is not title:
                    label.setFont(font)
                if label is words:  # fills its column, so it wraps only when it must
                    self._grid.addWidget(label, row, column)
                else:
                    self._grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignLeft
                                         | Qt.AlignmentFlag.AlignTop)
        self.setAccessibleDescription("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """Each routine's line as a reader hears it: "Hamstrings: 20 s hold × 2 …"."""
        lines = []
        for row in range(self._grid.rowCount()):
            cells = [self._grid.itemAtPosition(row, c) for c in range(3)]
            labels = [c.widget() for c in cells if c is not None]
            texts = [w.text() for w in labels if isinstance(w, QLabel)]
            if len(texts) == 3:
                lines.append(f"{texts[1]}: {texts[2]}")
        return lines
