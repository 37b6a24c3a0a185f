"""Quick adjustments before starting: hold, sets, reps, sides and order.

They feed the compiler's overrides and are remembered per routine. Only values that
differ from the routine file are kept, so a file's later change still shows through.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.library.overrides import Overrides, effective_dose, effective_exercise
from kneecare_desktop.model import (
    HOLD_SECONDS,
    REPS,
    SETS,
    Hold,
    Pacing,
    Routine,
    Side,
    SideChoice,
    SideOrder,
)
from kneecare_desktop.ui.inputs import ComboBox, SpinBox
from kneecare_desktop.ui.text import arg

T = TypeVar("T")


def differs(value: T, default: T) -> T | None:
    """``value`` if it differs from the file's ``default``, else None (keep the file's)."""
    return None if value == default else value


class _Row:
    """One adjustable value: its label, its box, and a reset to the routine file's value,
    shown (with a "changed" mark) only when the value differs from the file."""

    def __init__(self, name: str, field: QSpinBox | QComboBox) -> None:
        self.name = name
        self.field = field
        self.label = QLabel(name)
        self.label.setBuddy(field)
        self.reset = QToolButton()
        self.reset.setObjectName(f"reset-{field.objectName()}")
        self.container = QWidget()
        row = QHBoxLayout(self.container)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(self.reset)
        field.setAccessibleName(name)
        self.default_text = ""

    def field_text(self) -> str:
        if isinstance(self.field, QComboBox):
            return self.field.currentText()
        return self.field.text()

    def mark(self, changed: bool, default_text: str, changed_mark: str, reset_text: str) -> None:
        self.default_text = default_text
        self.label.setText(arg(changed_mark, self.name) if changed else self.name)
        font = self.label.font()
        font.setBold(changed)
        self.label.setFont(font)
        self.reset.setText(arg(reset_text, default_text))
        self.reset.setAccessibleName(arg(reset_text, default_text))
        self.reset.setVisible(changed)


class AdjustmentsForm(QGroupBox):
    """The dose for this person. A value that differs from the routine file is marked,
    with a one-click reset beside it; the wheel never changes a value in passing."""

    changed = Signal(object)  # Overrides

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjustments")
        self._routine: Routine | None = None
        self._loading = False
        self.hold = SpinBox()
        self.hold.setRange(int(HOLD_SECONDS.low), int(HOLD_SECONDS.high))
        self.hold.setObjectName("holdSeconds")
        self.sets = SpinBox()
        self.sets.setRange(int(SETS.low), int(SETS.high))
        self.sets.setObjectName("sets")
        self.reps = SpinBox()
        self.reps.setRange(int(REPS.low), int(REPS.high))
        self.reps.setObjectName("reps")
        self.sides = ComboBox()
        self.sides.setObjectName("sides")
        self.order = ComboBox()
        self.order.setObjectName("order")
        self.first_side = ComboBox()
        self.first_side.setObjectName("firstSide")
        self.pacing = ComboBox()
        self.pacing.setObjectName("pacing")
        self.reset = QPushButton()
        self.reset.setObjectName("resetAdjustments")
        self.reset.clicked.connect(self._on_reset)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reset)
        layout.addLayout(row)
        self.rows: dict[str, _Row] = {}
        self._fill_texts()
        for spin in (self.hold, self.sets, self.reps):
            spin.valueChanged.connect(self._emit)
        for combo in (self.sides, self.order, self.first_side, self.pacing):
            combo.currentIndexChanged.connect(self._emit)

    def _fill_texts(self) -> None:
        self.setTitle(self.tr("Adjust for this person"))
        self.hold.setSuffix(self.tr(" s"))
        self.reset.setText(self.tr("Reset all to the routine's values"))
        choices: dict[QComboBox, list[tuple[str, object]]] = {
            self.sides: [(self.tr("Both legs"), SideChoice.BOTH),
                         (self.tr("Left leg only"), SideChoice.LEFT),
                         (self.tr("Right leg only"), SideChoice.RIGHT)],
            self.order: [(self.tr("Alternate: L, R, L, R"), SideOrder.ALTERNATE),
                         (self.tr("One side first: L, L, R, R"), SideOrder.BLOCK)],
            self.first_side: [(self.tr("Left"), Side.LEFT), (self.tr("Right"), Side.RIGHT)],
            self.pacing: [(self.tr("Guided by a tempo"), Pacing.TEMPO),
                          (self.tr("At my own pace (Enter per rep)"), Pacing.SELF)],
        }
        for combo, options in choices.items():
            combo.clear()
            for text, value in options:
                combo.addItem(text, value)
        fields: list[tuple[str, QSpinBox | QComboBox]] = [
            (self.tr("Hold"), self.hold), (self.tr("Sets"), self.sets),
            (self.tr("Reps"), self.reps), (self.tr("Legs"), self.sides),
            (self.tr("Side order"), self.order), (self.tr("Start with"), self.first_side),
            (self.tr("Pacing"), self.pacing)]
        for name, field in fields:
            row = _Row(name, field)
            row.reset.clicked.connect(lambda _checked=False, f=field: self._reset_one(f))
            self.rows[field.objectName()] = row
            self.form.addRow(row.label, row.container)

    def show_routine(self, routine: Routine, overrides: Overrides) -> None:
        self._routine = routine
        self._loading = True
        try:
            dose = effective_dose(routine, overrides)
            exercise = effective_exercise(routine, overrides)
            is_hold = isinstance(exercise, Hold)
            if isinstance(exercise, Hold):
                self.hold.setValue(exercise.seconds)
            else:
                self.reps.setValue(exercise.count)
                self._select(self.pacing, exercise.pacing)
            self.sets.setValue(dose.sets)
            self._select(self.sides, dose.sides)
            self._select(self.order, dose.order)
            self._select(self.first_side, dose.first_side)
            per_side = dose.per_side
            for widget, visible in ((self.hold, is_hold), (self.reps, not is_hold),
                                    (self.pacing, not is_hold), (self.sides, per_side),
                                    (self.order, per_side), (self.first_side, per_side)):
                self.form.setRowVisible(self.rows[widget.objectName()].container, visible)
        finally:
            self._loading = False
        self._mark_changes(overrides)

    def _file_texts(self) -> dict[str, str]:
        """How each box would show the routine file's own value."""
        routine = self._routine
        if routine is None:
            return {}
        dose, exercise = routine.dose, routine.exercise
        texts = {"sets": str(dose.sets),
                 "sides": self._text_of(self.sides, dose.sides),
                 "order": self._text_of(self.order, dose.order),
                 "firstSide": self._text_of(self.first_side, dose.first_side)}
        if isinstance(exercise, Hold):
            texts["holdSeconds"] = f"{exercise.seconds}{self.hold.suffix()}"
        else:
            texts["reps"] = str(exercise.count)
            texts["pacing"] = self._text_of(self.pacing, exercise.pacing)
        return texts

    def _mark_changes(self, overrides: Overrides) -> None:
        changed = {"holdSeconds": overrides.hold_seconds, "sets": overrides.sets,
                   "reps": overrides.reps, "sides": overrides.sides,
                   "order": overrides.order, "firstSide": overrides.first_side,
                   "pacing": overrides.pacing}
        texts = self._file_texts()
        for name, row in self.rows.items():
            row.mark(changed.get(name) is not None, texts.get(name, ""),
                     self.tr("%1 (changed)"), self.tr("Reset to %1"))
        self.reset.setEnabled(not overrides.is_empty())

    def current_overrides(self) -> Overrides:
        """The form's values that differ from the routine file."""
        routine = self._routine
        if routine is None:
            return Overrides()
        dose = routine.dose
        exercise = routine.exercise

        values = Overrides(
            hold_seconds=differs(self.hold.value(), exercise.seconds)
            if isinstance(exercise, Hold) else None,
            reps=None if isinstance(exercise, Hold) else differs(self.reps.value(),
                                                                 exercise.count),
            pacing=None if isinstance(exercise, Hold) else differs(
                Pacing(self.pacing.currentData()), exercise.pacing),
            sets=differs(self.sets.value(), dose.sets),
            sides=differs(SideChoice(self.sides.currentData()), dose.sides)
            if dose.per_side else None,
            order=differs(SideOrder(self.order.currentData()), dose.order)
            if dose.per_side else None,
            first_side=differs(Side(self.first_side.currentData()), dose.first_side)
            if dose.per_side else None,
        )
        return values

    def _emit(self) -> None:
        if self._loading or self._routine is None:
            return
        overrides = self.current_overrides()
        self._mark_changes(overrides)
        self.changed.emit(overrides)

    def _on_reset(self) -> None:
        if self._routine is None:
            return
        self.show_routine(self._routine, Overrides())
        self.changed.emit(Overrides())

    def _reset_one(self, field: QSpinBox | QComboBox) -> None:
        """Back to the routine file's value for this one box."""
        routine = self._routine
        if routine is None:
            return
        dose, exercise = routine.dose, routine.exercise
        values: dict[str, object] = {
            "holdSeconds": exercise.seconds if isinstance(exercise, Hold) else None,
            "reps": None if isinstance(exercise, Hold) else exercise.count,
            "sets": dose.sets, "sides": dose.sides, "order": dose.order,
            "firstSide": dose.first_side,
            "pacing": None if isinstance(exercise, Hold) else exercise.pacing}
        value = values.get(field.objectName())
        if value is None:
            return
        if isinstance(field, QSpinBox):
            field.setValue(int(value))  # type: ignore[call-overload]
        else:
            self._select(field, value)
        field.setFocus()

    @staticmethod
    def _text_of(combo: QComboBox, value: object) -> str:
        index = combo.findData(value)
        return combo.itemText(index) if index >= 0 else ""

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
