"""The check-in: the article's signs, then a plain-words result.

The cause self-check and the symptoms are tick boxes. The running questions (the
article's "keep running or rest" criteria) are answered yes or no, and start as not
answered: no verdict is given until they are answered, except that one rest sign
answered yes is enough for "better to rest".

Everything can be done by keyboard: Tab moves, Space ticks or chooses, Enter shows the
result, Esc closes. The result never claims a diagnosis, keeps the article's words apart
from the app's, puts "better to rest" first and prominently, and tells of a session
stopped for pain earlier the same day beside the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.care import triage
from kneecare_desktop.care.triage import RUNNING_QUESTION_IDS, Answer, CauseResult, RunningResult
from kneecare_desktop.library.checkin_file import CheckIn, Question
from kneecare_desktop.model import Advice, Lang
from kneecare_desktop.ui.screen_fit import fit_to_screen
from kneecare_desktop.ui.text import arg

ADVICE_COLOURS = {Advice.REST: ("#c92a2a", "#ffffff"), Advice.RUN_SHORTER: ("#f59f00", "#000000"),
                  Advice.RUN_OK: ("#237a38", "#ffffff")}  # white on it: 5.4:1
NEUTRAL = ("#495057", "#ffffff")  # no verdict, or "running is fine" on a painful day


@dataclass(frozen=True, slots=True)
class SameDay:
    """What today's sessions said about pain, shown beside the verdict."""

    stopped_for_pain: bool = False
    pain_rise: tuple[int, int] | None = None  # before, after: the after was higher

    def __bool__(self) -> bool:
        return self.stopped_for_pain or self.pain_rise is not None


