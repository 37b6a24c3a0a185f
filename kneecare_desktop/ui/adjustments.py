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
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

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
from kneecare_desktop.plan import Overrides, effective_dose, effective_exercise

T = TypeVar("T")


def differs(value: T, default: T) -> T | None:
    """``value`` if it differs from the file's ``default``, else None (keep the file's)."""
    return None if value == default else value


class AdjustmentsForm(QGroupBox):
    changed = Signal(object)  # Overrides

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjustments")
        self._routine: Routine | None = None
        self._loading = False
        self.hold = QSpinBox()
        self.hold.setRange(int(HOLD_SECONDS.low), int(HOLD_SECONDS.high))
        self.hold.setObjectName("holdSeconds")
        self.sets = QSpinBox()
        self.sets.setRange(int(SETS.low), int(SETS.high))
        self.sets.setObjectName("sets")
        self.reps = QSpinBox()
        self.reps.setRange(int(REPS.low), int(REPS.high))
        self.reps.setObjectName("reps")
        self.sides = QComboBox()
        self.sides.setObjectName("sides")
        self.order = QComboBox()
        self.order.setObjectName("order")
        self.first_side = QComboBox()
        self.first_side.setObjectName("firstSide")
        self.pacing = QComboBox()
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
        self._fill_texts()
        for spin in (self.hold, self.sets, self.reps):
            spin.valueChanged.connect(self._emit)
        for combo in (self.sides, self.order, self.first_side, self.pacing):
            combo.currentIndexChanged.connect(self._emit)

    def _fill_texts(self) -> None:
        self.setTitle(self.tr("Adjust for this person"))
        self.hold.setSuffix(self.tr(" s"))
        self.reset.setText(self.tr("Reset to defaults"))
        choices = {
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
        rows = [(self.tr("Hold"), self.hold), (self.tr("Sets"), self.sets),
                (self.tr("Reps"), self.reps), (self.tr("Legs"), self.sides),
                (self.tr("Side order"), self.order), (self.tr("Start with"), self.first_side),
                (self.tr("Pacing"), self.pacing)]
        for label, widget in rows:
            self.form.addRow(label, widget)
            widget.setAccessibleName(label)

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
                self.form.setRowVisible(widget, visible)
            self.reset.setEnabled(not overrides.is_empty())
        finally:
            self._loading = False

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
        self.reset.setEnabled(not overrides.is_empty())
        self.changed.emit(overrides)

    def _on_reset(self) -> None:
        if self._routine is None:
            return
        self.show_routine(self._routine, Overrides())
        self.changed.emit(Overrides())

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
