"""The check-in: tick boxes from the article, then a plain-words result.

Everything can be done by keyboard: Tab and Space tick, Enter shows the result, Esc
closes. The result never claims a diagnosis, keeps the article's words apart from the
app's, and puts "better to rest" first and prominently when any rest sign is ticked.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop import triage
from kneecare_desktop.checkin import CheckIn, Question
from kneecare_desktop.model import Lang
from kneecare_desktop.triage import Advice, CauseResult, RunningResult
from kneecare_desktop.ui.screen_fit import fit_to_screen
from kneecare_desktop.ui.text import arg

ADVICE_COLOURS = {Advice.REST: ("#c92a2a", "#ffffff"), Advice.RUN_SHORTER: ("#f59f00", "#000000"),
                  Advice.RUN_OK: ("#2f9e44", "#ffffff")}


class CheckinDialog(QDialog):
    """Emits ``taken`` with (ticked ids, cause result, running result) when answered."""

    taken = Signal(object, object, object)
    routine_first_chosen = Signal(str)

    def __init__(self, checkin: CheckIn, lang: Lang, routine_titles: dict[str, str],
                 program_first: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinDialog")
        self.checkin = checkin
        self.lang = lang
        self.routine_titles = routine_titles
        self.program_first = program_first  # the routine the program starts with now
        self.setWindowTitle(checkin.title.get(lang))
        self.boxes: dict[str, QCheckBox] = {}
        self.cause_result: CauseResult | None = None
        self.running_result: RunningResult | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._questions_page())
        self.result = QLabel()
        self.result.setObjectName("checkinResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.first_button = QPushButton()
        self.first_button.setObjectName("routineFirst")
        self.first_button.clicked.connect(self._choose_first)
        result_page = QWidget()
        result_layout = QVBoxLayout(result_page)
        result_scroll = QScrollArea()
        result_scroll.setWidgetResizable(True)
        result_scroll.setWidget(self.result)
        result_layout.addWidget(result_scroll, 1)
        result_layout.addWidget(self.first_button, 0, Qt.AlignmentFlag.AlignLeft)
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
        fit_to_screen(self, QSize(640, 720))

    def _group(self, title: str, questions: tuple[Question, ...]) -> QGroupBox:
        group = QGroupBox(title)
        column = QVBoxLayout(group)
        for question in questions:
            box = QCheckBox(question.text.get(self.lang))
            box.setObjectName(f"q-{question.id}")
            self.boxes[question.id] = box
            column.addWidget(box)
        return group

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
        return tuple(qid for qid, box in self.boxes.items() if box.isChecked())

    def show_result(self) -> None:
        ticked = self.ticked()
        self.cause_result = triage.score_causes(self.checkin, ticked)
        self.running_result = triage.running_advice(ticked)
        self.result.setText(self.result_html(ticked, self.cause_result, self.running_result))
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
        self.taken.emit(ticked, self.cause_result, self.running_result)

    def _choose_first(self) -> None:
        if self.cause_result is not None and self.cause_result.best is not None:
            self.routine_first_chosen.emit(self.cause_result.best.routine_id)
            self.first_button.setEnabled(False)
            self.first_button.setText(self.tr("Done: the program starts with it"))

    def result_html(self, ticked: tuple[str, ...], causes: CauseResult,
                    running: RunningResult) -> str:
        lang = self.lang
        background, foreground = ADVICE_COLOURS[running.advice]
        parts = [f"<div style='background:{background}; color:{foreground}; "
                 f"padding:10px;'><span style='font-size:20pt; font-weight:bold;'>"
                 f"{escape(running.advice.heading.get(lang))}</span></div>"]
        rest_lead = escape(self.tr("The article says rest is better when:"))
        unmet_lead = escape(self.tr("Not yet true:"))
        if running.advice is Advice.REST:
            signs = "".join(f"<li>{escape(self._text(i))}</li>" for i in running.rest_signs)
            parts.append(f"<p>{rest_lead}</p><ul>{signs}</ul>")
        elif running.advice is Advice.RUN_SHORTER:
            unmet = "".join(f"<li>{escape(self._text(i))}</li>" for i in running.unmet)
            parts.append(f"<p>{unmet_lead}</p><ul>{unmet}</ul>"
                         f"<p><i>{escape(triage.RUN_SHORTER_NOTE.get(lang))}</i></p>")
        else:
            parts.append(f"<p>{escape(triage.FOLLOW_UP_NOTE.get(lang))}</p>")
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
            if causes.tied:
                parts.append(f"<p>{escape(triage.TIE_NOTE.get(lang))}</p>")
        parts.append(f"<p><small>{escape(triage.NOT_MEDICAL_ADVICE.get(lang))}</small></p>")
        return "".join(parts)

    def _text(self, question_id: str) -> str:
        question = self.checkin.question(question_id)
        if question is not None:
            return question.text.get(self.lang)
        if question_id == "not-worse-next-day":
            return triage.KEEP_RUNNING_SIGNS[2].get(self.lang)
        return question_id
