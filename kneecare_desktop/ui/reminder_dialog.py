"""Session → Reminders…: the current person's reminders, set, changed or turned off.

The schedule is checked by the core's rules (``care.reminders.make_schedule``), the same
as ``kneecare reminders set``, and refused with the same words.
"""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.care import reminders as rules
from kneecare_desktop.model import Reminder, ReminderSchedule, Text, Weekday
from kneecare_desktop.ui.inputs import ComboBox
from kneecare_desktop.ui.text import arg

if TYPE_CHECKING:
    from kneecare_desktop.history.store import HistoryStore
    from kneecare_desktop.ui.reminders import ReminderController

NEW = -1
DEFAULT_TIME = time(7, 30)


class ReminderDialog(QDialog):
    saved = Signal()

    def __init__(self, controller: ReminderController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        window = controller.window
        self.lang = controller.lang
        self.person_id = window.people.person_id
        self.setObjectName("reminderDialog")
        self.setWindowTitle(self.tr("Reminders"))
        self.mine = [r for r in controller.reminders if r.person_id == self.person_id]
        self.known: dict[str, Text] = {}
        library = getattr(window, "library", None)
        if library is not None:
            for item in (*library.programs.values(), *library.routines.values()):
                self.known[item.id] = item.title
        from kneecare_desktop.ui.people import display_name

        person = window.people.current
        name = display_name(person, self.tr("Me")) if person is not None else self.tr("Me")
        heading = QLabel(arg(self.tr("Reminders for %1"), name))
        heading.setObjectName("reminderHeading")
        self.choice = ComboBox()
        self.choice.setObjectName("reminderChoice")
        self.choice.setAccessibleName(self.tr("Reminder"))
        for reminder in self.mine:
            schedule = reminder.current
            assert schedule is not None
            self.choice.addItem(self._describe(schedule), reminder.id)
        self.choice.addItem(self.tr("New reminder"), NEW)
        self.choice.setVisible(bool(self.mine))
        self.item = ComboBox()
        self.item.setObjectName("reminderItem")
        self.item.setAccessibleName(self.tr("Routine or program"))
        library = getattr(window, "library", None)
        if library is not None:
            for item_id, title in self.known.items():
                self.item.addItem(title.get(self.lang), item_id)
        self.days: dict[Weekday, QCheckBox] = {}
        days_row = QHBoxLayout()
        for day in Weekday:
            box = QCheckBox(day.short.get(self.lang))
            box.setObjectName(f"day{day.key.title()}")
            box.setAccessibleName(day.short.get(self.lang))
            self.days[day] = box
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.times_row = QHBoxLayout()
        self.time_edits: list[QTimeEdit] = []
        self.add_time = QPushButton(self.tr("Add a time"))
        self.add_time.setObjectName("addTime")
        self.add_time.clicked.connect(lambda: self._add_time(None))
        self.remove_time = QPushButton(self.tr("Remove the last time"))
        self.remove_time.setObjectName("removeTime")
        self.remove_time.clicked.connect(self._remove_time)
        times_box = QVBoxLayout()
        times_box.addLayout(self.times_row)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_time)
        buttons_row.addWidget(self.remove_time)
        buttons_row.addStretch(1)
        times_box.addLayout(buttons_row)
        self.problem = QLabel()
        self.problem.setObjectName("reminderProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c92a2a;")
        self.problem.hide()
        note = QLabel(self.tr(
            "Reminders come while KneeCare is running. In Settings, KneeCare can keep "
            "running when its window is closed, and start when you log in."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Remind me to do"), self.item)
        form.addRow(self.tr("On"), days_row)
        form.addRow(self.tr("At"), times_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.turn_off = self.buttons.addButton(self.tr("Turn this reminder off"),
                                               QDialogButtonBox.ButtonRole.DestructiveRole)
        self.turn_off.setObjectName("turnOff")
        self.turn_off.clicked.connect(self._turn_off)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.choice)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.choice.currentIndexChanged.connect(lambda _index: self._load())
        self._load()

    def _describe(self, schedule: ReminderSchedule) -> str:
        title = self.known.get(schedule.item_id)
        shown = title.get(self.lang) if title else self.controller._title(schedule.item_id)
        return f"{shown}: {rules.schedule_text(schedule).get(self.lang)}"

    def _chosen(self) -> Reminder | None:
        rid = self.choice.currentData()
        return next((r for r in self.mine if r.id == rid), None)

    def _load(self) -> None:
        reminder = self._chosen()
        schedule = reminder.current if reminder is not None else None
        if schedule is None:
            first = next(iter(self.known), "knee-care")  # the first program
            schedule = ReminderSchedule(first, frozenset(Weekday), (DEFAULT_TIME,))
        index = self.item.findData(schedule.item_id)
        self.item.setCurrentIndex(max(0, index))
        for day, box in self.days.items():
            box.setChecked(day in schedule.days)
        while self.time_edits:
            self._remove_time()
        for value in schedule.times:
            self._add_time(value)
        self.turn_off.setVisible(reminder is not None)
        self.problem.hide()

    def _add_time(self, value: time | None) -> None:
        if len(self.time_edits) >= rules.MAX_TIMES_A_DAY:
            return
        if value is None:
            last = self.time_edits[-1].time() if self.time_edits else QTime(7, 30)
            value = time(min(23, last.hour() + 12 if last.hour() < 12 else last.hour()),
                         last.minute())
        edit = QTimeEdit(QTime(value.hour, value.minute))
        edit.setDisplayFormat("HH:mm")
        edit.setObjectName(f"time{len(self.time_edits) + 1}")
        edit.setAccessibleName(arg(self.tr("Time %1"), len(self.time_edits) + 1))
        self.time_edits.append(edit)
        self.times_row.addWidget(edit)
        self._update_time_buttons()

    def _remove_time(self) -> None:
        if not self.time_edits:
            return
        edit = self.time_edits.pop()
        self.times_row.removeWidget(edit)
        edit.deleteLater()
        self._update_time_buttons()

    def _update_time_buttons(self) -> None:
        self.add_time.setEnabled(len(self.time_edits) < rules.MAX_TIMES_A_DAY)
        self.remove_time.setEnabled(len(self.time_edits) > 1)

    def schedule(self) -> ReminderSchedule:
        """The schedule as filled in; raises :class:`rules.ScheduleError`."""
        days = [day for day, box in self.days.items() if box.isChecked()]
        times = [time(e.time().hour(), e.time().minute()) for e in self.time_edits]
        return rules.make_schedule(str(self.item.currentData() or ""), days, times,
                                   self.known or None)

    def _save(self) -> None:
        try:
            schedule = self.schedule()
        except rules.ScheduleError as error:
            self.problem.setText(error.message.get(self.lang))
            self.problem.show()
            return
        from kneecare_desktop.history import reminders as stored

        reminder = self._chosen()
        person_id = self.person_id
        changed = self.controller.now().astimezone(self.controller.zone)
        rid = reminder.id if reminder is not None else None

        def write(store: HistoryStore) -> Reminder:
            return stored.set_reminder(store, person_id, schedule, changed, reminder_id=rid)

        self.controller.window.history.run(write, self._written, self)

    def _written(self, result: Reminder | None) -> None:
        if result is None:
            self.problem.setText(self.tr("The reminder could not be saved to the history."))
            self.problem.show()
            return
        self.saved.emit()
        self.accept()

    def _turn_off(self) -> None:
        reminder = self._chosen()
        if reminder is None:
            return
        from kneecare_desktop.history import reminders as stored

        changed = self.controller.now().astimezone(self.controller.zone)
        rid = reminder.id

        def clear(store: HistoryStore) -> bool:
            stored.clear_reminder(store, rid, changed)
            return True

        self.controller.window.history.run(clear, self._written, self)
