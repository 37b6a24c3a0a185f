"""The routine and program editors: copy and adjust, never edit YAML by hand.

Every change is written to YAML and read back by the same loader that
``kneecare validate`` uses, so the problems shown are exactly its messages. Saving writes
that YAML to the user's routines folder (asking before replacing a file).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.library.records import Library
from kneecare_desktop.library.serialize import program_yaml, routine_yaml
from kneecare_desktop.model import (
    CHANGE_POSITION_SECONDS,
    HOLD_SECONDS,
    LEAD_IN_SECONDS,
    REPS,
    REST_SECONDS,
    SETS,
    SWITCH_SECONDS,
    TEMPO_PHASE_SECONDS,
    Hold,
    Lang,
    Pacing,
    Program,
    Reps,
    Routine,
    SetupStep,
    Side,
    SideChoice,
    SideOrder,
    Text,
)
from kneecare_desktop.ui.editor_form import (
    ROLE,
    BilingualEdit,
    ValidatingDialog,
    language_header,
    name_fields,
    spin_box,
)
from kneecare_desktop.ui.inputs import ComboBox, DoubleSpinBox
from kneecare_desktop.ui.screen_fit import fit_to_screen
from kneecare_desktop.ui.text import arg


class RoutineEditor(ValidatingDialog):
    """Copy a routine and adjust its dose, tempo, pauses, sides and texts."""

    def __init__(self, source: Routine, library: Library, user_dir: Path, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(library, user_dir, lang, parent)
        self.setObjectName("routineEditor")
        self.setWindowTitle(self.tr("Routine editor"))
        self.source = source
        exercise, dose = source.exercise, source.dose
        self.id_edit = QLineEdit(f"{source.id}-copy")
        self.id_edit.setObjectName("routineId")
        self.title = BilingualEdit(source.title)
        self.short_title = BilingualEdit(source.short_title)
        self.purpose = BilingualEdit(source.purpose)
        self.setup = BilingualEdit(Text("\n".join(s.text.ja for s in source.setup),
                                         "\n".join(s.text.en for s in source.setup)),
                                    multiline=True)
        self.instruction = BilingualEdit(exercise.instruction)
        self.hold = spin_box(HOLD_SECONDS.low, HOLD_SECONDS.high,
                          exercise.seconds if isinstance(exercise, Hold) else 20,
                          self.tr(" s"))
        self.hold.setObjectName("editHold")
        reps = exercise if isinstance(exercise, Reps) else None
        self.reps = spin_box(REPS.low, REPS.high, reps.count if reps else 12)
        self.reps_min = spin_box(REPS.low, REPS.high, reps.minimum if reps else 10)
        self.reps_max = spin_box(REPS.low, REPS.high, reps.maximum if reps else 15)
        self.down = DoubleSpinBox()
        self.up = DoubleSpinBox()
        for spin, seconds in ((self.down, reps.tempo.down_seconds if reps else 2.0),
                              (self.up, reps.tempo.up_seconds if reps else 2.0)):
            spin.setRange(TEMPO_PHASE_SECONDS.low, TEMPO_PHASE_SECONDS.high)
            spin.setSingleStep(0.5)
            spin.setValue(seconds)
            spin.setSuffix(self.tr(" s"))
        value: object  # each choice's data
        self.pacing = ComboBox()
        for label, value in ((self.tr("Guided by a tempo"), Pacing.TEMPO),
                             (self.tr("At my own pace (Enter per rep)"), Pacing.SELF)):
            self.pacing.addItem(label, value)
        if reps:
            self.pacing.setCurrentIndex(self.pacing.findData(reps.pacing))
        self.sets = spin_box(SETS.low, SETS.high, dose.sets)
        self.sets.setObjectName("editSets")
        self.sides = ComboBox()
        for label, value in ((self.tr("Both legs"), SideChoice.BOTH),
                             (self.tr("Left leg only"), SideChoice.LEFT),
                             (self.tr("Right leg only"), SideChoice.RIGHT)):
            self.sides.addItem(label, value)
        self.sides.setCurrentIndex(self.sides.findData(dose.sides))
        self.first = ComboBox()
        for label, value in ((self.tr("Left"), Side.LEFT), (self.tr("Right"), Side.RIGHT)):
            self.first.addItem(label, value)
        self.first.setCurrentIndex(self.first.findData(dose.first_side))
        self.order = ComboBox()
        for label, value in ((self.tr("Alternate: L, R, L, R"), SideOrder.ALTERNATE),
                             (self.tr("One side first: L, L, R, R"), SideOrder.BLOCK)):
            self.order.addItem(label, value)
        self.order.setCurrentIndex(self.order.findData(dose.order))
        self.lead_in = spin_box(LEAD_IN_SECONDS.low, LEAD_IN_SECONDS.high, dose.lead_in_seconds,
                             self.tr(" s"))
        self.rest = spin_box(REST_SECONDS.low, REST_SECONDS.high, dose.rest_seconds,
                          self.tr(" s"))
        self.switch = spin_box(SWITCH_SECONDS.low, SWITCH_SECONDS.high, dose.switch_seconds,
                            self.tr(" s"))
        form = QFormLayout()
        form.addRow(self.tr("Id (file name)"), self.id_edit)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Short title"), self.short_title)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("Setup, one step per line"), self.setup)
        form.addRow(self.tr("Instruction"), self.instruction)
        is_hold = isinstance(exercise, Hold)
        if is_hold:
            form.addRow(self.tr("Hold"), self.hold)
        else:
            form.addRow(self.tr("Reps"), self.reps)
            form.addRow(self.tr("Fewest reps"), self.reps_min)
            form.addRow(self.tr("Most reps"), self.reps_max)
            form.addRow(self.tr("Down"), self.down)
            form.addRow(self.tr("Up"), self.up)
            form.addRow(self.tr("Pacing"), self.pacing)
        form.addRow(self.tr("Sets"), self.sets)
        if dose.per_side:
            form.addRow(self.tr("Legs"), self.sides)
            form.addRow(self.tr("Start with"), self.first)
            form.addRow(self.tr("Side order"), self.order)
            form.addRow(self.tr("Switch sides"), self.switch)
        form.addRow(self.tr("Get ready"), self.lead_in)
        form.addRow(self.tr("Rest between sets"), self.rest)
        form.insertRow(1, "", language_header())
        name_fields(form)
        kind = "hold" if is_hold else "reps"
        for path, widget in ((("id",), self.id_edit), (("title",), self.title),
                             (("short_title",), self.short_title),
                             (("purpose",), self.purpose), (("setup", "text"), self.setup),
                             ((kind, "instruction"), self.instruction),
                             (("hold", "seconds"), self.hold), (("reps", "count"), self.reps),
                             (("reps", "min"), self.reps_min), (("reps", "max"), self.reps_max),
                             (("reps", "tempo", "down"), self.down),
                             (("reps", "tempo", "up"), self.up),
                             (("reps", "pacing"), self.pacing), (("dose", "sets"), self.sets),
                             (("dose", "sides"), self.sides),
                             (("dose", "first_side"), self.first),
                             (("dose", "order"), self.order), (("dose", "switch"), self.switch),
                             (("dose", "lead_in"), self.lead_in),
                             (("dose", "rest"), self.rest)):
            self._register(path, widget)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Routine"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        copy_of = QLabel(arg(self.tr("A copy of: %1"), source.title.get(lang)))
        copy_of.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(copy_of)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        for edit in (self.title, self.short_title, self.purpose, self.setup, self.instruction):
            edit.on_change(self.validate)
        self.id_edit.textChanged.connect(self.validate)
        spins: list[QSpinBox | QDoubleSpinBox] = [
            self.hold, self.reps, self.reps_min, self.reps_max, self.sets, self.lead_in,
            self.rest, self.switch]
        for box in spins:
            box.valueChanged.connect(self.validate)
        for double in (self.down, self.up):
            double.valueChanged.connect(self.validate)
        for combo in (self.pacing, self.sides, self.first, self.order):
            combo.currentIndexChanged.connect(self.validate)
        fit_to_screen(self, QSize(820, 760))
        self.validate()

    def item_id(self) -> str:
        return self.id_edit.text().strip()

    def routine(self) -> Routine:
        """The routine the form describes (what Save writes)."""
        source = self.source
        if isinstance(source.exercise, Hold):
            exercise: Hold | Reps = Hold(self.hold.value(), self.instruction.value())
        else:
            tempo = dataclasses.replace(source.exercise.tempo, down_seconds=self.down.value(),
                                        up_seconds=self.up.value())
            exercise = Reps(self.reps.value(), self.reps_min.value(), self.reps_max.value(),
                            Pacing(self.pacing.currentData()), tempo,
                            self.instruction.value())
        dose = dataclasses.replace(
            source.dose, sets=self.sets.value(), sides=SideChoice(self.sides.currentData()),
            first_side=Side(self.first.currentData()),
            order=SideOrder(self.order.currentData()), lead_in_seconds=self.lead_in.value(),
            rest_seconds=self.rest.value(),
            switch_seconds=self.switch.value() if source.dose.per_side else 0)
        old_steps = {i: s.illustration for i, s in enumerate(source.setup)}
        steps = tuple(SetupStep(text, old_steps.get(i))
                      for i, text in enumerate(self.setup.lines()))
        return dataclasses.replace(
            source, id=self.item_id(), title=self.title.value(),
            short_title=self.short_title.value(), purpose=self.purpose.value(),
            setup=steps, exercise=exercise, dose=dose, source=None)

    def yaml_text(self) -> str:
        note = f"Made with the KneeCare routine editor, from: {self.source.id}"
        return routine_yaml(self.routine(), note)


class ProgramEditor(ValidatingDialog):
    """Assemble a program from routines, in order."""

    def __init__(self, source: Program | None, library: Library, user_dir: Path, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(library, user_dir, lang, parent)
        self.setObjectName("programEditor")
        self.setWindowTitle(self.tr("Program editor"))
        base = source or Program("my-program", Text("", ""), Text("", ""), (), 15)
        self.id_edit = QLineEdit(f"{base.id}-copy" if source else base.id)
        self.id_edit.setObjectName("programId")
        self.title = BilingualEdit(base.title)
        self.description = BilingualEdit(base.description)
        self.change = spin_box(CHANGE_POSITION_SECONDS.low, CHANGE_POSITION_SECONDS.high,
                            base.change_position_seconds, self.tr(" s"))
        self.routines = QListWidget()
        self.routines.setObjectName("programRoutines")
        ordered = [*base.routine_ids,
                   *(rid for rid in library.routines if rid not in base.routine_ids)]
        for routine_id in ordered:
            routine = library.routines.get(routine_id)
            if routine is None:
                continue
            item = QListWidgetItem(f"{routine.title.get(lang)} ({routine_id})")
            item.setData(ROLE, routine_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if routine_id in base.routine_ids
                               else Qt.CheckState.Unchecked)
            self.routines.addItem(item)
        up, down = QPushButton(self.tr("Move up")), QPushButton(self.tr("Move down"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        moves = QHBoxLayout()
        moves.addWidget(up)
        moves.addWidget(down)
        moves.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Id (file name)"), self.id_edit)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Time to change position"), self.change)
        group = QGroupBox(self.tr("Routines, in order (tick the ones to include)"))
        column = QVBoxLayout(group)
        column.addWidget(self.routines)
        column.addLayout(moves)
        layout = QVBoxLayout(self)
        form.insertRow(1, "", language_header())
        name_fields(form)
        for path, widget in ((("id",), self.id_edit), (("title",), self.title),
                             (("description",), self.description),
                             (("change_position",), self.change),
                             (("routines",), self.routines)):
            self._register(path, widget)
        layout.addLayout(form)
        layout.addWidget(group, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.id_edit.textChanged.connect(self.validate)
        self.title.on_change(self.validate)
        self.description.on_change(self.validate)
        self.change.valueChanged.connect(self.validate)
        self.routines.itemChanged.connect(self.validate)
        fit_to_screen(self, QSize(640, 620))
        self.validate()

    def _move(self, step: int) -> None:
        row = self.routines.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.routines.count():
            return
        item = self.routines.takeItem(row)
        self.routines.insertItem(target, item)
        self.routines.setCurrentRow(target)
        self.validate()

    def item_id(self) -> str:
        return self.id_edit.text().strip()

    def program(self) -> Program:
        chosen = tuple(str(self.routines.item(i).data(ROLE)) for i in range(self.routines.count())
                       if self.routines.item(i).checkState() == Qt.CheckState.Checked)
        return Program(self.item_id(), self.title.value(), self.description.value(), chosen,
                       self.change.value())

    def yaml_text(self) -> str:
        program = self.program()
        text = program_yaml(program)
        if not program.routine_ids:
            text = text.replace("routines: []", "routines: []  # tick at least one routine")
        return text
