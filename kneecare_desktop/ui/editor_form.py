"""What both editors are made of: two-language text fields, fields named for screen readers,
problems marked where they are, and a dialog that checks the file it would write as you type.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from kneecare_desktop import safe_files
from kneecare_desktop.library.files import link, load_text
from kneecare_desktop.library.problems import RoutineProblem
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import (
    Lang,
    Text,
)
from kneecare_desktop.ui.inputs import SpinBox
from kneecare_desktop.ui.text import arg

ROLE = Qt.ItemDataRole.UserRole


class BilingualEdit(QWidget):
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
        return Text(text_of(self.ja).strip(), text_of(self.en).strip())

    def lines(self) -> list[Text]:
        ja = [line.strip() for line in text_of(self.ja).splitlines() if line.strip()]
        en = [line.strip() for line in text_of(self.en).splitlines() if line.strip()]
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


def name_fields(form: QFormLayout) -> None:
    """Each field is called what its label says, for screen readers."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None:
            continue
        label_widget = label.widget()
        text = label_widget.text() if isinstance(label_widget, QLabel) else ""
        widget = field.widget()
        if isinstance(widget, BilingualEdit):
            widget.set_name(text)
        elif widget is not None and not widget.accessibleName():
            widget.setAccessibleName(text)


def mark(widget: QWidget, problem: str) -> None:
    """Show a field's problem on the field itself: a red frame and its words."""
    widget.setStyleSheet("border: 2px solid #c92a2a; border-radius: 3px;" if problem else "")
    widget.setToolTip(problem)
    widget.setAccessibleDescription(problem)


def language_header() -> QWidget:
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


def text_of(edit: QLineEdit | QPlainTextEdit) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def spin_box(limit_low: float, limit_high: float, value: float, suffix: str = "") -> QSpinBox:
    spin = SpinBox()
    spin.setRange(int(limit_low), int(limit_high))
    spin.setValue(int(value))
    spin.setSuffix(suffix)
    return spin


class ValidatingDialog(QDialog):
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
        self.bilingual: list[BilingualEdit] = []
        self._row_fields: dict[int, QWidget] = {}  # a problem's row: its field
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)

    def _register(self, path: tuple[str, ...], widget: QWidget) -> None:
        if isinstance(widget, BilingualEdit):
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
            mark(widget, "")
        self.problems.clear()
        self._row_fields.clear()
        for message, widget in self._empty_texts():
            mark(widget, message)
            self._add_problem(message, widget)
        said_at = {id(w) for _m, w in self._empty_texts()}
        for problem in problems:
            at = at_line.get(problem.line)
            if at is not None and id(at) in said_at:
                continue  # already said in the form's words
            message = problem.message.get(self.lang)
            if at is not None:
                message = arg(self.tr("%1: %2"), at.accessibleName(), message)
                mark(at, message)
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
                if not text_of(box).strip():
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
