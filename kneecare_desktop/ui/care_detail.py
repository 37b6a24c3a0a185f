"""The care menu's detail: what the selected routine or program is for, how to do it, its
dose (adjustable for this person), the article's cautions and the signs to rest."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop import model
from kneecare_desktop.care import triage
from kneecare_desktop.care.person_plan import program_order
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import Lang, Program, Routine, Side
from kneecare_desktop.plan.texts import article_dose, dose_summary
from kneecare_desktop.ui.adjustments import AdjustmentsForm
from kneecare_desktop.ui.illustration import IllustrationView
from kneecare_desktop.ui.settings import AppSettings
from kneecare_desktop.ui.text import arg, rich
from kneecare_desktop.ui.theme import Theme

REST_SIGNS_COLOURS = ("#fff0f0", "#a51111", "#000000")  # background, heading, text


class Doses(Protocol):
    """Where a person's adjustments come from (the people state, in the app)."""

    def overrides(self, routine_id: str) -> Overrides: ...
    def set_overrides(self, routine_id: str, overrides: Overrides) -> None: ...


class CareDetail(QScrollArea):
    """Shows one routine or program; the list beside it chooses which."""

    dose_changed = Signal(str)  # a routine's adjustments were changed here
    order_changed = Signal()  # the program's usual order was chosen again

    def __init__(self, settings: AppSettings, doses: Doses, lang: Lang, theme: Theme,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.doses = doses
        self.lang = lang
        self.library = Library({}, {}, ())
        self.item_id: str | None = None
        self.setObjectName("detailScroll")
        self.setAccessibleName(self.tr("Details"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        self.detail_title = QLabel()
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.font())
        title_font.setPixelSize(24)
        title_font.setBold(True)
        self.detail_title.setFont(title_font)
        self.detail_cause = QLabel()
        self.detail_cause.setWordWrap(True)
        self.detail_cause.setTextFormat(Qt.TextFormat.RichText)
        self.illustration = IllustrationView(theme)
        self.illustration.setMinimumHeight(160)
        self.illustration.setMaximumHeight(240)
        self.setup_steps = QLabel()
        self.setup_steps.setWordWrap(True)
        self.setup_steps.setTextFormat(Qt.TextFormat.RichText)
        self.dose = QLabel()
        self.dose.setObjectName("dose")
        self.dose.setWordWrap(True)
        self.dose.setTextFormat(Qt.TextFormat.RichText)
        self._adjustments: AdjustmentsForm | None = None  # made when a routine is shown
        self.caution = QLabel()
        self.caution.setObjectName("caution")
        self.caution.setWordWrap(True)
        self.caution.setTextFormat(Qt.TextFormat.RichText)
        self.order_note = QLabel()
        self.order_note.setObjectName("orderNote")
        self.order_note.setWordWrap(True)
        self.order_note.setTextFormat(Qt.TextFormat.PlainText)
        self.usual_order = QPushButton(self.tr("Use the usual order"))
        self.usual_order.setObjectName("usualOrder")
        self.usual_order.clicked.connect(self._use_usual_order)

        page = QWidget()
        self._column = QVBoxLayout(page)
        self._column.addWidget(self.detail_title)
        self._column.addWidget(self.detail_cause)
        order_row = QHBoxLayout()
        order_row.addWidget(self.order_note, 1)
        order_row.addWidget(self.usual_order)
        self._column.addLayout(order_row)
        self._column.addWidget(self.illustration)
        self._column.addWidget(self.setup_steps)
        self._column.addWidget(self.dose)
        self._column.addWidget(self.caution)
        self._column.addStretch(1)
        self.setWidget(page)

    @property
    def adjustments(self) -> AdjustmentsForm:
        if self._adjustments is None:
            self._adjustments = AdjustmentsForm()
            self._adjustments.changed.connect(self._on_adjusted)
            self._column.insertWidget(self._column.indexOf(self.dose) + 1, self._adjustments)
        return self._adjustments

    def _hide_adjustments(self) -> None:
        if self._adjustments is not None:
            self._adjustments.hide()

    def _on_adjusted(self, overrides: Overrides) -> None:
        item_id = self.item_id
        if item_id is None or item_id not in self.library.routines:
            return
        self.doses.set_overrides(item_id, overrides)
        self._show_dose(item_id)
        self.dose_changed.emit(item_id)

    def _show_dose(self, routine_id: str) -> None:
        routine = self.library.routines.get(routine_id)
        if routine is None:
            return
        article = arg(self.tr("The article: %1"), article_dose(routine).get(self.lang))
        self.dose.setText("<b>" + rich(dose_summary(routine, self.doses.overrides(routine_id))
                                       .get(self.lang)) + "</b><br>" + rich(article))

    def _use_usual_order(self) -> None:
        self.settings.set_first_routine(None)
        self.show_item(self.library, self.item_id)
        self.order_changed.emit()

    def _show_order_note(self, program: Program | None) -> None:
        first = self.settings.first_routine()
        routine = self.library.routines.get(first) if first else None
        if program is None or routine is None or first not in program.routine_ids \
                or program.routine_ids[0] == first:
            self.order_note.hide()
            self.usual_order.hide()
            return
        self.order_note.setText(arg(self.tr("This time the program starts with %1, as your "
                                            "check-in suggested."),
                                    routine.title.get(self.lang)))
        self.order_note.show()
        self.usual_order.show()

    def _rest_signs_html(self) -> str:
        """The article's signs that rest is better, on every routine and the program."""
        signs = "".join(f"<li>{rich(sign.get(self.lang))}</li>" for sign in triage.REST_SIGNS)
        lead = rich(self.tr("The article says rest is better when:"))
        background, heading, text = REST_SIGNS_COLOURS
        return (f"<table width='100%' cellpadding='8' style='background:{background}; "
                f"color:{text}; border:2px solid #c92a2a'><tr><td>"
                f"<b style='color:{heading}'>{rich(model.REST_TITLE.get(self.lang))}</b> — "
                f"{lead}<ul style='margin-top:2px; margin-bottom:0'>{signs}</ul>"
                "</td></tr></table>")

    def show_item(self, library: Library, item_id: str | None) -> None:
        """Show ``item_id`` of ``library`` (None: nothing could be loaded)."""
        self.library = library
        self.item_id = item_id
        routine = library.routines.get(item_id) if item_id else None
        program = library.programs.get(item_id) if item_id else None
        self._show_order_note(program)
        if routine is not None:
            self._show_routine(routine)
        elif program is not None:
            self._show_program(program)
        else:
            self.detail_title.setText(self.tr("No care routines could be loaded."))
            self.detail_cause.setText("")
            self.illustration.hide()
            self.setup_steps.hide()
            self._hide_adjustments()
            self.caution.setText("")
            self.dose.setText("")

    def _show_routine(self, routine: Routine) -> None:
        lang = self.lang
        self.detail_title.setText(routine.title.get(lang))
        signs = "".join(f"<li>{rich(s.get(lang))}</li>" for s in routine.cause.signs)
        cause_label = self.tr("Cause it addresses:")
        signs_label = self.tr("Signs of this cause:")
        self.detail_cause.setText(
            f"<p><b>{rich(routine.purpose.get(lang))}</b><br>"
            f"{rich(routine.benefit.get(lang))}</p>"
            f"<p><b>{cause_label}</b> {rich(routine.cause.name.get(lang))}"
            f"<br>{rich(routine.cause.note.get(lang))}</p>"
            f"<p>{signs_label}</p><ul>{signs}</ul>")
        self.illustration.show_illustration(routine.illustration, Side.NONE)
        self.illustration.show()
        steps = "".join(f"<li>{rich(s.text.get(lang))}</li>" for s in routine.setup)
        how = self.tr("How to do it")
        self.setup_steps.setText(f"<b>{how}</b><ol>{steps}</ol>")
        article_label = self.tr("From the article:")
        app_label = self.tr("The app adds:")
        self.caution.setText(
            self._rest_signs_html()
            + f"<p><b>{article_label}</b> {rich(routine.caution.article.get(lang))}</p>"
            f"<p><b>{app_label}</b> {rich(routine.caution.app.get(lang))}</p>")
        self.adjustments.show_routine(routine, self.doses.overrides(routine.id))
        self.adjustments.show()
        self.setup_steps.show()
        self.caution.show()
        self._show_dose(routine.id)

    def _show_program(self, program: Program) -> None:
        lang = self.lang
        library = self.library
        self.detail_title.setText(program.title.get(lang))
        rows = "".join(
            f"<li><b>{rich(r.title.get(lang))}</b>: "
            f"{rich(dose_summary(r, self.doses.overrides(r.id)).get(lang))}</li>"
            for r in (library.routines[rid] for rid in program_order(
                program, self.settings.first_routine())))
        hint = self.tr("To adjust a routine, select it in the list; the program uses the "
                       "same adjustments.")
        self.detail_cause.setText(f"<p>{rich(program.description.get(lang))}</p><ol>{rows}</ol>"
                                  f"<p>{hint}</p>")
        first = library.routines_of(program.id)[0]
        self.illustration.show_illustration(first.illustration, Side.NONE)
        self.illustration.show()
        self.setup_steps.hide()
        self._hide_adjustments()
        article_label = self.tr("From the article:")
        self.caution.setText(self._rest_signs_html()
                             + f"<p><b>{article_label}</b> "
                             f"{rich(first.caution.article.get(lang))}</p>")
        self.dose.setText("")
