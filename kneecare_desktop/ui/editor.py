"""The routine and program editors: copy and adjust, never edit YAML by hand.

Every change is written to YAML and read back by the same loader that
``kneecare validate`` uses, so the problems shown are exactly its messages. Saving writes
that YAML to the user's routines folder (asking before replacing a file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop import safe_files
from kneecare_desktop.library.files import link, load_text
from kneecare_desktop.library.problems import RoutineProblem
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
from kneecare_desktop.ui.inputs import ComboBox, DoubleSpinBox, SpinBox
from kneecare_desktop.ui.screen_fit import fit_to_screen
from kneecare_desktop.ui.text import arg

ROLE = Qt.ItemDataRole.UserRole


class _BilingualEdit(QWidget):
    """Japanese and English side by side."""

    def __init__(self, text: Text, multiline: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.ja: QLineEdit | QPlainTextEdit
        self.en: QLineEdit | QPlainTextEdit
        if multiline:
            self.ja, self.en = QPlainTextEdit(text.ja), QPlainTextEdit(text.en)
            for edit in (self.ja, self.en):
                edit.setFixedHeight(84)
        else:
            self.ja, self.en = QLineEdit(text.ja), QLineEdit(text.en)
        self.ja.setPlaceholderText("日本語")
        self.en.setPlaceholderText("English")
        row.addWidget(self.ja)
        row.addWidget(self.en)

    def value(self) -> Text:
        return Text(_text_of(self.ja).strip(), _text_of(self.en).strip())

    def lines(self) -> list[Text]:
        ja = [line.strip() for line in _text_of(self.ja).splitlines() if line.strip()]
        en = [line.strip() for line in _text_of(self.en).splitlines() if line.strip()]
        count = max(len(ja), len(en))
        ja += [""] * (count - len(ja))
        en += [""] * (count - len(en))
        return [Text(j, e) for j, e in zip(ja, en, strict=True)]

    def on_change(self, slot: Callable[[], object]) -> None:
        for edit in (self.ja, self.en):
            edit.textChanged.connect(slot)

    def set_name(self, name: str) -> None:
        """What a screen reader (and a test) calls the two boxes: "Title, English"."""
        self.ja.setAccessibleName(arg(self.tr("%1, Japanese"), name))
        self.en.setAccessibleName(arg(self.tr("%1, English"), name))


def _name_fields(form: QFormLayout) -> None:
    """Each field is called what its label says, for screen readers."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None:
            continue
        label_widget = label.widget()
        text = label_widget.text() if isinstance(label_widget, QLabel) else ""
        widget = field.widget()
        if isinstance(widget, _BilingualEdit):
            widget.set_name(text)
        elif widget is not None and not widget.accessibleName():
            widget.setAccessibleName(text)


def _mark(widget: QWidget, problem: str) -> None:
    """Show a field's problem on the field itself: a red frame and its words."""
    widget.setStyleSheet("border: 2px solid #c92a2a; border-radius: 3px;" if problem else "")
    widget.setToolTip(problem)
    widget.setAccessibleDescription(problem)


def _language_header() -> QWidget:
    """Above the two-language fields: which column is which."""
    header = QWidget()
    row = QHBoxLayout(header)
    row.setContentsMargins(0, 0, 0, 0)
    for text in ("日本語", "English"):
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        row.addWidget(label)
    return header


def _text_of(edit: QLineEdit | QPlainTextEdit) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def _spin(limit_low: float, limit_high: float, value: float, suffix: str = "") -> QSpinBox:
    spin = SpinBox()
    spin.setRange(int(limit_low), int(limit_high))
    spin.setValue(int(value))
    spin.setSuffix(suffix)
    return spin


