"""The care menu: routines and programs, their details, and quick adjustments."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QIcon, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.care.person_plan import session_overrides
from kneecare_desktop.library.overrides import OverrideError, Overrides
from kneecare_desktop.library.records import Library
from kneecare_desktop.model import Lang, Program, Routine, Side
from kneecare_desktop.plan.compiler import compile_plan
from kneecare_desktop.ui.buttons import ActionButton
from kneecare_desktop.ui.care_detail import CareDetail, Doses
from kneecare_desktop.ui.illustration import recoloured, svg_source
from kneecare_desktop.ui.pain import PainScale
from kneecare_desktop.ui.settings import AppSettings
from kneecare_desktop.ui.text import arg, format_clock
from kneecare_desktop.ui.theme import Theme

ID_ROLE = Qt.ItemDataRole.UserRole


def thumbnail(name: str, theme: Theme, size: QSize, pixel_ratio: float = 1.0) -> QIcon:
    """A small picture of a routine for the list, drawn from its SVG at the screen's
    pixel ratio (sharp at 2× scaling, not a 1× picture blown up)."""
    source = svg_source(name)
    if source is None:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(recoloured(source, theme, Side.NONE)))
    pixels = QSize(round(size.width() * pixel_ratio), round(size.height() * pixel_ratio))
    image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels.width(), pixels.height()))
    painter.end()
    image.setDevicePixelRatio(pixel_ratio)
    return QIcon(QPixmap.fromImage(image))


class CareList(QListWidget):
    """The care menu's list. ``painted`` says when its items have been drawn (at each
    paint of its viewport), found without asking Qt for the viewport: PySide wraps a
    widget that Qt made by looking for its class among QtWidgets' classes, and creates
    all of their enums the first time (64 enums, 9 ms), which the care menu waited for."""

    painted = Signal()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Paint:
            self.painted.emit()
        return handled


class LibraryView(QWidget):
    """Lists what can be started; a detail pane shows the selected one."""

    start_requested = Signal(str)
    selection_changed = Signal(str)

    def __init__(self, settings: AppSettings, doses: Doses, lang: Lang, theme: Theme,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.doses = doses  # the current person's adjustments
        self.lang = lang
        self.theme = theme
        self.library = Library({}, {}, ())
        self.list = CareList()
        self.list.setAccessibleName(self.tr("Care menu"))
        self.list.setObjectName("careList")
        self.list.setIconSize(QSize(96, 64))
        self.list.setSpacing(4)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(280)  # titles stay readable however wide the detail is
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemActivated.connect(self._on_activated)

        self.duration = QLabel()
        self.duration.setObjectName("totalDuration")
        self.start_button = QPushButton()
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(44)
        start_font = QFont(self.font())
        start_font.setPixelSize(18)
        start_font.setBold(True)
        self.start_button.setFont(start_font)
        # Focus must show: a keyboard user sees where Enter goes.
        self.start_button.setStyleSheet(
            "QPushButton#startButton { border: 2px solid palette(mid); border-radius: 6px; "
            "background: palette(button); color: palette(button-text); padding: 6px 22px; }"
            "QPushButton#startButton:focus { border: 4px solid palette(highlight); "
            "padding: 4px 20px; }"
            "QPushButton#startButton:pressed { background: palette(mid); }")
        self.start_button.clicked.connect(self._on_start_clicked)
        self.detail = CareDetail(settings, doses, lang, theme)
        self.detail.dose_changed.connect(self._refresh_texts)
        self.pain_box = QGroupBox(self.tr("How much does the back of your knee hurt right now? "
                                          "(optional: press a number, or click one)"))
        self.pain_box.setObjectName("painBefore")
        self.pain_scale = PainScale()
        self.dont_ask = QCheckBox(self.tr("Don't ask"))
        self.dont_ask.setObjectName("dontAskPain")
        self.dont_ask.toggled.connect(self._stop_asking)
        pain_layout = QVBoxLayout(self.pain_box)
        pain_layout.addWidget(self.pain_scale)
        pain_layout.addWidget(self.dont_ask, 0, Qt.AlignmentFlag.AlignRight)
        self.list.installEventFilter(self)
        self.problems_title = QLabel()
        self.problems_title.setObjectName("problemsTitle")
        self.problems = QListWidget()
        self.problems.setObjectName("problems")
        self.problems.setMaximumHeight(120)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.pain_box)
        self.start_row = QHBoxLayout()
        self.start_row.addWidget(self.duration, 1)
        self.start_row.addWidget(self.start_button)
        right_layout.addLayout(self.start_row)

        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems)
        self.start_button.setText(self.tr("Start"))

    # -- the pain rating before a session -------------------------------------------------------
    def show_pain_question(self, ask: bool) -> None:
        self.pain_box.setVisible(ask)

    def pain_before(self) -> int | None:
        return self.pain_scale.value() if self.pain_box.isVisible() else None

    def clear_pain(self) -> None:
        self.pain_scale.set_value(None)

    def _stop_asking(self, checked: bool) -> None:
        if checked:
            self.settings.set_ask_pain(False)
            self.pain_box.hide()
            self.dont_ask.setChecked(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Digits typed in the list rate the pain (the list would search for them)."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress \
                and self.pain_box.isVisible() and isinstance(event, QKeyEvent) \
                and self.pain_scale.handle_key(event):
            return True
        return super().eventFilter(watched, event)

    # -- content -------------------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        current = self.selected_id()
        self.library = library
        self.list.clear()
        items: list[Routine | Program] = [*library.programs.values(), *self._routine_order()]
        for item in items:
            entry = QListWidgetItem(self._list_text(item))
            entry.setData(ID_ROLE, item.id)
            illustration = (item.illustration if isinstance(item, Routine)
                            else library.routines_of(item.id)[0].illustration)
            entry.setIcon(thumbnail(illustration, self.theme, self.list.iconSize(),
                                    self.list.devicePixelRatioF()))
            entry.setToolTip(item.title.get(self.lang))
            self.list.addItem(entry)
        self._show_problems(library)
        ids = [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]
        row = ids.index(current) if current in ids else 0
        if self.list.count():
            self.list.setCurrentRow(row)
        else:
            self._show_detail(None)

    def show_doses(self) -> None:
        """The adjustments changed (another person, an import): new doses and durations
        in the list and the detail; the list itself, and its pictures, stay."""
        self._show_detail(self.selected_id(), list_too=True)

    def _routine_order(self) -> list[Routine]:
        """Routines in the order the programs run them, then any others by title."""
        ordered: dict[str, Routine] = {}
        for program in self.library.programs.values():
            for routine in self.library.routines_of(program.id):
                ordered.setdefault(routine.id, routine)
        rest = sorted((r for r in self.library.routines.values() if r.id not in ordered),
                      key=lambda r: r.title.get(self.lang))
        return [*ordered.values(), *rest]

    def focus_list(self) -> None:
        """The keys go to the list of routines (arrows choose, Ctrl+Enter starts)."""
        self.list.setFocus()

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(ID_ROLE))

    def select(self, item_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == item_id:
                self.list.setCurrentRow(row)
                return

    def overrides_for_plan(self) -> dict[str, Overrides]:
        """The remembered adjustments of every routine, plus the global lead-in: the
        doses and durations the list shows are those a Start runs."""
        return session_overrides(self.library.routines, self.doses.overrides,
                                 self.settings.lead_in_seconds())

    def _list_text(self, item: Routine | Program) -> str:
        lang = self.lang
        duration = self._duration_text(item.id)
        if isinstance(item, Program):
            second = arg(self.tr("Program · %1 care routines · %2"), len(item.routine_ids),
                         duration)
        else:
            second = f"{item.purpose.get(lang)} · {duration}"
            second += "\n" + arg(self.tr("Cause: %1"), item.cause.name.get(lang))
        return f"{item.title.get(lang)}\n{second}"

    def _duration_text(self, item_id: str) -> str:
        try:
            target = self.library.programs.get(item_id) or self.library.routines[item_id]
            plan = compile_plan(target, self.overrides_for_plan(), self.library.routines)
        except (KeyError, OverrideError):
            return "?"
        text = format_clock(plan.total_seconds)
        return arg(self.tr("about %1"), text) if plan.estimated else text

    def _show_problems(self, library: Library) -> None:
        self.problems.clear()
        problems = library.problems
        for problem in problems:
            entry = QListWidgetItem(problem.format(self.lang))
            entry.setToolTip(problem.format(self.lang))
            self.problems.addItem(entry)
        errors = sum(1 for p in problems if p.is_error)
        self.problems_title.setText(
            arg(self.tr("Problems in routine files: %1. Fix the files, then reload (F5)."),
                errors)
            if errors else self.tr("Notices about routine files:"))
        visible = bool(problems)
        self.problems.setVisible(visible)
        self.problems_title.setVisible(visible)

    def _on_current_changed(self, current: QListWidgetItem | None,
                            previous: QListWidgetItem | None) -> None:
        item_id = None if current is None else str(current.data(ID_ROLE))
        self._show_detail(item_id)
        if item_id is not None:
            self.selection_changed.emit(item_id)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.start_requested.emit(str(item.data(ID_ROLE)))

    def _on_start_clicked(self) -> None:
        item_id = self.selected_id()
        if item_id is not None:
            self.start_requested.emit(item_id)

    def _refresh_texts(self, item_id: str) -> None:
        """The durations shown for ``item_id`` and in the list, after a dose changed."""
        self._show_total(item_id)
        for row in range(self.list.count()):
            entry = self.list.item(row)
            entry_id = str(entry.data(ID_ROLE))
            target = self.library.programs.get(entry_id) or self.library.routines.get(entry_id)
            if target is not None:
                entry.setText(self._list_text(target))

    def add_start_row_action(self, action: QAction) -> None:
        """A button for ``action`` beside Start (the check-in)."""
        button = ActionButton()  # not QToolButton: see ui/buttons.py
        button.setDefaultAction(action)
        button.setMinimumHeight(44)
        self.start_row.insertWidget(1, button)

    def _show_total(self, item_id: str) -> None:
        self.duration.setText(arg(self.tr("Total time: %1"), self._duration_text(item_id)))

    def _show_detail(self, item_id: str | None, list_too: bool = False) -> None:
        """``item_id``'s detail and total time; ``list_too``: the doses changed, so the
        list's durations too (choosing another item changes none of them: they were
        written when the list was filled, or when a dose last changed)."""
        self.detail.show_item(self.library, item_id)
        known = item_id is not None and (item_id in self.library.routines
                                         or item_id in self.library.programs)
        self.start_button.setEnabled(known)
        if not known:
            self.duration.setText("")
        elif list_too:
            assert item_id is not None
            self._refresh_texts(item_id)
        else:
            assert item_id is not None
            self._show_total(item_id)
