"""The end of a session: time spent, holds and reps per side, and what was skipped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop import phrases as P
from kneecare_desktop import triage
from kneecare_desktop.model import Lang, Reps, Routine, Side
from kneecare_desktop.plan import BlockKind
from kneecare_desktop.session import SessionState, SessionSummary, StopReason
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
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("What was done"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
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
        for widget in (self.heading, self.time_spent, self.advice, self.table, self.skipped,
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
        self.table.setHorizontalHeaderLabels(
            [self.tr("Care"), self.tr("Side"), self.tr("Holds done"), self.tr("Reps done")])
        self.done_button.setText(self.tr("Back to the care menu"))

    def show_summary(self, summary: SessionSummary, routines: Mapping[str, Routine],
                     lang: Lang, order: Sequence[str] = ()) -> None:
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
        ranks = {routine_id: rank for rank, routine_id in enumerate(order)}
        sides = {Side.LEFT: 0, Side.RIGHT: 1, Side.NONE: 2}
        rows = sorted(summary.tallies.items(), key=lambda item: (
            ranks.get(item[0][0], len(ranks)), sides[item[0][1]]))
        self.table.setRowCount(len(rows))
        for row, ((routine_id, side), tally) in enumerate(rows):
            routine = routines.get(routine_id)
            name = routine.short_title.get(lang) if routine else routine_id
            is_reps = routine is not None and isinstance(routine.exercise, Reps)
            cells = [name, P.SIDE_NAMES[side].get(lang) if side is not Side.NONE else "—",
                     "—" if is_reps else str(tally.holds_done),
                     str(tally.reps_done) if is_reps else "—"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
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
            f"<p><b>{rich(triage.REST_TITLE.get(lang))}</b></p><ul>{signs}</ul>"
            f"<p>{rich(triage.ARTICLE_CAUTION.get(lang))}</p>"
            f"<p><i>{rich(triage.SEE_A_CLINICIAN.get(lang))}</i></p>"
            f"<p><small>{rich(triage.NOT_MEDICAL_ADVICE.get(lang))}</small></p>")
        self.advice.show()