class _ValidatingDialog(QDialog):
    saved = Signal(object)  # Path

    def __init__(self, library: Library, user_dir: Path, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.user_dir = user_dir
        self.lang = lang
        self.problems = QListWidget()
        self.problems.setAccessibleName(self.tr("Problems"))
        self.problems.setObjectName("editorProblems")
        self.problems.setMaximumHeight(110)
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # The form's fields by where they go in the file: ("title", "en") -> its box.
        self.fields: dict[tuple[str, ...], QWidget] = {}
        self.bilingual: list[_BilingualEdit] = []
        self._row_fields: dict[int, QWidget] = {}  # a problem's row: its field
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)

    def _register(self, path: tuple[str, ...], widget: QWidget) -> None:
        if isinstance(widget, _BilingualEdit):
            self.fields[(*path, "ja")] = widget.ja
            self.fields[(*path, "en")] = widget.en
            self.bilingual.append(widget)
        else:
            self.fields[path] = widget

    def target_path(self, item_id: str) -> Path:
        return self.user_dir / f"{item_id}.yaml"

    def yaml_text(self) -> str:
        raise NotImplementedError

    def item_id(self) -> str:
        raise NotImplementedError

    def validate(self) -> list[RoutineProblem]:
        """The loader's own problems for what the form would save, in context, each
        shown at its field: the field is marked, and the list names it in the form's
        words ("Title, English: …"), not the file's; a click there goes to the field."""
        path = self.target_path(self.item_id() or "untitled")
        text = self.yaml_text()
        loaded = load_text(path, text)
        others = [f for f in self.library.files if f.path.resolve() != path.resolve()]
        linked = link([*others, loaded])
        problems = [p for f in linked.files if f.path == path for p in f.problems]
        at_line = self._fields_by_line(text)
        for widget in self.fields.values():
            _mark(widget, "")
        self.problems.clear()
        self._row_fields.clear()
        for message, widget in self._empty_texts():
            _mark(widget, message)
            self._add_problem(message, widget)
        said_at = {id(w) for _m, w in self._empty_texts()}
        for problem in problems:
            at = at_line.get(problem.line)
            if at is not None and id(at) in said_at:
                continue  # already said in the form's words
            message = problem.message.get(self.lang)
            if at is not None:
                message = arg(self.tr("%1: %2"), at.accessibleName(), message)
                _mark(at, message)
            self._add_problem(message, at)
        errors = [p for p in problems if p.is_error] or self._empty_texts()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not errors)
        self.status.setText(arg(self.tr("Ready to save as %1"), path)
                            if not errors else self.tr("Fix the problems below to save."))
        return problems

    def _add_problem(self, message: str, widget: QWidget | None) -> None:
        if widget is not None:
            self._row_fields[self.problems.count()] = widget
        self.problems.addItem(QListWidgetItem(message))

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        widget = self._row_fields.get(self.problems.row(item))
        if widget is not None:
            widget.setFocus()

    def _empty_texts(self) -> list[tuple[str, QWidget]]:
        """The two-language texts left empty, said as the form says them."""
        found: list[tuple[str, QWidget]] = []
        for edit in self.bilingual:
            for box, language in ((edit.ja, self.tr("Japanese")),
                                  (edit.en, self.tr("English"))):
                if not _text_of(box).strip():
                    found.append((arg(self.tr("%1: write the %2 text (it is empty)"),
                                      box.accessibleName(), language), box))
        return found

    def _fields_by_line(self, text: str) -> dict[int, QWidget]:
        """Which field each line of the YAML the form writes comes from (1-based)."""
        import yaml

        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return {}
        found: dict[int, QWidget] = {}

        def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    inner = (*path, str(key.value))
                    widget = self._field_for(inner)
                    if widget is not None:  # the key's line, and every line of its value
                        for line in range(key.start_mark.line + 1, value.end_mark.line + 2):
                            found.setdefault(line, widget)
                    walk(value, inner)
            elif isinstance(node, yaml.SequenceNode):
                for item in node.value:
                    walk(item, path)

        if root is not None:
            walk(root, ())
        return found

    def _field_for(self, path: tuple[str, ...]) -> QWidget | None:
        """The longest registered path that ``path`` starts with."""
        for length in range(len(path), 0, -1):
            widget = self.fields.get(path[:length])
            if widget is not None:
                return widget
        return None

    def save(self) -> None:
        if any(p.is_error for p in self.validate()) or self._empty_texts():
            return
        path = self.target_path(self.item_id())
        if path.exists():
            answer = QMessageBox.question(
                self, self.tr("Replace?"),
                arg(self.tr("%1 already exists. Replace it?"), path))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.save_to(path)

    def save_to(self, path: Path) -> Path | None:
        """Write the file whole or not at all; on failure say why and keep the editor
        open, with the work in it."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            safe_files.write_text(path, self.yaml_text())
        except OSError as error:
            reason = (error.message(self.lang) if isinstance(error, safe_files.WriteFailedError)
                      else arg(self.tr("%1 cannot be written: %2"), str(path),
                               error.strerror or str(error)))
            self.status.setText(reason)
            box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), reason,
                              QMessageBox.StandardButton.Close, self)
            box.setObjectName("cannotSave")
            box.open()
            return None
        self.saved.emit(path)
        self.accept()
        return path


class RoutineEditor(_ValidatingDialog):
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
        self.title = _BilingualEdit(source.title)
        self.short_title = _BilingualEdit(source.short_title)
        self.purpose = _BilingualEdit(source.purpose)
        self.setup = _BilingualEdit(Text("\n".join(s.text.ja for s in source.setup),
                                         "\n".join(s.text.en for s in source.setup)),
                                    multiline=True)
        self.instruction = _BilingualEdit(exercise.instruction)
        self.hold = _spin(HOLD_SECONDS.low, HOLD_SECONDS.high,
                          exercise.seconds if isinstance(exercise, Hold) else 20,
                          self.tr(" s"))
        self.hold.setObjectName("editHold")
        reps = exercise if isinstance(exercise, Reps) else None
        self.reps = _spin(REPS.low, REPS.high, reps.count if reps else 12)
        self.reps_min = _spin(REPS.low, REPS.high, reps.minimum if reps else 10)
        self.reps_max = _spin(REPS.low, REPS.high, reps.maximum if reps else 15)
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
        self.sets = _spin(SETS.low, SETS.high, dose.sets)
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
        self.lead_in = _spin(LEAD_IN_SECONDS.low, LEAD_IN_SECONDS.high, dose.lead_in_seconds,
                             self.tr(" s"))
        self.rest = _spin(REST_SECONDS.low, REST_SECONDS.high, dose.rest_seconds,
                          self.tr(" s"))
        self.switch = _spin(SWITCH_SECONDS.low, SWITCH_SECONDS.high, dose.switch_seconds,
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
        form.insertRow(1, "", _language_header())
        _name_fields(form)
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


class ProgramEditor(_ValidatingDialog):
    """Assemble a program from routines, in order."""

    def __init__(self, source: Program | None, library: Library, user_dir: Path, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(library, user_dir, lang, parent)
        self.setObjectName("programEditor")
        self.setWindowTitle(self.tr("Program editor"))
        base = source or Program("my-program", Text("", ""), Text("", ""), (), 15)
        self.id_edit = QLineEdit(f"{base.id}-copy" if source else base.id)
        self.id_edit.setObjectName("programId")
        self.title = _BilingualEdit(base.title)
        self.description = _BilingualEdit(base.description)
        self.change = _spin(CHANGE_POSITION_SECONDS.low, CHANGE_POSITION_SECONDS.high,
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
        form.insertRow(1, "", _language_header())
        _name_fields(form)
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