class CheckinDialog(QDialog):
    """Emits ``taken`` with (ticked ids, running answers, cause result, running result)
    when the result is shown."""

    taken = Signal(object, object, object, object)  # ticked, answers, causes, running
    routine_first_chosen = Signal(str)

    def __init__(self, checkin: CheckIn, lang: Lang, routine_titles: dict[str, str],
                 program_first: str | None = None, parent: QWidget | None = None,
                 same_day: SameDay | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinDialog")
        self.checkin = checkin
        self.lang = lang
        self.routine_titles = routine_titles
        self.program_first = program_first  # the routine the program starts with now
        self.same_day = same_day or SameDay()
        self.setWindowTitle(checkin.title.get(lang))
        self.boxes: dict[str, QCheckBox] = {}
        self.answer_groups: dict[str, QButtonGroup] = {}
        self.cause_result: CauseResult | None = None
        self.running_result: RunningResult | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._questions_page())
        self.verdict = QLabel()
        self.verdict.setObjectName("checkinResult")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.first_button = QPushButton()
        self.first_button.setObjectName("routineFirst")
        self.first_button.clicked.connect(self._choose_first)
        self.first_done = QLabel()
        self.first_done.setObjectName("routineFirstDone")
        self.first_done.hide()
        result_page = QWidget()
        result_layout = QVBoxLayout(result_page)
        result_scroll = QScrollArea()
        result_scroll.setAccessibleName(self.tr("Result"))
        result_scroll.setWidgetResizable(True)
        result_scroll.setWidget(self.verdict)
        result_layout.addWidget(result_scroll, 1)
        result_layout.addWidget(self.first_button, 0, Qt.AlignmentFlag.AlignLeft)
        result_layout.addWidget(self.first_done)
        self.pages.addWidget(result_page)
        self.buttons = QDialogButtonBox()
        self.show_button = self.buttons.addButton(self.tr("See the result"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_button.setObjectName("seeResult")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.show_result)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, QSize(680, 760))

    def _group(self, title: str, questions: tuple[Question, ...]) -> QGroupBox:
        group = QGroupBox(title)
        column = QVBoxLayout(group)
        for question in questions:
            if question.id in RUNNING_QUESTION_IDS:
                column.addWidget(self._answer_row(question))
                continue
            box = QCheckBox(question.text.get(self.lang))
            box.setObjectName(f"q-{question.id}")
            self.boxes[question.id] = box
            column.addWidget(box)
        return group

    def _answer_row(self, question: Question) -> QWidget:
        """A running question: Yes, No, or (at first) Not answered, by keyboard too."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = question.text.get(self.lang)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label, 1)
        group = QButtonGroup(row)
        for answer, shown in ((Answer.YES, self.tr("Yes")), (Answer.NO, self.tr("No")),
                              (Answer.OPEN, self.tr("Not answered"))):
            button = QRadioButton(shown)
            button.setObjectName(f"a-{question.id}-{answer.value}")
            button.setAccessibleName(arg(self.tr("%1: %2"), text, shown))
            button.setProperty("answer", answer.value)
            group.addButton(button)
            layout.addWidget(button)
            if answer is Answer.OPEN:
                button.setChecked(True)
        label.setBuddy(group.buttons()[0])
        self.answer_groups[question.id] = group
        return row

    def _questions_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        intro = QLabel(self.checkin.intro.get(self.lang))
        intro.setWordWrap(True)
        column.addWidget(intro)
        column.addWidget(self._group(self.tr("Pain behind the knee: how it shows"),
                                     self.checkin.symptoms))
        for cause in self.checkin.causes:
            column.addWidget(self._group(arg(self.tr("Signs of: %1"),
                                             cause.name.get(self.lang)), cause.signs))
        column.addWidget(self._group(self.tr("Your knee today"), self.checkin.now))
        column.addWidget(self._group(self.tr("Your last run"), self.checkin.last_run))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Questions"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter shows the result from anywhere on the questions (a tick box has focus)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.pages.currentIndex() == 0:
            self.show_result()
            return
        super().keyPressEvent(event)

    def ticked(self) -> tuple[str, ...]:
        """The tick boxes ticked (symptoms and causes' signs)."""
        return tuple(qid for qid, box in self.boxes.items() if box.isChecked())

    def answers(self) -> dict[str, Answer]:
        """The running questions: yes, no, or not answered."""
        found = {}
        for question_id, group in self.answer_groups.items():
            checked = group.checkedButton()
            found[question_id] = Answer(str(checked.property("answer"))) if checked \
                else Answer.OPEN
        return found

    def show_result(self) -> None:
        ticked = self.ticked()
        answers = self.answers()
        self.cause_result = triage.score_causes(self.checkin, ticked)
        self.running_result = triage.running_advice(answers)
        self.verdict.setText(self.result_html(ticked, self.cause_result, self.running_result))
        best = self.cause_result.best
        if best is not None and best.routine_id in self.routine_titles \
                and best.routine_id != self.program_first:
            self.first_button.setText(arg(self.tr("Start the program with %1"),
                                          self.routine_titles[best.routine_id]))
            self.first_button.show()
        else:
            self.first_button.hide()
        self.pages.setCurrentIndex(1)
        self.show_button.hide()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.taken.emit(ticked, answers, self.cause_result, self.running_result)

    def _choose_first(self) -> None:
        """Done: the button goes, and a plain line says so (not a greyed-out button)."""
        if self.cause_result is not None and self.cause_result.best is not None:
            self.routine_first_chosen.emit(self.cause_result.best.routine_id)
            self.first_button.hide()
            self.first_done.setText(self.tr("Done: the program starts with it."))
            self.first_done.show()
            self.close_button.setFocus()

    def result_html(self, ticked: tuple[str, ...], causes: CauseResult,
                    running: RunningResult) -> str:
        lang = self.lang
        parts = [self._verdict_html(running)]
        rest_lead = escape(self.tr("The article says rest is better when:"))
        unmet_lead = escape(self.tr("Not yet true:"))
        if running.advice is Advice.REST:
            signs = "".join(f"<li>{escape(self._text(i))}</li>" for i in running.rest_signs)
            parts.append(f"<p>{rest_lead}</p><ul>{signs}</ul>")
        elif running.advice is Advice.RUN_SHORTER:
            unmet = "".join(f"<li>{escape(self._text(i))}</li>" for i in running.unmet)
            parts.append(f"<p>{unmet_lead}</p><ul>{unmet}</ul>"
                         f"<p><i>{escape(triage.RUN_SHORTER_NOTE.get(lang))}</i></p>")
        elif running.advice is Advice.RUN_OK:
            parts.append(f"<p>{escape(triage.FOLLOW_UP_NOTE.get(lang))}</p>")
        else:
            still = "".join(f"<li>{escape(self._text(i))}</li>"
                            for i in running.open_questions)
            lead = escape(self.tr("The article's criteria need an answer (yes or no) to "
                                  "each of these before they can say anything:"))
            parts.append(f"<p>{lead}</p><ul>{still}</ul>")
        parts.append(f"<p>{escape(triage.ARTICLE_CAUTION.get(lang))}</p>")
        parts.append(f"<p><i>{escape(triage.SEE_A_CLINICIAN.get(lang))}</i></p>")
        best = causes.best
        heading = escape(self.tr("Which cause fits best"))
        because = escape(self.tr("Because you ticked:"))
        parts.append(f"<h3>{heading}</h3>")
        if best is None:
            parts.append(f"<p>{escape(triage.NOTHING_TICKED.get(lang))}</p>")
        else:
            why = "".join(f"<li>{escape(q.text.get(lang))}</li>" for q in best.ticked)
            routine = self.routine_titles.get(best.routine_id, best.routine_id)
            routine_line = escape(arg(self.tr("The care routine for it: %1"), routine))
            parts.append(f"<p><b>{escape(best.name.get(lang))}</b></p>"
                         f"<p>{because}</p><ul>{why}</ul><p>{routine_line}</p>")
            note = causes.tie_note()
            if note is not None:
                parts.append(f"<p>{escape(note.get(lang))}</p>")
        parts.append(f"<p>{escape(triage.NOT_MEDICAL_ADVICE.get(lang))}</p>")
        return "".join(parts)

    def _verdict_html(self, running: RunningResult) -> str:
        """The verdict in a coloured band; never a plain green "running is fine" on a day
        a session was stopped for pain or the pain rose, and no verdict without answers."""
        lang = self.lang
        if running.advice is None:
            heading = self.tr("No verdict yet")
            background, foreground = NEUTRAL
        else:
            heading = running.advice.heading.get(lang)
            background, foreground = ADVICE_COLOURS[running.advice]
            if running.advice is Advice.RUN_OK and self.same_day:
                background, foreground = NEUTRAL
        band = (f"<div style='background:{background}; color:{foreground}; padding:10px;'>"
                f"<span style='font-size:20pt; font-weight:bold;'>{escape(heading)}</span>")
        today = []
        if self.same_day.stopped_for_pain:
            today.append(self.tr("Today a session was stopped because it hurt."))
        if self.same_day.pain_rise is not None:
            before, after = self.same_day.pain_rise
            today.append(arg(self.tr("Today the pain went from %1 to %2 during a session."),
                             before, after))
        if today:
            band += "<br><b>" + escape(" ".join(today)) + "</b>"
            if running.advice is Advice.RUN_OK:
                band += "<br>" + escape(self.tr(
                    "(The app's note) The article's signs that running is fine hold, but "
                    "today's session was stopped for pain: let today's pain settle first."))
        return band + "</div>"

    def _text(self, question_id: str) -> str:
        question = self.checkin.question(question_id)
        if question is not None:
            return question.text.get(self.lang)
        if question_id == "not-worse-next-day":
            return triage.KEEP_RUNNING_SIGNS[2].get(self.lang)
        return question_id
